import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

test.describe("pages in the visitor's language", () => {
  test("the language switch keeps the visitor's place and sets lang", async ({ page }) => {
    await page.goto("/inloggen?terug=%2Fstart");
    await page.getByRole("navigation", { name: "Kies een taal" }).getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/inloggen\?terug=%2Fstart&lang=en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  });

  test("Arabic pages are right-to-left", async ({ page }) => {
    await page.goto("/?lang=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("الأمان الرقمي في الحي");
  });

  test("the browser's language is used when the URL names none", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/inloggen");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
    await context.close();
  });

  test("an unknown page says so, in the visitor's language, with status 404", async ({ page }) => {
    const response = await page.goto("/bestaat-niet?lang=en");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  });
});

test.describe("no Content-Security-Policy violations and working hydration", () => {
  test("a hydrated page runs its scripts under the policy", async ({ page, loginAs }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await loginAs("coordinator");
    await page.goto("/beheer/uitnodigingen");
    // Client-side navigation only works when React hydrated.
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Logboek" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logboek");
    await expect(page.getByRole("link", { name: "Logboek" })).toHaveAttribute("aria-current", "page");
    expect(violations).toEqual([]);
  });
});

test.describe("accessibility (axe-core)", () => {
  const publicPages = ["/", "/?lang=ar", "/inloggen", "/inloggen?lang=en", "/uitnodiging/bestaat-niet-0000000000", "/bestaat-niet"];
  for (const path of publicPages) {
    test(`public page ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test("the login page with errors", async ({ page }) => {
    await page.goto("/inloggen");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByText("Vul dit veld in.").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("an open invitation", async ({ page, loginAs, makeOrganisation, browser, baseURL }) => {
    const organisation = await makeOrganisation();
    await loginAs("coordinator");
    await page.goto("/beheer/uitnodigingen");
    await page.getByLabel("E-mailadressen").fill(`axe-${Date.now()}@example.nl`);
    await page.getByLabel("Organisatie", { exact: true }).selectOption(organisation.id);
    await page.getByRole("button", { name: "Uitnodigingen maken" }).click();
    const link = (await page.getByTestId("invitation-link").textContent())!.trim();
    await expectNoAxeViolations(page, "invitations page with a new invitation");
    const context = await browser.newContext({ baseURL });
    const invitee = await context.newPage();
    await invitee.goto(link);
    await expectNoAxeViolations(invitee, "accept invitation");
    await context.close();
  });

  const staffPages: { role: "ambassador" | "coordinator" | "police" | "admin"; paths: string[] }[] = [
    { role: "ambassador", paths: ["/start", "/account"] },
    { role: "coordinator", paths: ["/start", "/beheer/ambassadeurs", "/beheer/audit", "/account"] },
    { role: "police", paths: ["/start"] },
    { role: "admin", paths: ["/start", "/beheer/gebruikers", "/beheer/audit?lang=en"] },
  ];
  for (const { role, paths } of staffPages) {
    test(`${role} pages`, async ({ page, loginAs }) => {
      // axe over the users table (one row per account the suite made, with its buttons) takes a while.
      test.slow(role === "admin" || role === "coordinator", "axe-core over long administration tables");
      await loginAs(role);
      for (const path of paths) {
        await page.goto(path);
        await expectNoAxeViolations(page, `${path} as ${role}`);
      }
    });
  }
});
