import { authorizationMatrix, type Who } from "../integration/authorization-matrix.ts";
import { expect, test } from "./fixtures.ts";

// Every page as every role that may open it, in a real browser (table-driven
// over the authorization matrix, so new routes are visited without a new
// test): no Content-Security-Policy violation is reported, and the browser
// requests nothing from any origin other than the app's own (privacy rule 4).

const whos: Who[] = ["anonymous", "ambassador", "coordinator", "police", "admin"];

// Pages are the .tsx route modules; .ts ones are resource routes (JSON, images,
// downloads, text). Logging out is a page but would end the walk.
const isPage = (file: string) => file.endsWith(".tsx") && file !== "routes/logout.tsx";

for (const who of whos) {
  test(`every page as ${who}: no CSP violation, no third-party request`, async ({ page, loginAs, services, baseURL }) => {
    test.slow();
    if (who !== "anonymous") await loginAs(who);
    const own = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol === "data:" || url.protocol === "blob:") return;
      if (url.origin !== own) foreign.push(`${request.url()} (from ${page.url()})`);
    });
    const consoleViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleViolations.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });

    const visited: string[] = [];
    for (const [file, entry] of Object.entries(authorizationMatrix)) {
      if (!isPage(file) || entry.get[who] !== "allow") continue;
      const path = entry.prepare ? await entry.prepare(services as never) : entry.path;
      await page.goto(path);
      await page.waitForLoadState("load");
      const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      expect(violations, `CSP violations on ${path}`).toEqual([]);
      visited.push(path);
    }
    expect(visited.length).toBeGreaterThan(3);
    expect(consoleViolations).toEqual([]);
    expect(foreign).toEqual([]);
  });
}
