import { readFileSync } from "node:fs";
import path from "node:path";
import type { Questionnaire } from "#app/features/questionnaire/content.server.ts";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

// The pages issue 19 added beside the training, in a browser: the anonymous
// questionnaire, newsletters, the monthly overview with its e-mail choice,
// the programme page with its totals — axe-core on each, and the
// questionnaire and the e-mail choice answered without JavaScript.

const questionnaire = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "content", "questionnaire.json"), "utf8")) as Questionnaire;
const isOpen = () => new Date().toISOString().slice(0, 10) <= questionnaire.closes;

test("axe-core finds nothing on the questionnaire, newsletters, the monthly overview and the programme page", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("ambassador");
  await page.goto("/vragenlijst");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vragenlijst: uw ervaringen als ambassadeur");
  await expectNoAxeViolations(page, "questionnaire");
  if (isOpen()) {
    await page.getByRole("button", { name: "Antwoorden versturen" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Kies een antwoord.");
    await expectNoAxeViolations(page, "questionnaire with errors");
  }
  await page.goto("/mijn-overzicht");
  await expect(page.getByTestId("monthly-mail")).toBeVisible();
  await expectNoAxeViolations(page, "monthly overview");
  await page.goto("/nieuwsbrieven");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwsbrieven");
  await expectNoAxeViolations(page, "newsletters for ambassadors");

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
  await expect(page.getByRole("rowheader", { name: "Hele periode" }).first()).toBeVisible();
  await expectNoAxeViolations(page, "programme");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an ambassador answers the questionnaire and switches the monthly e-mail on with plain forms", async ({ page, loginAs }) => {
    await loginAs("ambassador");
    if (isOpen()) {
      await page.goto("/vragenlijst");
      await page.getByRole("button", { name: "Antwoorden versturen" }).click();
      await expect(page.getByTestId("error-summary")).toContainText("Kies een antwoord.");
      for (const question of questionnaire.questions) {
        const scale = questionnaire.scales.find((s) => s.id === question.scale)!;
        await page.getByRole("group", { name: question.text.nl }).getByLabel(scale.options[0]!.label.nl, { exact: true }).check();
      }
      await page.getByRole("button", { name: "Antwoorden versturen" }).click();
      await expect(page.getByTestId("questionnaire-done")).toHaveText("Dank u wel! Uw antwoorden zijn opgeslagen, zonder uw naam.");
    }
    await page.goto("/mijn-overzicht");
    await page.getByRole("button", { name: "Stuur mij het overzicht elke maand" }).click();
    await expect(page.getByTestId("monthly-mail")).toContainText("U krijgt het overzicht voortaan elke maand per e-mail.");
  });
});
