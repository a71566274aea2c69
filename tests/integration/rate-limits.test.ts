import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { consumeRateLimits, readRateLimit, refundRateLimitHits } from "#app/features/rate-limit/rate-limit.server.ts";
import { runRetention } from "#app/features/retention/retention.server.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Rate limits besides login (tested in accounts.test.ts): signal submission
// per ambassador, invitation acceptance per client address, and the referral
// counter per client and organisation code — with small limits set here.

const signal = (key: string) => ({
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
});

describe.each(testDialects())("rate limits on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, {
      clock,
      env: { SIGNALS_PER_HOUR: "3", INVITE_ATTEMPTS_PER_HOUR: "3", REFERRAL_COUNTS_PER_HOUR: "2" },
    });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  it("signal submission: a clear message and Retry-After past the limit; a resend of a stored signal still answers", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, ambassador));
    const postJson = (body: unknown) =>
      client.request("POST", "/signalen/nieuw", { body: JSON.stringify(body), headers: { "content-type": "application/json", accept: "application/json" } });

    const keys = [randomUUID(), randomUUID(), randomUUID()];
    for (const key of keys) expect((await postJson(signal(key))).status).toBe(201);
    const refused = await postJson(signal(randomUUID()));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBe(3600);
    expect(JSON.parse(refused.text)).toMatchObject({ ok: false, error: "rate_limited", message: expect.stringContaining("Probeer het over 60 minuten opnieuw") });
    // The outbox resending a signal that was stored gets its answer, not a refusal.
    expect((await postJson(signal(keys[0]!))).status).toBe(200);

    // Without JavaScript: the form comes back with the message, the text kept.
    const form = await client.post("/signalen/nieuw", { ...signal(randomUUID()), freeText: "Nep-sms over een pakket" });
    expect(form.status).toBe(429);
    expect(form.headers.get("retry-after")).toBe("3600");
    expect(visibleText(form.text)).toContain("U heeft het afgelopen uur veel signalen gestuurd. Probeer het over 60 minuten opnieuw");
    expect(form.text).toContain("Nep-sms over een pakket");
    expect(await services.db.selectFrom("signals").select("id").where("created_by", "=", ambassador.id).execute()).toHaveLength(3);

    clock.advance(60 * 60_000 + 1000);
    try {
      expect((await postJson(signal(randomUUID()))).status).toBe(201);
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("invitation acceptance: attempts per client address are limited, with a message and Retry-After", async () => {
    const client = new HttpClient(server.url);
    const form = { displayName: "Probeer", password: "een lange zin als wachtwoord", passwordConfirmation: "een lange zin als wachtwoord" };
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await client.post(`/uitnodiging/geraden-token-${attempt}-aaaaaaaaaaaa`, form)).status).toBe(404);
    }
    const refused = await client.post("/uitnodiging/geraden-token-9-aaaaaaaaaaaa", form);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(refused.text)).toContain("Te veel pogingen vanaf dit apparaat. Probeer het over 60 minuten opnieuw.");
    const accounts = await services.db.selectFrom("users").select("id").where("display_name", "=", "Probeer").execute();
    expect(accounts).toEqual([]);
  });

  it("the referral counter stops counting one client's repeated visits, but the page is always served", async () => {
    const organisation = await createOrganisation(services, { code: "rl-buurthuis" });
    const phone = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/156.0 Mobile Safari/537.36";
    for (let visit = 0; visit < 5; visit++) {
      const page = await new HttpClient(server.url, { userAgent: phone }).get("/hulp/phishing?via=rl-buurthuis");
      expect(page.status).toBe(200);
    }
    await services.tasks.settled();
    const rows = await services.db.selectFrom("referral_visits").selectAll().where("organisation_id", "=", organisation.id).execute();
    expect(rows.map((row) => Number(row.visits))).toEqual([2]);
  });

  it("consumeRateLimits counts an attempt against every key or against none, and says when a refused one may try again", async () => {
    const tight = { bucket: "test-tight", limit: 2, windowMs: 10 * 60_000 };
    const loose = { bucket: "test-loose", limit: 10, windowMs: 10 * 60_000 };
    const checks = [{ rule: tight, key: "a" }, { rule: loose, key: "b" }];
    const first = await consumeRateLimits(services, checks);
    expect(first.allowed && first.states.map((state) => state.count)).toEqual([1, 1]);
    clock.advance(60_000);
    const second = await consumeRateLimits(services, checks);
    // The last attempt allowed says so, with the moment the first one leaves the window.
    expect(second.allowed && second.states[0]).toEqual({ count: 2, limited: true, retryAt: new Date("2026-11-24T09:10:00.000Z") });
    const third = await consumeRateLimits(services, checks);
    expect(third).toEqual({ allowed: false, retryAt: new Date("2026-11-24T09:10:00.000Z") });
    // Refused by the tight rule: nothing was counted against the loose one either.
    expect((await readRateLimit(services, loose, "b")).count).toBe(2);
    // A refund gives the slot back.
    if (!second.allowed) throw new Error("unreachable");
    await refundRateLimitHits(services, second.hitIds);
    expect((await consumeRateLimits(services, checks)).allowed).toBe(true);
    clock.set("2026-11-24T09:00:00.000Z");
  });

  it("the retention job deletes attempts older than a day and keeps the recent ones", async () => {
    const rule = { bucket: "test-prune", limit: 10, windowMs: 60 * 60_000 };
    const bucketRows = () => services.db.selectFrom("rate_limit_events").select("occurred_at").where("bucket", "=", rule.bucket).orderBy("occurred_at").execute();
    clock.set("2026-11-20T09:00:00.000Z");
    await consumeRateLimits(services, [{ rule, key: "old" }]);
    clock.set("2026-11-24T08:30:00.000Z");
    await consumeRateLimits(services, [{ rule, key: "recent" }]);
    clock.set("2026-11-24T09:00:00.000Z");
    expect(await bucketRows()).toHaveLength(2);

    const reports = await runRetention(services);
    expect(reports?.find((report) => report.task === "rate-limit attempts")).toMatchObject({ ok: true });
    expect((await bucketRows()).map((row) => row.occurred_at)).toEqual(["2026-11-24T08:30:00.000Z"]);
    expect((await readRateLimit(services, rule, "recent")).count).toBe(1);
  });
});
