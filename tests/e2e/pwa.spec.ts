import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

// The installable app in Chromium: the service worker keeps what the
// ambassador opened, and shows the offline page, in their language, for what
// it does not have.

async function workerReady(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-service-worker", "ready");
}

async function isCached(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (url) => Boolean(await (await caches.open("wijkwijs-pages")).match(url, { ignoreVary: true })), path);
}

test("after one online visit the start page, a flow and a tip open offline; an unknown page shows the offline page", async ({ page, context, loginAs }) => {
  await loginAs("ambassador", { displayName: "Fatima Offline" });
  await page.goto("/start");
  await workerReady(page);
  // The very first page came from the network before the worker existed; it keeps a copy afterwards.
  await expect.poll(() => isCached(page, "/start")).toBe(true);
  await page.goto("/hulp/phishing");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const flowHeading = await page.getByRole("heading", { level: 1 }).textContent();
  await page.goto("/tips/bank-hang-up-call-back");
  const tipHeading = await page.getByRole("heading", { level: 1 }).textContent();

  await context.setOffline(true);
  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fatima Offline");
  await page.goto("/hulp/phishing");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(flowHeading!);
  await page.goto("/tips/bank-hang-up-call-back");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tipHeading!);

  // Never visited: the offline page, not the browser's error page.
  await page.goto("/hulp/sextortion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await page.goto("/tips?lang=en&onbekend=1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
  await context.setOffline(false);
});
