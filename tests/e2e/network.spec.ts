import { SESSION_COOKIE } from "#app/features/auth/session.server.ts";
import type { Browser, Locator, Page } from "@playwright/test";
import { addSessionCookie, expect, expectNoAxeViolations, logInWithForm, test, type E2EServices } from "./fixtures.ts";

// Running the network as a coordinator does in the browser, and the public
// page residents use to find an ambassador nearby.

/** axe-core runs inside the page, so pages tested without JavaScript are checked in a second context that has it. */
async function expectNoAxeViolationsAt(browser: Browser, baseURL: string, path: string): Promise<void> {
  // Playwright hands a test's own options (javaScriptEnabled: false) to new contexts too: say it explicitly.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto(path);
  await expectNoAxeViolations(page, path);
  await context.close();
}

/**
 * The demo's library on /ambassadeurs, found by its address: other tests add
 * organisations with the same or a longer name to the shared database, so the
 * name alone does not say which card is the demo's.
 */
async function demoLibrary(page: Page, services: E2EServices): Promise<Locator> {
  const { address } = await services.db.selectFrom("organisations").select("address").where("code", "=", "bieb-moerwijk").executeTakeFirstOrThrow();
  const card = page.getByTestId("location").filter({ hasText: address });
  await expect(card).toHaveCount(1);
  return card;
}

