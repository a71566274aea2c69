import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { mondayOf, weeksInYear } from "#app/calendar/iso-week.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { activePhenomena, phenomenonIds, phenomenonLabel } from "#app/features/content/content.ts";
import { forgetPublications, loadPublication } from "#app/features/publication/publication.server.ts";
import { findShareItem } from "#app/features/sharing/share.server.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { insertSyntheticSignals } from "#scripts/seed/synthetic-signals.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { auditFigures, parseAllFigures, rowKey, splitCsvLine, type FigureRow, type PublicKnowledge } from "#scripts/disclosure-audit/audit.ts";
import { weeksOfMonth } from "#app/calendar/week-months.ts";
import { parseTidyCsv, shownOf, type TidyRow } from "#tests/support/dashboard-export.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The disclosure audit against a running server: everything a role can fetch
// — the full export of the year, the map, the heatmap, the trends, the
// network and the early warnings, for every complete period and filter — is
// written down as sums over the true counts, and HiGHS computes the range of
// every hidden figure. No "< 5" may come out narrower than 1–4, no "×" exact;
// each view's figure is the published cell; a week later nothing published
// has changed. And the check can fail: the same figures with only the small
// counts hidden (what protecting each table on its own amounts to) are caught.

const THRESHOLD = 5;

