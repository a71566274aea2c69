import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { stadsdeelId, wijkId } from "#app/features/areas/area-file.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { mondayOf } from "#app/calendar/iso-week.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { up as renameCbs2024Wijken } from "#db/migrations/0431-cbs-2024-wijk-names.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The dashboard's map from the CBS 2024 boundaries, against a real server on
// both databases: 44 wijk shapes for the city, only a stadsdeel's own wijken
// when it is chosen, rates per 1,000 residents only for shown counts and
// populated wijken, the credit line, and the migration that moves a renamed
// wijk's signals to its new id.

const wk = (name: string) => wijkId("den-haag", name);
const CREDIT = "Bron: Kadaster / Centraal Bureau voor de Statistiek, 2024";

/** The map's wijk shapes (links with a data-wijk attribute) in page order. */
function mapWijken(html: string): string[] {
  const svg = /<svg[^>]*data-testid="area-map"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
  return [...svg.matchAll(/<a [^>]*data-wijk="([^"]+)"/g)].map((m) => m[1]!);
}

function mapOutlines(html: string): string[] {
  const svg = /<svg[^>]*data-testid="area-map"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
  return [...svg.matchAll(/data-stadsdeel="([^"]+)"/g)].map((m) => m[1]!);
}

/** A figure written as a number ("0,9", "1.234"), not a marker such as "< 5", "×" or "–". */
const NUMBER = /^\d[\d.,]*$/;

/** The map's table: each row's cells as visible text. */
function tableRows(html: string): string[][] {
  const table = /<table[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => visibleText(c[1]!)));
}