test.describe("a coordinator runs the network", () => {
  test("create an organisation, invite three at once, one accepts, the roster updates, switching them off ends their session", async ({
    page,
    browser,
    baseURL,
    loginAs,
  }) => {
    // A whole journey in two browsers: more time than one page needs on a shared machine.
    test.slow();
    const stamp = Date.now();
    const name = `Sportclub Netwerk ${stamp}`;
    await loginAs("coordinator");
    await page.goto("/beheer/organisaties");
    await page.getByLabel("Naam").fill(name);
    await page.getByLabel("Soort organisatie").selectOption({ label: "Sportclub" });
    await page.getByLabel("Wijk").selectOption({ label: "Vogelwijk" });
    await page.getByLabel("Adres voor bewoners").fill("Clubweg 1, 2555 AA Den Haag");
    await page.getByLabel("Inlooptijden").fill("Kantine: zaterdag 10:00–12:00");
    await page.getByRole("group", { name: "Talen die ambassadeurs hier spreken" }).getByLabel("Turks").check();
    await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("status")).toHaveText(/De organisatie is toegevoegd/);
    await expect(page.getByTestId("public-listing")).toHaveText("Nog niet: de organisatie heeft nog geen actieve ambassadeur.");

    await page.getByRole("link", { name: /nodig ambassadeurs uit/ }).click();
    const addresses = [`een-${stamp}@example.nl`, `twee-${stamp}@example.nl`, `drie-${stamp}@example.nl`];
    await page.getByLabel("E-mailadressen").fill(addresses.join("\n"));
    await expect(page.getByLabel("Organisatie", { exact: true })).toHaveValue(/.+/);
    await page.getByRole("button", { name: "Uitnodigingen maken" }).click();
    await expect(page.getByText("3 uitnodigingen gemaakt")).toBeVisible();
    await expect(page.getByTestId("invitation-link")).toHaveCount(3);
    const link = (await page.locator(`[data-testid="invitation-link"][data-email="${addresses[1]}"]`).textContent())!.trim();
    for (const address of addresses) await expect(page.getByRole("row", { name: new RegExp(address) })).toContainText("open");

    const volunteer = await browser.newContext({ baseURL });
    const phone = await volunteer.newPage();
    await phone.goto(link);
    await expect(phone.getByText(`digitale ambassadeur bij ${name}`)).toBeVisible();
    await phone.getByLabel("Uw naam").fill("Twan");
    await phone.getByLabel("Kies een wachtwoord").fill("twee keer per week voetbal");
    await phone.getByLabel("Herhaal het wachtwoord").fill("twee keer per week voetbal");
    await phone.getByRole("button", { name: "Account maken" }).click();
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Welkom als digitale ambassadeur");
    await expect(phone.getByText("Stap 1 van 4")).toBeVisible();

    await page.goto("/beheer/organisaties");
    await page.getByRole("link", { name }).click();
    await expect(page.getByTestId("public-listing")).toHaveText("Ja, bewoners vinden deze organisatie.");
    await page.getByRole("link", { name: /1 actieve ambassadeur/ }).click();
    const row = page.getByRole("row", { name: new RegExp(addresses[1]!) });
    await expect(row).toContainText("Twan");
    await expect(row).toContainText("actief");
    await expect(page.getByRole("row")).toHaveCount(2);
    await row.getByRole("button", { name: "Account uitzetten" }).click();
    await expect(page.getByRole("status")).toHaveText(/Het account staat uit/);
    await expect(page.getByRole("row", { name: new RegExp(addresses[1]!) })).toContainText("uitgezet");

    await phone.goto("/start");
    await expect(phone).toHaveURL(/\/inloggen\?terug=%2Fstart$/);
    await logInWithForm(phone, addresses[1]!, "twee keer per week voetbal");
    await expect(phone.getByRole("alert")).toHaveText(/Uw account staat uit/);
    await volunteer.close();
  });

  test("a revoked or expired invitation link says so and creates no account", async ({ page, browser, baseURL, loginAs, makeOrganisation, services }) => {
    const organisation = await makeOrganisation({ name: `Bieb Ingetrokken ${Date.now()}` });
    const revokedAddress = `ingetrokken-${Date.now()}@example.nl`;
    const expiredAddress = `verlopen-${Date.now()}@example.nl`;
    await loginAs("coordinator");
    await page.goto(`/beheer/uitnodigingen?organisatie=${organisation.id}`);
    await page.getByLabel("E-mailadressen").fill(`${revokedAddress}, ${expiredAddress}`);
    await page.getByRole("button", { name: "Uitnodigingen maken" }).click();
    const revokedLink = (await page.locator(`[data-email="${revokedAddress}"]`).textContent())!.trim();
    const expiredLink = (await page.locator(`[data-email="${expiredAddress}"]`).textContent())!.trim();
    await page.getByRole("row", { name: new RegExp(revokedAddress) }).getByRole("button", { name: /Intrekken/ }).click();
    await expect(page.getByRole("status")).toHaveText(/De uitnodiging is ingetrokken/);
    // Time cannot be moved in a running server: the invitation's validity is ended in the database instead.
    await services.db.updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", expiredAddress).execute();

    const stranger = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const visit = await stranger.newPage();
    for (const [link, message] of [
      [revokedLink, "Deze uitnodiging is ingetrokken."],
      [expiredLink, "Deze uitnodiging is verlopen"],
    ] as const) {
      const response = await visit.goto(link);
      expect(response?.status()).toBe(410);
      await expect(visit.getByRole("heading", { level: 1 })).toHaveText("Deze uitnodiging werkt niet");
      await expect(visit.getByText(message)).toBeVisible();
      await expect(visit.getByLabel("Kies een wachtwoord")).toHaveCount(0);
    }
    await stranger.close();
    await expectNoAxeViolationsAt(browser, baseURL!, new URL(expiredLink).pathname);
    const accounts = await services.db.selectFrom("users").select("id").where("email", "in", [revokedAddress, expiredAddress]).execute();
    expect(accounts).toEqual([]);

    await page.goto(`/beheer/uitnodigingen?organisatie=${organisation.id}`);
    await expect(page.getByRole("row", { name: new RegExp(revokedAddress) })).toContainText("ingetrokken");
    await expect(page.getByRole("row", { name: new RegExp(expiredAddress) })).toContainText("verlopen");
  });
});

