import { readFileSync } from "node:fs";
import path from "node:path";
import type { Questionnaire } from "#app/features/questionnaire/content.server.ts";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

const questionnaire = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "content", "questionnaire.json"), "utf8")) as Questionnaire;

// The pages issue 19 added beside the training, in a browser: the anonymous
// questionnaire, newsletters, the monthly overview with its e-mail choice,
// the programme page with its totals — axe-core on each, and the
// questionnaire and the e-mail choice answered without JavaScript.

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an ambassador answers the questionnaire and switches the monthly e-mail on with plain forms", async ({ page, loginAs }) => {
    await loginAs("ambassador");
    await page.goto("/vragenlijst");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vragenlijst: uw ervaringen als ambassadeur");
    await expectNoAxeViolations(page, "questionnaire");
    const isOpen = new Date().toISOString().slice(0, 10) <= questionnaire.closes;
    if (isOpen) {
      await page.getByRole("button", { name: "Antwoorden versturen" }).click();
      await expect(page.getByTestId("error-summary")).toContainText("Kies een antwoord.");
      await expectNoAxeViolations(page, "questionnaire with errors");
      for (const question of questionnaire.questions) {
        const scale = questionnaire.scales.find((s) => s.id === question.scale)!;
        await page.getByRole("group", { name: question.text.nl }).getByLabel(scale.options[0]!.label.nl, { exact: true }).check();
      }
      await page.getByRole("button", { name: "Antwoorden versturen" }).click();
      await expect(page.getByTestId("questionnaire-done")).toHaveText("Dank u wel! Uw antwoorden zijn opgeslagen, zonder uw naam.");
      await expectNoAxeViolations(page, "questionnaire answered");
    }

    await page.goto("/mijn-overzicht");
    await page.getByRole("button", { name: "Stuur mij het overzicht elke maand" }).click();
    await expect(page.getByTestId("monthly-mail")).toContainText("U krijgt het overzicht voortaan elke maand per e-mail.");
    await expectNoAxeViolations(page, "monthly overview");

    await page.goto("/nieuwsbrieven");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwsbrieven");
    await expectNoAxeViolations(page, "newsletters for ambassadors");
  });

  test("a coordinator's newsletter form refuses an empty letter, and the results pages read clearly", async ({ page, loginAs }) => {
    await loginAs("coordinator");
    await page.goto("/beheer/nieuwsbrief");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwsbrief aan ambassadeurs");
    await page.getByRole("button", { name: "Versturen" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Vul een onderwerp in.");
    await expectNoAxeViolations(page, "newsletter with errors");
    await page.goto("/beheer/vragenlijst");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uitkomsten van de vragenlijst");
    await expectNoAxeViolations(page, "questionnaire results");
    await page.goto("/beheer/programma");
    await expect(page.getByRole("cell", { name: "Hele periode" }).first()).toBeVisible();
    await expectNoAxeViolations(page, "programme");
  });
});
