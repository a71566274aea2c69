import { createOrganisation, createSessionToken } from "#tests/support/fixtures.ts";
import { instantToLocalTime } from "#app/features/situations/options.ts";
import { addSessionCookie, expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// The situation room as gemeente, police and ambassadors use it (issue 18,
// part 2): the coordinator opens a Koningsdag situation, an ambassador attaches
// an urgent signal from a phone, the police add an intervention to the shared
// log, the hourly picture and the one-page briefing show both, then the
// coordinator closes and evaluates it — with JavaScript on and off.

/** The pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the tree itself is `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the situation room, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("open a Koningsdag situation, an ambassador attaches an urgent signal from a phone, police add an intervention, the picture and the briefing show it, close and evaluate", async ({ page, browser, baseURL, services, loginAs, makeUser }) => {
      test.setTimeout(120_000);
      // axe-core runs inside the page and needs JavaScript: the run with JavaScript on checks these pages.
      const checkAccessibility = javaScriptEnabled ? expectNoAxeViolations : async () => {};
      const name = `Koningsdag Chasséveld ${javaScriptEnabled ? "aan" : "uit"} ${Date.now().toString(36)}`;
      await loginAs("coordinator");

      await page.goto("/situaties");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Situaties");
      await checkAccessibility(page, "situations list with the open form");

      // Bad input first: the window ends before it starts.
      const now = services.clock.now();
      const start = instantToLocalTime(new Date(Math.floor(now.getTime() / 3600_000) * 3600_000));
      const end = instantToLocalTime(new Date(Math.floor(now.getTime() / 3600_000) * 3600_000 + 13 * 3600_000));
      await page.getByLabel("Naam", { exact: true }).fill(name);
      await page.getByRole("radio", { name: "Evenement" }).check();
      await page.locator("summary", { hasText: "Escamp" }).click();
      await page.getByRole("checkbox", { name: "Moerwijk", exact: true }).check();
      await page.getByRole("checkbox", { name: "Politie", exact: true }).check();
      await page.getByRole("checkbox", { name: "Organisator van het evenement" }).check();
      await page.getByLabel("Begin", { exact: true }).fill(end);
      await page.getByLabel("Einde", { exact: true }).fill(start);
      await page.getByRole("button", { name: "Situatie openen" }).click();
      await expect(page.getByText("Het einde moet na het begin liggen.").first()).toBeVisible();
      await checkAccessibility(page, "situations list with an error");

      await page.getByLabel("Begin", { exact: true }).fill(start);
      await page.getByLabel("Einde", { exact: true }).fill(end);
      await page.getByRole("button", { name: "Situatie openen" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await expect(page.getByText("Organisator van het evenement")).toBeVisible();
      const situationUrl = new URL(page.url()).pathname;
      await checkAccessibility(page, "situation detail");

      // An ambassador of an organisation in Moerwijk, on a phone: the situation's page leads to the signal form with it chosen.
      const phone = await browser.newContext({ javaScriptEnabled, baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
      const ambassadorUser = await makeUser("ambassador", { organisationId: organisation.id });
      await addSessionCookie(phone, baseURL!, await createSessionToken(services, ambassadorUser));
      const ambassador = await phone.newPage();
      await ambassador.goto("/situaties");
      await ambassador.getByRole("link", { name }).click();
      await expect(ambassador.getByRole("heading", { level: 1 })).toHaveText(name);
      await ambassador.getByRole("link", { name: "Stuur een signaal" }).click();
      await expect(ambassador.getByRole("heading", { level: 1 })).toHaveText("Signaal doorgeven");
      await expect(ambassador.getByLabel("Hoort bij een situatie (optioneel)")).toHaveValue(situationUrl.split("/").pop()!);
      await ambassador.getByLabel("Wat voor verschijnsel?").selectOption({ label: "Nepwebwinkel" });
      await ambassador.getByLabel("Via welk kanaal?").selectOption({ label: "Website" });
      await ambassador.getByRole("group", { name: "Wie waren het doelwit?" }).getByLabel("Jongeren").check();
      await ambassador.getByRole("group", { name: "Ongeveer hoeveel mensen?" }).getByLabel("6 tot 20").check();
      await ambassador.getByRole("group", { name: "Poging of schade?" }).getByLabel("Poging, geen schade").check();
      await ambassador.getByRole("group", { name: "Hoe dringend?" }).getByLabel("Spoed").check();
      await checkAccessibility(ambassador, "signal form with a situation on a phone");
      await ambassador.getByRole("button", { name: "Versturen" }).click();
      await expect(ambassador.getByRole("status")).toContainText("Uw signaal is verstuurd");
      await phone.close();

      // The police officer, in their own browser.
      const station = await browser.newContext({ javaScriptEnabled, baseURL });
      const officerName = `Agent ${name.slice(-6)}`;
      const officer = await makeUser("police", { displayName: officerName });
      await addSessionCookie(station, baseURL!, await createSessionToken(services, officer));
      const police = await station.newPage();
      await police.goto(situationUrl);
      await police.getByRole("radio", { name: "Interventie" }).check();
      await police.getByLabel("Wat er is waargenomen of gedaan").fill("Jan belt 06-12345678 over de uitstroom.");
      await police.getByRole("button", { name: "Toevoegen", exact: true }).click();
      await expect(police.getByText(/Niet opgeslagen: de tekst bevat persoonsgegevens/).first()).toBeVisible();
      await police.getByLabel("Wat er is waargenomen of gedaan").fill("Extra toezicht bij risicolocatie na afloop van het evenement.");
      await police.getByRole("button", { name: "Toevoegen", exact: true }).click();
      await expect(police.getByTestId("log-text")).toHaveText(["Extra toezicht bij risicolocatie na afloop van het evenement."]);
      await expect(police.getByRole("button", { name: "Situatie nu sluiten" })).toHaveCount(0);
      await checkAccessibility(police, "situation detail as police");
      await station.close();

      // The coordinator sees the urgent signal linked and counted in the hourly picture (one signal: "< 5").
      await page.goto(situationUrl);
      await expect(page.getByRole("table", { name: "Gekoppelde signalen, spoedeisend eerst" }).getByText("Spoedeisend", { exact: true })).toBeVisible();
      const picture = page.getByRole("table", { name: "Gekoppelde signalen per uur" });
      await expect(picture.getByRole("columnheader", { name: "Nepwebwinkel" })).toBeVisible();
      await expect(picture.getByRole("row", { name: /Heel het venster/ })).toContainText("< 5");
      await expect(page.getByRole("heading", { name: "Vroegsignalering per uur" })).toBeVisible();

      // The coordinator's briefing shows it, without the officer's name, and prints on one A4.
      await page.getByRole("link", { name: "Briefing (A4) afdrukken" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Briefing: ${name}`);
      await expect(page.getByTestId("log-text")).toHaveText(["Extra toezicht bij risicolocatie na afloop van het evenement."]);
      await expect(page.getByText("Politie, politie")).toBeVisible();
      await expect(page.getByText(officerName)).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Open punten van de aanpak" })).toBeVisible();
      await checkAccessibility(page, "briefing");
      await expect(page.getByRole("table", { name: "Gekoppelde signalen per uur" }).getByRole("columnheader", { name: "Nepwebwinkel" })).toBeVisible();
      await pageReady(page);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      expect(pdfPageCount(pdf)).toBe(1);

      // Closed by hand, then evaluated.
      await page.goto(situationUrl);
      await page.getByRole("button", { name: "Situatie nu sluiten" }).click();
      await expect(page.getByText(/Gesloten op/)).toBeVisible();
      await page.getByLabel("Wat er gebeurde").fill("Na afloop trok de menigte naar de kroegen en het park; geen incidenten.");
      await page.getByLabel("Welke interventies").fill("Extra toezicht bij risicolocatie, contact met de organisator.");
      await page.getByLabel("Wat een volgende keer anders moet").fill("Eerder afstemmen over de uitstroom.");
      await page.getByRole("button", { name: "Evaluatie opslaan" }).click();
      await expect(page.getByText(/Geëvalueerd op/)).toBeVisible();
      await expect(page.getByRole("link", { name: "Logboek (CSV)" })).toBeVisible();
      await checkAccessibility(page, "closed and evaluated situation");
    });
  });
}
