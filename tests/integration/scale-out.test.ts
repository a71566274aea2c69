import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { runRetention, type RetentionTask } from "#app/features/retention/retention.server.ts";
import { claimDuePushes, enqueuePush } from "#app/features/warnings/push.server.ts";
import { loadConfig } from "#app/config.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { withJobLock } from "#db/job-lock.ts";
import { ANY } from "#db/tables/dashboard.ts";
import { createServices } from "#server/services.ts";
import { startAppProcess, type AppProcess } from "#tests/support/app-process.ts";
import { createTestDatabase, type TestDatabase } from "#tests/support/test-database.ts";
import { HttpClient, visibleText } from "#tests/support/test-server.ts";

// Several app instances on one PostgreSQL database: two processes of
// the production server share sessions, login limits and exactly-once signal
// submission, start together on an empty database without tripping over each
// other, and run timed jobs one at a time. SQLite is the single-instance
// default, so this runs only when TEST_DATABASE_URL is set.

const DEMO_PASSWORD = "wijkwijs-demo-2026";
const AMBASSADOR = "ambassadeur@demo.wijkwijs.nl";
const MOERWIJK = "den-haag-wk-moerwijk";

function signal(idempotencyKey: string) {
  return {
    idempotencyKey,
    phenomenon: "phishing",
    wijkId: MOERWIJK,
    when: "this_week",
    channel: "sms",
    targetGroup: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: "normal",
    recipients: "gemeente",
    freeText: "",
    intent: "send",
  };
}

