import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { wijkId } from "#app/features/areas/area-file.ts";
import { languages, textDirection, type Language } from "#app/i18n/languages.ts";
import { isSelected, namespacesOf, pageStrings } from "#app/i18n/page-strings.ts";
import { projectRoot } from "#server/services.ts";
import { TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { expect, expectNoAxeViolations, test, type E2EServices } from "./fixtures.ts";

// Every page an ambassador uses, in each of the six languages, as an
// ambassador whose saved language it is (and logging in and accepting an
// invitation as a visitor whose browser speaks it): the page is in that
// language with its direction, nothing in it is Dutch UI text, whatever is in
// another language keeps its own direction, and it passes axe-core.

/** Dutch UI sentences of the ambassador pages (three words or more, without placeholders): none may show on a page in another language. */
function dutchSentences(): string[] {
  const sentences = new Set<string>();
  const walk = (value: unknown, key: string, namespace: string) => {
    if (value && typeof value === "object") {
      for (const [child, inner] of Object.entries(value)) walk(inner, key ? `${key}.${child}` : child, namespace);
      return;
    }
    const selection = pageStrings.ambassador[namespace]!;
    if (typeof value !== "string" || !isSelected(selection, key.replace(/_(zero|one|two|few|many|other)$/, ""))) return;
    for (const part of value.split(/\{\{[^}]+\}\}/)) {
      const text = part.trim().replace(/^[.,:;–-]\s*|\s*[.,:;–(-]$/g, "");
      if (text.split(/\s+/).length >= 3) sentences.add(text);
    }
  };
  for (const namespace of namespacesOf("ambassador")) {
    walk(JSON.parse(readFileSync(path.join(projectRoot, "app", "locales", "nl", `${namespace}.json`), "utf8")), "", namespace);
  }
  return [...sentences];
}
const dutch = dutchSentences();

async function expectPageIn(page: Page, language: Language, label: string): Promise<void> {
  const html = page.locator("html");
  await expect(html, label).toHaveAttribute("lang", language);
  await expect(html, label).toHaveAttribute("dir", textDirection(language));
  // Text in another language than the page is marked as such and runs in its own direction.
  const misdirected = await page.evaluate(() =>
    [...document.querySelectorAll("[lang]")]
      .filter((element) => ["nl", "en", "tr", "ar", "pl", "uk"].includes(element.getAttribute("lang")!))
      .filter((element) => getComputedStyle(element).direction !== (element.getAttribute("lang") === "ar" ? "rtl" : "ltr"))
      .map((element) => `${element.tagName.toLowerCase()}[lang=${element.getAttribute("lang")}]: ${element.textContent?.slice(0, 40)}`),
  );
  expect(misdirected, `${label}: text in a direction not its own`).toEqual([]);
  if (language !== "nl" && language !== "en") {
    const text = await page.locator("body").innerText();
    expect(
      dutch.filter((sentence) => text.includes(sentence)),
      `${label}: Dutch text on a page in ${language}`,
    ).toEqual([]);
  }
  await expectNoAxeViolations(page, label);
}

/** A current warning for the organisation's wijk, as a coordinator would publish it (typed in Dutch). */
async function insertWarning(services: E2EServices, wijk: string): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await services.db
    .insertInto("warnings")
    .values({
      id,
      municipality_id: services.municipality.id,
      title: "Nepsms over een pakketje",
      body: "Niet op de link klikken.",
      phenomenon: "phishing",
      flow_id: "phishing",
      expires_on: new Date(now.getTime() + 7 * 86400_000).toISOString().slice(0, 10),
      created_by: null,
      created_at: now.toISOString(),
    })
    .execute();
  await services.db.insertInto("warning_wijken").values({ warning_id: id, wijk_id: wijk }).execute();
  return id;
}

/** An open invitation to the organisation (stored as invitations.server.ts stores them: the token's SHA-256). */
async function insertInvitation(services: E2EServices, organisationId: string, invitedBy: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = new Date();
  await services.db
    .insertInto("invitations")
    .values({
      id: randomUUID(),
      token_hash: createHash("sha256").update(token).digest("hex"),
      municipality_id: services.municipality.id,
      email: `uitgenodigd-${randomUUID().slice(0, 8)}@test.wijkwijs.nl`,
      organisation_id: organisationId,
      role: "ambassador",
      invited_by: invitedBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 7 * 86400_000).toISOString(),
      accepted_at: null,
      accepted_user_id: null,
      revoked_at: null,
    })
    .execute();
  return `/uitnodiging/${token}`;
}