test.describe("find an ambassador, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("lists open organisations with their hours, filters by wijk and language, and passes axe-core", async ({
    page,
    browser,
    baseURL,
    makeOrganisation,
    makeUser,
    services,
  }) => {
    const stamp = Date.now();
    const open = await makeOrganisation({ name: `Wijkhuis Vruchtenbuurt ${stamp}`, wijk: "Vruchtenbuurt" });
    const polish = await makeOrganisation({ name: `Bieb Vruchtenbuurt ${stamp}`, wijk: "Vruchtenbuurt" });
    const archived = await makeOrganisation({ name: `Gesloten Vruchtenbuurt ${stamp}`, wijk: "Vruchtenbuurt" });
    for (const [organisation, languages, hours] of [
      [open, "nl,tr", "Maandag 09:00–11:00"],
      [polish, "nl,pl", "Woensdag 14:00–16:00"],
      [archived, "nl,pl", "Nooit meer"],
    ] as const) {
      await services.db.updateTable("organisations").set({ languages, walk_in_hours: hours }).where("id", "=", organisation.id).execute();
      await makeUser("ambassador", { organisationId: organisation.id });
    }
    await services.db.updateTable("organisations").set({ archived_at: new Date().toISOString() }).where("id", "=", archived.id).execute();
    await services.db.updateTable("organisations").set({ phone: "070-123 45 67" }).where("id", "=", open.id).execute();

    await page.goto("/ambassadeurs");
    // No scripts: residents get neither React nor the service worker's page script.
    await expect(page.locator("script")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vind een ambassadeur bij u in de buurt");
    // The demo's locations are there too, grouped by stadsdeel and wijk.
    await expect(page.getByRole("heading", { level: 2, name: "Stadsdeel Escamp" })).toBeVisible();
    await expect((await demoLibrary(page, services)).getByRole("heading", { level: 4, name: "Bibliotheek Moerwijk", exact: true })).toBeVisible();
    await expectNoAxeViolationsAt(browser, baseURL!, "/ambassadeurs");

    await page.getByLabel("Wijk").selectOption({ label: "Vruchtenbuurt" });
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page).toHaveURL(/\/ambassadeurs\?wijk=den-haag-wk-vruchtenbuurt&taal=$/);
    // Only the chosen wijk; of this test's own places (other tests and repeats add more), the two open ones.
    await expect(page.getByRole("heading", { level: 3 })).toHaveText(["Vruchtenbuurt"]);
    const locations = page.getByTestId("location");
    const mine = locations.filter({ hasText: String(stamp) });
    await expect(mine).toHaveCount(2);
    await expect(locations.filter({ hasText: open.name })).toContainText("Maandag 09:00–11:00");
    await expect(locations.filter({ hasText: open.name })).toContainText("Nederlands, Turks");
    await expect(page.getByText(archived.name)).toHaveCount(0);

    await page.getByLabel("Taal", { exact: true }).selectOption({ label: "Pools" });
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(mine).toHaveCount(1);
    await expect(locations.filter({ hasNotText: "Pools" })).toHaveCount(0);
    await expect(mine).toContainText(polish.name);
    await expect(mine).toContainText("Woensdag 14:00–16:00");
    await expect(mine.getByRole("link", { name: /Open in uw kaart-app/ })).toHaveAttribute("href", /^geo:0,0\?q=/);
    await expectNoAxeViolationsAt(browser, baseURL!, new URL(page.url()).pathname + new URL(page.url()).search);

    // A resident who came through the open place's share link sees it first, with its phone number to tap.
    await page.goto(`/ambassadeurs?via=${open.code}`);
    const via = page.getByTestId("via");
    await expect(via.getByRole("heading", { level: 2 })).toHaveText(`U kwam via ${open.name}`);
    await expect(via.getByRole("link", { name: "070-123 45 67" })).toHaveAttribute("href", "tel:0701234567");
    await expectNoAxeViolationsAt(browser, baseURL!, `/ambassadeurs?via=${open.code}&lang=ar`);
  });

  test("works in Arabic, right to left, and keeps the language when filtering", async ({ page, browser, baseURL, services }) => {
    await page.goto("/ambassadeurs?lang=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("اعثر على سفير رقمي بالقرب منك");
    await page.getByLabel("الحي").selectOption({ label: "Moerwijk" });
    await page.getByRole("button", { name: "بحث" }).click();
    await expect(page).toHaveURL(/lang=ar/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect((await demoLibrary(page, services)).getByRole("heading", { level: 4, name: "Bibliotheek Moerwijk", exact: true })).toBeVisible();
    await expectNoAxeViolationsAt(browser, baseURL!, new URL(page.url()).pathname + new URL(page.url()).search);
  });
});

