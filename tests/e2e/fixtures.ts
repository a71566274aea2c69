import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Kysely } from "kysely";
import { systemClock } from "#app/clock.ts";
import { loadConfig } from "#app/config.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { SESSION_COOKIE } from "#app/features/auth/session.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "../support/fixtures.ts";

// Playwright fixtures in the Epic Stack's manner: a database handle on the
// same database the app uses, quick ways to make people and log them in, and
// an accessibility check.

export type E2EServices = Pick<AppServices, "db" | "clock" | "config" | "municipality">;

interface WorkerFixtures {
  services: E2EServices;
}

interface TestFixtures {
  /** Creates a user and logs the browser context in as them (no login form). */
  loginAs: (role: Role, options?: { organisationId?: string; displayName?: string }) => Promise<TestUser>;
  makeUser: (role: Role, options?: { organisationId?: string; displayName?: string }) => Promise<TestUser>;
  makeOrganisation: (options?: { name?: string; wijk?: string }) => Promise<{ id: string; name: string; code: string }>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run the tests through `npm run test:e2e`.");
    await use(url);
  },
  services: [
    async ({}, use) => {
      const db: Kysely<Database> = createDatabase(parseDatabaseUrl(process.env.E2E_DATABASE_URL), { poolSize: 2 });
      const municipality = await db.selectFrom("municipalities").selectAll().executeTakeFirstOrThrow();
      await use({
        db,
        clock: systemClock,
        config: loadConfig({ APP_ENV: "test" }),
        municipality: {
          id: municipality.id,
          slug: municipality.slug,
          name: municipality.name,
          suppressionThreshold: municipality.suppression_threshold,
        },
      });
      await db.destroy();
    },
    { scope: "worker" },
  ],
  makeUser: async ({ services }, use) => {
    await use((role, options = {}) => createUser(services, { role, ...options }));
  },
  makeOrganisation: async ({ services }, use) => {
    await use((options = {}) => createOrganisation(services, options));
  },
  loginAs: async ({ services, context, baseURL }, use) => {
    await use(async (role, options = {}) => {
      const user = await createUser(services, { role, ...options });
      await addSessionCookie(context, baseURL!, await createSessionToken(services, user));
      return user;
    });
  },
});

export async function addSessionCookie(context: BrowserContext, baseURL: string, token: string): Promise<void> {
  // domain + path (not url): CDP refuses a __Host- cookie given with an http URL,
  // though Chromium itself accepts it from http://localhost, a secure context.
  await context.addCookies([
    { name: SESSION_COOKIE, value: token, domain: new URL(baseURL).hostname, path: "/", httpOnly: true, secure: true, sameSite: "Lax" },
  ]);
}

export async function logInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/**
 * Waits until the page is what a person sees: loaded, every stylesheet
 * applied, the fonts in, and React hydrated on pages that carry React (the
 * root layout marks <html data-hydrated> once it has). Conditions only, never
 * time: on a busy machine this takes as long as it takes.
 */
export async function pageReady(page: Page, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(
    () => {
      if (document.readyState !== "complete") return false;
      if (document.fonts.status !== "loaded") return false;
      for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
        try {
          if (!link.sheet || link.sheet.cssRules.length === 0) return false;
        } catch {
          return false;
        }
      }
      const carriesReact = "__reactRouterContext" in window;
      return !carriesReact || document.documentElement.dataset.hydrated === "true";
    },
    undefined,
    { timeout: options.timeout ?? 30_000 },
  );
}

/** The page script has registered the service worker, which controls the page and holds what it was asked to keep. */
export async function workerReady(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-service-worker", "ready", { timeout: 30_000 });
}

/** Whether the service worker keeps a copy of a page for offline use. */
export async function isCached(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (url) => Boolean(await (await caches.open("wijkwijs-pages")).match(url, { ignoreVary: true })), path);
}

/** axe-core on the current page, once it is ready: no violations of WCAG 2.x A/AA. */
export async function expectNoAxeViolations(page: Page, label?: string): Promise<void> {
  await pageReady(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${label ?? page.url()}`).toEqual([]);
}

export { expect };
