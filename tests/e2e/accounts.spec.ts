import { totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { demoAccounts, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "#scripts/seed/demo.ts";
import { expect, expectNoAxeViolations, logInWithForm, test } from "./fixtures.ts";

const roleNames: Record<string, string> = {
  ambassador: "ambassadeur",
  coordinator: "coördinator",
  police: "politie",
  admin: "beheerder",
};

test.describe("demo accounts (as the README lists them)", () => {
  for (const account of demoAccounts) {
    test(`${account.role} logs in with the demo password and out again`, async ({ page }) => {
      await logInWithForm(page, account.email, DEMO_PASSWORD);
      if (account.role !== "ambassador") {
        // Staff: the demo authenticator code (README: npm run demo:totp).
        await expect(page).toHaveURL(/\/tweede-stap/);
        await page.getByLabel("Code uit de app").fill(totpCode(DEMO_TOTP_SECRET, totpStep(new Date())));
        await page.getByRole("button", { name: "Doorgaan" }).click();
      }
      await expect(page).toHaveURL(/\/start$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welkom, ${account.displayName}`);
      await expect(page.getByText(`Uw rol: ${roleNames[account.role]}`)).toBeVisible();
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await expect(page.getByText("U bent uitgelogd.")).toBeVisible();
      await page.goto("/start");
      await expect(page).toHaveURL(/\/inloggen\?terug=%2Fstart$/);
    });
  }
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`invitation to logout, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a coordinator invites, the invitee sets a name and password, logs out and in again", async ({ page, browser, loginAs, makeOrganisation, baseURL }) => {
      const organisation = await makeOrganisation({ name: `Sportclub ${javaScriptEnabled ? "Aan" : "Uit"}`, wijk: "Ypenburg" });
      await loginAs("coordinator");
      await page.goto("/beheer/uitnodigingen");
      const email = `nieuw-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}@example.nl`;
      await page.getByLabel("E-mailadressen").fill(email);
      await page.getByLabel("Organisatie", { exact: true }).selectOption({ label: `${organisation.name} (Ypenburg)` });
      await page.getByRole("button", { name: "Uitnodigingen maken" }).click();
      await expect(page.getByText(`Uitnodiging gemaakt voor ${email}`)).toBeVisible();
      const link = (await page.getByTestId("invitation-link").textContent())!.trim();
      expect(link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]+$/);
      await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("open");

      const invitee = await browser.newContext({ javaScriptEnabled, baseURL });
      const newcomer = await invitee.newPage();
      await newcomer.goto(link);
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Welkom bij Wijkwijs");
      await newcomer.getByLabel("Uw naam").fill("Fatma");
      await newcomer.getByLabel("Kies een wachtwoord").fill("mijn fiets is geel");
      await newcomer.getByLabel("Herhaal het wachtwoord").fill("mijn fiets is geel");
      await newcomer.getByRole("button", { name: "Account maken" }).click();
      await expect(newcomer).toHaveURL(/\/welkom\?nieuw=1$/);
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Welkom als digitale ambassadeur");
      await newcomer.goto("/start");
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Welkom, Fatma");
      await expect(newcomer.getByText(`bij ${organisation.name}`)).toBeVisible();

      await newcomer.getByRole("button", { name: "Uitloggen" }).click();
      await expect(newcomer.getByText("U bent uitgelogd.")).toBeVisible();
      await logInWithForm(newcomer, email, "mijn fiets is geel");
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Welkom, Fatma");
      await invitee.close();

      await page.reload();
      await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("geaccepteerd");
    });
  });
}

test("wrong passwords: a warning before the lock-out, then when to try again and whom to ask", async ({ page, makeUser }) => {
  const user = await makeUser("ambassador");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await logInWithForm(page, user.email, `fout-${attempt}`);
    await expect(page.getByRole("alert")).toContainText("klopt niet");
    if (attempt === 3) await expect(page.getByRole("alert")).toContainText("Let op: na nog 2 mislukte pogingen");
    if (attempt === 4) await expect(page.getByRole("alert")).toContainText("Let op: na nog 1 mislukte poging");
  }
  await logInWithForm(page, user.email, "fout-5");
  const alert = page.getByRole("alert");
  await expect(alert).toHaveText(/te vaak een verkeerd wachtwoord gebruikt\. Probeer het opnieuw om \d\d:\d\d \(over 15 minuten\)/);
  await expect(alert.getByRole("link", { name: "coordinator@demo.wijkwijs.nl" })).toHaveAttribute("href", "mailto:coordinator@demo.wijkwijs.nl");
  await expect(alert.getByRole("link", { name: "14 070" })).toHaveAttribute("href", "tel:14070");
  await expectNoAxeViolations(page);
});

test("the language switch of a logged-in person saves the choice by a form post; a ?lang= link does not", async ({ page, loginAs, services }) => {
  const ambassador = await loginAs("ambassador");
  const saved = async () => (await services.db.selectFrom("users").select("language").where("id", "=", ambassador.id).executeTakeFirstOrThrow()).language;
  await page.goto("/start?lang=en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(await saved()).toBeNull();
  await page.goto("/start");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  await page.getByRole("navigation", { name: "Kies een taal" }).getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(await saved()).toBe("en");
  await page.goto("/mijn-signalen");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page);
});

test("a deactivated ambassador's open session ends and they cannot log in", async ({ page, browser, baseURL, makeUser, loginAs }) => {
  const ambassador = await makeUser("ambassador", { displayName: `Ambassadeur ${Date.now()}` });
  const volunteer = await browser.newContext({ baseURL });
  const phone = await volunteer.newPage();
  await logInWithForm(phone, ambassador.email, ambassador.password);
  await expect(phone).toHaveURL(/\/start$/);

  await loginAs("coordinator");
  await page.goto("/beheer/ambassadeurs");
  await page.getByRole("row", { name: new RegExp(ambassador.email) }).getByRole("button", { name: "Account uitzetten" }).click();
  await expect(page.getByRole("status")).toHaveText(/Het account staat uit/);

  await phone.reload();
  await expect(phone).toHaveURL(/\/inloggen\?terug=%2Fstart$/);
  await logInWithForm(phone, ambassador.email, ambassador.password);
  await expect(phone.getByRole("alert")).toHaveText(/Uw account staat uit/);
  await volunteer.close();
});

test("the skip link is the first stop for keyboard users and moves focus to the content", async ({ page }) => {
  await page.goto("/inloggen");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#inhoud$/);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mailadres")).toBeFocused();
});
