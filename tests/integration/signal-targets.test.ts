import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { submitSignal } from "#app/features/signals/submitting.server.ts";
import { createMigrator } from "#db/migrate.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Targets per urgency (working days, the municipality's setting): a deadline
// fixed on arrival, the age on every inbox row, overdue marked and sortable,
// on both databases.

describe.each(testDialects())("signal targets on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let ambassador: TestUser;
  // Thursday 26 November 2026, 10:00 in Amsterdam.
  const clock = fixedClock("2026-11-26T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
    ambassador = await createUser(services, { role: "ambassador" });
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  const sender = () => ({ id: ambassador.id, organisationId: ambassador.organisationId });
  const hoursAgo = (hours: number) => new Date(clock.now().getTime() - hours * 3_600_000).toISOString();

  it("a sent signal's deadline is its urgency's target in working days, as the municipality set it", async () => {
    await services.db.updateTable("municipalities").set({ signal_target_days_urgent: 2 }).where("id", "=", services.municipality.id).execute();
    const viewer = (await findViewerBySessionToken(services, await createSessionToken(services, ambassador)))!;
    const base = { phenomenon: "phishing", wijkId: "den-haag-wk-moerwijk", when: "this_week", channel: "sms", targetGroup: "residents", affected: "few", outcome: "attempt", recipients: "gemeente", freeText: "" } as const;
    const urgent = await submitSignal(services, viewer, { ...base, idempotencyKey: crypto.randomUUID(), urgency: "urgent" });
    const normal = await submitSignal(services, viewer, { ...base, idempotencyKey: crypto.randomUUID(), urgency: "normal" });
    if (!urgent.ok || !normal.ok) throw new Error("not stored");
    const due = async (id: string) => (await services.db.selectFrom("signals").select("due_at").where("id", "=", id).executeTakeFirstOrThrow()).due_at;
    // Thursday + 2 working days: Monday. Thursday + 5: the next Thursday.
    expect(await due(urgent.signal.id)).toBe("2026-11-30T09:00:00.000Z");
    expect(await due(normal.signal.id)).toBe("2026-12-03T09:00:00.000Z");
    await services.db.updateTable("municipalities").set({ signal_target_days_urgent: 1 }).where("id", "=", services.municipality.id).execute();
  });

  it("every row shows its age; overdue open signals are marked and come first when sorted by deadline", async () => {
    const officer = await createUser(services, { role: "coordinator" });
    const desk = new HttpClient(server.url);
    desk.setSession(await createSessionToken(services, officer));
    const late = await createSignal(services, { sender: sender(), urgency: "urgent", receivedAt: hoursAgo(49), phenomenon: "romance-fraud" });
    const lateButHandled = await createSignal(services, { sender: sender(), urgency: "urgent", status: "handled", receivedAt: hoursAgo(72) });
    const fresh = await createSignal(services, { sender: sender(), urgency: "normal", receivedAt: hoursAgo(3) });

    const page = await desk.get("/signalen?sorteer=due");
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<tr[^>]*data-testid="inbox-row"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    const rowOf = (id: string) => visibleText(rows.find((r) => r.includes(`/signalen/${id}`)) ?? "");
    expect(rowOf(late.id)).toContain("2 dagen Over de termijn");
    expect(rowOf(fresh.id)).toContain("3 uur");
    expect(rowOf(fresh.id)).not.toContain("Over de termijn");
    expect(rowOf(lateButHandled.id)).toContain("3 dagen");
    expect(rowOf(lateButHandled.id)).not.toContain("Over de termijn");
    const order = rows.map((r) => /\/signalen\/([0-9a-f-]{36})/.exec(r)?.[1]);
    expect(order.indexOf(late.id)).toBeLessThan(order.indexOf(fresh.id));
    expect(order.indexOf(fresh.id)).toBeLessThan(order.indexOf(lateButHandled.id));

    const oldest = await desk.get("/signalen?sorteer=oldest");
    const oldestOrder = [...oldest.text.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(oldestOrder.indexOf(lateButHandled.id)).toBeLessThan(oldestOrder.indexOf(late.id));

    const detail = visibleText((await desk.get(`/signalen/${late.id}`)).text);
    expect(detail).toContain("Over de termijn");
    expect(detail).toContain("Afhandelen vóór");
  });

  it("the migration gives signals already in a deadline from the default targets", async () => {
    const before = await createSignal(services, { sender: sender(), urgency: "normal", receivedAt: "2026-11-27T15:00:00.000Z", dueAt: null });
    const migrator = await createMigrator(services.db);
    const names = (await migrator.getMigrations()).map((m) => m.name).sort();
    expect((await migrator.migrateTo(names[names.indexOf("0212-signal-targets") - 1]!)).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const row = await services.db.selectFrom("signals").select("due_at").where("id", "=", before.id).executeTakeFirstOrThrow();
    // Friday + 5 working days: the next Friday.
    expect(row.due_at).toBe("2026-12-04T15:00:00.000Z");
  });
});
