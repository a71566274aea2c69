import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { deliverDueMails } from "#app/features/mail/outbox.server.ts";
import { sendSignalDigests } from "#app/features/signals/digest.server.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/support/smtp-server.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The daily digest to each team, received by a real SMTP server in this
// process, on both databases: from 07:00 Amsterdam time, once a day however
// often the job runs, counts in each team's own scope, in each person's
// language, not to those who switched it off or were switched off, and
// without anything of a signal but the counts.

describe.each(testDialects())("daily signal digest on %s", (dialect) => {
  let smtp: TestSmtpServer;
  let services: TestServices;
  let server: TestServer;
  // A Tuesday, 06:30 in Den Haag.
  const clock = fixedClock("2026-11-24T05:30:00.000Z");

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    services = await createTestServices(dialect, { clock, env: { SMTP_URL: smtp.url, MAIL_FROM: "wijkwijs@denhaag.example" } });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.tasks.settled();
    await services?.database.drop();
    await smtp?.close();
  });

  it("one mail per person per day, each team its own counts, in the person's language, never to who switched it off", async () => {
    const nl = await createUser(services, { role: "coordinator", displayName: "Anouk" });
    const en = await createUser(services, { role: "coordinator", displayName: "Brian" });
    await services.db.updateTable("users").set({ language: "en" }).where("id", "=", en.id).execute();
    const quiet = await createUser(services, { role: "coordinator", displayName: "Cor" });
    const gone = await createUser(services, { role: "coordinator", displayName: "Dirk" });
    await services.db.updateTable("users").set({ deactivated_at: clock.now().toISOString() }).where("id", "=", gone.id).execute();
    const officer = await createUser(services, { role: "police", displayName: "Agent Eva" });
    const ambassador = await createUser(services, { role: "ambassador" });
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };

    // Cor switches the digest off on the account page.
    const desk = new HttpClient(server.url);
    desk.setSession(await createSessionToken(services, quiet));
    expect((await desk.post("/account", { intent: "signal-digest" })).status).toBe(302);
    expect(await services.db.selectFrom("signal_digest_optouts").select("user_id").execute()).toEqual([{ user_id: quiet.id }]);

    // Overdue: two for the gemeente (one also for the police); a handled one does not count. New: three since yesterday.
    await createSignal(services, { sender, receivedAt: "2026-11-10T09:00:00.000Z", freeText: "Geheime tekst over de zaak." });
    await createSignal(services, { sender, recipients: "both", receivedAt: "2026-11-12T09:00:00.000Z" });
    await createSignal(services, { sender, status: "handled", receivedAt: "2026-11-12T09:00:00.000Z" });
    await createSignal(services, { sender, receivedAt: "2026-11-23T10:00:00.000Z" });
    await createSignal(services, { sender, receivedAt: "2026-11-23T12:00:00.000Z" });
    await createSignal(services, { sender, recipients: "politie", receivedAt: "2026-11-24T05:00:00.000Z" });

    // Before seven nothing goes.
    expect(await sendSignalDigests(services)).toEqual({ sent: [] });

    clock.set("2026-11-24T07:15:00.000Z");
    expect((await sendSignalDigests(services)).sent).toEqual([
      { team: "gemeente", overdue: 2, new: 3, recipients: 2 },
      { team: "police", overdue: 1, new: 1, recipients: 1 },
    ]);
    // Again the same day: nothing more.
    expect(await sendSignalDigests(services)).toEqual({ sent: [] });
    await deliverDueMails(services);
    // The job also starts a delivery of its own in the background: wait for it too.
    await services.tasks.settled();

    const byRecipient = new Map(smtp.received.map((mail) => [mail.envelopeTo[0], mail]));
    expect([...byRecipient.keys()].sort()).toEqual([nl.email, en.email, officer.email].sort());
    expect(byRecipient.get(nl.email)!.subject).toBe("Signalen vandaag: 2 over de termijn, 3 nieuw");
    expect(byRecipient.get(nl.email)!.text).toContain("Beste Anouk,");
    expect(byRecipient.get(nl.email)!.text).toContain("2 open signalen zijn over de termijn.");
    expect(byRecipient.get(nl.email)!.text).toContain("/signalen?sorteer=due");
    expect(byRecipient.get(en.email)!.subject).toBe("Signals today: 2 overdue, 3 new");
    expect(byRecipient.get(officer.email)!.subject).toBe("Signalen vandaag: 1 over de termijn, 1 nieuw");
    expect(byRecipient.get(officer.email)!.text).toContain("1 signaal is sinds gisteren binnengekomen.");
    for (const mail of smtp.received) expect(mail.text + mail.html).not.toContain("Geheime tekst");

    // The next day it goes again.
    smtp.received.length = 0;
    clock.set("2026-11-25T07:15:00.000Z");
    expect((await sendSignalDigests(services)).sent.map((s) => s.team)).toEqual(["gemeente", "police"]);
    await deliverDueMails(services);
    await services.tasks.settled();
    expect(smtp.received).toHaveLength(3);

    // Switched on again, Cor gets it too (a new session: two days went by).
    desk.setSession(await createSessionToken(services, quiet));
    expect((await desk.post("/account", { intent: "signal-digest", digest: "on" })).status).toBe(302);
    smtp.received.length = 0;
    clock.set("2026-11-26T07:15:00.000Z");
    await sendSignalDigests(services);
    await deliverDueMails(services);
    await services.tasks.settled();
    expect(smtp.received.map((m) => m.envelopeTo[0])).toContain(quiet.email);
  });

  it("ambassadors have no digest to switch", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const phone = new HttpClient(server.url);
    phone.setSession(await createSessionToken(services, ambassador));
    expect((await phone.post("/account", { intent: "signal-digest" })).status).toBe(403);
    expect(await services.db.selectFrom("signal_digest_optouts").select("user_id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
  });
});
