import responseTemplates from "#content/response-templates.json" with { type: "json" };
import { createSessionToken } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { addSessionCookie, expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// A response that reaches the ambassador (issue 17, item 7), as the two would
// do it: the coordinator answers a signal with a standard response; the
// ambassador who sent it reads it on their phone and says it helped; the
// coordinator sees that an answer came in, but not what it was: below the
// suppression threshold the totals show "< t" — with JavaScript on and off.

const thanks = responseTemplates.templates.find((template) => template.id === "thanks-general")!;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a response reaches the ambassador, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("staff respond with a template, the ambassador reads it on a phone and finds it helpful, staff see '< t' answers, not the split", async ({ page, browser, baseURL, services, loginAs, makeUser }) => {
      test.setTimeout(120_000);
      // axe-core runs inside the page and needs JavaScript: the run with JavaScript on checks these pages.
      const checkAccessibility = javaScriptEnabled ? expectNoAxeViolations : async () => {};
      // Each run its own phenomenon: the two runs go in parallel and the totals are per phenomenon.
      const phenomenon = javaScriptEnabled ? "marketplace-fraud" : "identity-fraud";
      const phenomenonLabel = javaScriptEnabled ? "Oplichting bij online verkopen (zoals een 'verificatiebetaling')" : "Identiteitsfraude en misbruik van DigiD";
      const ambassador = await makeUser("ambassador");
      const signal = await createSignal(services, { sender: { id: ambassador.id, organisationId: ambassador.organisationId }, phenomenon, freeText: "Een golf van nepberichten." });
      const before = await services.db
        .selectFrom("signal_response_ratings")
        .select(["helpful", "not_helpful"])
        .where("template_id", "=", "thanks-general")
        .where("phenomenon", "=", phenomenon)
        .executeTakeFirst();
      // One answer more must stay below the threshold, so the row must hide its split (a fresh database has none).
      const threshold = services.municipality.suppressionThreshold;
      expect(Number(before?.helpful ?? 0) + Number(before?.not_helpful ?? 0) + 1).toBeLessThan(threshold);
      await loginAs("coordinator");

      // The coordinator opens the signal and answers it with a standard response.
      await page.goto(`/signalen/${signal.id}`);
      await page.getByRole("link", { name: "Antwoord de ambassadeur met een standaardantwoord" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Antwoord aan de ambassadeur");
      if (javaScriptEnabled) await pageReady(page);
      await page.getByLabel("Standaardantwoord").selectOption({ value: "thanks-general" });
      await page.getByRole("button", { name: "Gebruik dit antwoord" }).click();
      await expect(page.getByLabel("Tekst van het antwoord")).toHaveValue(thanks.body.nl);
      await checkAccessibility(page, "respond to a signal, template chosen");
      await page.getByRole("button", { name: "Verstuur antwoord" }).click();
      await expect(page.getByRole("status")).toHaveText("Het antwoord is verstuurd. De ambassadeur krijgt een melding.");
      await expect(page.getByTestId("sent-response")).toContainText(thanks.body.nl);

      // The ambassador, on their phone, finds it under their signals and says it helped.
      const phone = await browser.newContext({ javaScriptEnabled, baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: "nl-NL" });
      await addSessionCookie(phone, baseURL!, await createSessionToken(services, ambassador));
      const mobile = await phone.newPage();
      await mobile.goto("/mijn-signalen");
      const card = mobile.getByTestId("own-signal").filter({ has: mobile.locator(`a[href="/mijn-signalen/${signal.id}"]`) });
      await expect(card.getByTestId("signal-response")).toContainText(thanks.body.nl);
      await checkAccessibility(mobile, "my signals with a response, phone");
      await card.getByRole("link", { name: "Lees de reactie en zeg of u er iets aan had" }).click();
      await expect(mobile).toHaveURL(new RegExp(`/mijn-signalen/${signal.id}$`));
      if (javaScriptEnabled) await pageReady(mobile);
      await expect(mobile.getByRole("group", { name: "Had u hier iets aan?" })).toBeVisible();
      await expect(mobile.getByText(`De gemeente ziet alleen totalen per standaardantwoord, en pas als minstens ${threshold} ambassadeurs erop antwoordden`)).toBeVisible();
      await checkAccessibility(mobile, "my signal with a response to rate, phone");
      await mobile.getByRole("button", { name: "Ja, dit hielp" }).tap();
      await expect(mobile.getByRole("status")).toHaveText("Dank u wel voor uw antwoord.");
      await expect(mobile.getByTestId("rating-done")).toBeVisible();
      await expect(mobile.getByRole("button", { name: "Ja, dit hielp" })).toHaveCount(0);
      await phone.close();

      // The coordinator sees that fewer than the threshold answered — not whether it helped: with one
      // answer, the split would be that ambassador's answer.
      await page.goto("/signalen/antwoorden");
      await expect(page.getByText(`Of een standaardantwoord hielp, staat er pas als minstens ${threshold} ambassadeurs erop antwoordden`)).toBeVisible();
      const row = page.getByTestId("response-ratings").getByRole("row").filter({ hasText: thanks.title.nl }).filter({ hasText: phenomenonLabel });
      // Phenomenon, sent, answers, helped, did not help.
      await expect(row.getByRole("cell")).toHaveText([phenomenonLabel, "1", `< ${threshold}`, "verborgen", "verborgen"]);
      await checkAccessibility(page, "response ratings");
    });
  });
}
