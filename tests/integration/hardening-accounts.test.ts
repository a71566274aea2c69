import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { createInvitation } from "#app/features/auth/invitations.server.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { createOrganisation, createSessionToken, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Account checks of issue 9 not covered elsewhere (accounts.test.ts has
// fixation, expiry, rate limits and enumeration; profile.test.ts the
// password change that ends other sessions).

describe.each(testDialects())("accounts hardening on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
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
});
