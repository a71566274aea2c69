import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "#app/features/auth/token-hash.server.ts";
import { totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { createSessionToken, createUser, enrolTotp, type TestUser } from "#tests/support/fixtures.ts";
import { startServerProcess, type ServerProcess } from "#tests/support/server-process.ts";
import { HttpClient, type TestResponse } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// An attacker does not wait for one answer before sending the next guess.
// Every limit here is attacked with many requests at once against the
// production server in its own process (and, on PostgreSQL, spread over two
// processes on one database): no more guesses may be checked than the limit
// allows, and a right guess that arrives past the limit does not get in.

const LOGIN_LIMIT = 5;
const TOTP_LIMIT = 5;
const INVITE_LIMIT = 5;
const SIGNAL_LIMIT = 5;

const serverEnv = {
  // Every request comes from 127.0.0.1: the per-account limits are what is attacked here.
  LOGIN_CLIENT_MAX_FAILURES: "1000",
  LOGIN_MAX_FAILURES: String(LOGIN_LIMIT),
  INVITE_ATTEMPTS_PER_HOUR: String(INVITE_LIMIT),
  SIGNALS_PER_HOUR: String(SIGNAL_LIMIT),
};

/** Sends all requests at once, spreading them over the given servers in turn. */
async function inParallel<T>(count: number, urls: readonly string[], send: (url: string, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => send(urls[index % urls.length]!, index)));
}

