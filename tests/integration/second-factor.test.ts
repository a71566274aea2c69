import { beforeAll, expect, it } from "vitest";
import routes from "#app/routes.ts";
import { rateLimitKey } from "#app/features/rate-limit/rate-limit.server.ts";
import { base32Decode, totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { createOrganisation, createSessionToken, createUser, enrolTotp, totpCodeAt } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { authorizationMatrix } from "./authorization-matrix.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Staff (coordinators, police, administrators) pass a second factor before
// signal details, the dashboard or any staff page: TOTP here (passkeys are
// tested in the browser, tests/e2e/passkeys.spec.ts).

/**
 * Before the second factor a staff session reaches only the second step, its
 * passkey endpoints and logging out; public pages answer it as they answer
 * anyone who is not logged in.
 */
const secondStepRoutes = new Set(["routes/auth/second-factor.tsx", "routes/auth/passkeys.ts", "routes/logout.tsx"]);

interface RouteEntry {
  file: string;
  children?: RouteEntry[];
}
const routeFiles = (entries: readonly RouteEntry[]): string[] => entries.flatMap((entry) => [entry.file, ...routeFiles(entry.children ?? [])]);

describeApp("second factor for staff on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function signalId(): Promise<string> {
    const organisation = await createOrganisation(services);
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    return (await createSignal(services, { sender, recipients: "gemeente" })).id;
  }

  it("a coordinator logs in, sets up an authenticator app, and only then opens a signal", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const id = await signalId();
    const client = new HttpClient(server.url);
    const login = await client.post("/inloggen", { email: coordinator.email, password: coordinator.password, terug: `/signalen/${id}` });
    expect(login.location).toBe(`/tweede-stap?terug=${encodeURIComponent(`/signalen/${id}`)}`);

    // The password alone does not open signal details.
    const blocked = await client.get(`/signalen/${id}`);
    expect(blocked.location).toBe(`/tweede-stap?terug=${encodeURIComponent(`/signalen/${id}`)}`);

    const setup = await client.get(login.location!);
    expect(setup.status).toBe(200);
    expect(visibleText(setup.text)).toContain("Authenticator-app instellen");
    const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(setup.text)![1]!.replace(/ /g, "");
    expect(base32Decode(secret)).toHaveLength(20);
    expect(setup.text).toContain('src="data:image/svg+xml;base64,');

    const wrongFormat = await client.post("/tweede-stap", { code: "12ab", terug: `/signalen/${id}` });
    expect(wrongFormat.status).toBe(400);
    expect(visibleText(wrongFormat.text)).toContain("Vul de zes cijfers uit uw authenticator-app in.");
    const step = totpStep(clock.now());
    const wrongCode = await client.post("/tweede-stap", { code: totpCode(secret, step + 5), terug: `/signalen/${id}` });
    expect(visibleText(wrongCode.text)).toContain("Deze code klopt niet of is al gebruikt.");

    const passed = await client.post("/tweede-stap", { code: totpCode(secret, step), terug: `/signalen/${id}` });
    expect(passed.location).toBe(`/signalen/${id}`);
    expect((await client.get(`/signalen/${id}`)).status).toBe(200);

    const stored = await services.db.selectFrom("totp_credentials").selectAll().where("user_id", "=", coordinator.id).executeTakeFirstOrThrow();
    expect(stored.confirmed_at).not.toBeNull();
    expect(stored.secret_encrypted, "the secret is stored encrypted").not.toContain(secret);
    const actions = (await services.db.selectFrom("audit_events").select("action").where("actor_user_id", "=", coordinator.id).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "auth.second_factor_failed", "auth.totp_enabled"]));

    // Next login: the code of the same time step is not accepted a second time.
    const again = new HttpClient(server.url);
    await again.post("/inloggen", { email: coordinator.email, password: coordinator.password, terug: "" });
    expect(visibleText((await again.get("/tweede-stap")).text)).not.toContain("Authenticator-app instellen");
    const replay = await again.post("/tweede-stap", { code: totpCode(secret, step), terug: "" });
    expect(replay.status).toBe(400);
    const next = await again.post("/tweede-stap", { code: totpCode(secret, step + 1), terug: "" });
    expect(next.location).toBe("/start");
  });

  it("wrong codes are rate-limited with a clear message and Retry-After", async () => {
    const police = await createUser(services, { role: "police" });
    const secret = await enrolTotp(services, police.id);
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, police, { secondFactor: false }));
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await client.post("/tweede-stap", { code: totpCodeAt(secret, clock.now(), 7) })).status).toBe(400);
    }
    const throttled = await client.post("/tweede-stap", { code: totpCodeAt(secret, clock.now(), 7) });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(throttled.text)).toContain("Te vaak een verkeerde code. Probeer het over 15 minuten opnieuw.");
    // Even the right code waits until the window has passed.
    expect((await client.post("/tweede-stap", { code: totpCodeAt(secret, clock.now()) })).status).toBe(429);
  });

  it("an administrator resets a staff member's second factor (lost phone): app removed, sessions ended, audited", async () => {
    const admin = await createUser(services, { role: "admin" });
    const police = await createUser(services, { role: "police" });
    await enrolTotp(services, police.id);
    const officer = new HttpClient(server.url);
    officer.setSession(await createSessionToken(services, police));
    const adminClient = new HttpClient(server.url);
    adminClient.setSession(await createSessionToken(services, admin));
    const page = await adminClient.get("/beheer/gebruikers");
    expect(visibleText(page.text)).toContain("Tweede stap opnieuw laten instellen");
    const reset = await adminClient.post("/beheer/gebruikers", { intent: "reset-second-factor", userId: police.id });
    expect(reset.status).toBe(200);
    expect(visibleText(reset.text)).toContain("De authenticator-app en passkeys zijn verwijderd en de sessies beëindigd.");
    expect(await services.db.selectFrom("totp_credentials").select("user_id").where("user_id", "=", police.id).execute()).toEqual([]);
    expect((await officer.get("/signalen")).location).toMatch(/^\/inloggen/);
    const audit = await services.db.selectFrom("audit_events").select(["actor_user_id", "target_id"]).where("action", "=", "auth.second_factor_reset").execute();
    expect(audit).toEqual([{ actor_user_id: admin.id, target_id: police.id }]);
    expect((await adminClient.post("/beheer/gebruikers", { intent: "reset-second-factor", userId: admin.id })).status).toBe(400);
  });

  it("ambassadors never need a second factor", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    const login = await client.post("/inloggen", { email: ambassador.email, password: ambassador.password, terug: "" });
    expect(login.location).toBe("/start");
    expect((await client.get("/signalen/nieuw")).status).toBe(200);
    expect((await client.get("/tweede-stap")).location).toBe("/start");
  });

  // Table-driven over every route of the authorization matrix, GET and POST,
  // with a session that has given only its password.
  const staffRoles = ["coordinator", "police", "admin"] as const;
  const cases = routeFiles(routes as RouteEntry[]).flatMap((file) => {
    const entry = authorizationMatrix[file];
    if (!entry) return [];
    const methods = entry.post ? (["GET", "POST"] as const) : (["GET"] as const);
    return staffRoles.flatMap((role) => methods.map((method) => ({ file, role, method, path: entry.path })));
  });

  it.each(cases)("$method $file as $role with only a password", async ({ file, role, method, path }) => {
    const entry = authorizationMatrix[file]!;
    const url = entry.prepare ? await entry.prepare(services) : path;
    const user = await createUser(services, { role });
    const organisation = await createOrganisation(services);
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    // An urgent open signal: its count must not show in the navigation before the second step.
    await createSignal(services, { sender, recipients: "both", urgency: "urgent" });
    const client = new HttpClient(server.url);
    const token = await createSessionToken(services, user, { secondFactor: false });
    client.setSession(token);
    const response = method === "GET" ? await client.get(url) : await client.post(url, {});
    const label = `${method} ${url} as ${role}: ${response.status} ${response.location ?? ""}`;
    expect(response.status, label).toBeLessThan(500);
    expect(response.text, `${label}: no navigation before the second step`).not.toContain('class="shell-nav"');
    expect(response.text, label).not.toContain("nav-badge");
    if (secondStepRoutes.has(file)) {
      expect(response.location ?? "", label).not.toMatch(/^\/(inloggen|tweede-stap)\?terug=/);
    } else if (entry.get.anonymous === "allow") {
      // A public page: answered as to someone not logged in, never as to this account.
      expect(response.location ?? "", label).not.toMatch(/^\/tweede-stap/);
    } else {
      expect(response.status, label).toBe(302);
      expect(response.location, label).toMatch(/^\/tweede-stap\?terug=/);
    }
    // Whatever was asked, the session is still there and still waits for its second step.
    const session = await services.db.selectFrom("sessions").select("second_factor_at").where("user_id", "=", user.id).execute();
    if (file !== "routes/logout.tsx" || method === "GET") expect(session, label).toEqual([{ second_factor_at: null }]);
  });

  it("with only a password, the password cannot be changed, other sessions not ended, nor every session", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const other = await createSessionToken(services, coordinator);
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, coordinator, { secondFactor: false }));
    const before = await services.db.selectFrom("users").select("password_hash").where("id", "=", coordinator.id).executeTakeFirstOrThrow();
    const otherId = (await services.db.selectFrom("sessions").select("id").where("user_id", "=", coordinator.id).where("second_factor_at", "is not", null).executeTakeFirstOrThrow()).id;

    const attempts: Record<string, string>[] = [
      { intent: "password", currentPassword: coordinator.password, newPassword: "een heel nieuw wachtwoord", newPasswordConfirmation: "een heel nieuw wachtwoord" },
      { intent: "end-session", sessionId: otherId },
      { intent: "logout-everywhere" },
    ];
    for (const form of attempts) {
      const response = await client.post("/account", form);
      expect(response.status, form.intent!).toBe(302);
      expect(response.location, form.intent).toBe("/tweede-stap?terug=%2Faccount");
    }
    const after = await services.db.selectFrom("users").select("password_hash").where("id", "=", coordinator.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    const still = new HttpClient(server.url);
    still.setSession(other);
    expect((await still.get("/account")).status).toBe(200);
    expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", coordinator.id).execute()).toHaveLength(2);
  });

  it("logging out works before the second step, for someone who cannot pass it", async () => {
    const police = await createUser(services, { role: "police" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, police, { secondFactor: false }));
    const page = await client.get("/tweede-stap");
    expect(visibleText(page.text)).toContain("Uitloggen");
    const out = await client.post("/uitloggen", {});
    expect(out.location).toBe("/inloggen?melding=uitgelogd");
    expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", police.id).execute()).toEqual([]);
  });

  it("a code that was just used is refused without counting toward the lock-out", async () => {
    const admin = await createUser(services, { role: "admin" });
    const secret = await enrolTotp(services, admin.id);
    const first = new HttpClient(server.url);
    first.setSession(await createSessionToken(services, admin, { secondFactor: false }));
    const code = totpCodeAt(secret, clock.now());
    expect((await first.post("/tweede-stap", { code, terug: "" })).location).toBe("/start");

    // Someone with the password (or a colleague at the same desk) repeats the code, many times.
    const other = new HttpClient(server.url);
    other.setSession(await createSessionToken(services, admin, { secondFactor: false }));
    for (let attempt = 1; attempt <= 8; attempt++) {
      const replay = await other.post("/tweede-stap", { code, terug: "" });
      expect(replay.status).toBe(400);
      expect(visibleText(replay.text)).toContain("Deze code is net al gebruikt.");
    }
    const counted = await services.db
      .selectFrom("rate_limit_events")
      .select("id")
      .where("bucket", "=", "totp")
      .where("key_hash", "=", rateLimitKey(services, "totp", admin.id))
      .execute();
    expect(counted).toEqual([]);
    // The owner's next code still works: they were not locked out.
    const next = await other.post("/tweede-stap", { code: totpCodeAt(secret, clock.now(), 1), terug: "" });
    expect(next.location).toBe("/start");
  });
});
