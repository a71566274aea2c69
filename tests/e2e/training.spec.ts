import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TrainingModule } from "#app/features/training/content-schema.ts";
import { addSessionCookie, expect, expectNoAxeViolations, isCached, pageReady, test, workerReady, type E2EServices } from "./fixtures.ts";
import { createSessionToken, createUser } from "../support/fixtures.ts";

// An ambassador's training on a phone: the lesson, one question per page with
// the explanation after each answer, passing the last basic module, the
// certificate; then the coordinator sees the status in the roster. Every kind
// of page is checked with axe-core, and answering works without JavaScript.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

function readModule(id: string): TrainingModule {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "content", "training", `${id}.json`), "utf8")) as TrainingModule;
}

/** Passes modules as if the ambassador had taken them earlier (the journey itself is in the browser). */
async function passedBefore(services: E2EServices, userId: string, moduleIds: string[]): Promise<void> {
  const at = new Date(Date.now() - 3600_000).toISOString();
  for (const moduleId of moduleIds) {
    await services.db
      .insertInto("training_attempts")
      .values({ id: randomUUID(), user_id: userId, module_id: moduleId, started_at: at, finished_at: at, correct_count: 5, passed: 1 })
      .execute();
  }
}

test("an ambassador passes the last basic module, reads every explanation, gets the certificate; the coordinator sees it", async ({
  page,
  browser,
  baseURL,
  services,
  loginAs,
}) => {
  test.slow();
  const name = `Ambassadeur Training ${Date.now()}`;
  const ambassador = await loginAs("ambassador", { displayName: name });
  await passedBefore(services, ambassador.id, ["recognise-phishing", "whatsapp-fraud", "sending-signals"]);
  const module = readModule("privacy-and-role");

  await page.goto("/training");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Training");
  await expect(page.getByTestId("certificate-status")).toContainText("Haal alle basismodules (4) om gecertificeerd te worden.");
  await expect(page.getByTestId("status-recognise-phishing")).toHaveText("Gehaald");
  await expect(page.getByTestId("status-privacy-and-role")).toHaveText("Nog niet begonnen");
  await expectNoAxeViolations(page, "training overview");

  await page.getByRole("link", { name: module.title.nl }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title.nl);
  await expect(page.getByText(module.lesson[0]!.nl)).toBeVisible();
  await expectNoAxeViolations(page, "lesson");
  await page.getByRole("button", { name: "Begin met de vragen" }).click();

  for (const [index, question] of module.questions.entries()) {
    await expect(page.getByText(`Vraag ${index + 1} van ${module.questions.length}`)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.text.nl);
    if (index === 0) {
      // No choice: a clear error, and the question again.
      await page.getByRole("button", { name: "Antwoord geven" }).click();
      await expect(page.getByTestId("error-summary")).toContainText("Kies een antwoord.");
      await expectNoAxeViolations(page, "question with an error");
    }
    // The first question answered wrongly, the rest right: 4 of 5 passes.
    const option = index === 0 ? question.options.find((o) => o.id !== question.answer)! : question.options.find((o) => o.id === question.answer)!;
    await page.getByLabel(option.label.nl).check();
    if (index === 1) await expectNoAxeViolations(page, "question");
    await page.getByRole("button", { name: "Antwoord geven" }).click();
    await expect(page.getByTestId("answer-verdict")).toHaveText(index === 0 ? "Helaas, dat is niet goed." : "Goed!");
    await expect(page.getByTestId("explanation")).toHaveText(question.explanation.nl);
    if (index === 0) await expectNoAxeViolations(page, "explanation");
    await page.getByRole("link", { name: index === module.questions.length - 1 ? "Bekijk uw uitslag" : "Volgende vraag" }).click();
  }

  await expect(page.getByTestId("result")).toHaveText("U hebt deze module gehaald: 4 van 5 goed.");
  await expect(page.getByTestId("certified")).toContainText("Gefeliciteerd! U bent nu gecertificeerd tot");
  await expectNoAxeViolations(page, "result");
  await page.getByRole("link", { name: "Uw certificaat bekijken en printen" }).click();
  const certificate = page.getByTestId("certificate");
  await expect(certificate.getByRole("heading", { level: 1 })).toHaveText("Certificaat digitale ambassadeur");
  await expect(certificate).toContainText(`${name} heeft de basistraining voor digitale ambassadeurs van de gemeente ${services.municipality.name} met goed gevolg afgerond.`);
  await expectNoAxeViolations(page, "certificate");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await expect(certificate).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The coordinator's roster shows the status and filters on it.
  const office = await browser.newContext({ baseURL });
  const coordinator = await createUser(services, { role: "coordinator" });
  await addSessionCookie(office, baseURL!, await createSessionToken(services, coordinator));
  const roster = await office.newPage();
  await roster.goto("/beheer/ambassadeurs");
  await roster.getByLabel("Trainingsstatus").selectOption({ label: "Gecertificeerd" });
  await roster.getByRole("button", { name: "Tonen" }).click();
  const row = roster.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByTestId("training-status")).toHaveText("Gecertificeerd");
  await expectNoAxeViolations(roster, "roster with training status");
  await office.close();
});

