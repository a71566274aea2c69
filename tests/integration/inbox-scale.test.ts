import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { fixedClock } from "#app/clock.ts";
import { stadsdeelId, wijkId } from "#app/features/areas/area-file.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { inboxRowsQuery, statusCounts, type Cursor, type InboxFilters } from "#app/features/signals/inbox.server.ts";
import type { InboxSort } from "#app/features/signals/options.ts";
import { nameMaps } from "#app/features/signals/reading.server.ts";
import { isPostgres } from "#db/connection.ts";
import { createOrganisation, createUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The inbox's orders are read from an index on both databases (db/migrations/0240):
// a page at a million signals must not sort every signal of the municipality.
// An expression index serves a query only when the query writes the very same
// expression, so a harmless-looking change to the sort expressions in
// inbox.server.ts (a constant bound as a parameter, another spelling) would
// silently bring the full sort back; these tests read each database's plan.
// PostgreSQL is told to avoid sequential scans and sorts where it can, since on
// a small table it would rightly prefer them: a sort still in the plan then
// means no index can give the order.

describe.each(testDialects())("the inbox at scale on %s", (dialect) => {
  let services: TestServices;
  let viewer: Viewer;
  let police: Viewer;
  let sender: { id: string; organisationId: string };

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock: fixedClock("2026-11-24T09:00:00.000Z") });
    const organisation = await createOrganisation(services, {});
    const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    sender = { id: ambassador.id, organisationId: organisation.id };
    for (let i = 0; i < 30; i++) {
      await createSignal(services, {
        sender,
        urgency: i % 3 === 0 ? "urgent" : "normal",
        status: i % 4 === 0 ? "handled" : "received",
        phenomenon: i % 2 === 0 ? "phishing" : "whatsapp-fraud",
        wijk: i % 5 === 0 ? "Bouwlust" : i % 6 === 1 ? "Duindorp" : "Moerwijk",
        freeText: i % 4 === 1 ? "Sms over een pakket, de man zei dat hij uit Escamp kwam." : i % 7 === 2 ? "Een phishing mail over een pakket." : i % 9 === 0 ? "Whatsapp van een onbekend nummer." : null,
        recipients: i % 3 === 1 ? "both" : i % 3 === 2 ? "politie" : "gemeente",
        receivedAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), i)).toISOString(),
      });
    }
    const user = await createUser(services, { role: "coordinator" });
    const officer = await createUser(services, { role: "police" });
    police = { id: officer.id, sessionId: "test", email: officer.email, displayName: "Agent", role: "police", municipalityId: services.municipality.id, organisationId: null, organisationName: null, language: "nl", secondFactor: true };
    viewer = { id: user.id, sessionId: "test", email: user.email, displayName: "Coördinator", role: "coordinator", municipalityId: services.municipality.id, organisationId: null, organisationName: null, language: "nl", secondFactor: true };
  });
  afterAll(async () => {
    await services?.database.drop();
  });

  async function plan(sort: InboxSort, cursor: Cursor | null = null): Promise<string> {
    const names = await nameMaps(services, services.municipality.id);
    const compiled = inboxRowsQuery(services, viewer, names, { sort }, cursor).compile();
    if (isPostgres(services.db)) {
      return services.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_sort = off`.execute(trx);
        await sql`set local enable_incremental_sort = off`.execute(trx);
        const rows = await trx.executeQuery<{ "QUERY PLAN": string }>({ ...compiled, sql: `explain ${compiled.sql}` });
        return rows.rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    }
    const rows = await services.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    return rows.rows.map((r) => r.detail).join("\n");
  }

  it("reads 'urgent first' from its index, without sorting, on the first page and after a cursor", async () => {
    for (const cursor of [null, [0, "2026-11-10T00:00:00.000Z", "m"]] as (Cursor | null)[]) {
      const text = await plan("urgent", cursor);
      expect(text).toContain("signals_inbox_urgent");
      expect(text).not.toMatch(/TEMP B-TREE|Sort/);
    }
  });

  it("reads 'by deadline' from its index, without sorting", async () => {
    const text = await plan("due");
    expect(text).toContain("signals_inbox_due");
    expect(text).not.toMatch(/TEMP B-TREE|Sort/);
  });

  /** The counts as the inbox shows them, and the signals counted one by one, for the same filter. */
  async function bothCounts(who: Viewer, filters: InboxFilters) {
    const names = await nameMaps(services, services.municipality.id);
    const tidy = (rows: { status: string; count: number }[]): Record<string, number> =>
      Object.fromEntries(rows.map((r): [string, number] => [r.status, Number(r.count)]).filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
    return {
      shown: tidy(await statusCounts(services, who, names, filters)),
      counted: tidy(await statusCounts(services, who, names, filters, { fromTable: false })),
    };
  }

  const areaFilters = (): InboxFilters[] => [
    {},
    { phenomenon: "phishing" },
    { urgency: "urgent" },
    { wijkId: wijkId(services.municipality.slug, "Bouwlust") },
    { stadsdeelId: stadsdeelId(services.municipality.slug, "Escamp") },
    { stadsdeelId: "nowhere" },
    { phenomenon: "whatsapp-fraud", urgency: "normal", stadsdeelId: stadsdeelId(services.municipality.slug, "Escamp") },
    // Search: words found in the free text, in the structured names, or both.
    { search: "pakket" },
    { search: "pak" },
    { search: "phishing" },
    { search: "phishing escamp" },
    { search: "pakket escamp" },
    { search: "whatsapp duindorp" },
    { search: "escamp", urgency: "urgent" },
    { search: "pakket phishing", stadsdeelId: stadsdeelId(services.municipality.slug, "Escamp") },
    { search: "nergens" },
  ];

  it("counts per status from the kept counts exactly as counting the signals would, with and without search words, after inserts, triage, re-filing and deletion", async () => {
    const check = async () => {
      for (const who of [viewer, police]) {
        for (const filters of areaFilters()) {
          const { shown, counted } = await bothCounts(who, filters);
          expect(shown, `${who.role} ${JSON.stringify(filters)}`).toEqual(counted);
        }
      }
    };
    const { shown } = await bothCounts(viewer, {});
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total(shown)).toBeGreaterThanOrEqual(30);
    await check();

    // Triage: a status change; an urgency, wijk and recipient change; a change that touches none of them.
    const ids = (await services.db.selectFrom("signals").select("id").orderBy("received_at").execute()).map((r) => r.id);
    await services.db.updateTable("signals").set({ status: "seen" }).where("id", "in", ids.slice(0, 5)).execute();
    await services.db.updateTable("signals").set({ urgency: "urgent", recipients: "politie", wijk_id: wijkId(services.municipality.slug, "Bouwlust") }).where("id", "=", ids[6]!).execute();
    await services.db.updateTable("signals").set({ due_at: null }).where("id", "in", ids.slice(7, 9)).execute();
    await check();

    await services.db.deleteFrom("signals").where("id", "in", ids.slice(10, 12)).execute();
    await createSignal(services, { sender, urgency: "urgent", status: "received", phenomenon: "phishing", wijk: "Bouwlust" });
    await check();
    const after = await bothCounts(viewer, {});
    expect(total(after.shown)).toBe(total(shown) - 1);
  });
});