test.describe.parallel("the ambassador's pages in every language", () => {
  for (const language of languages) {
    test(`in ${language}: every page is in ${language}, ${textDirection(language)}, and passes axe-core`, async ({
      page,
      browser,
      baseURL,
      loginAs,
      makeUser,
      makeOrganisation,
      services,
    }) => {
      // About twenty pages with axe-core each, the library with its many cards among them.
      test.setTimeout(300_000);
      // A name of its own: the organisation is public on /ambassadeurs, which other tests read in the same database.
      const organisation = await makeOrganisation({ name: `Bibliotheek Taalhuis ${language} ${randomBytes(3).toString("hex")}` });
      const me = await loginAs("ambassador", { organisationId: organisation.id, displayName: "Fatima" });
      await services.db.updateTable("users").set({ language }).where("id", "=", me.id).execute();
      const signal = await createSignal(services, {
        sender: { id: me.id, organisationId: organisation.id },
        freeText: "Oudere leden krijgen sms'jes over een pakketje.",
      });
      const warning = await insertWarning(services, wijkId(services.municipality.slug, "Moerwijk"));

      const pages = [
        "/start",
        "/signalen/nieuw",
        "/mijn-signalen",
        `/mijn-signalen/${signal.id}`,
        "/delen",
        "/delen/hulp/phishing",
        "/delen/hulp/phishing/poster",
        "/bereik",
        `/waarschuwingen/${warning}`,
        "/account",
        "/account/inlogmethoden",
        "/account/verwijderen",
        "/welkom",
        "/welkom?stap=4",
        "/training",
        "/training/recognise-phishing",
        "/mijn-overzicht",
        "/uitloggen",
        `/offline/${language}.html`,
      ];
      for (const path of pages) {
        await page.goto(path);
        await expectPageIn(page, language, `${path} in ${language}`);
      }

      // The signal form with its errors and the preview of what is sent.
      await page.goto("/signalen/nieuw");
      await page.locator("#signal-text").fill("Bel mevrouw Jansen op 06-12345678 terug.");
      await expect(page.getByTestId("signal-preview")).not.toContainText("06-12345678");
      await page.locator('button[value="send"]').click();
      await expect(page.locator("#signal-errors")).toBeVisible();
      await expectPageIn(page, language, `the signal form with errors in ${language}`);

      // Logging in and accepting an invitation, as a visitor whose browser speaks the language.
      const coordinator = await makeUser("coordinator");
      const invitation = await insertInvitation(services, organisation.id, coordinator.id);
      const context = await browser.newContext({ baseURL, locale: language === "uk" ? "uk-UA" : language });
      const visitor = await context.newPage();
      await visitor.goto("/inloggen");
      await expectPageIn(visitor, language, `/inloggen in ${language}`);
      await visitor.locator('input[name="email"]').fill(me.email);
      await visitor.locator('input[name="password"]').fill(`${TEST_PASSWORD} (wrong)`);
      await visitor.locator("form.form-stack button").click();
      await expect(visitor.locator("#login-error")).toBeVisible();
      await expectPageIn(visitor, language, `/inloggen with an error in ${language}`);
      await visitor.goto(invitation);
      await expectPageIn(visitor, language, `an open invitation in ${language}`);
      await context.close();
    });
  }
});

test("staff logging in on a login page in Arabic go on to the second step in English, left to right", async ({ browser, baseURL, makeUser }) => {
  const coordinator = await makeUser("coordinator");
  const context = await browser.newContext({ baseURL, locale: "ar" });
  const page = await context.newPage();
  await page.goto("/inloggen");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.locator('input[name="email"]').fill(coordinator.email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator("form.form-stack button").click();
  // A client-side navigation: the second step's strings are loaded before it shows.
  await expect(page).toHaveURL(/\/tweede-stap/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Second step");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeAttached();
  await context.close();
});
