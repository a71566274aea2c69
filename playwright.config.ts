import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./tests/support/chromium.ts";

const executablePath = await findChromium();

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  // Generous: the machine is shared (2 cores; CI runs the server, the browser and the database together).
  timeout: 60_000,
  expect: { timeout: 7_000 },
  // 2 cores: the server and one browser per worker.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
});
