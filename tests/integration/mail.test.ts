import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "#app/config.server.ts";
import { renderMail } from "#app/features/mail/compose.server.ts";
import { deliverDueMails, eraseOldMail, MAX_ATTEMPTS, queueMail } from "#app/features/mail/outbox.server.ts";
import { runRetention } from "#app/features/retention/retention.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { startAppProcess } from "#tests/support/app-process.ts";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/support/smtp-server.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// E-mail through the outbox to a real SMTP server in this process: what
// arrives (parts, sender, language, direction), what happens when the mail
// server refuses or is away (retried with backoff, never lost, never sent
// twice), several workers on one PostgreSQL outbox, the development mailbox
// and its absence in production.

const START = "2026-12-07T09:00:00.000Z";

function sample(language: "nl" | "ar" = "nl", url = "https://wijkwijs.example.nl/x/abc") {
  return renderMail(language, "Den Haag", {
    subject: language === "ar" ? "اختبار" : "Proefmail",
    greeting: language === "ar" ? "مرحبًا،" : "Hallo,",
    before: [language === "ar" ? "هذه رسالة اختبار <b>." : "Dit is een proef <b>."],
    action: { label: language === "ar" ? "افتح" : "Openen", url },
    after: [],
  });
}

async function pendingRows(services: TestServices) {
  return services.db.selectFrom("mail_outbox").selectAll().orderBy("created_at").orderBy("recipient").execute();
}

describe("mail configuration", () => {
  it("asks for a sender address with SMTP_URL, and for PUBLIC_URL in production", () => {
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.nl:587" })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.nl", MAIL_FROM: "a@b.nl" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: "not an address" })).toThrow(ConfigError);
    expect(() => loadConfig({ APP_ENV: "production", SMTP_URL: "smtps://u:p@mail.example.nl", MAIL_FROM: "wijkwijs@denhaag.nl" })).toThrow(/PUBLIC_URL/);
    const config = loadConfig({ APP_ENV: "production", SMTP_URL: "smtps://u:p@mail.example.nl", MAIL_FROM: "wijkwijs@denhaag.nl", PUBLIC_URL: "https://wijkwijs.denhaag.nl" });
    expect(config.mail).toMatchObject({ smtpUrl: "smtps://u:p@mail.example.nl", from: "wijkwijs@denhaag.nl", retentionDays: 7 });
    expect(loadConfig({}).mail.smtpUrl).toBeUndefined();
  });
});

