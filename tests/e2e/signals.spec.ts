import { DEMO_PASSWORD } from "#scripts/seed/demo.ts";
import { createSessionToken } from "#tests/support/fixtures.ts";
import { addSessionCookie, expect, expectNoAxeViolations, logInWithForm, test } from "./fixtures.ts";

// The signal's journey with the demo accounts: the ambassador sends it from
// the form (seeing the redacted text first), the coordinator opens it and
// responds, the ambassador reads the response — with JavaScript on and off.

const AMBASSADOR = "ambassadeur@demo.wijkwijs.nl";
const COORDINATOR = "coordinator@demo.wijkwijs.nl";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a signal from phone to gemeente and back, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("send with a redacted preview, open and respond as coordinator, read the response", async ({ page, browser, baseURL, services }) => {
      // Two browsers and five accessibility scans: more than the default budget on a busy machine.
      test.setTimeout(90_000);
      // axe-core runs inside the page and needs JavaScript: the run with JavaScript on checks these pages.
      const checkAccessibility = javaScriptEnabled ? expectNoAxeViolations : async () => {};
      // A word that marks this run's signal among the demo's (letters only, so nothing scrubs it).
      const marker = `Proefgolf${javaScriptEnabled ? "Aan" : "Uit"}${String.fromCharCode(...[0, 1, 2, 3].map(() => 97 + Math.floor(Math.random() * 26)))}`;
      await logInWithForm(page, AMBASSADOR, DEMO_PASSWORD);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Signaal doorgeven" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signaal doorgeven");
      await expect(page.getByLabel("Wijk", { exact: true })).toHaveValue("den-haag-wk-moerwijk");

      await page.getByLabel("Wat voor verschijnsel?").selectOption({ label: "Nepwebwinkel" });
      await page.getByLabel("Via welk kanaal?").selectOption({ label: "Website" });
      await page.getByRole("group", { name: "Wie waren het doelwit?" }).getByLabel("Ouderen").check();
      await page.getByRole("group", { name: "Ongeveer hoeveel mensen?" }).getByLabel("2 tot 5").check();
      await page.getByRole("group", { name: "Poging of schade?" }).getByLabel("Er is schade").check();
      await page.getByRole("group", { name: "Naar wie?" }).getByLabel("Gemeente en politie").check();
      await page
        .getByLabel("Toelichting (niet verplicht)")
        .fill(`${marker}: mevrouw Jansen betaalde op nep-airfryers.shop en mailde jan.jansen@example.nl. Ze belde 06-12345678 terug.`);

      const redacted = `${marker}: mevrouw [naam] betaalde op nep-airfryers.shop en mailde [e-mailadres]. Ze belde [telefoonnummer] terug.`;
      if (!javaScriptEnabled) {
        // Without JavaScript the preview is a round trip to the server.
        await page.getByRole("button", { name: "Bekijk wat er verstuurd wordt" }).click();
        await expect(page.getByLabel("Wat voor verschijnsel?")).toHaveValue("fake-webshop");
      }
      await expect(page.getByTestId("signal-preview")).toHaveText(redacted);
      await expect(page.getByText("Weggehaald: 1 naam, 1 telefoonnummer, 1 e-mailadres.")).toBeVisible();
      await checkAccessibility(page, "signal form with preview");

      await page.getByRole("button", { name: "Versturen" }).click();
      await expect(page).toHaveURL(/\/mijn-signalen\?verstuurd=[0-9a-f-]{36}$/);
      await expect(page.getByRole("status")).toContainText("Uw signaal is verstuurd");
      const id = new URL(page.url()).searchParams.get("verstuurd")!;
      const mine = page.getByTestId("own-signal").filter({ has: page.locator(`a[href="/mijn-signalen/${id}"]`) });
      await expect(mine).toContainText("Nepwebwinkel");
      await expect(mine).toContainText("ontvangen");
      await checkAccessibility(page, "my signals");

      const stored = await services.db.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(stored.free_text).toBe(redacted);
      expect(stored).toMatchObject({ phenomenon: "fake-webshop", channel: "website", outcome: "damage", recipients: "both", wijk_id: "den-haag-wk-moerwijk" });

      // The coordinator, at their desk.
      // (Logged in with the second factor passed: the login form and the demo code are tested in accounts.spec.ts,
      // and one authenticator code cannot be used twice, as parallel tests would.)
      const desk = await browser.newContext({ javaScriptEnabled, baseURL });
      const demoCoordinator = await services.db.selectFrom("users").select(["id", "role"]).where("email", "=", COORDINATOR).executeTakeFirstOrThrow();
      await addSessionCookie(desk, baseURL!, await createSessionToken(services, demoCoordinator));
      const coordinator = await desk.newPage();
      await coordinator.goto("/start");
      await coordinator.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: /^Signalen/ }).click();
      await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Signalen");
      await checkAccessibility(coordinator, "inbox");
      await coordinator.locator(`a[href="/signalen/${id}"]`).click();
      await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Nepwebwinkel");
      await expect(coordinator.getByTestId("signal-text")).toHaveText(redacted);
      const coordinatorId = (await services.db.selectFrom("users").select("id").where("email", "=", COORDINATOR).executeTakeFirstOrThrow()).id;
      const views = await services.db
        .selectFrom("audit_events")
        .select(["actor_user_id", "target_type"])
        .where("action", "=", "signal.viewed")
        .where("target_id", "=", id)
        .execute();
      expect(views).toContainEqual({ actor_user_id: coordinatorId, target_type: "signal" });
      await checkAccessibility(coordinator, "signal detail for the coordinator");

      await coordinator.getByLabel("Nieuwe reactie").fill(`Dank u — ${marker}: 12 vergelijkbare signalen deze week, we hebben de wijkagent gewaarschuwd.`);
      await coordinator.getByRole("button", { name: "Reactie versturen" }).click();
      await expect(coordinator.getByRole("status")).toHaveText(/Uw reactie is verstuurd/);
      await desk.close();

      // Back on the phone.
      await page.goto("/mijn-signalen");
      const answered = page.getByTestId("own-signal").filter({ has: page.locator(`a[href="/mijn-signalen/${id}"]`) });
      await expect(answered).toContainText(`Dank u — ${marker}: 12 vergelijkbare signalen deze week, we hebben de wijkagent gewaarschuwd.`);
      await expect(answered).toContainText("gezien");
      await answered.getByRole("link", { name: "Nepwebwinkel" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nepwebwinkel");
      await expect(page.getByText(redacted)).toBeVisible();
      await checkAccessibility(page, "own signal");
    });
  });
}