// Tuesday 24 November 2026: weeks up to W47 are published; blocks 1–3 of 2026 are complete.
describeApp("disclosure audit on %s", { now: "2026-11-24T09:00:00.000Z", env: { SUPPRESSION_THRESHOLD: String(THRESHOLD) }, noServer: true }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;
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
    ({ services } = app);
    forgetPublications();
    const areas = await listAreas(services, services.municipality.id);
    const organisations = await Promise.all(
      ["Bibliotheek Audit", "Buurthuis Audit", "Ondernemers Audit", "Sportclub Audit"].map((name, i) => createOrganisation(services, { name, code: `audit-${i}-${dialect}` })),
    );
    // Realistic: a year of synthetic signals up to the last published week.
    await insertSyntheticSignals(services.db, {
      municipalityId: services.municipality.id,
      wijkIds: areas.flatMap((sd) => sd.wijken.map((w) => w.id)),
      phenomena: activePhenomena(services.content).map((p) => p.id),
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
    // A spike in the last published week, twelve of two rare phenomena in every stadsdeel: the early warnings have
    // something to quote. Two, because the protection may hide one of them (the smallest part of at least 5 beside
    // the week's small cells); twelve, so that weeks before shown as "< 5" (counted as 4: decision 0402) do not mask it.
    for (const sd of areas) {
      for (const phenomenon of ["investment-fraud", "romance-fraud"]) {
        for (let i = 0; i < 12; i++) await addSignal({ wijk: sd.wijken[i % sd.wijken.length]!.id, phenomenon, week: "2026-W47", organisationId: organisations[1]!.id });
      }
    }
    // Referral reach: the organisations' share links opened now and then, mostly a few times a week;
    // one organisation alone in its stadsdeel's flow with a single visit.
    const flows = services.content.flows.map((f) => f.id);
    const visits: { target_kind: "flow" | "tip"; target_id: string; organisation_id: string; iso_week: string; visits: number }[] = [];
    for (const [o, organisation] of organisations.entries()) {
      for (let w = 1; w <= 47; w++) {
        const week = `2026-W${String(w).padStart(2, "0")}`;
        if ((w + o) % 3 !== 0) visits.push({ target_kind: "flow", target_id: flows[(w + o) % 3]!, organisation_id: organisation.id, iso_week: week, visits: 1 + ((w * 7 + o * 3) % 9) });
        if (w % 5 === o) visits.push({ target_kind: "tip", target_id: services.content.tips[0]!.id, organisation_id: organisation.id, iso_week: week, visits: 1 + (w % 4) });
      }
    }
    // Adversarial: in the same stadsdeel and block, one organisation's single visit beside another's seven.
    visits.push({ target_kind: "flow", target_id: flows[5]!, organisation_id: lonely.id, iso_week: "2026-W09", visits: 1 });
    visits.push({ target_kind: "flow", target_id: flows[5]!, organisation_id: organisations[1]!.id, iso_week: "2026-W10", visits: 7 });
    await services.db.insertInto("referral_visits").values(visits).execute();
    const organisationsNow = await listOrganisations(services, services.municipality.id, { includeArchived: true });
    knowledge = {
      organisations: organisationsNow.map((o) => ({ id: o.id, stadsdeel: o.stadsdeelId })),
      year: 2026,
      weeksInYear: weeksInYear(2026),
      stadsdelen: areas.map((sd) => ({ id: sd.id, wijken: sd.wijken.map((w) => w.id) })),
      phenomena: phenomenonIds(services.content),
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
      // Referral reach: per stadsdeel for everyone with the dashboard, per organisation and week for those who see /bereik in full.
      expect(rows.some((r) => r.facet === "bereik" && !r.area.startsWith("org:"))).toBe(true);
      expect(rows.some((r) => r.facet === "bereik" && r.area.startsWith("org:"))).toBe(role !== "police");
      if (role !== "police") expect(rows.some((r) => r.facet === "bereik" && r.shown === `< ${THRESHOLD}`)).toBe(true);
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
      if (parts[0] === "reach") return { facet: "bereik", value: parts[1]!, area: parts[2]!, phenomenon: "", period: parts[3]!, shown };
      const [slice, area, phenomenon, period] = parts as [string, string, string, string];
      const [facet, value] = slice === "*" ? ["", ""] : (slice.split("=") as [string, string]);
      return { facet, value, area, phenomenon, period, shown };
    });
    const report = await auditFigures(naive, knowledge, THRESHOLD);
    expect(report.findings.length).toBeGreaterThan(10);
    // Among them the attacks from the issue: the year minus three blocks gives the fourth back,
    // and a stadsdeel's reach minus its organisations' shown weeks gives a small week back.
    expect(report.findings.some((f) => /\|B[1-4]$/.test(f.key))).toBe(true);
    expect(report.findings.some((f) => /^reach\|flow:[^|]+\|org:/.test(f.key))).toBe(true);
  });

  it("publishes in every view exactly the cells of the full export", { timeout: 600_000 }, async () => {
    const coordinator = clients.get("coordinator")!;
    // Cells by year: a comparison quotes a block of the year before.
    const all = new Map<string, string>();
    for (const year of [2025, 2026]) for (const row of await allFigures("coordinator", year)) all.set(`${year}:${rowKey(row)}`, row.shown);
    const areas = await listAreas(services, services.municipality.id);
    const organisations = new Map((await listOrganisations(services, services.municipality.id)).map((o) => [o.name, o.id]));
    // The exports name areas, phenomena and periods as people read them; an attacker maps them back.
    const areaId = (row: TidyRow): string => {
      if (row.level === "stad") return "city";
      if (row.level === "organisatie") return organisations.get(row.area)!;
      for (const sd of areas) {
        if (row.level === "stadsdeel" && sd.name === row.area) return sd.id;
        const wijk = sd.wijken.find((w) => w.name === row.area);
        if (row.level === "wijk" && wijk) return wijk.id;
      }
      throw new Error(`unknown area ${row.level} ${row.area}`);
    };
    const phenomenonOf = new Map<string, string>([["alle fenomenen", "all"], ...phenomenonIds(services.content).map((id) => [phenomenonLabel(services.content, id, "nl"), id] as [string, string])]);
    const periodOf = (label: string): { year: number; time: string } => {
      const week = /^W(\d{2}) (\d{4})$/.exec(label);
      if (week) return { year: Number(week[2]), time: `${week[2]}-W${week[1]}` };
      const span = /^W(\d{2})–W(\d{2}) (\d{4})$/.exec(label);
      if (!span) throw new Error(`unknown period ${label}`);
      const [first, last, year] = [Number(span[1]), Number(span[2]), Number(span[3])];
      return { year, time: first === 1 && last === weeksInYear(year) ? "Y" : `B${Math.min(4, Math.floor((first - 1) / 13) + 1)}` };
    };
    let compared = 0;
    const expectRow = (row: TidyRow, slice: string) => {
      const { year, time } = periodOf(row.period);
      const key = row.level === "organisatie" ? `org|${areaId(row)}|${time}` : `${slice}|${areaId(row)}|${phenomenonOf.get(row.subject)}|${time}`;
      expect(shownOf(row), key).toBe(all.get(`${year}:${key}`) ?? "—");
      compared += 1;
    };
    const rowsOf = (text: string) => parseTidyCsv(text).rows;
    const filters: [string, string][] = [["", "*"], ["&kanaal=whatsapp", "channel=whatsapp"], ["&urgentie=urgent", "urgency=urgent"], ["&doelgroep=elderly", "target_group=elderly"]];
    for (const first of ["2026-W01", "2026-W14", "2026-W27"]) {
      for (const [query, slice] of filters) {
        for (const phenomenon of ["", "phishing"]) {
          const q = `week=${first}${query}${phenomenon ? `&fenomeen=${phenomenon}` : ""}`;
          const map = rowsOf((await coordinator.get(`/dashboard/export?tabel=kaart&${q}`)).text);
          expect(map.length).toBe(areas.reduce((n, sd) => n + sd.wijken.length + 1, 1));
          for (const row of map) expectRow(row, slice);
        }
        const heatmap = rowsOf((await coordinator.get(`/dashboard/export?tabel=heatmap&week=${first}${query}`)).text);
        expect(heatmap.length).toBe(areas.reduce((n, sd) => n + sd.wijken.length + 1, 1) * (phenomenonIds(services.content).length + 1));
        for (const row of heatmap) expectRow(row, slice);
      }
      for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=netwerk&week=${first}`)).text)) {
        if (row.level === "organisatie") expectRow(row, "");
      }
      for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=trends&week=${first}`)).text)) expectRow(row, "*");
      // The dashboard's reach per flow and stadsdeel is the published cell (a complete period with no visits: 0).
      const flowIds = new Map(services.content.flows.map((f) => [f.title.nl ?? f.id, f.id]));
      for (const row of rowsOf((await coordinator.get(`/dashboard/export?tabel=bereik&week=${first}`)).text)) {
        const { year, time } = periodOf(row.period);
        const key = `reach|flow:${flowIds.get(row.subject)}|${areaId(row)}|${time}`;
        expect(shownOf(row), key).toBe(all.get(`${year}:${key}`) ?? "0");
        compared += 1;
      }
    }
    // Early warnings only ever quote a shown weekly figure of the city or a stadsdeel.
    const warnings = rowsOf((await coordinator.get("/dashboard/export?tabel=vroegsignalering")).text);
    expect(warnings.length).toBeGreaterThan(0);
    for (const row of warnings) {
      expect(row.value).toMatch(/^\d+$/);
      expect(row.period).toBe("W47 2026");
      expectRow(row, "*");
    }
    // /bereik shows the organisations' last eight published weeks as published.
    const page = await coordinator.get("/bereik");
    expect(page.status).toBe(200);
    const organisationNames = new Map((await listOrganisations(services, services.municipality.id, { includeArchived: true })).map((o) => [o.name, o.id]));
    const tableRows = [...page.text.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").trim()));
    expect(tableRows.length).toBeGreaterThan(3);
    const weeksShown = Array.from({ length: 8 }, (_, i) => `2026-W${String(47 - i).padStart(2, "0")}`);
    const titleOf = new Map<string, string>([
      ...services.content.flows.map((f) => [`Hulp: ${findShareItem(services.content, "hulp", f.id)!.title("nl")}`, `flow:${f.id}`] as const),
      ...services.content.tips.map((tip) => [`Tip: ${findShareItem(services.content, "tips", tip.id)!.title("nl")}`, `tip:${tip.id}`] as const),
    ]);
    for (const cells of tableRows) {
      const target = titleOf.get(cells[0]!);
      const organisation = organisationNames.get(cells[1]!);
      expect(target, cells[0]).toBeDefined();
      expect(organisation, cells[1]).toBeDefined();
      cells.slice(2).forEach((figure, i) => {
        const key = `reach|${target}|org:${organisation}|${weeksShown[i]}`;
        expect(figure, key).toBe(all.get(`2026:${key}`) ?? "0");
        compared += 1;
      });
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("publishes months of whole weeks protected with their weeks, the programme's and the monthly overview's alike", { timeout: 600_000 }, async () => {
    const stadsdelen = await services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", services.municipality.id).execute();
    const areaOf = (name: string) => (name === services.municipality.name ? "city" : stadsdelen.find((sd) => sd.name === name)!.id);
    const dashboard = await allFigures("coordinator");
    const months = dashboard.filter((row) => /^\d{4}-\d{2}$/.test(row.period));
    // January to October 2026 are complete (November's last week, W48, is not published yet).
    expect(new Set(months.map((row) => row.period))).toEqual(new Set(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"].map((m) => `2026-${m}`)));
    expect(months.some((row) => /^\d+$/.test(row.shown) && Number(row.shown) > 0)).toBe(true);
    // The programme's export shows exactly those cells for January–October (the earlier months are of ISO year 2025).
    const csv = await clients.get("coordinator")!.get("/beheer/programma/export?formaat=csv");
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = splitCsvLine(lines[0]!);
    const exported = new Map(dashboard.map((row) => [rowKey(row), row.shown]));
    let compared = 0;
    for (const cells of lines.slice(1).map((line) => splitCsvLine(line)).filter((c) => c[0]!.startsWith("2026-"))) {
      const key = `*|${areaOf(cells[1]!)}|all|${cells[0]}`;
      expect(cells[header.indexOf("signals")], key).toBe(exported.get(key));
      compared += 1;
    }
    expect(compared).toBe(10 * (stadsdelen.length + 1));
    // Its visits per month, stadsdeel and flow are the export's reach cells for those months.
    const reach = await clients.get("coordinator")!.get("/beheer/programma/export?formaat=bereik");
    expect(reach.status).toBe(200);
    let reachCompared = 0;
    for (const cells of reach.text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((line) => splitCsvLine(line)).filter((c) => c[0]!.startsWith("2026-"))) {
      const key = `reach|flow:${cells[2]}|${areaOf(cells[1]!)}|${cells[0]}`;
      expect(cells[3], key).toBe(exported.get(key));
      reachCompared += 1;
    }
    expect(reachCompared).toBe(10 * stadsdelen.length * services.content.flows.length);
    // The ambassador's monthly overview quotes the city's month per phenomenon from the same cells.
    const overview = await clients.get("ambassador")!.get("/mijn-overzicht?maand=2026-10&lang=nl");
    expect(overview.status).toBe(200);
    const quoted = [...(/data-testid="monthly-phenomena">([\s\S]*?)<\/ul>/.exec(overview.text)?.[1] ?? "").matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => visibleText(m[1]!));
    const ownPhenomena = await services.db
      .selectFrom("signals")
      .select("phenomenon")
      .distinct()
      .where("organisation_id", "=", ambassadorOrganisation)
      .where((eb) => eb(eb.fn.coalesce("counted_week", "iso_week"), "in", weeksOfMonth("2026-10")))
      .execute();
    expect(quoted).toHaveLength(ownPhenomena.length);
    for (const { phenomenon } of ownPhenomena) {
      expect(quoted.some((text) => text.startsWith(phenomenonLabel(services.content, phenomenon, "nl")) && text.endsWith(exported.get(`*|city|${phenomenon}|2026-10`)!)), phenomenon).toBe(true);
    }
    // The control: the same months counted straight from the rows, with small counts alone hidden, give hidden weeks away.
    const stored = await services.db.selectFrom("dashboard_publications").select(["cells", "through_week"]).where("iso_year", "=", 2026).orderBy("through_week", "desc").executeTakeFirstOrThrow();
    const cells = JSON.parse(stored.cells) as { keys: string[]; values: number[] };
    const valueOf = new Map(cells.keys.map((key, i) => [key, cells.values[i]!]));
    const naive = dashboard.map((row) => {
      if (!/^\d{4}-\d{2}$/.test(row.period) || row.facet !== "") return row;
      const value = weeksOfMonth(row.period).reduce((sum, week) => sum + valueOf.get(rowKey({ ...row, period: week }))!, 0);
      return { ...row, shown: value > 0 && value < THRESHOLD ? `< ${THRESHOLD}` : String(value) };
    });
    const caught = await auditFigures(naive, knowledge, THRESHOLD);
    expect(caught.findings.some((f) => /\|2026-W\d\d$/.test(f.key))).toBe(true);
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
