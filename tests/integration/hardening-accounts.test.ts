import { beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "#app/features/auth/invitations.server.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { createOrganisation, createSessionToken, createUser, enrolTotp, TEST_PASSWORD, type TestUser } from "#tests/support/fixtures.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Account hardening checks not covered elsewhere (accounts.test.ts has
// fixation, expiry, rate limits and enumeration; profile.test.ts the
// password change that ends other sessions).

describeApp("accounts hardening on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it("a common password is refused when accepting an invitation and when changing it, with a clear message", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const organisation = await createOrganisation(services);
    const viewer = (await findViewerBySessionToken(services, await createSessionToken(services, coordinator)))!;
    const invitation = await createInvitation(services, viewer, { email: "veelgebruikt@example.nl", role: "ambassador", organisationId: organisation.id }, server.url);
    if (!invitation.ok) throw new Error(`no invitation: ${invitation.error}`);
    const path = new URL(invitation.url).pathname;
    const client = new HttpClient(server.url);
    const refused = await client.post(path, { displayName: "Veel", password: "Wachtwoord123", passwordConfirmation: "Wachtwoord123" });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain("Dit wachtwoord staat in de lijst van veelgebruikte wachtwoorden");
    expect(await services.db.selectFrom("users").select("id").where("email", "=", "veelgebruikt@example.nl").execute()).toEqual([]);

    const ambassador = await createUser(services, { role: "ambassador" });
    const me = new HttpClient(server.url);
    me.setSession(await createSessionToken(services, ambassador));
    const change = await me.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "qwerty 123456",
      newPasswordConfirmation: "qwerty 123456",
    });
    expect(change.status).toBe(400);
    expect(visibleText(change.text)).toContain("Dit wachtwoord staat in de lijst van veelgebruikte wachtwoorden");
  });

  it("logging out ends the session on the server: the old cookie value no longer works", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    expect((await client.post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD })).location).toBe("/start");
    const token = client.sessionToken!;
    await client.post("/uitloggen", {});
    const replay = new HttpClient(server.url);
    replay.setSession(token);
    expect((await replay.get("/start")).location).toBe("/inloggen?terug=%2Fstart");
    expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
  });

  it("unknown e-mail and wrong password: same status, same text, no cookie, both counted", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const unknown = await new HttpClient(server.url).post("/inloggen", { email: "niemand@example.nl", password: "een wachtwoord van iemand" });
    const wrong = await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: "een wachtwoord van iemand" });
    expect(unknown.status).toBe(wrong.status);
    const message = (html: string) => /<div[^>]*id="login-error"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(message(unknown.text)).toBeDefined();
    expect(message(unknown.text)).toBe(message(wrong.text));
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("the passkey challenge cookie is __Host-, Secure, HttpOnly and SameSite=Strict; a challenge is used once", async () => {
    const client = new HttpClient(server.url);
    const options = await client.request("POST", "/passkeys/login-opties", { headers: { accept: "application/json" } });
    expect(options.status).toBe(200);
    const cookie = options.headers.getSetCookie().find((c) => c.startsWith("__Host-wijkwijs-passkey="))!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const body = JSON.parse(options.text) as { options: { challenge: string; rpId: string; userVerification: string } };
    expect(body.options.rpId).toBe("127.0.0.1");
    expect(body.options.userVerification).toBe("required");
    const stored = await services.db.selectFrom("webauthn_challenges").selectAll().where("challenge", "=", body.options.challenge).executeTakeFirstOrThrow();
    expect(stored.purpose).toBe("login");

    // A made-up assertion is refused in JSON, and the challenge is gone afterwards.
    const fake = { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "AA", authenticatorData: "AA", signature: "AA" }, clientExtensionResults: {} };
    const refused = await client.request("POST", "/passkeys/inloggen", {
      body: JSON.stringify({ response: fake }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await services.db.selectFrom("webauthn_challenges").select("id").where("challenge", "=", body.options.challenge).execute()).toEqual([]);
    expect(client.sessionToken).toBeUndefined();
  });

  it("staff add a passkey before their second factor only as their very first one", async () => {
    const register = async (user: TestUser, secondFactor: boolean) => {
      const client = new HttpClient(server.url);
      client.setSession(await createSessionToken(services, user, { secondFactor }));
      const response = await client.request("POST", "/passkeys/registratie", {
        body: JSON.stringify({ response: {} }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
      return { status: response.status, error: (JSON.parse(response.text) as { error?: string }).error };
    };
    const withApp = await createUser(services, { role: "coordinator" });
    await enrolTotp(services, withApp.id);
    // Has an authenticator app but has not used it in this session: refused, before the passkey is even read.
    expect(await register(withApp, false)).toEqual({ status: 403, error: "second_factor_first" });
    // After the second factor, or with no factor yet, or as an ambassador: on to reading the (here unreadable) passkey.
    expect(await register(withApp, true)).toEqual({ status: 400, error: "unreadable" });
    expect(await register(await createUser(services, { role: "coordinator" }), false)).toEqual({ status: 400, error: "unreadable" });
    expect(await register(await createUser(services, { role: "ambassador" }), false)).toEqual({ status: 400, error: "unreadable" });
  });
});

// Every request comes from 127.0.0.1: only the per-account limit (5) is looked at here.
describeApp("lock-out warning, invitation roles and language preference on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  // What the error summary says, without its title ("Controleer het formulier").
  const loginError = (html: string) =>
    visibleText((/<div[^>]*id="login-error"[\s\S]*?<\/div><\/div><\/div>/.exec(html)?.[0] ?? "").replace(/<h2\b[\s\S]*?<\/h2>/, ""));

  it("from the third failure the answer warns how many attempts are left; the lock-out says how long and whom to ask", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: `fout ${attempt}`, terug: "" });
      expect(response.status).toBe(attempt < 5 ? 400 : 429);
      answers.push(loginError(response.text));
    }
    expect(answers[0]).toBe("Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.");
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toContain("Let op: na nog 2 mislukte pogingen kunt u met dit e-mailadres 15 minuten niet inloggen.");
    expect(answers[3]).toContain("Let op: na nog 1 mislukte poging kunt u met dit e-mailadres 15 minuten niet inloggen.");
    expect(answers[4]).toMatch(/Probeer het opnieuw om 10:15 \(over 15 minuten\)/);
    expect(answers[4]).toContain("De coördinator van de gemeente helpt u: e-mail: coordinator@demo.wijkwijs.nl telefoon: 14 070");
    const locked = await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: ambassador.password, terug: "" });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('href="mailto:coordinator@demo.wijkwijs.nl"');
    expect(locked.text).toContain('href="tel:14070"');
  });

  it("an address without an account gets the very same warnings and lock-out: nothing tells whether it exists", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const answersFor = async (email: string) => {
      const answers: { status: number; text: string }[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        const response = await new HttpClient(server.url).post("/inloggen", { email, password: `fout ${attempt}`, terug: "" });
        answers.push({ status: response.status, text: loginError(response.text) });
      }
      return answers;
    };
    const existing = await answersFor(ambassador.email);
    const unknown = await answersFor("niemand-hier@example.nl");
    expect(unknown).toEqual(existing);
    expect(existing.map((a) => a.status)).toEqual([400, 400, 400, 400, 429, 429]);
  });

  it("the contact comes from the configuration when it is set there", async () => {
    const configured = await createTestServices(dialect, {
      clock,
      env: { LOGIN_MAX_FAILURES: "1", COORDINATOR_CONTACT_EMAIL: "wijkwijs@gemeente.example", COORDINATOR_CONTACT_PHONE: "070 123 45 67" },
    });
    const configuredServer = await startTestServer(configured);
    try {
      const response = await new HttpClient(configuredServer.url).post("/inloggen", { email: "iemand@example.nl", password: "fout", terug: "" });
      expect(response.status).toBe(429);
      expect(loginError(response.text)).toContain("e-mail: wijkwijs@gemeente.example telefoon: 070 123 45 67");
      expect(response.text).toContain('href="tel:0701234567"');
    } finally {
      await configuredServer.close();
      await configured.database.drop();
    }
  });

  it("a coordinator cannot withdraw or renew an invitation for staff that an administrator made", async () => {
    const admin = await createUser(services, { role: "admin" });
    const coordinator = await createUser(services, { role: "coordinator" });
    const adminViewer = (await findViewerBySessionToken(services, await createSessionToken(services, admin)))!;
    const staffInvite = await createInvitation(services, adminViewer, { email: "nieuwe-beheerder@example.nl", role: "admin", organisationId: null }, server.url);
    expect(staffInvite.ok).toBe(true);
    if (!staffInvite.ok) return;
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, coordinator));

    const revoke = await client.post("/beheer/uitnodigingen", { intent: "revoke", invitationId: staffInvite.id });
    expect(revoke.status).toBe(403);
    expect(visibleText(revoke.text)).toContain("U mag deze uitnodiging niet intrekken");
    const resend = await client.post("/beheer/uitnodigingen", { intent: "resend", invitationId: staffInvite.id });
    expect(resend.status).toBe(409);
    const stored = await services.db.selectFrom("invitations").select(["revoked_at", "id"]).where("email", "=", "nieuwe-beheerder@example.nl").execute();
    expect(stored).toEqual([{ revoked_at: null, id: staffInvite.id }]);

    // The administrator can.
    const adminClient = new HttpClient(server.url);
    adminClient.setSession(await createSessionToken(services, admin));
    expect((await adminClient.post("/beheer/uitnodigingen", { intent: "revoke", invitationId: staffInvite.id })).status).toBe(200);
  });

  it("?lang= shows a page in that language without changing the saved preference; the switch's form post changes it", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, ambassador));
    const saved = async () => (await services.db.selectFrom("users").select("language").where("id", "=", ambassador.id).executeTakeFirstOrThrow()).language;

    // What a link on another site can make the browser do.
    const english = await client.get("/start?lang=en");
    expect(english.text).toContain('<html lang="en"');
    expect(await saved()).toBeNull();
    expect((await client.get("/start")).text).toContain('<html lang="nl"');

    // The switch on a logged-in page is a form that posts the choice.
    expect(english.text).toContain('name="intent" value="language"');
    const chosen = await client.post("/account", { intent: "language", language: "en", terug: "/start?lang=nl" });
    expect(chosen.location).toBe("/start");
    expect(await saved()).toBe("en");
    expect((await client.get("/start")).text).toContain('<html lang="en"');

    // A resident page viewed in Arabic to share it: links, and the preference stays.
    const resident = await client.get("/hulp?lang=ar");
    expect(resident.text).toContain('hrefLang="ar"');
    expect(resident.text).not.toContain('name="intent" value="language"');
    expect(await saved()).toBe("en");
  });
});