// Both instances publish the demo's figures at start (LP solves that yield to requests but share
// the processor), so a request may wait longer here than elsewhere on a busy machine.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two app instances on one PostgreSQL database", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    // Both start at once on an empty database: migrations, the municipality, the secret and the demo data race.
    const env = { DATABASE_URL: database.url, DEMO_DATA: "true", DATABASE_POOL_SIZE: "4" };
    [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  function clientOf(instance: AppProcess, from?: HttpClient): HttpClient {
    const client = new HttpClient(instance.url);
    if (from) for (const [name, value] of from.cookies) client.cookies.set(name, value);
    return client;
  }

  it("start together on an empty database: one municipality, one secret, the demo data once", async () => {
    const { db } = database;
    expect(await db.selectFrom("municipalities").select("id").execute()).toHaveLength(1);
    expect(await db.selectFrom("app_settings").select("key").where("key", "=", "app_secret").execute()).toHaveLength(1);
    expect(await db.selectFrom("users").select("id").where("email", "=", AMBASSADOR).execute()).toHaveLength(1);
    const wijken = await db.selectFrom("wijken").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(wijken.n)).toBe(44);
  });

  it("a session made on one instance works on the other, and logging out on the other ends it everywhere", async () => {
    const onA = clientOf(a);
    const login = await onA.post("/inloggen", { email: AMBASSADOR, password: DEMO_PASSWORD, terug: "" });
    expect(login.status, visibleText(login.text)).toBe(302);
    const onB = clientOf(b, onA);
    const account = await onB.get("/account");
    expect(account.status).toBe(200);
    expect(visibleText(account.text)).toContain("Samira");

    const logout = await onB.post("/uitloggen", {});
    expect(logout.status).toBe(302);
    const afterwards = await clientOf(a, onA).get("/account");
    expect(afterwards.status).toBe(302);
    expect(afterwards.location).toMatch(/^\/inloggen/);
  });

  it("failed logins count across instances: five wrong passwords spread over both lock the account on both", async () => {
    const email = "kees@demo.wijkwijs.nl";
    for (const [index, instance] of [a, b, a, b, a].entries()) {
      const failed = await clientOf(instance).post("/inloggen", { email, password: `wrong-password-${index}`, terug: "" });
      // The fifth failure (counted over both instances) is the one that locks.
      expect(failed.status).toBe(index < 4 ? 400 : 429);
    }
    for (const instance of [b, a]) {
      const refused = await clientOf(instance).post("/inloggen", { email, password: DEMO_PASSWORD, terug: "" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("the same signal sent to both instances at once is stored exactly once", async () => {
    const onA = clientOf(a);
    expect((await onA.post("/inloggen", { email: AMBASSADOR, password: DEMO_PASSWORD, terug: "" })).status).toBe(302);
    const onB = clientOf(b, onA);
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const post = (client: HttpClient, key: string) =>
      client.request("POST", "/signalen/nieuw", {
        body: JSON.stringify(signal(key)),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
    const responses = await Promise.all(keys.flatMap((key) => [post(onA, key), post(onB, key)]));
    for (const response of responses) expect(response.status, response.text).toBeLessThan(300);
    // Both answers for one key name the same stored signal.
    for (let i = 0; i < keys.length; i++) {
      const first = JSON.parse(responses[2 * i]!.text) as { signal?: { id?: string } };
      const second = JSON.parse(responses[2 * i + 1]!.text) as { signal?: { id?: string } };
      expect(first.signal?.id).toBeTruthy();
      expect(second.signal?.id).toBe(first.signal?.id);
    }
    const stored = await database.db.selectFrom("signals").select("idempotency_key").where("idempotency_key", "in", keys).execute();
    expect(stored).toHaveLength(keys.length);

    // The dashboard's running counts, bumped by both instances in the signals' transactions, match the rows.
    const raw = await database.db
      .selectFrom("signals")
      .select(["iso_week", (eb) => eb.fn.countAll<number>().as("n")])
      .where("wijk_id", "=", MOERWIJK)
      .where("phenomenon", "=", "phishing")
      .groupBy("iso_week")
      .execute();
    expect(raw.length).toBeGreaterThan(0);
    for (const { iso_week, n } of raw) {
      const rollup = await database.db
        .selectFrom("signal_rollups")
        .select("signals")
        .where("wijk_id", "=", MOERWIJK)
        .where("phenomenon", "=", "phishing")
        .where("iso_week", "=", iso_week)
        .where("channel", "=", ANY)
        .where("target_group", "=", ANY)
        .where("urgency", "=", ANY)
        .executeTakeFirstOrThrow();
      expect(Number(rollup.signals), `rollup for ${iso_week}`).toBe(Number(n));
    }
  });

  it("the push queue: instances claiming at the same moment never take the same push, and together take all", async () => {
    // The two app processes run their own push loops on the real clock: these pushes are due two
    // hours from now, and the two claimers below live three hours ahead, so only they take them.
    const dueAt = new Date(Date.now() + 2 * 3_600_000);
    const config = loadConfig({ APP_ENV: "test", LOG_LEVEL: "silent" });
    const instance = () =>
      createServices(config, { db: createDatabase(parseDatabaseUrl(database.url), { poolSize: 3 }), clock: fixedClock(new Date(Date.now() + 3 * 3_600_000).toISOString()) });
    const first = await instance();
    const second = await instance();
    try {
      const { db } = database;
      const users = await db.selectFrom("users").select("id").where("role", "=", "ambassador").execute();
      const now = new Date().toISOString();
      await db
        .insertInto("push_subscriptions")
        .values(
          users.flatMap((user, u) =>
            Array.from({ length: 10 }, (_, d) => ({
              id: randomUUID(),
              user_id: user.id,
              endpoint: `https://push.example.invalid/${u}-${d}-${randomUUID()}`,
              p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
              auth: "tBHItJI5svbpez7KI4CCXg",
              created_at: now,
            })),
          ),
        )
        .execute();
      const queued = await enqueuePush(db, dueAt, users.map((user) => user.id), { title: "t", body: "b", url: "/", tag: "scale-out" });
      expect(queued).toBeGreaterThanOrEqual(50);
      const ours = await db.selectFrom("push_deliveries").select("id").where("next_attempt_at", "=", dueAt.toISOString()).execute();
      expect(ours.length).toBe(queued);

      // Both instances claim in small batches, interleaved, until nothing is due.
      const claimedBy = new Map<string, number>();
      const claimAll = async (services: typeof first, who: number) => {
        for (;;) {
          const batch = await claimDuePushes(services, 7);
          if (batch.length === 0) return;
          for (const push of batch) {
            expect(claimedBy.has(push.id), `push ${push.id} claimed twice`).toBe(false);
            claimedBy.set(push.id, who);
          }
        }
      };
      await Promise.all([claimAll(first, 1), claimAll(second, 2), claimAll(first, 1), claimAll(second, 2)]);
      for (const { id } of ours) expect(claimedBy.has(id), `push ${id} never claimed`).toBe(true);
      expect(new Set(claimedBy.values())).toEqual(new Set([1, 2]));
    } finally {
      await first.db.destroy();
      await second.db.destroy();
    }
  });

  it("a timed job runs in one place at a time: the second runner skips while the first holds the lock", async () => {
    // Two app processes' worth of services: separate connection pools on the same schema.
    const config = loadConfig({ APP_ENV: "test", LOG_LEVEL: "silent" });
    const instance = () => createServices(config, { db: createDatabase(parseDatabaseUrl(database.url), { poolSize: 3 }) });
    const first = await instance();
    const second = await instance();
    try {
      let running = 0;
      let most = 0;
      let runs = 0;
      const slow: RetentionTask = {
        name: "slow",
        async run() {
          running += 1;
          runs += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 300));
          running -= 1;
          return {};
        },
      };
      const [one, two] = await Promise.all([runRetention(first, [slow]), runRetention(second, [slow])]);
      expect(most).toBe(1);
      expect(runs).toBe(1);
      expect([one, two].filter((reports) => reports === null)).toHaveLength(1);
      // Once the first is done, the lock is free again.
      expect(await runRetention(second, [slow])).toEqual([{ task: "slow", ok: true, result: {} }]);
    } finally {
      await first.db.destroy();
      await second.db.destroy();
    }
  });

  it("several timed jobs starting at once on a small pool each get their lock and finish, and requests still get a connection", async () => {
    // Each job holds its lock and then queries through the pool, as the mail, digest and publication jobs do.
    const db = createDatabase(parseDatabaseUrl(database.url), { poolSize: 2 });
    try {
      const job = (name: string) =>
        withJobLock(db, name, async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const rows = await db.selectFrom("municipalities").select("id").execute();
          return rows.length;
        });
      const outcomes = await Promise.all(["one", "two", "three", "four"].map(job));
      expect(outcomes).toEqual(["one", "two", "three", "four"].map(() => ({ ran: true, result: 1 })));
      expect(await db.selectFrom("municipalities").select("id").execute()).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});
