import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { startServerProcess, type ServerProcess } from "#tests/support/server-process.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// No acknowledged signal is ever lost: a stream of submissions to a real
// server process, SIGKILL in the middle of it, a restart on the same
// database. Every submission that got a success answer is stored, exactly
// once and whole; the ones cut off can be sent again and are stored once.

const SESSION_COOKIE = "__Host-wijkwijs-session";
const ACKS_BEFORE_KILL = 12;
const CONCURRENCY = 4;

function signalBody(key: string, index: number) {
  return {
    idempotencyKey: key,
    phenomenon: "phishing",
    wijkId: "den-haag-wk-moerwijk",
    when: "this_week",
    channel: "sms",
    targetGroup: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: index % 2 ? "urgent" : "normal",
    recipients: "gemeente",
    freeText: `Melding nummer ${index} over een valse sms`,
    confirmedText: `Melding nummer ${index} over een valse sms`,
    intent: "send",
  };
}

async function submit(url: string, token: string, key: string, index: number): Promise<number> {
  const response = await fetch(`${url}/signalen/nieuw`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      origin: url,
      cookie: `${SESSION_COOKIE}=${token}`,
    },
    body: JSON.stringify(signalBody(key, index)),
  });
  await response.text();
  return response.status;
}

describeApp("crash durability on %s", { noServer: true }, (app) => {
  let services: TestServices;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ({ services } = app);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps every acknowledged signal, whole and once, when the server is killed mid-stream", { timeout: 90_000 }, async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const token = await createSessionToken(services, ambassador);
    server = await startServerProcess(services.database.url);
    const first = server;

    const acknowledged = new Map<string, number>();
    const sent = new Map<string, number>();
    let next = 0;
    let killing: Promise<void> | null = null;
    // Several submissions in flight at once, so that the kill lands while some are being written.
    const worker = async () => {
      while (!killing) {
        const index = next++;
        const key = randomUUID();
        sent.set(key, index);
        try {
          const status = await submit(first.url, token, key, index);
          if (status === 201 || status === 200) acknowledged.set(key, index);
          else throw new Error(`submission ${index} answered ${status}`);
        } catch (error) {
          if (!killing) throw error;
        }
        if (acknowledged.size >= ACKS_BEFORE_KILL && !killing) killing = first.kill();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killing;
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(acknowledged.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    server = await startServerProcess(services.database.url);
    const stored = await services.db.selectFrom("signals").selectAll().execute();
    const byKey = new Map(stored.map((row) => [row.idempotency_key, row]));
    for (const [key, index] of acknowledged) {
      const row = byKey.get(key);
      expect(row, `acknowledged submission ${index} is stored`).toBeDefined();
      // Whole: every field as sent (the one table a submission writes, in one transaction).
      expect(row).toMatchObject({
        phenomenon: "phishing",
        wijk_id: "den-haag-wk-moerwijk",
        channel: "sms",
        urgency: index % 2 ? "urgent" : "normal",
        recipients: "gemeente",
        free_text: `Melding nummer ${index} over een valse sms`,
        created_by: ambassador.id,
        status: "received",
      });
    }
    // Nothing stored that was not sent, nothing stored twice.
    expect(stored.every((row) => sent.has(row.idempotency_key))).toBe(true);
    expect(new Set(stored.map((row) => row.idempotency_key)).size).toBe(stored.length);

    // The restarted server answers every acknowledged key as already stored, and
    // stores each cut-off one exactly once when the outbox sends it again.
    for (const [key, index] of sent) {
      const status = await submit(server.url, token, key, index);
      expect(status, `resend of ${index}`).toBe(acknowledged.has(key) || byKey.has(key) ? 200 : 201);
    }
    const after = await services.db.selectFrom("signals").select("idempotency_key").execute();
    expect(after.length).toBe(sent.size);
  });
});
