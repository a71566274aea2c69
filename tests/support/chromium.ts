import { existsSync } from "node:fs";

// Browsers cannot be downloaded in CI here: the end-to-end tests use the
// machine's Chromium (Debian's /usr/bin/chromium), else Playwright's own if
// one was installed, and say plainly what to do when there is none.

const systemCandidates = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export async function findChromium(): Promise<string | undefined> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const system = systemCandidates.find((candidate) => existsSync(candidate));
  if (system) return system;
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright's own browser is optional.
  }
  return undefined;
}

export function missingChromiumMessage(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  return [
    fromEnv ? `CHROMIUM_PATH is set to ${fromEnv}, but there is no browser there.` : "No Chromium found for the end-to-end tests.",
    "Install one of:",
    "  - Debian/Ubuntu: sudo apt-get install -y chromium      (bash .ci/run does this)",
    "  - Playwright's own: npx playwright install chromium     (needs internet)",
    "or point CHROMIUM_PATH at a Chrome or Chromium binary.",
  ].join("\n");
}