test("without a connection: the ambassador answers a module on the phone, it is sent when the connection is back, passes and certifies; the coordinator sees it", async ({
  page,
  context,
  browser,
  baseURL,
  services,
  loginAs,
}) => {
  test.slow();
  const name = `Ambassadeur Kelder ${Date.now()}`;
  const ambassador = await loginAs("ambassador", { displayName: name });
  await passedBefore(services, ambassador.id, ["recognise-phishing", "whatsapp-fraud", "sending-signals"]);
  const module = readModule("privacy-and-role");

  // One visit online: the lesson, with its questions, is kept on the phone.
  await page.goto(`/training/${module.id}`);
  await workerReady(page);
  await page.goto(`/training/${module.id}`);
  await expect.poll(() => isCached(page, `/training/${module.id}`)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title.nl);
  await pageReady(page);
  const quiz = page.getByTestId("offline-quiz");
  await quiz.getByRole("button", { name: "Vragen beantwoorden op dit toestel" }).click();
  for (const [index, question] of module.questions.entries()) {
    await expect(quiz.getByText(`Vraag ${index + 1} van ${module.questions.length}`)).toBeVisible();
    if (index === 0) {
      await quiz.getByRole("button", { name: "Antwoord geven" }).click();
      await expect(quiz).toContainText("Kies een antwoord.");
      await expectNoAxeViolations(page, "offline question with an error");
    }
    // The first answered wrongly, the rest right: 4 of 5 passes.
    const option = index === 0 ? question.options.find((o) => o.id !== question.answer)! : question.options.find((o) => o.id === question.answer)!;
    await quiz.getByLabel(option.label.nl, { exact: true }).check();
    await quiz.getByRole("button", { name: "Antwoord geven" }).click();
    await expect(quiz.getByTestId("offline-verdict")).toHaveText(index === 0 ? "Helaas, dat is niet goed." : "Goed!");
    await expect(quiz.getByTestId("offline-explanation")).toHaveText(question.explanation.nl);
    if (index === 0) await expectNoAxeViolations(page, "offline explanation");
    await quiz.getByRole("button", { name: index === module.questions.length - 1 ? "Bekijk uw uitslag" : "Volgende vraag" }).click();
  }
  const status = quiz.getByTestId("offline-status");
  await expect(status).toHaveText("Uw antwoorden (4 van 5 goed) wachten op verbinding. Ze worden vanzelf verstuurd.");
  expect(await services.db.selectFrom("training_attempts").select("id").where("user_id", "=", ambassador.id).where("module_id", "=", module.id).execute()).toEqual([]);

  // Back online: the page sends it, the server passes it and certifies.
  await context.setOffline(false);
  await expect(status).toHaveText("Verstuurd: u hebt deze module gehaald (4 van 5 goed).");
  await expect(quiz.getByTestId("offline-certified")).toHaveText("Gefeliciteerd! U bent nu gecertificeerd.");
  await expectNoAxeViolations(page, "offline attempt sent");
  const stored = await services.db.selectFrom("training_attempts").select(["passed", "correct_count"]).where("user_id", "=", ambassador.id).where("module_id", "=", module.id).execute();
  expect(stored.map((row) => [Number(row.passed), Number(row.correct_count)])).toEqual([[1, 4]]);
  await quiz.getByRole("link", { name: "Uw certificaat bekijken en printen" }).click();
  await expect(page.getByTestId("certificate")).toContainText(`${name} heeft de basistraining voor digitale ambassadeurs van de gemeente ${services.municipality.name} met goed gevolg afgerond.`);

  const office = await browser.newContext({ baseURL });
  const coordinator = await createUser(services, { role: "coordinator" });
  await addSessionCookie(office, baseURL!, await createSessionToken(services, coordinator));
  const roster = await office.newPage();
  await roster.goto("/beheer/ambassadeurs?training=gecertificeerd");
  await expect(roster.getByRole("row", { name: new RegExp(name) }).getByTestId("training-status")).toHaveText("Gecertificeerd");
  await office.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an answer is a plain form post, followed by its explanation; in Arabic the page reads right to left", async ({ page, services, loginAs }) => {
    const ambassador = await loginAs("ambassador");
    await services.db.updateTable("users").set({ language: "ar" }).where("id", "=", ambassador.id).execute();
    const module = readModule("recognise-phishing");
    await page.goto("/training/recognise-phishing");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title.ar!);
    await page.getByRole("button", { name: "ابدأ الأسئلة" }).click();
    await pageReady(page);
    const question = module.questions[0]!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(question.text.ar!);
    await page.getByLabel(question.options.find((o) => o.id === question.answer)!.label.ar!).check();
    await page.getByRole("button", { name: "أجب" }).click();
    await expect(page.getByTestId("answer-verdict")).toHaveText("صحيح!");
    await expect(page.getByTestId("explanation")).toHaveText(question.explanation.ar!);
    await expect(page).toHaveURL(/\/training\/recognise-phishing\/vragen\?uitleg=sign-of-phishing$/);
  });
});
