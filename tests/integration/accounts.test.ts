import { beforeAll, expect, it } from "vitest";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { createOrganisation, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { passSecondFactor } from "#tests/support/second-factor.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Accounts over HTTP, as a browser without JavaScript uses them: every form
// is a plain POST and every answer a full page or a redirect.

// Every request here comes from 127.0.0.1: the per-client limit is tested on its own below.
describeApp("accounts on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function login(client: HttpClient, email: string, password: string) {
    const response = await client.post("/inloggen", { email, password, terug: "" });
    // Staff pass the second step (an authenticator-app code) too.
    const user = await services.db.selectFrom("users").select("id").where("email", "=", email.toLowerCase()).executeTakeFirst();
    return user ? passSecondFactor(client, services, user, response) : response;
  }

  it("invite → accept → start page → logout, and the link works only once", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const organisation = await createOrganisation(services, { name: "Bibliotheek Duindorp", wijk: "Duindorp" });
    const staff = new HttpClient(server.url);
    expect((await login(staff, coordinator.email, coordinator.password)).location).toBe("/start");

    const created = await staff.post("/beheer/uitnodigingen", {
      emails: "Nieuwe.Ambassadeur@Example.nl",
      role: "ambassador",
      organisationId: organisation.id,
    });
    expect(created.status).toBe(200);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(created.text)?.[1];
    expect(link, "the invitation link is shown to the coordinator").toBeDefined();
    expect(visibleText(created.text)).toContain("Uitnodiging gemaakt voor nieuwe.ambassadeur@example.nl");
    expect(services.logLines.some((line) => line.includes(link!)), "the link is in the development log").toBe(true);

    const invitee = new HttpClient(server.url);
    const invitePath = new URL(link!).pathname;
    const page = await invitee.get(invitePath);
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain("digitale ambassadeur bij Bibliotheek Duindorp");

    const mismatch = await invitee.post(invitePath, { displayName: "Noor", password: "een lange zin als wachtwoord", passwordConfirmation: "iets anders" });
    expect(mismatch.status).toBe(400);
    expect(visibleText(mismatch.text)).toContain("De twee wachtwoorden zijn niet gelijk.");
    const tooShort = await invitee.post(invitePath, { displayName: "Noor", password: "kort", passwordConfirmation: "kort" });
    expect(visibleText(tooShort.text)).toContain("minstens 12 tekens");

    const accepted = await invitee.post(invitePath, {
      displayName: "Noor",
      password: "een lange zin als wachtwoord",
      passwordConfirmation: "een lange zin als wachtwoord",
    });
    expect(accepted.status, services.logLines.filter((l) => l.includes("error")).join("\n")).toBe(302);
    expect(accepted.location).toBe("/welkom?nieuw=1");
    const welcome = await invitee.get("/welkom?nieuw=1");
    expect(visibleText(welcome.text)).toContain("Uw account is klaar.");
    expect(visibleText(welcome.text)).toContain("Welkom als digitale ambassadeur");
    const start = await invitee.get("/start");
    expect(visibleText(start.text)).toContain("Welkom, Noor");
    expect(visibleText(start.text)).toContain("bij Bibliotheek Duindorp");

    const user = await services.db.selectFrom("users").selectAll().where("email", "=", "nieuwe.ambassadeur@example.nl").executeTakeFirstOrThrow();
    expect(user.role).toBe("ambassador");
    expect(user.organisation_id).toBe(organisation.id);
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain("een lange zin");

    const again = await new HttpClient(server.url).get(invitePath);
    expect(again.status).toBe(410);
    expect(visibleText(again.text)).toContain("Deze uitnodiging is al gebruikt");
    const secondAccept = await new HttpClient(server.url).post(invitePath, {
      displayName: "Iemand anders",
      password: "nog een lange zin hier",
      passwordConfirmation: "nog een lange zin hier",
    });
    expect(secondAccept.status).toBe(410);
    expect(secondAccept.headers.getSetCookie()).toEqual([]);

    const logout = await invitee.post("/uitloggen", {});
    expect(logout.location).toBe("/inloggen?melding=uitgelogd");
    expect(invitee.sessionToken).toBeUndefined();
    expect((await invitee.get("/start")).location).toBe("/inloggen?terug=%2Fstart");

    const actions = (await services.db.selectFrom("audit_events").select("action").execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "invitation.created", "invitation.accepted", "auth.logout"]));
  });

  it("an expired or revoked invitation shows a clear message and creates no account", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const organisation = await createOrganisation(services);
    const staff = new HttpClient(server.url);
    await login(staff, coordinator.email, coordinator.password);
    const make = async (email: string) => {
      const page = await staff.post("/beheer/uitnodigingen", { emails: email, role: "ambassador", organisationId: organisation.id });
      return new URL(/(http:\/\/127\.0\.0\.1:\d+\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(page.text)![1]!).pathname;
    };
    const expiring = await make("verloopt@example.nl");
    const revoking = await make("ingetrokken@example.nl");

    const invitation = await services.db.selectFrom("invitations").select("id").where("email", "=", "ingetrokken@example.nl").executeTakeFirstOrThrow();
    const revoked = await staff.post("/beheer/uitnodigingen", { intent: "revoke", invitationId: invitation.id });
    expect(visibleText(revoked.text)).toContain("De uitnodiging is ingetrokken");

    clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    try {
      const form = { displayName: "X", password: "een lange zin als wachtwoord", passwordConfirmation: "een lange zin als wachtwoord" };
      const expiredPage = await new HttpClient(server.url).get(expiring);
      expect(expiredPage.status).toBe(410);
      expect(visibleText(expiredPage.text)).toContain("Deze uitnodiging is verlopen");
      expect((await new HttpClient(server.url).post(expiring, form)).status).toBe(410);
      const revokedPage = await new HttpClient(server.url).get(revoking);
      expect(visibleText(revokedPage.text)).toContain("Deze uitnodiging is ingetrokken");
      expect((await new HttpClient(server.url).post(revoking, form)).status).toBe(410);
      const created = await services.db
        .selectFrom("users")
        .select("id")
        .where("email", "in", ["verloopt@example.nl", "ingetrokken@example.nl"])
        .execute();
      expect(created).toEqual([]);
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("five wrong passwords give a rate-limit message with a time to try again", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await login(client, ambassador.email, "verkeerd wachtwoord");
      expect(response.status).toBe(400);
      expect(visibleText(response.text)).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    }
    const fifth = await login(client, ambassador.email, "verkeerd wachtwoord");
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(fifth.text)).toMatch(/Probeer het opnieuw om \d\d:\d\d \(over 15 minuten\)/);
    // Even the right password waits now: the limit is per account.
    const right = await login(new HttpClient(server.url), ambassador.email, ambassador.password);
    expect(right.status).toBe(429);
    clock.advance(15 * 60 * 1000 + 1000);
    try {
      expect((await login(new HttpClient(server.url), ambassador.email, ambassador.password)).location).toBe("/start");
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("many failures from one client address are limited too, whatever the accounts", async () => {
    const limited = await createTestServices(dialect, { clock, env: { LOGIN_CLIENT_MAX_FAILURES: "3" } });
    const limitedServer = await startTestServer(limited);
    try {
      const user = await createUser(limited, { role: "coordinator" });
      const client = new HttpClient(limitedServer.url);
      expect((await client.post("/inloggen", { email: "een@example.nl", password: "x" })).status).toBe(400);
      expect((await client.post("/inloggen", { email: "twee@example.nl", password: "x" })).status).toBe(400);
      expect((await client.post("/inloggen", { email: "drie@example.nl", password: "x" })).status).toBe(429);
      const blocked = await client.post("/inloggen", { email: user.email, password: user.password });
      expect(blocked.status).toBe(429);
      expect(visibleText(blocked.text)).toContain("te vaak een verkeerd wachtwoord");
    } finally {
      await limitedServer.close();
      await limited.database.drop();
    }
  });

  it("an unknown address and a wrong password get the same answer", async () => {
    const user = await createUser(services, { role: "police" });
    const unknown = await login(new HttpClient(server.url), "niemand@example.nl", "wat dan ook");
    const wrong = await login(new HttpClient(server.url), user.email, "wat dan ook");
    expect(unknown.status).toBe(wrong.status);
    const message = (html: string) => /role="alert">(.*?)<\/div>/.exec(html)?.[1];
    expect(message(unknown.text)).toBe(message(wrong.text));
  });

  it("deactivating an ambassador ends their open session and stops them logging in", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const ambassador = await createUser(services, { role: "ambassador" });
    const volunteer = new HttpClient(server.url);
    await login(volunteer, ambassador.email, ambassador.password);
    expect((await volunteer.get("/start")).status).toBe(200);

    const staff = new HttpClient(server.url);
    await login(staff, coordinator.email, coordinator.password);
    const result = await staff.post("/beheer/ambassadeurs", { intent: "deactivate", userId: ambassador.id });
    expect(visibleText(result.text)).toContain("Het account staat uit.");

    expect((await volunteer.get("/start")).location).toBe("/inloggen?terug=%2Fstart");
    const sessions = await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute();
    expect(sessions).toEqual([]);
    const refused = await login(new HttpClient(server.url), ambassador.email, TEST_PASSWORD);
    expect(refused.status).toBe(403);
    expect(visibleText(refused.text)).toContain("Uw account staat uit.");

    await staff.post("/beheer/ambassadeurs", { intent: "reactivate", userId: ambassador.id });
    expect((await login(new HttpClient(server.url), ambassador.email, TEST_PASSWORD)).location).toBe("/start");
    const audit = await services.db.selectFrom("audit_events").select("action").where("target_id", "=", ambassador.id).execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
  });

  it("sessions expire when idle and after their absolute lifetime; logging out everywhere ends them all", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const first = new HttpClient(server.url);
    const second = new HttpClient(server.url);
    await login(first, coordinator.email, coordinator.password);
    await login(second, coordinator.email, coordinator.password);
    expect(first.sessionToken).not.toBe(second.sessionToken);

    // Staff: 60 minutes idle.
    clock.advance(59 * 60 * 1000);
    expect((await first.get("/start")).status).toBe(200);
    clock.advance(2 * 60 * 1000);
    expect(await findViewerBySessionToken(services, second.sessionToken!)).toBeNull();
    expect((await first.get("/start")).status).toBe(200);
    clock.set("2026-11-24T09:00:00.000Z");

    await login(second, coordinator.email, coordinator.password);
    const everywhere = await first.post("/account", { intent: "logout-everywhere" });
    expect(everywhere.location).toBe("/inloggen?melding=overal-uitgelogd");
    expect((await second.get("/start")).status).toBe(302);
    expect((await first.get("/start")).status).toBe(302);
  });

  it("a staff session ends after 12 hours even when used all the time", async () => {
    const police = await createUser(services, { role: "police" });
    const client = new HttpClient(server.url);
    await login(client, police.email, police.password);
    try {
      for (let hour = 1; hour < 12; hour++) {
        clock.advance(50 * 60 * 1000);
        expect((await client.get("/start")).status, `after ${hour * 50} minutes`).toBe(200);
      }
      clock.advance(2 * 60 * 60 * 1000 - 50 * 60 * 1000 + 60 * 1000);
      expect((await client.get("/start")).status).toBe(302);
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("the session id changes at login", async () => {
    const user = await createUser(services, { role: "admin" });
    const client = new HttpClient(server.url);
    await login(client, user.email, user.password);
    const before = client.sessionToken;
    await login(client, user.email, user.password);
    expect(client.sessionToken).toBeDefined();
    expect(client.sessionToken).not.toBe(before);
    expect(await findViewerBySessionToken(services, before!)).toBeNull();
  });

  it("an administrator changes a role, and the change is audited", async () => {
    const admin = await createUser(services, { role: "admin" });
    const police = await createUser(services, { role: "police" });
    const client = new HttpClient(server.url);
    await login(client, admin.email, admin.password);
    const changed = await client.post("/beheer/gebruikers", { intent: "change-role", userId: police.id, role: "coordinator", organisationId: "" });
    expect(visibleText(changed.text)).toContain("De rol is gewijzigd.");
    const row = await services.db.selectFrom("users").select("role").where("id", "=", police.id).executeTakeFirstOrThrow();
    expect(row.role).toBe("coordinator");
    const audit = await services.db
      .selectFrom("audit_events")
      .select(["details", "actor_user_id"])
      .where("action", "=", "user.role_changed")
      .where("target_id", "=", police.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(admin.id);
    expect(JSON.parse(audit.details)).toEqual({ from: "police", to: "coordinator" });

    const noOrganisation = await client.post("/beheer/gebruikers", { intent: "change-role", userId: police.id, role: "ambassador", organisationId: "" });
    expect(noOrganisation.status).toBe(400);
    expect(visibleText(noOrganisation.text)).toContain("Een ambassadeur hoort bij een organisatie");
  });

  it("the audit log page shows logins and failed logins to coordinators", async () => {
    const coordinator = await createUser(services, { role: "coordinator", displayName: "Coördinator Audit" });
    const client = new HttpClient(server.url);
    await login(new HttpClient(server.url), coordinator.email, "fout fout fout");
    await login(client, coordinator.email, coordinator.password);
    const page = await client.get("/beheer/audit?actie=auth.login_failed");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("inloggen mislukt");
    expect(text).not.toContain("fout fout fout");
    const logins = visibleText((await client.get("/beheer/audit?actie=auth.login")).text);
    expect(logins).toContain("Coördinator Audit");
  });
});
