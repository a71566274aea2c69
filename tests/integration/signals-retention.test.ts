import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { runRetention } from "#app/features/retention/retention.server.ts";
import { eraseExpiredSignalText } from "#app/features/signals/retention.server.ts";
import { createUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Privacy rule 7: the free text of signals older than the retention period
// is erased; everything else about them, and every younger signal, stays.

const DAY = 24 * 60 * 60 * 1000;
const root = path.resolve(import.meta.dirname, "..", "..");

describe.each(testDialects())("signal retention on %s", (dialect) => {
  let services: TestServices;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
  });
  afterAll(async () => {
    await services?.database.drop();
  });

  const allSignals = () => services.db.selectFrom("signals").selectAll().orderBy("id").execute();

  it("erases the free text of signals older than 180 days, and nothing else", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
    const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
    const old = await createSignal(services, { sender, receivedAt: daysAgo(181), freeText: "Nepsms over een pakket, oud." });
    const borderline = await createSignal(services, { sender, receivedAt: daysAgo(179), freeText: "Bijna oud." });
    const recent = await createSignal(services, { sender, receivedAt: daysAgo(3), freeText: "Net binnen." });
    const oldWithoutText = await createSignal(services, { sender, receivedAt: daysAgo(400), freeText: null });
    await services.db
      .insertInto("signal_notes")
      .values({ id: crypto.randomUUID(), signal_id: old.id, kind: "feedback", author_id: null, author_role: "coordinator", body: "Dank u.", created_at: daysAgo(180) })
      .execute();
    const before = await allSignals();

    const result = await eraseExpiredSignalText(services);
    expect(result).toEqual({ erased: 1, receivedBefore: daysAgo(180) });

    const after = await allSignals();
    for (const row of after) {
      const was = before.find((b) => b.id === row.id)!;
      if (row.id === old.id) {
        expect(row.free_text).toBeNull();
        expect(row.free_text_erased_at).toBe(clock.now().toISOString());
        // Every structured field stays as it was.
        expect({ ...row, free_text: was.free_text, free_text_erased_at: null }).toEqual(was);
      } else {
        expect(row, `signal ${row.id} is untouched`).toEqual(was);
      }
    }
    expect(after.find((r) => r.id === borderline.id)!.free_text).toBe("Bijna oud.");
    expect(after.find((r) => r.id === recent.id)!.free_text).toBe("Net binnen.");
    expect(after.find((r) => r.id === oldWithoutText.id)!.free_text_erased_at).toBeNull();
    expect(await services.db.selectFrom("signal_notes").select("body").where("signal_id", "=", old.id).execute()).toEqual([{ body: "Dank u." }]);

    const audit = await services.db.selectFrom("audit_events").selectAll().where("action", "=", "signal.free_text_erased").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: null, municipality_id: services.municipality.id, occurred_at: clock.now().toISOString() });
    expect(JSON.parse(audit[0]!.details)).toEqual({ count: 1, retentionDays: 180, receivedBefore: daysAgo(180) });

    // Two days later the borderline signal is old enough too; a run with
    // nothing left to erase is audited with a count of 0.
    clock.advance(2 * DAY);
    try {
      const reports = await runRetention(services);
      expect(reports?.find((report) => report.task === "signal free text")).toEqual({
        task: "signal free text",
        ok: true,
        result: { erased: 1, receivedBefore: daysAgo(180) },
      });
      expect(reports?.every((report) => report.ok)).toBe(true);
      expect((await services.db.selectFrom("signals").select("free_text").where("id", "=", borderline.id).executeTakeFirstOrThrow()).free_text).toBeNull();
      expect((await eraseExpiredSignalText(services)).erased).toBe(0);
      const counts = (await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.free_text_erased").orderBy("id").execute()).map(
        (row) => JSON.parse(row.details).count,
      );
      expect(counts).toEqual([1, 1, 0]);
      expect(await services.db.selectFrom("signals").select("free_text").where("id", "=", recent.id).executeTakeFirstOrThrow()).toEqual({ free_text: "Net binnen." });
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("follows a configured period (SIGNAL_TEXT_RETENTION_DAYS)", async () => {
    const shortly = await createTestServices(dialect, { clock, env: { SIGNAL_TEXT_RETENTION_DAYS: "30" } });
    try {
      const ambassador = await createUser(shortly, { role: "ambassador" });
      const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
      const month = await createSignal(shortly, { sender, receivedAt: new Date(clock.now().getTime() - 31 * DAY).toISOString() });
      const week = await createSignal(shortly, { sender, receivedAt: new Date(clock.now().getTime() - 7 * DAY).toISOString() });
      expect((await eraseExpiredSignalText(shortly)).erased).toBe(1);
      const rows = await shortly.db.selectFrom("signals").select(["id", "free_text"]).execute();
      expect(rows.find((r) => r.id === month.id)!.free_text).toBeNull();
      expect(rows.find((r) => r.id === week.id)!.free_text).not.toBeNull();
    } finally {
      await shortly.database.drop();
    }
  });

  it("npm run retention runs the tasks once against DATABASE_URL and says what it did", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
    // The script runs on the real clock: make one signal years old, one from now.
    const ancient = await createSignal(services, { sender, receivedAt: "2020-01-06T10:00:00.000Z", freeText: "Heel oud signaal." });
    const fresh = await createSignal(services, { sender, receivedAt: new Date().toISOString(), freeText: "Vers signaal." });
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "scripts", "retention.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: services.database.url, APP_ENV: "test", LOG_LEVEL: "info" },
    });
    expect(stdout).toMatch(/^signal free text: erased=[1-9]\d* receivedBefore=\S+Z$/m);
    expect(stdout).toMatch(/^inactive ambassadors: warned=\d+ deactivated=\d+ cleared=\d+$/m);
    const rows = await services.db.selectFrom("signals").select(["id", "free_text"]).where("id", "in", [ancient.id, fresh.id]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.free_text]))).toEqual({ [ancient.id]: null, [fresh.id]: "Vers signaal." });
  });
});
