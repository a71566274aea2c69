import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// Forms on a phone: a submit with errors moves the focus to the error summary
// at the top (so something visibly happens, and a screen reader reads it),
// with one message per field, on every form; a text with a limit is counted
// as it is typed and never cut off.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const summary = (page: Page) => page.getByTestId("error-summary");

/** The error summary has the focus and is on the screen. */
async function expectSummaryFocused(page: Page): Promise<void> {
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toBeInViewport();
}

/** Each field with an error shows one message, and the summary lists each once. */
async function expectOneMessagePerField(page: Page): Promise<void> {
  const perField = await page.locator(".utrecht-form-field-error-message").evaluateAll((elements) => elements.map((element) => element.querySelectorAll("p").length));
  expect(perField.length).toBeGreaterThan(0);
  expect(perField.every((count) => count === 1), `messages per field: ${perField.join(", ")}`).toBe(true);
  // One line per field: no field is linked twice.
  const targets = await summary(page).getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(new Set(targets).size).toBe(targets.length);
  expect(targets.length).toBe(perField.length);
}

test("the empty signal form on a phone: focus on the summary, one message per field, each linked to its field", async ({ page, loginAs }) => {
  await loginAs("ambassador");
  await page.goto("/signalen/nieuw");
  await pageReady(page);
  // The form's defaults fill some fields; empty the ones that have none.
  await page.getByRole("button", { name: "Versturen" }).click();
  await expectSummaryFocused(page);
  await expectOneMessagePerField(page);
  const items = summary(page).getByRole("listitem");
  await expect(items.filter({ hasText: "verschijnsel" })).toHaveCount(1);
  await expect(summary(page).getByRole("link", { name: "Kies wat voor verschijnsel het is." })).toHaveAttribute("href", "#signal-phenomenon");
  await expect(page.getByText("Dit verschijnsel kennen we niet.")).toHaveCount(0);
  await expectNoAxeViolations(page, "signal form with errors on a phone");

  // A second submit with the same errors takes the focus back to the summary.
  await page.getByLabel("Wat voor verschijnsel?").focus();
  await page.getByRole("button", { name: "Versturen" }).click();
  await expectSummaryFocused(page);
});

test("5,000 characters pasted into the explanation stay, the count says it is too long, and the server refuses it", async ({ page, loginAs, services }) => {
  const ambassador = await loginAs("ambassador");
  await page.goto("/signalen/nieuw");
  await pageReady(page);
  const field = page.getByLabel("Toelichting (niet verplicht)");
  const count = page.getByTestId("character-count");
  await expect(count).toHaveText("Tekens: 0 van 1000");
  await field.fill("De oplichter belt steeds opnieuw. ".repeat(150).slice(0, 5000));
  await expect(field).toHaveValue(/.{5000}/s);
  expect((await field.inputValue()).length).toBe(5000);
  await expect(count).toHaveText("Te lang: 5000 van 1000 tekens. Haal er 4000 weg.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", new RegExp(`\\b${await count.getAttribute("id")}\\b`));

  await page.getByLabel("Wat voor verschijnsel?").selectOption({ label: "Nepwebwinkel" });
  await page.getByLabel("Via welk kanaal?").selectOption({ label: "Website" });
  await page.getByRole("group", { name: "Wie waren het doelwit?" }).getByLabel("Ouderen").check();
  await page.getByRole("group", { name: "Ongeveer hoeveel mensen?" }).getByLabel("2 tot 5").check();
  await page.getByRole("group", { name: "Poging of schade?" }).getByLabel("Er is schade").check();
  await page.getByRole("button", { name: "Versturen" }).click();
  await expectSummaryFocused(page);
  await expect(summary(page).getByRole("link", { name: "De toelichting is te lang: gebruik hoogstens 1000 tekens." })).toHaveAttribute("href", "#signal-text");
  expect((await field.inputValue()).length).toBe(5000);
  const sent = await services.db.selectFrom("signals").select("id").where("created_by", "=", ambassador.id).execute();
  expect(sent).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page the server sends back has the focus on its summary, and the count of a text that is too long", async ({ page, loginAs }) => {
    await loginAs("ambassador");
    await page.goto("/signalen/nieuw");
    await page.getByLabel("Toelichting (niet verplicht)").fill("x".repeat(1200));
    await page.getByRole("button", { name: "Versturen" }).click();
    await expectSummaryFocused(page);
    await expectOneMessagePerField(page);
    await expect(summary(page)).toContainText("De toelichting is te lang: gebruik hoogstens 1000 tekens.");
    await expect(page.getByTestId("character-count")).toHaveText("Te lang: 1200 van 1000 tekens. Haal er 200 weg.");
    expect((await page.getByLabel("Toelichting (niet verplicht)").inputValue()).length).toBe(1200);
  });

  test("a resident's search that is too long", async ({ page }) => {
    await page.goto(`/hulp?q=${"a".repeat(101)}`);
    await expectSummaryFocused(page);
    await expect(summary(page).getByRole("link")).toHaveAttribute("href", "#field-q");
    await page.goto(`/tips?fenomeen=bestaat-niet`);
    await expectSummaryFocused(page);
  });

  test("deleting the account without the password", async ({ page, loginAs }) => {
    await loginAs("ambassador");
    await page.goto("/account/verwijderen");
    await page.getByRole("button", { name: "Account definitief verwijderen" }).click();
    await expectSummaryFocused(page);
    await expectOneMessagePerField(page);
  });
});

// Every form with an action, submitted empty (or wrong) with JavaScript: the summary takes the focus.
const forms: { name: string; who: "anonymous" | "ambassador" | "coordinator"; path: string; submit: string; fill?: (page: Page) => Promise<void> }[] = [
  { name: "login", who: "anonymous", path: "/inloggen", submit: "Inloggen" },
  { name: "wrong password", who: "anonymous", path: "/inloggen", submit: "Inloggen", fill: async (page) => {
    await page.getByLabel("E-mailadres").fill("niemand@test.wijkwijs.nl");
    await page.getByLabel("Wachtwoord").fill("dit-is-het-niet");
  } },
  { name: "account: password", who: "ambassador", path: "/account", submit: "Wachtwoord wijzigen" },
  { name: "warnings", who: "coordinator", path: "/waarschuwingen", submit: "Publiceren", fill: async (page) => page.getByLabel("Titel").fill("") },
  { name: "new organisation", who: "coordinator", path: "/beheer/organisaties", submit: "Organisatie toevoegen" },
  { name: "invitations", who: "coordinator", path: "/beheer/uitnodigingen", submit: "Uitnodigingen maken" },
  { name: "share library search", who: "ambassador", path: "/delen?fenomeen=bestaat-niet", submit: "" },
];

for (const form of forms) {
  test(`the form "${form.name}" moves the focus to its error summary`, async ({ page, loginAs }) => {
    if (form.who !== "anonymous") await loginAs(form.who);
    await page.goto(form.path);
    await pageReady(page);
    if (form.submit) {
      await form.fill?.(page);
      await page.getByRole("button", { name: form.submit, exact: true }).click();
    }
    await expectSummaryFocused(page);
    if (form.name !== "wrong password" && form.submit) await expectOneMessagePerField(page);
  });
}