describeApp("mail outbox on %s", { now: START, mail: true, noServer: true }, (app) => {
  const { clock, dialect } = app;
  let smtp: TestSmtpServer;
  let services: TestServices;

  beforeAll(async () => {
    ({ services, smtp } = app);
  });

  beforeEach(async () => {
    clock.set(START);
    smtp.refuseWith(null);
    smtp.received.length = 0;
    await services.db.deleteFrom("mail_outbox").execute();
  });

  it("delivers a queued mail over SMTP: text and HTML, the municipality as sender, no images, a stable Message-ID", async () => {
    const id = await queueMail(services, { kind: "test", to: "ambassadeur@example.nl", ...sample() });
    const run = await deliverDueMails(services);
    expect(run).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(["ambassadeur@example.nl"]);
    expect(mail.from).toEqual({ name: "Wijkwijs – gemeente Den Haag", address: "wijkwijs@denhaag.example" });
    expect(mail.subject).toBe("Proefmail");
    expect(mail.messageId).toBe(`<${id}@denhaag.example>`);
    expect(mail.headers["content-language"]).toBe("nl");
    expect(mail.text).toContain("Dit is een proef <b>.");
    expect(mail.text).toContain("\nhttps://wijkwijs.example.nl/x/abc\n");
    // Escaped in HTML, never markup from a value.
    expect(mail.html).toContain("Dit is een proef &lt;b&gt;.");
    expect(mail.html).toContain('href="https://wijkwijs.example.nl/x/abc"');
    expect(mail.html).not.toMatch(/<img|url\(|@import|<script|<link/i);
    const [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null, sent_at: START });
    // Nothing left to do: a second run sends nothing again.
    expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("writes Arabic right to left, with the link isolated left to right", async () => {
    await queueMail(services, { kind: "test", to: "a@example.nl", ...sample("ar") });
    await deliverDueMails(services);
    const mail = smtp.received[0]!;
    expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(mail.html).toContain('<a class="mail-link" dir="ltr" href="https://wijkwijs.example.nl/x/abc">');
    expect(mail.from.name).toBe("Wijkwijs – بلدية Den Haag");
    expect(mail.text).toMatch(/^https:\/\/wijkwijs\.example\.nl\/x\/abc$/m);
  });

  it("keeps a mail the server refuses for now (451) and delivers it once, after the backoff, when the server takes it", async () => {
    await queueMail(services, { kind: "test", to: "a@example.nl", ...sample() });
    smtp.refuseWith(451);
    expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.last_error).toMatch(/^451 /);
    expect(row!.next_attempt_at).toBe(new Date(Date.parse(START) + 60_000).toISOString());

    smtp.refuseWith(null);
    // Not due yet: the backoff is respected.
    expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(60_000);
    expect(await deliverDueMails(services)).toEqual({ sent: 1, retried: 0, failed: 0 });
    [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect(smtp.received).toHaveLength(1);
  });

  it("keeps mail while the mail server is down and delivers it when it is back", async () => {
    await queueMail(services, { kind: "test", to: "a@example.nl", ...sample() });
    await smtp.stop();
    try {
      expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 1, failed: 0 });
      clock.advance(60_000);
      expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [row] = await pendingRows(services);
      expect(row).toMatchObject({ status: "pending", attempts: 2 });
      expect(row!.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
      // The second wait is twice the first.
      expect(row!.next_attempt_at).toBe(new Date(clock.now().getTime() + 120_000).toISOString());
    } finally {
      await smtp.start();
    }
    clock.advance(120_000);
    expect(await deliverDueMails(services)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("gives up on a mailbox that does not exist (550) at once, and after the last attempt otherwise, keeping the error", async () => {
    await queueMail(services, { kind: "test", to: "nobody@example.nl", ...sample() });
    smtp.refuseWith(550);
    expect(await deliverDueMails(services)).toEqual({ sent: 0, retried: 0, failed: 1 });
    let [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.last_error).toMatch(/^550 /);
    expect(row!.text_body).not.toBeNull();

    await services.db.deleteFrom("mail_outbox").execute();
    await queueMail(services, { kind: "test", to: "busy@example.nl", ...sample() });
    smtp.refuseWith(451);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueMails(services);
      clock.advance(3600_000);
    }
    [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row!.last_error).toMatch(/^451 /);
    expect(smtp.received).toHaveLength(0);
  });

  it("erases a mail that carries a key as soon as it is delivered", async () => {
    await queueMail(services, { kind: "test", to: "a@example.nl", ...sample(), carriesKey: true });
    await deliverDueMails(services);
    const [row] = await pendingRows(services);
    expect(row).toMatchObject({ status: "sent", text_body: null, html_body: null, erased_at: START });
    expect(smtp.received[0]!.text).toContain("https://wijkwijs.example.nl/x/abc");
  });

  it("delivers each of many mails exactly once when workers run side by side", async () => {
    for (let i = 0; i < 24; i++) await queueMail(services, { kind: "test", to: `person${i}@example.nl`, ...sample() });
    // On PostgreSQL a second connection pool is a second instance as far as row locks go.
    const second = dialect === "postgres" ? createDatabase(parseDatabaseUrl(services.database.url), { poolSize: 4 }) : null;
    try {
      const runs = await Promise.all([
        deliverDueMails(services),
        deliverDueMails(second ? { ...services, db: second } : services),
        deliverDueMails(services),
      ]);
      expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(24);
    } finally {
      await second?.destroy();
    }
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    expect((await pendingRows(services)).every((row) => row.status === "sent")).toBe(true);
  });

  it("retention erases the text of old mails, gives up on mail never sent and drops the rows after 90 days", async () => {
    await queueMail(services, { kind: "test", to: "sent@example.nl", ...sample() });
    await deliverDueMails(services);
    smtp.refuseWith(451);
    await queueMail(services, { kind: "test", to: "stuck@example.nl", ...sample() });
    await deliverDueMails(services);
    clock.advance(6 * 24 * 3600_000);
    expect(await eraseOldMail(services)).toEqual({ erased: 0, givenUp: 0, deleted: 0 });
    clock.advance(2 * 24 * 3600_000);
    const reports = await runRetention(services);
    expect(reports?.find((report) => report.task === "mail outbox")).toMatchObject({ ok: true, result: { erased: 1, givenUp: 1, deleted: 0 } });
    const rows = await pendingRows(services);
    expect(rows.map((row) => [row.recipient, row.status, row.text_body, row.html_body])).toEqual([
      ["sent@example.nl", "sent", null, null],
      ["stuck@example.nl", "failed", null, null],
    ]);
    expect(rows[1]!.last_error).toBe("not delivered within 7 days");
    clock.advance(90 * 24 * 3600_000);
    expect(await eraseOldMail(services)).toMatchObject({ deleted: 2 });
  });
});

describeApp("e-mailed invitations and the development mailbox on %s", { mail: true }, (app) => {
  let smtp: TestSmtpServer;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server, smtp } = app);
  });

  it("e-mails each invitation, with the same link the coordinator sees, in the coordinator's language", async () => {
    const organisation = await createOrganisation(services, { name: "Bibliotheek Moerwijk" });
    const coordinator = await createUser(services, { role: "coordinator" });
    await services.db.updateTable("users").set({ language: "en" }).where("id", "=", coordinator.id).execute();
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, coordinator));
    const response = await client.post("/beheer/uitnodigingen", {
      emails: "nieuw1@example.nl\nnieuw2@example.nl",
      role: "ambassador",
      organisationId: organisation.id,
    });
    expect(response.status).toBe(200);
    const shown = [...response.text.matchAll(/data-email="([^"]+)"[^>]*>([^<]+)<\/code>/g)].map((match) => [match[1], match[2]]);
    expect(shown).toHaveLength(2);
    await services.tasks.settled();
    for (const [email, url] of shown) {
      const mail = await smtp.waitFor((received) => received.envelopeTo.includes(email!));
      expect(mail.subject).toBe("Your invitation to Wijkwijs");
      expect(mail.text).toContain("You have been invited to be a digital ambassador at Bibliotheek Moerwijk.");
      expect(mail.text).toContain(`\n${url}\n`);
      expect(mail.html).toContain(`href="${url}"`);
    }
    // The link is a key: once delivered, the outbox no longer holds it.
    const rows = await services.db.selectFrom("mail_outbox").select(["status", "text_body"]).where("kind", "=", "invitation").execute();
    expect(rows).toEqual([
      { status: "sent", text_body: null },
      { status: "sent", text_body: null },
    ]);
  });

  it("lists every mail on /dev/mailbox outside production, with each mail's text and clickable links", async () => {
    const client = new HttpClient(server.url);
    const list = await client.get("/dev/mailbox");
    expect(list.status).toBe(200);
    expect(visibleText(list.text)).toContain("Your invitation to Wijkwijs");
    const id = /href="\/dev\/mailbox\/([0-9a-f-]{36})"/.exec(list.text)?.[1];
    expect(id).toBeDefined();
    await services.db.updateTable("mail_outbox").set({ text_body: "Tekst met https://example.nl/link", html_body: '<html><body><p><a href="https://example.nl/link">klik</a></p></body></html>' }).where("id", "=", id!).execute();
    const detail = await client.get(`/dev/mailbox/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('<a href="https://example.nl/link">klik</a>');
    expect(visibleText(detail.text)).toContain("Tekst met https://example.nl/link");
    expect((await client.get("/dev/mailbox/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describeApp("the development mailbox in production on %s", { env: { APP_ENV: "production", PUBLIC_URL: "https://wijkwijs.denhaag.example", AUDIT_KEY: "a-test-audit-key-that-is-long-enough-123456" } }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it("does not exist: 404 for the list and for a mail that is in the outbox", async () => {
    const id = await queueMail(services, { kind: "test", to: "a@example.nl", ...sample() });
    const client = new HttpClient(server.url);
    for (const path of ["/dev/mailbox", `/dev/mailbox/${id}`]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain("Proefmail");
      expect(response.text).not.toContain("a@example.nl");
    }
    // Never linked from a production page.
    for (const path of ["/", "/inloggen", "/wachtwoord-vergeten"]) expect((await client.get(path)).text).not.toContain("/dev/mailbox");
  });
});

describe("the development mailbox seen from another machine", () => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    // Behind a proxy (TRUST_PROXY) the client's address comes from X-Forwarded-For.
    services = await createTestServices("sqlite", { env: { TRUST_PROXY: "1" } });
    server = await startTestServer(services);
  });

  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  it("answers 404 outside this machine, even without APP_ENV=production", async () => {
    const id = await queueMail(services, { kind: "test", to: "a@example.nl", ...sample() });
    const remote = new HttpClient(server.url);
    for (const path of ["/dev/mailbox", `/dev/mailbox/${id}`]) {
      expect((await remote.get(path, { "x-forwarded-for": "203.0.113.9" })).status, path).toBe(404);
      expect((await remote.get(path, { "x-forwarded-for": "127.0.0.1" })).status, path).toBe(200);
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("two app instances sharing one PostgreSQL outbox", () => {
  let smtp: TestSmtpServer;
  let services: TestServices;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    services = await createTestServices("postgres");
  });

  afterAll(async () => {
    await services?.database.drop();
    await smtp?.close();
  });

  it("delivers every mail exactly once when two server processes work on the outbox at the same time", { timeout: 180_000 }, async () => {
    for (let i = 0; i < 20; i++) await queueMail(services, { kind: "test", to: `queued${i}@example.nl`, ...sample() });
    const organisation = await createOrganisation(services);
    const coordinator = await createUser(services, { role: "coordinator" });
    const env = { DATABASE_URL: services.database.url, DEMO_DATA: "false", DATABASE_POOL_SIZE: "4", SMTP_URL: smtp.url, MAIL_FROM: "wijkwijs@denhaag.example" };
    // Each instance starts its outbox worker as it comes up, and again after every request that queues mail.
    const [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
    const expected = Array.from({ length: 20 }, (_, i) => `queued${i}@example.nl`);
    try {
      // Both instances queue 40 invitations at once and each starts delivering the whole outbox.
      const batches = await Promise.all(
        [a, b].map(async (instance, n) => {
          const client = new HttpClient(instance.url);
          client.setSession(await createSessionToken(services, coordinator));
          const emails = Array.from({ length: 40 }, (_, i) => `instance${n}-${i}@example.nl`);
          expected.push(...emails);
          return client.post("/beheer/uitnodigingen", { emails: emails.join("\n"), role: "ambassador", organisationId: organisation.id });
        }),
      );
      expect(batches.map((response) => response.status)).toEqual([200, 200]);
      for (const address of expected) await smtp.waitFor((mail) => mail.envelopeTo.includes(address));
    } finally {
      // Stopping waits for what each instance still has under way: a late duplicate would arrive before this returns.
      await Promise.all([a.stop(), b.stop()]);
    }
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    const statuses = await services.db.selectFrom("mail_outbox").select("status").execute();
    expect(statuses.every((row) => row.status === "sent")).toBe(true);
  });
});
