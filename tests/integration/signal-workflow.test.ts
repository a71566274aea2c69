import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { signalStatuses, type SignalStatus } from "#app/features/signals/options.ts";
import { mayTransition, type WorkflowSide } from "#app/features/signals/workflow.ts";
import { createMigrator } from "#db/migrate.ts";
import type { Role } from "#db/tables/auth.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The workflow the server enforces: every status change for every side, over
// HTTP as a browser without JavaScript posts it, on both databases. What is
// allowed is stored with its history and audit row; what is not gets a 409
// with a Dutch message, changes nothing and is audited as refused.

const sides: [WorkflowSide, Role][] = [
  ["gemeente", "coordinator"],
  ["police", "police"],
];

describe.each(testDialects())("signal workflow on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let ambassador: TestUser;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
    ambassador = await createUser(services, { role: "ambassador" });
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  async function signIn(role: Role): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }

  const sender = () => ({ id: ambassador.id, organisationId: ambassador.organisationId });

  it.each(sides)("%s (%s): every transition is allowed or refused exactly as the workflow table says", async (side, role) => {
    const { user, client } = await signIn(role);
    for (const from of signalStatuses) {
      for (const to of signalStatuses) {
        if (from === to) continue;
        const signal = await createSignal(services, { sender: sender(), recipients: "both", status: from });
        const response = await client.post(`/signalen/${signal.id}`, { intent: "status", status: to, from });
        const row = await services.db.selectFrom("signals").select(["status"]).where("id", "=", signal.id).executeTakeFirstOrThrow();
        const history = await services.db.selectFrom("signal_status_changes").selectAll().where("signal_id", "=", signal.id).execute();
        const audited = await services.db.selectFrom("audit_events").select(["action", "details", "actor_user_id"]).where("target_id", "=", signal.id).execute();
        const label = `${side}: ${from} → ${to}`;
        if (mayTransition(side, from, to)) {
          expect(response.status, label).toBe(200);
          expect(row.status, label).toBe(to);
          expect(history, label).toMatchObject([{ from_status: from, to_status: to, actor_id: user.id, actor_role: role, changed_at: clock.now().toISOString() }]);
          expect(audited.filter((a) => a.action === "signal.status_changed").map((a) => [a.actor_user_id, JSON.parse(a.details)]), label).toEqual([[user.id, { from, to }]]);
        } else {
          expect(response.status, label).toBe(409);
          expect(visibleText(response.text), label).toContain("die stap staat niet in de werkwijze voor uw rol. Er is niets veranderd.");
          expect(row.status, label).toBe(from);
          expect(history, label).toEqual([]);
          expect(audited.filter((a) => a.action === "signal.status_change_refused").map((a) => JSON.parse(a.details)), label).toEqual([{ from, to }]);
        }
      }
    }
  });

  it("the page offers exactly the changes the server allows, for each side", async () => {
    for (const [side, role] of sides) {
      const { client } = await signIn(role);
      for (const from of signalStatuses) {
        const signal = await createSignal(services, { sender: sender(), recipients: "both", status: from });
        const page = await client.get(`/signalen/${signal.id}`);
        const offered = [...page.text.matchAll(/name="status" value="([a-z_]+)"/g)].map((m) => m[1]).sort();
        expect(offered, `${side} at ${from}`).toEqual(signalStatuses.filter((to) => mayTransition(side, from, to)).sort());
      }
    }
  });

  it("forwarding adds politie as a recipient, and a change made meanwhile is refused, not overwritten", async () => {
    const { client: desk } = await signIn("coordinator");
    const { client: police } = await signIn("police");
    const signal = await createSignal(services, { sender: sender(), recipients: "gemeente" });
    expect((await police.get(`/signalen/${signal.id}`)).status).toBe(403);
    const forwarded = await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "forwarded_to_police", from: "received" });
    expect(visibleText(forwarded.text)).toContain("Het signaal is doorgestuurd naar de politie.");
    const row = await services.db.selectFrom("signals").select(["status", "recipients", "forwarded_at"]).where("id", "=", signal.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "forwarded_to_police", recipients: "both", forwarded_at: clock.now().toISOString() });
    expect((await police.get(`/signalen/${signal.id}`)).status).toBe(200);
    // Police find it in their "forwarded to you" queue until they take it up.
    const forwardedQueue = async () => [...(await police.get("/signalen?wachtrij=forwarded")).text.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(await forwardedQueue()).toContain(signal.id);

    // Police take it up; the coordinator's page still showed "forwarded" and asks to take it back.
    expect((await police.post(`/signalen/${signal.id}`, { intent: "status", status: "in_progress", from: "forwarded_to_police" })).status).toBe(200);
    const stale = await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "handled", from: "forwarded_to_police" });
    expect(stale.status).toBe(409);
    expect(visibleText(stale.text)).toContain("Iemand anders heeft dit signaal intussen veranderd.");
    expect((await services.db.selectFrom("signals").select("status").where("id", "=", signal.id).executeTakeFirstOrThrow()).status).toBe("in_progress");
    expect(await forwardedQueue()).not.toContain(signal.id);
  });

  it("two changes at the same moment: one wins, the other is told, the history has one row", async () => {
    const a = await signIn("coordinator");
    const b = await signIn("coordinator");
    const signal = await createSignal(services, { sender: sender(), recipients: "gemeente", status: "seen" });
    const answers = await Promise.all([
      a.client.post(`/signalen/${signal.id}`, { intent: "status", status: "handled", from: "seen" }),
      b.client.post(`/signalen/${signal.id}`, { intent: "status", status: "in_progress", from: "seen" }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await services.db.selectFrom("signal_status_changes").selectAll().where("signal_id", "=", signal.id).execute();
    expect(history).toHaveLength(1);
    const row = await services.db.selectFrom("signals").select("status").where("id", "=", signal.id).executeTakeFirstOrThrow();
    expect(row.status).toBe(history[0]!.to_status);
  });

  it("ambassadors see only the public status of their signal", async () => {
    const phone = new HttpClient(server.url);
    phone.setSession(await createSessionToken(services, ambassador));
    const signal = await createSignal(services, { sender: sender(), recipients: "gemeente", status: "forwarded_to_police" });
    const page = visibleText((await phone.get(`/mijn-signalen/${signal.id}`)).text);
    expect(page).toContain("gezien");
    expect(page).not.toContain("doorgestuurd naar politie");
  });

  it("the migration gives signals forwarded before the workflow the status that says so", async () => {
    const forwarded = await createSignal(services, { sender: sender(), recipients: "both", status: "seen" });
    const handled = await createSignal(services, { sender: sender(), recipients: "both", status: "handled" });
    await services.db.updateTable("signals").set({ forwarded_at: clock.now().toISOString() }).where("id", "in", [forwarded.id, handled.id]).execute();
    const migrator = await createMigrator(services.db);
    const names = (await migrator.getMigrations()).map((m) => m.name).sort();
    const down = await migrator.migrateTo(names[names.indexOf("0210-signal-workflow") - 1]!);
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toContain("0210-signal-workflow");
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await services.db.selectFrom("signals").select(["id", "status"]).where("id", "in", [forwarded.id, handled.id]).execute();
    expect(new Map(rows.map((r) => [r.id, r.status]))).toEqual(new Map<string, SignalStatus>([[forwarded.id, "forwarded_to_police"], [handled.id, "handled"]]));
  });
});