// Tuesday 5 January 2027: the block 2026-W40–W53 is complete and published.
describeApp("the dashboard map on %s", { now: "2027-01-05T09:00:00.000Z" }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;
  let coordinator: HttpClient;

  async function addSignals(organisationId: string, wijk: string, week: string, count: number): Promise<void> {
    const monday = mondayOf(week);
    const now = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 2, 11)).toISOString();
    for (let i = 0; i < count; i++) {
      const row: SignalTable = {
        id: randomUUID(), municipality_id: services.municipality.id, organisation_id: organisationId, created_by: null, idempotency_key: randomUUID(),
        phenomenon: "phishing", wijk_id: wijk, iso_week: week, channel: "sms", target_group: "elderly", affected: "few", outcome: "attempt",
        urgency: "normal", recipients: "gemeente", free_text: null, free_text_erased_at: null, status: "received", seen_at: null, handled_at: null,
        forwarded_at: null, case_id: null, assigned_team: null, assigned_to: null, due_at: null, received_at: now, updated_at: now,
      };
      await services.db.transaction().execute(async (trx) => {
        await trx.insertInto("signals").values(row).execute();
        await addToRollups(trx, row);
      });
    }
  }

  beforeAll(async () => {
    ({ services, server } = app);
    const organisation = await createOrganisation(services, { name: "Buurthuis Kaart", code: "bh-kaart" });
    // Shown counts in populated wijken, one on the beach where nobody lives, and a small one that must stay hidden.
    await addSignals(organisation.id, wk("Moerwijk"), "2026-W45", 20);
    await addSignals(organisation.id, wk("Bouwlust"), "2026-W45", 12);
    await addSignals(organisation.id, wk("Oostduinen"), "2026-W46", 6);
    await addSignals(organisation.id, wk("Leyenburg"), "2026-W46", 2);
    const user = await createUser(services, { role: "coordinator" });
    coordinator = new HttpClient(server.url);
    coordinator.setSession(await createSessionToken(services, user));
  });

  it("draws all 44 wijken of the city from their boundaries, with the eight stadsdeel outlines and the credit line", async () => {
    const page = await coordinator.get("/dashboard");
    expect(page.status).toBe(200);
    const shapes = mapWijken(page.text);
    expect(shapes).toHaveLength(44);
    expect(new Set(shapes).size).toBe(44);
    const areas = await listAreas(services, services.municipality.id);
    expect(new Set(shapes)).toEqual(new Set(areas.flatMap((sd) => sd.wijken.map((w) => w.id))));
    expect(mapOutlines(page.text)).toHaveLength(8);
    // Every shape has a path and a text alternative naming the wijk and its figure.
    expect(page.text).toMatch(/aria-label="36 Moerwijk, Escamp: 20 signalen"/);
    const text = visibleText(page.text);
    expect(text).toContain(CREDIT);
    expect(text).not.toContain("bij benadering");
  });

  it("shows only the chosen stadsdeel's wijken, zoomed in, and the same when one of its wijken is chosen", async () => {
    const areas = await listAreas(services, services.municipality.id);
    for (const sd of areas) {
      const page = await coordinator.get(`/dashboard?gebied=${sd.id}`);
      const own = sd.wijken.map((w) => w.id);
      expect(mapWijken(page.text), sd.name).toEqual(own);
      expect(mapOutlines(page.text)).toEqual([sd.id]);
      expect(visibleText(page.text)).toContain(`Ingezoomd op stadsdeel ${sd.name}`);
    }
    const escamp = areas.find((sd) => sd.id === stadsdeelId("den-haag", "Escamp"))!;
    expect(escamp.wijken).toHaveLength(8);
    const wijkPage = await coordinator.get(`/dashboard?gebied=${wk("Moerwijk")}`);
    expect(mapWijken(wijkPage.text)).toEqual(escamp.wijken.map((w) => w.id));
    // The table beside it lists the same wijken and no other.
    const rows = tableRows(wijkPage.text).filter((r) => r.length > 0 && /^\d+$/.test(r[0]!));
    expect(rows.map((r) => r[1])).toEqual(escamp.wijken.map((w) => w.name));
  });

  it("gives rates per 1,000 residents for shown counts in populated areas only", async () => {
    const page = await coordinator.get("/dashboard?maat=per1000");
    expect(page.status).toBe(200);
    const rows = tableRows(page.text);
    const head = rows[0]!;
    expect(head).toEqual(["Nr.", "Wijk", "Stadsdeel", "Signalen", "Per 1.000 inwoners"]);
    const byName = new Map(rows.slice(1).map((r) => [r[1]!, r]));
    // Moerwijk: 20 of 21,555 residents; Bouwlust 12 of 29,530 (the protection may hide one of them, never both).
    expect(byName.get("Moerwijk")![3] === "20" || byName.get("Bouwlust")![3] === "12").toBe(true);
    const moerwijk = byName.get("Moerwijk")!;
    if (moerwijk[3] === "20") expect(moerwijk[4]).toBe("0,9");
    const bouwlust = byName.get("Bouwlust")!;
    if (bouwlust[3] === "12") expect(bouwlust[4]).toBe("0,4");
    // Oostduinen has no residents: its count may be shown, a rate never.
    const oostduinen = byName.get("Oostduinen")!;
    expect(oostduinen[3]).toBe("6");
    expect(oostduinen[4]).toBe("–");
    // A count that is not shown has no rate (a rate would give it back).
    for (const row of rows.slice(1)) {
      if (!/^\d+$/.test(row[3]!)) expect(row[4], row.join(" | ")).not.toMatch(NUMBER);
    }
    // The stadsdeel total of Escamp as a rate over its eight wijken's residents.
    const escampRow = rows.find((r) => r[1] === "Totaal stadsdeel Escamp")!;
    if (/^\d+$/.test(escampRow[3]!)) {
      const residents = 19045 + 17040 + 29530 + 20735 + 155 + 21555 + 7355 + 23865;
      expect(escampRow[4]).toBe((Math.round((Number(escampRow[3]) / residents) * 10000) / 10).toLocaleString("nl"));
    } else expect(escampRow[4]).not.toMatch(NUMBER);
    expect(visibleText(page.text)).toContain(CREDIT);
    // Leyenburg's 2 signals are never a number anywhere on the page, nor as a rate (2 / 17,040 → 0,1).
    const leyenburg = byName.get("Leyenburg")!;
    expect(leyenburg[3]).not.toBe("2");
    expect(leyenburg[4]).not.toMatch(NUMBER);
  });

  it("moves a wijk renamed by CBS to its new id with its signals, rollups, organisations and published keys", async () => {
    const db = services.db;
    const oldId = "den-haag-wk-bouwlust-en-vrederust";
    const newId = wk("Bouwlust");
    // A database from before the CBS 2024 names: only the old wijk, with everything that refers to it.
    const fresh = await createTestServices(dialect, { clock });
    try {
      const old = fresh.db;
      const current = await old.selectFrom("wijken").selectAll().where("id", "=", newId).executeTakeFirstOrThrow();
      await old.deleteFrom("wijken").where("id", "=", newId).execute();
      await old.insertInto("wijken").values({ ...current, id: oldId, name: "Bouwlust en Vrederust", cbs_number: null, boundary: null }).execute();
      const organisation = await createOrganisation(fresh, { name: "Wijkcentrum Oud", code: "wc-oud", wijk: "Bouwlust en Vrederust" });
      const row: SignalTable = {
        id: randomUUID(), municipality_id: fresh.municipality.id, organisation_id: organisation.id, created_by: null, idempotency_key: randomUUID(),
        phenomenon: "phishing", wijk_id: oldId, iso_week: "2026-W45", channel: "sms", target_group: "elderly", affected: "few", outcome: "attempt",
        urgency: "normal", recipients: "gemeente", free_text: null, free_text_erased_at: null, status: "received", seen_at: null, handled_at: null,
        forwarded_at: null, case_id: null, assigned_team: null, assigned_to: null, due_at: null, received_at: "2026-11-04T11:00:00.000Z", updated_at: "2026-11-04T11:00:00.000Z",
      };
      await old.transaction().execute(async (trx) => {
        await trx.insertInto("signals").values(row).execute();
        await addToRollups(trx, row);
      });
      await old
        .insertInto("dashboard_publications")
        .values({
          municipality_id: fresh.municipality.id, iso_year: 2026, through_week: "2026-W45", threshold: 5, published_at: "2026-11-10T00:00:00.000Z",
          cells: JSON.stringify({ keys: [`all|${oldId}|phishing|2026-W45`, `all|${wk("Moerwijk")}|phishing|2026-W45`, `org|${organisation.id}|2026-W45`], values: [1, 0, 1], states: [1, 0, 0] }),
        })
        .execute();

      await renameCbs2024Wijken(old);

      expect(await old.selectFrom("wijken").select("id").where("id", "=", oldId).execute()).toEqual([]);
      const moved = await old.selectFrom("wijken").selectAll().where("id", "=", newId).executeTakeFirstOrThrow();
      expect(moved).toMatchObject({ name: "Bouwlust", cbs_code: "WK051833", stadsdeel_id: current.stadsdeel_id });
      expect((await old.selectFrom("signals").select("wijk_id").where("id", "=", row.id).executeTakeFirstOrThrow()).wijk_id).toBe(newId);
      const rollups = await old.selectFrom("signal_rollups").select(["wijk_id", "signals"]).where("municipality_id", "=", fresh.municipality.id).execute();
      expect(rollups.length).toBeGreaterThan(0);
      expect(rollups.every((r) => r.wijk_id === newId && Number(r.signals) === 1)).toBe(true);
      expect((await old.selectFrom("organisations").select("wijk_id").where("id", "=", organisation.id).executeTakeFirstOrThrow()).wijk_id).toBe(newId);
      const publication = await old.selectFrom("dashboard_publications").select("cells").executeTakeFirstOrThrow();
      // The hidden cell stays hidden under its new key; other keys are untouched.
      expect(JSON.parse(publication.cells)).toEqual({
        keys: [`all|${newId}|phishing|2026-W45`, `all|${wk("Moerwijk")}|phishing|2026-W45`, `org|${organisation.id}|2026-W45`],
        values: [1, 0, 1],
        states: [1, 0, 0],
      });
      // Running it again changes nothing.
      await renameCbs2024Wijken(old);
      expect(await old.selectFrom("wijken").select("id").where("municipality_id", "=", fresh.municipality.id).execute()).toHaveLength(44);
    } finally {
      await fresh.database.drop();
    }
  });
});
