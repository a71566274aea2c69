import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage } from "#tests/support/chromium.ts";

// The JavaScript a browser really fetches to show a page and make it
// interactive: every script it asked for from the first request until the
// page said it had hydrated (html[data-hydrated], set by app/root.tsx).
// What the page fetches after that for later pages (the other namespaces'
// strings, decision 0012) is not counted. Unlike the HTML-based count in payload.ts this includes
// what the page imports on its own before hydrating (its strings), which is
// what the ambassador home's budget is about. Each file is gzipped at level 9,
// as payload.ts does, so the figures compare.

export interface BrowserScripts {
  jsGzip: number;
  files: number;
  /** The largest files, largest first: what to look at when the budget is missed. */
  largest: { path: string; gzip: number }[];
}

export async function scriptsFetchedBy(url: string, headers: Record<string, string> = {}): Promise<BrowserScripts> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(missingChromiumMessage());
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    // No service worker: a first visit, and every script comes from the network where we can see it.
    const context = await browser.newContext({ extraHTTPHeaders: headers, serviceWorkers: "block" });
    const page = await context.newPage();
    // The moment React hydrated, on the page's own clock, to compare with the resource timings.
    await page.addInitScript(() => {
      new MutationObserver((_changes, observer) => {
        if (document.documentElement.dataset.hydrated) {
          (window as unknown as { __hydratedAt: number }).__hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
    });
    const pending: Promise<{ path: string; gzip: number } | null>[] = [];
    page.on("response", (response) => {
      const type = response.request().resourceType();
      if (type !== "script") return;
      pending.push(
        response.body().then(
          (body) => ({ path: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length }),
          () => null,
        ),
      );
    });
    const answer = await page.goto(url, { waitUntil: "networkidle" });
    if (!answer || answer.status() !== 200) throw new Error(`${url} answered ${answer?.status()} in the browser`);
    await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    const beforeHydration = new Set(
      await page.evaluate(() => {
        const at = (window as unknown as { __hydratedAt?: number }).__hydratedAt ?? Infinity;
        return performance
          .getEntriesByType("resource")
          .filter((entry) => entry.startTime <= at)
          .map((entry) => new URL(entry.name).pathname);
      }),
    );
    const files = (await Promise.all(pending)).filter((file): file is { path: string; gzip: number } => file !== null && beforeHydration.has(file.path));
    const unique = new Map(files.map((file) => [file.path, file]));
    const list = [...unique.values()].sort((a, b) => b.gzip - a.gzip);
    return { jsGzip: list.reduce((sum, file) => sum + file.gzip, 0), files: list.length, largest: list.slice(0, 5) };
  } finally {
    await browser.close();
  }
}
