import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { injectManifest } from "workbox-build";
import { offlinePageHtml, type OfflineStrings } from "./offline-page.ts";
import { languages, textDirection } from "#app/i18n/languages.ts";

// Runs at the end of `react-router build` (react-router.config.ts, buildEnd):
// bundles the page script and the service worker, writes the offline pages,
// and lets Workbox put the list of files to precache into the worker.

const root = path.resolve(import.meta.dirname, "..", "..");

export const PRECACHE_PATTERNS = ["assets/**/*.{js,css,woff,woff2,svg,png}", "icons/*.png", "favicon.ico", "manifest.webmanifest", "offline/*.html", "pwa.js"];

export async function buildServiceWorker(clientDirectory: string, options: { offlinePages?: boolean } = {}): Promise<{ count: number; size: number }> {
  await build({
    entryPoints: [path.join(root, "app", "sw", "register.ts")],
    outfile: path.join(clientDirectory, "pwa.js"),
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    logLevel: "warning",
  });

  if (options.offlinePages !== false) writeOfflinePages(clientDirectory);

  const temporary = path.join(os.tmpdir(), `wijkwijs-sw-${process.pid}-${Date.now()}.js`);
  try {
    await build({
      entryPoints: [path.join(root, "app", "sw", "service-worker.ts")],
      outfile: temporary,
      bundle: true,
      format: "iife",
      target: "es2022",
      minify: true,
      // Workbox logs in development builds only.
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "warning",
    });
    const result = await injectManifest({
      swSrc: temporary,
      swDest: path.join(clientDirectory, "sw.js"),
      globDirectory: clientDirectory,
      globPatterns: PRECACHE_PATTERNS,
      globIgnores: [".vite/**", "sw.js"],
      // File names under assets/ carry their content hash already.
      dontCacheBustURLsMatching: /^assets\//,
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    });
    for (const warning of result.warnings) process.stderr.write(`service worker: ${warning}\n`);
    return { count: result.count, size: result.size };
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** One static offline page per language, styled by the app's own stylesheet. */
function writeOfflinePages(clientDirectory: string): void {
  const directory = path.join(clientDirectory, "offline");
  mkdirSync(directory, { recursive: true });
  const stylesheets = rootStylesheets(clientDirectory);
  const dutch = readStrings("nl") as OfflineStrings;
  for (const language of languages) {
    const strings: OfflineStrings = { ...dutch, ...readStrings(language) } as OfflineStrings;
    writeFileSync(
      path.join(directory, `${language}.html`),
      offlinePageHtml({ language, direction: textDirection(language), stylesheets, strings }),
    );
  }
}

function readStrings(language: string): Partial<OfflineStrings> {
  const file = path.join(root, "app", "locales", language, "pwa.json");
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, "utf8")) as { offline?: Partial<OfflineStrings> }).offline ?? {};
}

/** The stylesheets every page loads (the root route's), from Vite's manifest of the client build. */
function rootStylesheets(clientDirectory: string): string[] {
  const manifestFile = path.join(clientDirectory, ".vite", "manifest.json");
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, { css?: string[] }>;
    const css = manifest["app/root.tsx"]?.css;
    if (css?.length) return css.map((file) => `/${file}`);
  }
  return readdirSync(path.join(clientDirectory, "assets"))
    .filter((file) => /^root-.*\.css$/.test(file))
    .map((file) => `/assets/${file}`);
}