test("form errors are listed, linked to their fields, and nothing is sent", async ({ page, loginAs, services }) => {
  const ambassador = await loginAs("ambassador");
  await page.goto("/signalen/nieuw");
  await page.getByRole("button", { name: "Versturen" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Controleer het formulier");
  await expect(summary.getByRole("link", { name: "Kies wat voor verschijnsel het is." })).toHaveAttribute("href", "#signal-phenomenon");
  await expect(page.getByLabel("Wat voor verschijnsel?")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "signal form with errors");
  const sent = await services.db.selectFrom("signals").select("id").where("created_by", "=", ambassador.id).execute();
  expect(sent).toEqual([]);
  await page.goto("/mijn-signalen");
  await expect(page.getByText("Uw organisatie heeft nog geen signalen doorgegeven.")).toBeVisible();
  await expectNoAxeViolations(page, "my signals, empty");
});

test("police read the signals addressed to them and can add a note", async ({ page, loginAs }) => {
  await loginAs("police");
  await page.goto("/signalen");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signalen");
  await expect(page.getByText("Signalen die aan de politie zijn gericht.")).toBeVisible();
  await expectNoAxeViolations(page, "police inbox");
  // The demo's urgent call for a 'takeover' in the Zuiderpark is addressed to both.
  await page.getByRole("link", { name: "Online oproepen tot ordeverstoring" }).first().click();
  await expect(page.getByRole("button", { name: "Markeer als afgehandeld" })).toHaveCount(0);
  await page.getByLabel("Nieuwe notitie").fill("Bekend bij het team; wijkagent is op de hoogte.");
  await page.getByRole("button", { name: "Notitie opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw notitie is opgeslagen.");
  await expect(page.getByText("Bekend bij het team; wijkagent is op de hoogte.")).toBeVisible();
  await expectNoAxeViolations(page, "police signal detail");
});
