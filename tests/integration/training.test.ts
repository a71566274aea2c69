import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { deliverDueMails } from "#app/features/mail/outbox.server.ts";
import { sendCertificateReminders } from "#app/features/training/reminders.server.ts";
import { addMonths, certifyIfEarned } from "#app/features/training/training.server.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import type { TestSmtpServer } from "#tests/support/smtp-server.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import type { TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Training and certification through the real server, on each database: an
// ambassador's answers and progress, passing at the module's score, the
// certificate that passing the basic modules gives and its expiry, the
// refresher reminder (mail received by a real SMTP server in this process,
// and a push queued), the coordinator's roster filter and the per-question
// results (totals only, small counts hidden).

const START = "2026-03-02T09:00:00.000Z";
const BASIC = ["recognise-phishing", "whatsapp-fraud", "sending-signals", "privacy-and-role"];

describeApp("training and certification on %s", { now: START, mail: true }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    ({ services, server, smtp } = app);
  });
  beforeEach(() => {
    clock.set(START);
  });

  async function clientFor(user: TestUser) {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return client;
  }

  function module(id: string) {
    const found = services.training.modules.find((m) => m.id === id);
    if (!found) throw new Error(`no module ${id}`);
    return found;
  }

  const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

  /** Answers every question of a module through the pages; `wrong` lists the question numbers (1-based) to answer wrongly. */
  async function takeModule(client: HttpClient, id: string, wrong: number[] = []) {
    const start = await client.post(`/training/${id}`, {});
    expect(start.location).toBe(`/training/${id}/vragen`);
    const content = module(id);
    for (let number = 1; number <= content.questions.length; number++) {
      const page = await client.get(`/training/${id}/vragen`);
      expect(page.status).toBe(200);
      const questionId = hidden(page.text, "questionId")!;
      const question = content.questions.find((q) => q.id === questionId)!;
      expect(visibleText(page.text)).toContain(`Vraag ${number} van ${content.questions.length}`);
      const optionId = wrong.includes(number) ? question.options.find((o) => o.id !== question.answer)!.id : question.answer!;
      clock.advance(20_000);
      const answered = await client.post(`/training/${id}/vragen`, { attemptId: hidden(page.text, "attemptId")!, questionId, optionId });
      expect(answered.location).toBe(`/training/${id}/vragen?uitleg=${questionId}`);
      const explanation = visibleText((await client.get(answered.location!)).text);
      expect(explanation).toContain(wrong.includes(number) ? "Helaas, dat is niet goed." : "Goed!");
      expect(explanation).toContain(question.explanation.nl);
    }
    return visibleText((await client.get(`/training/${id}/vragen`)).text);
  }

  it("refuses an answer without a choice, or with an option of another question, and stores nothing", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = await clientFor(ambassador);
    await client.post("/training/recognise-phishing", {});
    const page = await client.get("/training/recognise-phishing/vragen");
    const attemptId = hidden(page.text, "attemptId")!;
    const none = await client.post("/training/recognise-phishing/vragen", { attemptId, questionId: "sign-of-phishing" });
    expect(none.status).toBe(400);
    expect(visibleText(none.text)).toContain("Kies een antwoord.");
    const foreign = await client.post("/training/recognise-phishing/vragen", { attemptId, questionId: "sign-of-phishing", optionId: "own-app" });
    expect(foreign.status).toBe(400);
    expect(visibleText(foreign.text)).toContain("Dat antwoord hoort niet bij deze vraag.");
    const other = await client.post("/training/recognise-phishing/vragen", { attemptId: randomUUID(), questionId: "sign-of-phishing", optionId: "haste" });
    expect(other.status).toBe(400);
    expect(visibleText(other.text)).toContain("Deze vragenronde bestaat niet (meer).");
    expect(await services.db.selectFrom("training_answers").selectAll().where("attempt_id", "=", attemptId).execute()).toEqual([]);
  });

  it("passes a module at its pass score, not below it; a repeated answer changes nothing", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = await clientFor(ambassador);
    const failed = await takeModule(client, "taking-care-of-yourself", [1, 2]);
    expect(failed).toContain("U had 3 van 5 goed; om te slagen zijn er 4 nodig.");
    const passed = await takeModule(client, "taking-care-of-yourself", [3]);
    expect(passed).toContain("U hebt deze module gehaald: 4 van 5 goed.");
    const attempts = await services.db
      .selectFrom("training_attempts")
      .select(["correct_count", "passed"])
      .where("user_id", "=", ambassador.id)
      .orderBy("started_at")
      .orderBy("correct_count")
      .execute();
    expect(attempts.map((a) => [Number(a.correct_count), Number(a.passed)])).toEqual([
      [3, 0],
      [4, 1],
    ]);
    // The back button posting the last answer again: the finished attempt stays as it was.
    const last = await services.db.selectFrom("training_attempts").select("id").where("user_id", "=", ambassador.id).where("passed", "=", 1).executeTakeFirstOrThrow();
    const again = await client.post("/training/taking-care-of-yourself/vragen", { attemptId: last.id, questionId: "own-support", optionId: "nowhere" });
    expect(again.status).toBe(302);
    const row = await services.db.selectFrom("training_answers").select("option_id").where("attempt_id", "=", last.id).where("question_id", "=", "own-support").executeTakeFirstOrThrow();
    expect(row.option_id).toBe("coordinator-sh");
    // The ambassador's own data export holds their training too.
    const own = JSON.parse((await client.get("/account/mijn-gegevens")).text) as { training: { attempts: { module: string; correct: number; passed: boolean; answers: unknown[] }[]; certificate: unknown } };
    expect(own.training.attempts.map((a) => [a.module, a.correct, a.passed, a.answers.length])).toEqual([
      ["taking-care-of-yourself", 3, false, 5],
      ["taking-care-of-yourself", 4, true, 5],
    ]);
    expect(own.training.certificate).toBeNull();
    const overview = visibleText((await client.get("/training")).text);
    expect(overview).toContain("Beste score: 4 van 5");
    expect(overview).toContain("Haal alle basismodules (4) om gecertificeerd te worden.");
    // Not certified by an optional module: no certificate to print.
    const certificate = await client.get("/training/certificaat");
    expect(certificate.status).toBe(403);
    expect(visibleText(certificate.text)).toContain("U hebt geen geldig certificaat: haal eerst alle basismodules.");
  });

  it("certifies after the basic modules for CERTIFICATE_VALID_MONTHS, reminds once a month before, lapses, and renews", async () => {
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Fatima Amrani" });
    const bystander = await createUser(services, { role: "ambassador", displayName: "Nog Niet Begonnen" });
    const coordinator = await createUser(services, { role: "coordinator" });
    let client = await clientFor(ambassador);
    for (const id of BASIC.slice(0, -1)) await takeModule(client, id);
    expect(await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", ambassador.id).execute()).toEqual([]);
    const last = await takeModule(client, BASIC.at(-1)!);
    expect(last).toContain("Gefeliciteerd! U bent nu gecertificeerd tot 2 maart 2027.");
    const stored = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", ambassador.id).executeTakeFirstOrThrow();
    const certifiedAt = clock.now().toISOString();
    expect(stored).toMatchObject({ certified_at: certifiedAt, valid_until: addMonths(clock.now(), 12).toISOString(), reminder_sent_at: null });

    const certificate = await client.get("/training/certificaat");
    expect(certificate.status).toBe(200);
    const text = visibleText(certificate.text);
    expect(text).toContain(`Fatima Amrani heeft de basistraining voor digitale ambassadeurs van de gemeente ${services.municipality.name} met goed gevolg afgerond.`);
    expect(text).toContain("Gecertificeerd van 2 maart 2026 tot 2 maart 2027.");

    // The roster shows the status and filters on it.
    let staff = await clientFor(coordinator);
    const certifiedOnly = visibleText((await staff.get("/beheer/ambassadeurs?training=gecertificeerd")).text);
    expect(certifiedOnly).toContain("Fatima Amrani");
    expect(certifiedOnly).not.toContain("Nog Niet Begonnen");
    const notStarted = visibleText((await staff.get("/beheer/ambassadeurs?training=niet-begonnen")).text);
    expect(notStarted).toContain("Nog Niet Begonnen");
    expect(notStarted).not.toContain("Fatima Amrani");

    // A push subscription, so that the reminder also goes to the phone.
    await services.db
      .insertInto("push_subscriptions")
      .values({ id: randomUUID(), user_id: ambassador.id, endpoint: "https://fcm.googleapis.com/fcm/send/training-test", p256dh: "BPk", auth: "au", created_at: START })
      .execute();

    // Not yet due a day before the month before.
    clock.set("2027-02-01T09:00:00.000Z");
    expect(await sendCertificateReminders(services)).toEqual({ reminded: 0 });
    clock.set("2027-02-03T09:00:00.000Z");
    smtp.received.length = 0;
    expect(await sendCertificateReminders(services)).toEqual({ reminded: 1 });
    expect(await sendCertificateReminders(services)).toEqual({ reminded: 0 });
    await services.tasks.settled();
    await deliverDueMails(services);
    const mails = smtp.received.filter((mail) => mail.envelopeTo.includes(ambassador.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Uw certificaat als digitale ambassadeur verloopt binnenkort");
    expect(mails[0]!.text).toContain("Beste Fatima Amrani,");
    expect(mails[0]!.text).toContain("geldig tot 2 maart 2027");
    expect(mails[0]!.text).toContain("/training");
    expect(smtp.received.some((mail) => mail.envelopeTo.includes(bystander.email))).toBe(false);
    const pushes = await services.db
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select("push_deliveries.payload")
      .where("push_subscriptions.user_id", "=", ambassador.id)
      .execute();
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(pushes[0]!.payload)).toMatchObject({ title: "Uw certificaat verloopt binnenkort", url: "/training" });
    // Eleven months on, the sessions of March have long expired: log in again.
    client = await clientFor(ambassador);
    expect(visibleText((await client.get("/training")).text)).toContain("Verleng uw certificaat voor 2 maart 2027");

    // Lapsed: no certificate to print, the roster says so.
    clock.set("2027-03-02T12:00:00.000Z");
    client = await clientFor(ambassador);
    staff = await clientFor(coordinator);
    expect((await client.get("/training/certificaat")).status).toBe(403);
    expect(visibleText((await client.get("/training")).text)).toContain("Uw certificaat is verlopen op 2 maart 2027.");
    expect(visibleText((await staff.get("/beheer/ambassadeurs?training=verlopen")).text)).toContain("Fatima Amrani");

    // Renewed by passing the basic modules again: a new validity and a new reminder to come.
    for (const id of BASIC) await takeModule(client, id);
    const renewed = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", ambassador.id).executeTakeFirstOrThrow();
    expect(renewed).toMatchObject({ certified_at: clock.now().toISOString(), valid_until: addMonths(clock.now(), 12).toISOString(), reminder_sent_at: null });
    expect(renewed.valid_until.slice(0, 10)).toBe("2028-03-02");
  });

  it("takes the validity from CERTIFICATE_VALID_MONTHS and certifies nobody who did not pass every basic module", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = await clientFor(ambassador);
    for (const id of BASIC.slice(0, -1)) await takeModule(client, id);
    const sixMonths = { ...services, config: { ...services.config, training: { certificateValidMonths: 6 } } };
    expect(await certifyIfEarned(sixMonths, ambassador.id)).toBe(false);
    await takeModule(client, BASIC.at(-1)!, [1, 2]);
    expect(await certifyIfEarned(sixMonths, ambassador.id)).toBe(false);
    await takeModule(client, BASIC.at(-1)!);
    await services.db.deleteFrom("training_certificates").where("user_id", "=", ambassador.id).execute();
    expect(await certifyIfEarned(sixMonths, ambassador.id)).toBe(true);
    const row = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", ambassador.id).executeTakeFirstOrThrow();
    expect(row.valid_until).toBe(addMonths(clock.now(), 6).toISOString());
    expect(row.valid_until.slice(0, 10)).toBe("2026-09-02");
  });

  it("shows coordinators totals per question, small counts hidden, and no names", async () => {
    const threshold = services.municipality.suppressionThreshold;
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = await clientFor(coordinator);
    const names: string[] = [];
    for (let index = 0; index < threshold; index++) {
      const name = `Resultaat Ambassadeur ${index}`;
      names.push(name);
      const ambassador = await createUser(services, { role: "ambassador", displayName: name });
      // Everyone misses question 2 of "referring-residents".
      await takeModule(await clientFor(ambassador), "referring-residents", [2]);
    }
    const page = await staff.get("/beheer/training");
    expect(page.status).toBe(200);
    const section = /data-testid="results-referring-residents"[\s\S]*?<\/section>/.exec(page.text)![0];
    const text = visibleText(section);
    // The most-missed question first, with its count and the wrong answer chosen.
    const rows = [...section.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => visibleText(m[0]));
    const missedQuestion = module("referring-residents").questions[1]!;
    const chosenWrong = missedQuestion.options.find((o) => o.id !== missedQuestion.answer)!;
    expect(rows[1]).toBe(`${missedQuestion.text.nl} ${threshold} ${threshold} ${chosenWrong.label.nl}`);
    expect(text).toContain(`Afgeronde pogingen: ${threshold}, waarvan gehaald: ${threshold}.`);
    for (const name of names) expect(page.text).not.toContain(name);
    // A module only one ambassador took: its counts are below the threshold.
    const phishing = visibleText(/data-testid="results-taking-care-of-yourself"[\s\S]*?<\/section>/.exec(page.text)![0]);
    expect(phishing).toContain(`< ${threshold}`);
  });
});
