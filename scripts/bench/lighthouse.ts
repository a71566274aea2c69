import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage } from "#tests/support/chromium.ts";

// Lighthouse with its default mobile settings (simulated throttling, so the
// scores depend little on how busy the machine is), driving the machine's
// Chromium.

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
}

/** Lighthouse asks to be run again when a trace goes wrong on a busy machine: one retry. */
export async function runLighthouse(url: string, headers: Record<string, string> = {}): Promise<LighthouseScores> {
  try {
    return await runOnce(url, headers);
  } catch (error) {
    process.stdout.write(`Lighthouse failed once (${error instanceof Error ? error.message : String(error)}); running it again\n`);
    return runOnce(url, headers);
  }
}

async function runOnce(url: string, headers: Record<string, string>): Promise<LighthouseScores> {
  const chromePath = await findChromium();
  if (!chromePath) throw new Error(missingChromiumMessage());
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      extraHeaders: headers,
    });
    const categories = result?.lhr.categories;
    const score = (id: string) => {
      const value = categories?.[id]?.score;
      if (typeof value !== "number") throw new Error(`Lighthouse gave no ${id} score for ${url}: ${result?.lhr.runtimeError?.message ?? "unknown"}`);
      return Math.round(value * 100);
    };
    return { performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), seo: score("seo") };
  } finally {
    chrome.kill();
  }
}