function tally(responses: readonly TestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

/** Audit actions about one user, in the order they were written. */
async function auditTrail(services: TestServices, userId: string, actions: readonly string[]): Promise<string[]> {
  const rows = await services.db
    .selectFrom("audit_events")
    .select(["action", "id"])
    .where("target_id", "=", userId)
    .where("action", "in", actions)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

/** Six-digit codes that match no step near now (so each is a wrong guess). */
function wrongCodes(secret: string, count: number): string[] {
  const step = totpStep(new Date());
  const near = new Set(Array.from({ length: 9 }, (_, i) => totpCode(secret, step - 4 + i)));
  const codes: string[] = [];
  for (let n = 100_000; codes.length < count; n += 7_919) {
    const code = String(n % 1_000_000).padStart(6, "0");
    if (!near.has(code)) codes.push(code);
  }
  return codes;
}

function signal(key: string) {
  return {
    idempotencyKey: key,
    phenomenon: "phishing",
    wijkId: "den-haag-wk-moerwijk",
    when: "this_week",
    date: "",
    channel: "sms",
    targetGroup: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: "normal",
    recipients: "gemeente",
    freeText: "",
    confirmedText: "",
    intent: "send",
  };
}

function attacks(label: string, setup: () => { services: TestServices; urls: readonly string[] }) {
  describe(label, () => {
    async function loginGuesses(ambassador: TestUser, rightAt: number | null): Promise<TestResponse[]> {
      const { urls } = setup();
      return inParallel(40, urls, (url, index) =>
        new HttpClient(url).post("/inloggen", {
          email: ambassador.email,
          password: index === rightAt ? ambassador.password : `geraden wachtwoord nummer ${index}`,
          terug: "",
        }),
      );
    }

    it("40 wrong passwords at once: at most the limit are checked, and then the right one is refused", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const ambassador = await createUser(services, { role: "ambassador" });
      const responses = await loginGuesses(ambassador, null);
      const checked = (await auditTrail(services, ambassador.id, ["auth.login_failed"])).length;
      expect(checked, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(LOGIN_LIMIT);
      expect(responses.filter((r) => r.status === 400).length).toBeLessThan(LOGIN_LIMIT);
      expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(40 - LOGIN_LIMIT);

      const right = await new HttpClient(urls[0]!).post("/inloggen", { email: ambassador.email, password: ambassador.password, terug: "" });
      expect(right.status).toBe(429);
      expect(right.headers.getSetCookie()).toEqual([]);
      expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
    });

    it("40 passwords at once with the right one among them: it gets in only within the limit", { timeout: 90_000 }, async () => {
      const { services } = setup();
      const ambassador = await createUser(services, { role: "ambassador" });
      const responses = await loginGuesses(ambassador, 20);
      const trail = await auditTrail(services, ambassador.id, ["auth.login_failed", "auth.login"]);
      const loggedIn = trail.indexOf("auth.login");
      const sessions = await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute();
      if (loggedIn === -1) {
        // The right password came after the limit was reached: refused, and no more than the limit checked.
        expect(responses[20]!.status).toBe(429);
        expect(sessions).toEqual([]);
        expect(trail.length, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(LOGIN_LIMIT);
      } else {
        // It was checked while guesses were still allowed: fewer wrong ones than the limit came before it.
        expect(loggedIn, `audit trail ${trail.join(", ")}`).toBeLessThan(LOGIN_LIMIT);
        expect(responses[20]!.status).toBe(302);
        expect(sessions).toHaveLength(1);
      }
    });

    it("100 authenticator codes at once: at most the limit are checked, and the right one past it is refused", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const coordinator = await createUser(services, { role: "coordinator" });
      const secret = await enrolTotp(services, coordinator.id);
      const token = await createSessionToken(services, coordinator, { secondFactor: false });
      const codes = wrongCodes(secret, 100);
      const responses = await inParallel(100, urls, (url, index) => {
        const client = new HttpClient(url);
        client.setSession(token);
        return client.post("/tweede-stap", { code: codes[index]!, terug: "" });
      });
      const checked = (await auditTrail(services, coordinator.id, ["auth.second_factor_failed"])).length;
      expect(checked, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(TOTP_LIMIT);
      expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(100 - TOTP_LIMIT);

      const client = new HttpClient(urls[0]!);
      client.setSession(token);
      const right = await client.post("/tweede-stap", { code: totpCode(secret, totpStep(new Date())), terug: "" });
      expect(right.status).toBe(429);
      const session = await services.db.selectFrom("sessions").select("second_factor_at").where("user_id", "=", coordinator.id).executeTakeFirstOrThrow();
      expect(session.second_factor_at).toBeNull();
    });

    it("100 codes at once with the right one among them: it passes only within the limit", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const police = await createUser(services, { role: "police" });
      const secret = await enrolTotp(services, police.id);
      const token = await createSessionToken(services, police, { secondFactor: false });
      const codes = wrongCodes(secret, 100);
      codes[50] = totpCode(secret, totpStep(new Date()));
      const responses = await inParallel(100, urls, (url, index) => {
        const client = new HttpClient(url);
        client.setSession(token);
        return client.post("/tweede-stap", { code: codes[index]!, terug: "" });
      });
      const trail = await auditTrail(services, police.id, ["auth.second_factor_failed", "auth.second_factor"]);
      const passed = trail.indexOf("auth.second_factor");
      const session = await services.db.selectFrom("sessions").select("second_factor_at").where("user_id", "=", police.id).executeTakeFirstOrThrow();
      if (passed === -1) {
        expect(responses[50]!.status).toBe(429);
        expect(session.second_factor_at).toBeNull();
        expect(trail.length, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(TOTP_LIMIT);
      } else {
        expect(passed, `audit trail ${trail.join(", ")}`).toBeLessThan(TOTP_LIMIT);
        expect(session.second_factor_at).not.toBeNull();
      }
    });

    it("40 wrong current passwords at once on the account page: at most the limit are checked", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const ambassador = await createUser(services, { role: "ambassador" });
      const token = await createSessionToken(services, ambassador);
      const responses = await inParallel(40, urls, (url, index) => {
        const client = new HttpClient(url);
        client.setSession(token);
        return client.post("/account", {
          intent: "password",
          currentPassword: `geraden wachtwoord nummer ${index}`,
          newPassword: "een heel nieuw wachtwoord van mij",
          newPasswordConfirmation: "een heel nieuw wachtwoord van mij",
        });
      });
      const checked = (await auditTrail(services, ambassador.id, ["account.password_check_failed"])).length;
      expect(checked, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(LOGIN_LIMIT);
    });

    it("40 invitation acceptances at once from one address: at most the limit are tried", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const before = await services.db.selectFrom("rate_limit_events").select("id").where("bucket", "=", "invite-accept").execute();
      expect(before).toEqual([]);
      // Unknown tokens: each attempt that is let through answers 404, each refused one 429.
      const responses = await inParallel(40, urls, (url, index) =>
        new HttpClient(url).post(`/uitnodiging/${hashToken(String(index)).slice(0, 32)}`, {
          displayName: "Iemand",
          password: "een lange zin als wachtwoord",
          passwordConfirmation: "een lange zin als wachtwoord",
        }),
      );
      const tried = responses.filter((r) => r.status !== 429).length;
      expect(tried, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(INVITE_LIMIT);
    });

    it("20 new signals at once from one ambassador: at most the limit are stored, and a resend still answers", { timeout: 90_000 }, async () => {
      const { services, urls } = setup();
      const ambassador = await createUser(services, { role: "ambassador" });
      const token = await createSessionToken(services, ambassador);
      const keys = Array.from({ length: 20 }, () => randomUUID());
      const responses = await inParallel(20, urls, (url, index) => {
        const client = new HttpClient(url);
        client.setSession(token);
        return client.request("POST", "/signalen/nieuw", {
          body: JSON.stringify(signal(keys[index]!)),
          headers: { "content-type": "application/json", accept: "application/json" },
        });
      });
      const stored = await services.db.selectFrom("signals").select("idempotency_key").where("created_by", "=", ambassador.id).execute();
      expect(stored.length, `statuses ${JSON.stringify(tally(responses))}`).toBeLessThanOrEqual(SIGNAL_LIMIT);
      expect(responses.filter((r) => r.status === 201).length).toBe(stored.length);
      expect(responses.filter((r) => r.status === 429).length).toBe(20 - stored.length);

      const client = new HttpClient(urls[0]!);
      client.setSession(token);
      const resend = await client.request("POST", "/signalen/nieuw", {
        body: JSON.stringify(signal(stored[0]!.idempotency_key)),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
      expect(resend.status).toBe(200);
    });
  });
}

describeApp("parallel guessing against a server process on %s", { noServer: true }, (app) => {
  let services: TestServices;
  let server: ServerProcess;

  beforeAll(async () => {
    ({ services } = app);
    server = await startServerProcess(services.database.url, serverEnv);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  attacks("one instance", () => ({ services, urls: [server.url] }));
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("parallel guessing spread over two server processes on one PostgreSQL database", () => {
  let services: TestServices;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    services = await createTestServices("postgres");
    servers = await Promise.all([
      startServerProcess(services.database.url, { ...serverEnv, DATABASE_POOL_SIZE: "4" }),
      startServerProcess(services.database.url, { ...serverEnv, DATABASE_POOL_SIZE: "4" }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await services?.database.drop();
  });

  attacks("two instances", () => ({ services, urls: servers.map((server) => server.url) }));
});
