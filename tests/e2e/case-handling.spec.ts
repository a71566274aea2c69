import { createSessionToken } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { addSessionCookie, expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// Case handling between gemeente and police, as the two would do it: the
// coordinator takes a new signal from the unassigned queue, bundles it into a
// case, forwards it and hands it to the police team; the officer finds it first
// in their team's queue, takes it up, answers with a note shared with the
// gemeente and closes it; the coordinator sees the police's status and answer
// on the signal and in the case's timeline — with
// JavaScript on and off.

for (const javaScriptEnabled of [true, false]) {
  test.describe(`coordinator and police handle a signal, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("assign, link into a case, forward; police pick it up first and close it; the coordinator sees it", async ({ page, browser, baseURL, services, loginAs, makeUser }) => {
      test.setTimeout(120_000);
      // axe-core runs inside the page and needs JavaScript: the run with JavaScript on checks these pages.
      const checkAccessibility = javaScriptEnabled ? expectNoAxeViolations : async () => {};
      const ambassador = await makeUser("ambassador");
      // Each run its own phenomenon: the two runs go in parallel and share the police team's queue.
      const phenomenon = javaScriptEnabled ? "phishing" : "fake-webshop";
      const signal = await createSignal(services, { sender: { id: ambassador.id, organisationId: ambassador.organisationId }, urgency: "urgent", recipients: "gemeente", phenomenon });
      const caseTitle = `Proefzaak ${javaScriptEnabled ? "aan" : "uit"} ${signal.id.slice(0, 8)}`;
      const coordinator = await loginAs("coordinator", { displayName: `Coördinator ${signal.id.slice(0, 6)}` });

      // The coordinator finds it among the unassigned and takes it.
      await page.goto("/signalen?wachtrij=unassigned");
      await pageReady(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signalen");
      await expect(page.getByTestId("inbox-row").locator(`a[href="/signalen/${signal.id}"]`)).toBeVisible();
      await checkAccessibility(page, "inbox, unassigned queue");
      await page.locator(`a[href="/signalen/${signal.id}"]`).click();
      await expect(page).toHaveURL(new RegExp(`/signalen/${signal.id}$`));
      // A choice made before React hydrates the page is reset by hydration: wait for it first.
      await pageReady(page);
      await page.getByLabel("Toewijzen aan").selectOption({ value: `person:${coordinator.id}` });
      await page.getByRole("button", { name: "Toewijzen", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("Het signaal is toegewezen.");
      await page.getByRole("button", { name: "In behandeling nemen" }).click();
      await expect(page.getByRole("status")).toHaveText("Het signaal is in behandeling.");

      // Bundled into a new case: its title links to the case's own page.
      await page.getByLabel("Titel van een nieuwe zaak").fill(caseTitle);
      await page.getByRole("button", { name: "Koppelen", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("De signalen zijn aan de zaak gekoppeld.");
      await checkAccessibility(page, "signal detail, assigned and in a case");

      // Forwarded and handed to the police team.
      await page.getByRole("button", { name: "Doorsturen naar politie" }).click();
      await expect(page.getByRole("status")).toHaveText("Het signaal is doorgestuurd naar de politie.");
      await page.getByLabel("Toewijzen aan").selectOption({ value: "team:police" });
      await page.getByRole("button", { name: "Toewijzen", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("Het signaal is toegewezen.");

      // The police officer, in their own browser.
      const station = await browser.newContext({ javaScriptEnabled, baseURL });
      const officerName = `Agent ${signal.id.slice(0, 6)}`;
      const officer = await makeUser("police", { displayName: officerName });
      await addSessionCookie(station, baseURL!, await createSessionToken(services, officer));
      const police = await station.newPage();
      await police.goto("/signalen");
      await pageReady(police);
      await police.getByLabel("Werkvoorraad").selectOption({ value: "team" });
      await police.getByLabel("Wat voor verschijnsel?").selectOption({ value: phenomenon });
      await police.getByRole("button", { name: "Filteren" }).click();
      await expect(police).toHaveURL(/wachtrij=team/);
      await expect(police.getByTestId("inbox-row").first().locator(`a[href="/signalen/${signal.id}"]`)).toBeVisible();
      await checkAccessibility(police, "police team queue");
      await police.locator(`a[href="/signalen/${signal.id}"]`).first().click();
      await expect(police).toHaveURL(new RegExp(`/signalen/${signal.id}$`));
      await pageReady(police);
      // Police may not reopen or hand work to the gemeente: those are not offered.
      await expect(police.getByRole("button", { name: "Heropenen" })).toHaveCount(0);
      await expect(police.getByLabel("Toewijzen aan").locator('option[value="team:gemeente"]')).toHaveCount(0);
      await police.getByRole("button", { name: "In behandeling nemen" }).click();
      await expect(police.getByRole("status")).toHaveText("Het signaal is in behandeling.");
      await police.getByLabel("Nieuwe notitie").fill("Dader bekend bij het team uit eerder onderzoek.");
      await police.getByRole("button", { name: "Notitie opslaan" }).click();
      await expect(police.getByRole("status")).toHaveText("Uw notitie is opgeslagen.");
      // The saved note in the list: the page has its new data and an empty form again.
      await expect(police.locator("blockquote").getByText("Dader bekend bij het team uit eerder onderzoek.")).toBeVisible();
      await pageReady(police);
      // The answer to the gemeente: a note the officer shares with them.
      await police.getByLabel("Nieuwe notitie").fill("Aangifte opgenomen; de wijkagent gaat langs.");
      await police.getByLabel("Ook zichtbaar voor de gemeente").check();
      await police.getByRole("button", { name: "Notitie opslaan" }).click();
      await expect(police.getByRole("status")).toHaveText("Uw notitie is opgeslagen.");
      await police.getByRole("button", { name: "Markeer als afgehandeld" }).click();
      await expect(police.getByRole("status")).toHaveText("Het signaal is afgehandeld.");
      await checkAccessibility(police, "police signal detail, handled");
      await station.close();

      // Back at the gemeente: the police's status on the signal and in the case's timeline.
      await page.goto(`/signalen/${signal.id}`);
      await expect(page.locator('[data-status="handled"]').first()).toBeVisible();
      await expect(page.getByRole("heading", { name: "Van de politie" })).toBeVisible();
      await expect(page.getByText("Aangifte opgenomen; de wijkagent gaat langs.")).toBeVisible();
      await expect(page.getByText("Dader bekend bij het team")).toHaveCount(0);
      await page.getByRole("link", { name: `Zaak: ${caseTitle}` }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(caseTitle);
      const timeline = page.getByTestId("case-timeline");
      await expect(timeline).toContainText(`van ‘in behandeling’ naar ‘afgehandeld’ (${officerName})`);
      await checkAccessibility(page, "case page");
      await page.getByRole("button", { name: "Zaak sluiten" }).click();
      await expect(page.getByRole("status")).toHaveText("De zaak is gesloten.");
      await expect(timeline).toContainText("Zaak gesloten");
      await page.goto("/zaken");
      await expect(page.getByRole("link", { name: caseTitle })).toBeVisible();
      await checkAccessibility(page, "case list");
    });
  });
}
