import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { mondayOf, weeksInYear } from "#app/calendar/iso-week.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonIds, phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import { forgetPublications, loadPublication } from "#app/features/publication/publication.server.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { insertSyntheticSignals } from "#scripts/seed/synthetic-signals.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { auditFigures, parseAllFigures, rowKey, splitCsvLine, type FigureRow, type PublicKnowledge } from "#scripts/disclosure-audit/audit.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The disclosure audit against a running server: everything a role can fetch
// — the full export of the year, the map, the heatmap, the trends, the
// network and the early warnings, for every complete period and filter — is
// written down as sums over the true counts, and HiGHS computes the range of
// every hidden figure. No "< 5" may come out narrower than 1–4, no "×" exact;
// each view's figure is the published cell; a week later nothing published
// has changed. And the check can fail: the same figures with only the small
// counts hidden (what protecting each table on its own amounts to) are caught.

const THRESHOLD = 5;

describe.each(testDialects())("disclosure audit on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  // Tuesday 24 November 2026: weeks up to W47 are published; blocks 1–3 of 2026 are complete.
  const clock = fixedClock("2026-11-24T09:00:00.000Z");
  let knowledge: PublicKnowledge;
  const clients = new Map<string, HttpClient>();

  const receivedIn = (week: string) => {
    const monday = mondayOf(week);
    return new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 2, 11)).toISOString();
  };

  async function addSignal(spec: { wijk: string; phenomenon: string; week: string; organisationId: string; channel?: SignalTable["channel"]; targetGroup?: SignalTable["target_group"]; urgency?: SignalTable["urgency"] }) {
    const at = receivedIn(spec.week);
    const row: SignalTable = {
      id: randomUUID(), municipality_id: services.municipality.id, organisation_id: spec.organisationId, created_by: null, idempotency_key: randomUUID(),
      phenomenon: spec.phenomenon, wijk_id: spec.wijk, iso_week: spec.week, channel: spec.channel ?? "sms", target_group: spec.targetGroup ?? "residents",
      affected: "one", outcome: "attempt", urgency: spec.urgency ?? "normal", recipients: "gemeente", free_text: null, free_text_erased_at: null,
      status: "received", seen_at: null, handled_at: null, forwarded_at: null, case_id: null, assigned_team: null, assigned_to: null, due_at: null, received_at: at, updated_at: at,
    };
    await services.db.transaction().execute(async (trx) => {
      await trx.insertInto("signals").values(row).execute();
      await addToRollups(trx, row);
    });
  }

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock, env: { SUPPRESSION_THRESHOLD: String(THRESHOLD) } });
    forgetPublications();
    const areas = await listAreas(services, services.municipality.id);
    const organisations = await Promise.all(
      ["Bibliotheek Audit", "Buurthuis Audit", "Ondernemers Audit", "Sportclub Audit"].map((name, i) => createOrganisation(services, { name, code: `audit-${i}-${dialect}` })),
    );
    // Realistic: a year of synthetic signals up to the last published week.
    await insertSyntheticSignals(services.db, {
      municipalityId: services.municipality.id,
      wijkIds: areas.flatMap((sd) => sd.wijken.map((w) => w.id)),
      senders: organisations.map((o) => ({ organisationId: o.id, userId: null })),
      count: 2500,
      endWeek: "2026-W47",
      weeks: 47,
      seed: 7,
      latest: new Date("2026-11-23T20:00:00.000Z"),
    });
    // Adversarial: an ambassador building small cells on purpose — one signal of a rare
    // phenomenon in a quiet wijk, a channel used once, an organisation that sends one.
    const lonely = await createOrganisation(services, { name: "Eenling", code: `audit-one-${dialect}` });
    const quiet = areas[0]!.wijken[0]!.id;
    await addSignal({ wijk: quiet, phenomenon: "sextortion", week: "2026-W05", organisationId: lonely.id, channel: "marketplace", targetGroup: "newcomers", urgency: "urgent" });
    for (const [i, sd] of areas.entries()) {
      await addSignal({ wijk: sd.wijken[sd.wijken.length - 1]!.id, phenomenon: "online-threats", week: `2026-W${String(20 + i).padStart(2, "0")}`, organisationId: organisations[0]!.id, channel: "in_person" });
    }
    // A spike in the last published week, six in every stadsdeel: the early warnings have something to quote.
    for (const sd of areas) {
      for (let i = 0; i < 6; i++) await addSignal({ wijk: sd.wijken[i % sd.wijken.length]!.id, phenomenon: "investment-fraud", week: "2026-W47", organisationId: organisations[1]!.id });
    }
    knowledge = {
      year: 2026,
      weeksInYear: weeksInYear(2026),
      stadsdelen: areas.map((sd) => ({ id: sd.id, wijken: sd.wijken.map((w) => w.id) })),
      phenomena: phenomenonIds,
      facets: { channel: signalChannels, target_group: targetGroups, urgency: signalUrgencies },
    };
    // What the server does at start (schedulePublication): requests then read a stored publication.
    await loadPublication(services, services.municipality.id, 2026);
    server = await startTestServer(services);
    ambassadorOrganisation = organisations[0]!.id;
    await signInAll();
  }, 600_000);

  let ambassadorOrganisation = "";
  async function signInAll() {
    for (const role of ["coordinator", "police", "admin", "ambassador"] as const) {
      const user = await createUser(services, { role, ...(role === "ambassador" ? { organisationId: ambassadorOrganisation } : {}) });
      const client = new HttpClient(server.url);
      client.setSession(await createSessionToken(services, user));
      clients.set(role, client);
    }
  }
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  async function allFigures(role: string, year = 2026): Promise<FigureRow[]> {
    const response = await clients.get(role)!.get(`/dashboard/export?tabel=alle&jaar=${year}`);
    expect(response.status, `${role}: full export`).toBe(200);
    return parseAllFigures(response.text);
  }

  it("passes the LP audit for everything each role can fetch, with small and hidden figures in it", { timeout: 600_000 }, async () => {
    for (const role of ["coordinator", "police", "admin"]) {
      const rows = await allFigures(role);
      const report = await auditFigures(rows, knowledge, THRESHOLD);
      expect(report.findings, `${role}: hidden figures an attacker can narrow`).toEqual([]);
      expect(report.small).toBeGreaterThan(50);
      expect(report.hidden).toBeGreaterThan(0);
      expect(report.relations).toBeGreaterThan(1000);
      // Organisations are tied to the city total for those who see them.
      expect(rows.some((r) => r.facet === "organisatie")).toBe(role !== "police");
    }
    expect((await clients.get("ambassador")!.get("/dashboard/export?tabel=alle&jaar=2026")).status).toBe(403);
  });

  it("catches what protecting small counts alone would give away", { timeout: 600_000 }, async () => {
    const stored = await services.db.selectFrom("dashboard_publications").select(["cells", "through_week"]).where("iso_year", "=", 2026).orderBy("through_week", "desc").executeTakeFirstOrThrow();
    const cells = JSON.parse(stored.cells) as { keys: string[]; values: number[] };
    const naive: FigureRow[] = cells.keys.map((key, i) => {
      const v = cells.values[i]!;
      const shown = v > 0 && v < THRESHOLD ? `< ${THRESHOLD}` : String(v);
      const parts = key.split("|");
      if (parts[0] === "org") return { facet: "organisatie", value: parts[1]!, area: "", phenomenon: "", period: parts[2]!, shown };
      const [slice, area, phenomenon, period] = parts as [string, string, string, string];
      const [facet, value] = slice === "*" ? ["", ""] : (slice.split("=") as [string, string]);
      return { facet, value, area, phenomenon, period, shown };
    });
    const report = await auditFigures(naive, knowledge, THRESHOLD);
    expect(report.findings.length).toBeGreaterThan(10);
    // Among them the known attack: the year minus three blocks gives the fourth back.
    expect(report.findings.some((f) => /\|B[1-4]$/.test(f.key))).toBe(true);
  });

  it("publishes in every view exactly the cells of the full export", { timeout: 600_000 }, async () => {
    const coordinator = clients.get("coordinator")!;
    const all = new Map((await allFigures("coordinator")).map((row) => [rowKey(row), row.shown]));
    const areas = await listAreas(services, services.municipality.id);
    const areaId = new Map<string, string>([["Totaal", "city"]]);
    // The map names a stadsdeel "Totaal stadsdeel …" (a wijk may share its name: Centrum); the
    // heatmap lists each stadsdeel's wijken, then the stadsdeel, and the city last.
    for (const sd of areas) {
      areaId.set(`Totaal stadsdeel ${sd.name}`, sd.id);
      for (const w of sd.wijken) areaId.set(w.name, w.id);
    }
    const heatmapOrder = [...areas.flatMap((sd) => [...sd.wijken.map((w) => w.id), sd.id]), "city"];
    const rowsOf = (text: string) => {
      const lines = text.replace(/^\uFEFF/, "").split("\r\n");
      return lines.slice(lines.indexOf("") + 2).filter(Boolean).map(splitCsvLine);
    };
    let compared = 0;
    const expectCell = (key: string, shown: string) => {
      expect(shown, key).toBe(all.get(key) ?? "—");
      compared += 1;
    };
    const filters: [string, string][] = [["", "*"], ["&kanaal=whatsapp", "channel=whatsapp"], ["&urgentie=urgent", "urgency=urgent"], ["&doelgroep=elderly", "target_group=elderly"]];
    for (const [block, first] of [["B1", "2026-W01"], ["B2", "2026-W14"], ["B3", "2026-W27"]] as const) {
      for (const [query, slice] of filters) {
        for (const phenomenon of ["", "phishing"]) {
          const q = `week=${first}${query}${phenomenon ? `&fenomeen=${phenomenon}` : ""}`;
          for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=kaart&${q}`)).text)) {
            const id = areaId.get(row[0]!);
            expectCell(`${slice}|${id}|${phenomenon || "all"}|${block}`, row[2]!);
          }
        }
        const heatmap = rowsOf((await coordinator.get(`/dashboard/export?tabel=heatmap&week=${first}${query}`)).text);
        const labels = phenomenonIds.map((id) => [phenomenonLabel(id, "nl"), id] as const);
        expect(heatmap).toHaveLength(heatmapOrder.length);
        for (const [index, row] of heatmap.entries()) {
          const id = heatmapOrder[index]!;
          row.slice(1, -1).forEach((figure, i) => expectCell(`${slice}|${id}|${labels[i]![1]}|${block}`, figure));
          expectCell(`${slice}|${id}|all|${block}`, row[row.length - 1]!);
        }
      }
      const organisations = new Map((await listOrganisations(services, services.municipality.id)).map((o) => [o.name, o.id]));
      for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=netwerk&week=${first}`)).text)) {
        expectCell(`org|${organisations.get(row[0]!)}|${block}`, row[2]!);
      }
      for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=trends&week=${first}`)).text)) {
        expectCell(`*|city|all|${row[0]}`, row[1]!);
      }
    }
    // Early warnings only ever quote a shown weekly figure of the city or a stadsdeel.
    const stadsdeelId = new Map([[services.municipality.name, "city"], ...areas.map((sd) => [sd.name, sd.id] as [string, string])]);
    const warnings = rowsOf((await coordinator.get("/dashboard/export?tabel=vroegsignalering")).text);
    expect(warnings.length).toBeGreaterThan(0);
    for (const row of warnings) {
      const label = phenomenonIds.find((id) => phenomenonLabel(id, "nl") === row[1]);
      expect(row[2]).toMatch(/^\d+$/);
      expectCell(`*|${stadsdeelId.get(row[0]!)}|${label}|2026-W47`, row[2]!);
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("keeps every published figure as it was a week later, and the later publication passes the audit too", { timeout: 600_000 }, async () => {
    const before = new Map((await allFigures("coordinator")).map((row) => [rowKey(row), row.shown]));
    // A week later, with signals that arrived late for weeks already published.
    const organisationId = (await listOrganisations(services, services.municipality.id))[0]!.id;
    clock.set("2026-12-01T09:00:00.000Z");
    for (let i = 0; i < 3; i++) {
      const at = clock.now().toISOString();
      const row: SignalTable = {
        id: randomUUID(), municipality_id: services.municipality.id, organisation_id: organisationId, created_by: null, idempotency_key: randomUUID(),
        phenomenon: "phishing", wijk_id: knowledge.stadsdelen[0]!.wijken[0]!, iso_week: "2026-W30", channel: "sms", target_group: "residents",
        affected: "one", outcome: "attempt", urgency: "normal", recipients: "gemeente", free_text: null, free_text_erased_at: null,
        status: "received", seen_at: null, handled_at: null, forwarded_at: null, case_id: null, assigned_team: null, assigned_to: null, due_at: null, received_at: at, updated_at: at,
      };
      await services.db.transaction().execute(async (trx) => {
        await trx.insertInto("signals").values(row).execute();
        await addToRollups(trx, row);
      });
    }
    await loadPublication(services, services.municipality.id, 2026);
    await signInAll();
    const rows = await allFigures("coordinator");
    const after = new Map(rows.map((row) => [rowKey(row), row.shown]));
    expect(after.get("*|city|all|2026-W48")).toBeDefined();
    for (const [key, shown] of before) expect(after.get(key), key).toBe(shown);
    const report = await auditFigures(rows, knowledge, THRESHOLD);
    expect(report.findings).toEqual([]);
  });
});