test.describe("an ambassador's own data", () => {
  test("downloads the export and deletes the account", async ({ page, context, baseURL, makeOrganisation, makeUser, services }) => {
    // A whole journey with several axe-core runs: more time than one page needs on a shared machine.
    test.slow();
    const organisation = await makeOrganisation({ name: `Bieb Eigen ${Date.now()}`, wijk: "Zorgvliet" });
    const other = await makeUser("ambassador", { organisationId: organisation.id, displayName: `Andere ${Date.now()}` });
    const me = await makeUser("ambassador", { organisationId: organisation.id, displayName: "Ikzelf" });
    await logInWithForm(page, me.email, me.password);
    await expect(page).toHaveURL(/\/start$/);
    await page.goto("/account");
    await expectNoAxeViolations(page, "account page");
    // Stadsdelen without a chosen wijk start folded.
    await expect(page.getByRole("group", { name: "Scheveningen" }).getByLabel("Zorgvliet")).toBeChecked();
    await page.locator("summary", { hasText: "Escamp" }).click();
    await page.getByRole("group", { name: "Escamp" }).getByLabel("Moerwijk").check();
    await page.getByRole("button", { name: "Keuze opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "wijken" })).toHaveText("Uw keuze van wijken is opgeslagen.");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download mijn gegevens" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^wijkwijs-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
    const data = JSON.parse(text);
    expect(data.profile.email).toBe(me.email);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.preferences.notificationWijken.map((w: { name: string }) => w.name)).toEqual(["Moerwijk", "Zorgvliet"]);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.id);

    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!;
    await page.getByRole("link", { name: "Mijn account verwijderen" }).click();
    await expectNoAxeViolations(page, "delete account");
    await page.getByLabel("Uw wachtwoord, ter bevestiging").fill(me.password);
    await page.getByLabel("Ja, verwijder mijn account").check();
    await page.getByRole("button", { name: "Account definitief verwijderen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw account is verwijderd");
    await expect(page.getByRole("button", { name: "Uitloggen" })).toHaveCount(0);
    expect(await services.db.selectFrom("users").select("id").where("id", "=", me.id).executeTakeFirst()).toBeUndefined();

    // The deleted account's old session cookie opens nothing.
    await addSessionCookie(context, baseURL!, session.value);
    await page.goto("/start");
    await expect(page).toHaveURL(/\/inloggen\?terug=%2Fstart$/);
  });
});

test.describe("accessibility of the network pages (axe-core)", () => {
  // One test per page: axe-core on a long page takes seconds on a busy machine.
  for (const path of ["/beheer/netwerk", "/beheer/organisaties", "/beheer/uitnodigingen?status=open", "/beheer/ambassadeurs?toon=inactief", "/beheer/ambassadeurs"]) {
    test(`coordinator page ${path}`, async ({ page, loginAs }) => {
      await loginAs("coordinator");
      await page.goto(path);
      await expectNoAxeViolations(page, path);
    });
  }

  test("an organisation's page, and the organisation form with errors", async ({ page, loginAs, makeOrganisation }) => {
    const organisation = await makeOrganisation({ name: `Axe Organisatie ${Date.now()}` });
    await loginAs("coordinator");
    await page.goto(`/beheer/organisaties/${organisation.id}`);
    await expectNoAxeViolations(page, "an organisation's page");
    await page.goto("/beheer/organisaties");
    await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
    await expect(page.getByTestId("error-summary")).toBeFocused();
    await expect(page.getByTestId("error-summary").getByRole("link", { name: "Kies de wijk van de organisatie." })).toHaveAttribute("href", "#field-wijkId");
    await expect(page.getByText("Kies de wijk van de organisatie.")).toHaveCount(2);
    await expectNoAxeViolations(page, "organisation form with errors");
  });

  test("invitations with an error in the list of addresses", async ({ page, loginAs }) => {
    await loginAs("coordinator");
    await page.goto("/beheer/uitnodigingen");
    await page.getByLabel("E-mailadressen").fill("goed@example.nl\nfout");
    await page.getByRole("button", { name: "Uitnodigingen maken" }).click();
    await expect(page.getByTestId("error-summary")).toBeFocused();
    await expect(page.getByTestId("error-summary")).toContainText("Dit is geen geldig e-mailadres: fout.");
    await expectNoAxeViolations(page, "invitations with an error");
  });

  test("ambassador pages: the introduction, step by step", async ({ page, loginAs }) => {
    // A whole journey with several axe-core runs: more time than one page needs on a shared machine.
    test.slow();
    await loginAs("ambassador");
    await page.goto("/welkom");
    for (let step = 1; step <= 4; step++) {
      await expect(page.getByText(`Stap ${step} van 4`)).toBeVisible();
      await expectNoAxeViolations(page, `introduction step ${step}`);
      if (step < 4) await page.getByRole("link", { name: "Volgende" }).click();
    }
    await page.getByRole("link", { name: "Naar mijn startpagina" }).click();
    await expect(page).toHaveURL(/\/start$/);
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Introductie" }).click();
    await expect(page.getByText("Stap 1 van 4")).toBeVisible();
  });
});
