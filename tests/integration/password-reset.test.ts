import { createHash } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import type { ReceivedMail, TestSmtpServer } from "#tests/support/smtp-server.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import type { TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// "Wachtwoord vergeten" over HTTP, as a browser without JavaScript does it,
// with the mail read from a real SMTP server: the link works once and for an
// hour, the database holds only its hash, the answer does not tell whether an
// address has an account, requests are limited per client and per address,
// the new password follows the policy, ends every session and is audited,
// and staff still need their second factor.

const NEW_PASSWORD = "paarse olifant fietst langs de haven";
const START = "2026-12-07T09:00:00.000Z";

function linkIn(mail: ReceivedMail): string {
  const match = /^(https?:\/\/\S+\/wachtwoord-herstellen\/[A-Za-z0-9_-]+)$/m.exec(mail.text);
  if (!match) throw new Error(`no reset link in:\n${mail.text}`);
  return match[1]!;
}

// TRUST_PROXY: each test is its own client (X-Forwarded-For), so per-client limits do not carry over.
describeApp("password reset by e-mail on %s", { now: START, mail: true, env: { TRUST_PROXY: "1" } }, (app) => {
  const { clock } = app;
  let smtp: TestSmtpServer;
  let services: TestServices;
  let server: TestServer;
  let clientNumber = 0;

  beforeAll(async () => {
    ({ services, server, smtp } = app);
  });

  beforeEach(() => {
    clock.set(START);
    clientNumber++;
  });

  function browser(): HttpClient {
    const client = new HttpClient(server.url);
    const address = `203.0.113.${clientNumber}`;
    const request = client.request.bind(client);
    client.request = (method, pathname, init = {}) => request(method, pathname, { ...init, headers: { "x-forwarded-for": address, ...init.headers } });
    return client;
  }

  async function ask(client: HttpClient, email: string, path = "/wachtwoord-vergeten") {
    const response = await client.post(path, { email });
    await services.tasks.settled();
    return response;
  }

  async function mailTo(user: { email: string }, subject: string): Promise<ReceivedMail> {
    return smtp.waitFor((mail) => mail.envelopeTo.includes(user.email) && mail.subject === subject);
  }

  it("links from the login page to the form", async () => {
    const login = await browser().get("/inloggen");
    expect(login.text).toContain('href="/wachtwoord-vergeten"');
    expect(visibleText(login.text)).toContain("Wachtwoord vergeten?");
    const page = await browser().get("/wachtwoord-vergeten");
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain("Vul het e-mailadres van uw account in.");
    expect(visibleText(page.text)).toContain("alleen een beheerder");
  });

  it("goes from the request to a new password: mail, link, policy, sessions ended, audited, a notice, the new password works", async () => {
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Fatima" });
    const otherDevice = new HttpClient(server.url);
    otherDevice.setSession(await createSessionToken(services, ambassador));
    expect((await otherDevice.get("/account")).status).toBe(200);

    const client = browser();
    const answer = await ask(client, ambassador.email.toUpperCase());
    expect(answer.status).toBe(200);
    expect(visibleText(answer.text)).toContain(`Als er een account is met het adres ${ambassador.email}, hebben we daar nu een e-mail met een link naartoe gestuurd.`);

    const mail = await mailTo(ambassador, "Nieuw wachtwoord voor Wijkwijs");
    expect(mail.from.name).toBe("Wijkwijs – gemeente Den Haag");
    expect(mail.text).toContain("Beste Fatima,");
    expect(mail.text).toContain("De link werkt één uur, en maar één keer.");
    expect(mail.text).not.toContain("tweede stap");
    const link = linkIn(mail);
    expect(mail.html).toContain(`href="${link}"`);
    const token = link.split("/").pop()!;

    // Only the token's hash is stored, and the mail that held it is gone from the outbox once sent.
    const stored = await services.db.selectFrom("password_reset_tokens").selectAll().where("user_id", "=", ambassador.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored[0]!.expires_at).toBe(new Date(Date.parse(START) + 3600_000).toISOString());
    const outbox = await services.db.selectFrom("mail_outbox").selectAll().where("recipient", "=", ambassador.email).execute();
    expect(JSON.stringify(outbox)).not.toContain(token);

    const path = new URL(link).pathname;
    const form = await client.get(path);
    expect(form.status).toBe(200);
    expect(visibleText(form.text)).toContain("Kies een nieuw wachtwoord");

    const weak = await client.post(path, { password: "Wachtwoord123", passwordConfirmation: "Wachtwoord123" });
    expect(weak.status).toBe(400);
    expect(visibleText(weak.text)).toContain("Dit wachtwoord staat in de lijst van veelgebruikte wachtwoorden");
    const mismatch = await client.post(path, { password: NEW_PASSWORD, passwordConfirmation: `${NEW_PASSWORD}!` });
    expect(visibleText(mismatch.text)).toContain("De twee wachtwoorden zijn niet gelijk.");

    const saved = await client.post(path, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    // Post/redirect/get: reloading the confirmation does not post the password again.
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?gewijzigd=1`);
    const done = await client.get(saved.location!);
    expect(done.status).toBe(200);
    expect(visibleText(done.text)).toContain("Uw wachtwoord is gewijzigd");
    await services.tasks.settled();

    // Every session ended; the old password no longer works, the new one does.
    expect((await otherDevice.get("/account")).status).toBe(302);
    expect((await browser().post("/inloggen", { email: ambassador.email, password: ambassador.password })).status).toBe(400);
    const login = await browser().post("/inloggen", { email: ambassador.email, password: NEW_PASSWORD });
    expect(login.status).toBe(302);
    expect(login.location).toBe("/start");

    const audit = await services.db.selectFrom("audit_events").select(["action", "actor_user_id"]).where("target_id", "=", ambassador.id).orderBy("id").execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]));
    expect(audit.find((row) => row.action === "auth.password_reset")?.actor_user_id).toBe(ambassador.id);

    const notice = await mailTo(ambassador, "Uw wachtwoord voor Wijkwijs is gewijzigd");
    expect(notice.text).toContain("U bent op al uw apparaten uitgelogd");
    expect(notice.text).toMatch(/\/wachtwoord-vergeten$/m);

    // Single use: the link is spent.
    const again = await client.get(path);
    expect(again.status).toBe(410);
    expect(visibleText(again.text)).toContain("Deze link is al gebruikt.");
  });

  it("answers an unknown, a switched-off and a known address alike, and mails only the known one", async () => {
    const known = await createUser(services, { role: "ambassador" });
    const switchedOff = await createUser(services, { role: "ambassador" });
    await services.db.updateTable("users").set({ deactivated_at: START }).where("id", "=", switchedOff.id).execute();
    const archivedOrganisation = await createOrganisation(services);
    const archived = await createUser(services, { role: "ambassador", organisationId: archivedOrganisation.id });
    await services.db.updateTable("organisations").set({ archived_at: START }).where("id", "=", archivedOrganisation.id).execute();
    const unknown = { email: "niemand-hier@example.nl" };

    const answers = [];
    for (const person of [known, switchedOff, archived, unknown]) {
      const response = await ask(browser(), person.email);
      answers.push({ status: response.status, text: visibleText(response.text).replace(person.email, "<adres>") });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]!.status).toBe(200);

    await mailTo(known, "Nieuw wachtwoord voor Wijkwijs");
    const recipients = smtp.received.flatMap((mail) => mail.envelopeTo);
    expect(recipients).not.toContain(switchedOff.email);
    expect(recipients).not.toContain(archived.email);
    expect(recipients).not.toContain(unknown.email);
    const tokens = await services.db.selectFrom("password_reset_tokens").select("user_id").where("user_id", "in", [switchedOff.id, archived.id]).execute();
    expect(tokens).toEqual([]);
  });

  it("limits requests per address, across clients, also when they come in parallel", async () => {
    const person = await createUser(services, { role: "ambassador" });
    const clients = Array.from({ length: 6 }, (_, i) => {
      const client = new HttpClient(server.url);
      const request = client.request.bind(client);
      client.request = (method, pathname, init = {}) => request(method, pathname, { ...init, headers: { "x-forwarded-for": `198.51.100.${clientNumber * 10 + i}`, ...init.headers } });
      return client;
    });
    const responses = await Promise.all(clients.map((client) => client.post("/wachtwoord-vergeten", { email: person.email })));
    await services.tasks.settled();
    // Each request is counted before it looks, so however they interleave no more than 3 get through.
    const accepted = responses.filter((response) => response.status === 200).length;
    expect(accepted).toBeLessThanOrEqual(3);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused).toHaveLength(6 - accepted);
    expect(visibleText(refused[0]!.text)).toContain("U hebt te vaak een nieuw wachtwoord aangevraagd.");
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    const tokens = await services.db.selectFrom("password_reset_tokens").select("id").where("user_id", "=", person.id).execute();
    expect(tokens).toHaveLength(accepted);
    // An unknown address is limited the same way: the limit does not tell which addresses exist.
    const unknownAnswers = [];
    for (let i = 0; i < 4; i++) unknownAnswers.push((await browser().post("/wachtwoord-vergeten", { email: "onbekend-limiet@example.nl" })).status);
    expect(unknownAnswers).toEqual([200, 200, 200, 429]);
  });

  it("limits requests per client, whatever the addresses", async () => {
    const client = browser();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post("/wachtwoord-vergeten", { email: `klant-${clientNumber}-${i}@example.nl` })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });

  it("lets a link be used once when two tabs submit it at the same moment", async () => {
    const person = await createUser(services, { role: "ambassador" });
    await ask(browser(), person.email);
    const path = new URL(linkIn(await mailTo(person, "Nieuw wachtwoord voor Wijkwijs"))).pathname;
    const [first, second] = await Promise.all([
      browser().post(path, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }),
      browser().post(path, { password: `${NEW_PASSWORD} twee`, passwordConfirmation: `${NEW_PASSWORD} twee` }),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 410]);
    await services.tasks.settled();
    const changes = await services.db.selectFrom("audit_events").select("id").where("action", "=", "auth.password_reset").where("target_id", "=", person.id).execute();
    expect(changes).toHaveLength(1);
  });

  it("lets a link work for one hour only", async () => {
    const person = await createUser(services, { role: "ambassador" });
    await ask(browser(), person.email);
    const path = new URL(linkIn(await mailTo(person, "Nieuw wachtwoord voor Wijkwijs"))).pathname;
    clock.advance(59 * 60_000);
    expect((await browser().get(path)).status).toBe(200);
    clock.advance(60_000);
    const expired = await browser().get(path);
    expect(expired.status).toBe(410);
    expect(visibleText(expired.text)).toContain("Deze link is verlopen");
    const post = await browser().post(path, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(post.status).toBe(410);
    expect((await browser().post("/inloggen", { email: person.email, password: person.password })).status).toBe(302);
    expect((await browser().get("/wachtwoord-herstellen/bestaat-niet-0000000000000000000000000000000")).status).toBe(404);
  });

  it("lets staff reset their password but still asks for their second factor, and says an administrator resets that", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    await ask(browser(), coordinator.email);
    const mail = await mailTo(coordinator, "Nieuw wachtwoord voor Wijkwijs");
    expect(mail.text).toContain("Dan kan alleen een beheerder die opnieuw instellen.");
    const client = browser();
    const path = new URL(linkIn(mail)).pathname;
    expect(visibleText((await client.get(path)).text)).toContain("Alleen een beheerder kan hem opnieuw instellen.");
    const saved = await client.post(path, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(visibleText((await client.get(saved.location!)).text)).toContain("Alleen een beheerder kan hem opnieuw instellen.");
    const login = await browser().post("/inloggen", { email: coordinator.email, password: NEW_PASSWORD });
    expect(login.status).toBe(302);
    expect(login.location).toMatch(/^\/tweede-stap/);
    const session = await services.db.selectFrom("sessions").select("second_factor_at").where("user_id", "=", coordinator.id).execute();
    expect(session).toEqual([{ second_factor_at: null }]);
  });

  it("writes in the person's own language, else in the language of the page they asked from", async () => {
    const arabic = await createUser(services, { role: "ambassador", displayName: "Yusuf" });
    await services.db.updateTable("users").set({ language: "ar" }).where("id", "=", arabic.id).execute();
    await ask(browser(), arabic.email);
    const mail = await mailTo(arabic, "كلمة مرور جديدة لـ Wijkwijs");
    expect(mail.headers["content-language"]).toBe("ar");
    expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(mail.html).toMatch(/<a class="mail-link" dir="ltr" href="[^"]+\/wachtwoord-herstellen\//);
    // The address keeps its own direction inside the Arabic sentence.
    expect(mail.text).toContain(`\u2066${arabic.email}\u2069`);

    const turkish = await createUser(services, { role: "ambassador" });
    const answer = await ask(browser(), turkish.email, "/wachtwoord-vergeten?lang=tr");
    expect(visibleText(answer.text)).toContain("E-postanızı kontrol edin");
    const turkishMail = await mailTo(turkish, "Wijkwijs için yeni şifre");
    expect(turkishMail.text).toContain("Bağlantı bir saat boyunca ve yalnızca bir kez çalışır.");
    // The link opens the page in the mail's language.
    const link = /^(https?:\/\/\S+\/wachtwoord-herstellen\/\S+)$/m.exec(turkishMail.text)![1]!;
    expect(link).toMatch(/\?lang=tr$/);
    expect(visibleText((await browser().get(new URL(link).pathname + new URL(link).search)).text)).toContain("Yeni bir şifre seçin");
  });

  it("ends a lock-out from wrong guesses: after a reset the person can log in at once", async () => {
    const person = await createUser(services, { role: "ambassador" });
    const client = browser();
    for (let i = 0; i < services.config.login.maxFailures; i++) await client.post("/inloggen", { email: person.email, password: "verkeerd wachtwoord" });
    expect((await browser().post("/inloggen", { email: person.email, password: person.password })).status).toBe(429);
    await ask(browser(), person.email);
    const path = new URL(linkIn(await mailTo(person, "Nieuw wachtwoord voor Wijkwijs"))).pathname;
    expect((await browser().post(path, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })).status).toBe(303);
    expect((await browser().post("/inloggen", { email: person.email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("refuses bad input with a message and changes nothing", async () => {
    const response = await browser().post("/wachtwoord-vergeten", { email: "geen adres" });
    expect(response.status).toBe(400);
    expect(visibleText(response.text)).toContain("Vul een e-mailadres in zoals naam@voorbeeld.nl.");
    const empty = await browser().post("/wachtwoord-vergeten", {});
    expect(visibleText(empty.text)).toContain("Vul uw e-mailadres in.");
  });
});
