import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { wijkId, stadsdeelId } from "#app/features/areas/area-file.ts";
import { mondayOf } from "#app/calendar/iso-week.ts";
import { addToRollups, facetColumns, facetGroupings, rebuildRollups } from "#app/features/dashboard/rollups.server.ts";
import { seededRandom } from "#scripts/seed/synthetic-signals.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import ExcelJS from "exceljs";
import { mapFigures, parseTidyCsv, shownOf } from "#tests/support/dashboard-export.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The dashboard on both databases: rollups that match the signals, the
// figures the pages, the CSV and the page data show (never a suppressed
// number), filters, early warning, audit and roles.

const wk = (name: string) => wijkId("den-haag", name);
const MOERWIJK = wk("Moerwijk");
const BOUWLUST = wk("Bouwlust");
const MORGENSTOND = wk("Morgenstond");
const LEYENBURG = wk("Leyenburg");
const ZUIDERPARK = wk("Zuiderpark");
const ESCAMP = stadsdeelId("den-haag", "Escamp");

interface Spec {
  wijk: string;
  phenomenon: string;
  week: string;
  count: number;
  channel?: SignalTable["channel"];
  urgency?: SignalTable["urgency"];
  targetGroup?: SignalTable["target_group"];
}

const isNumber = (figure: string | undefined) => figure !== undefined && /^\d+$/.test(figure);

/**
 * What someone could subtract: a total shown as a number, minus its parts
 * shown as numbers, must leave every "< t" part free to be anything from 1 to
 * t − 1 (the whole audit over every table is tests/integration/disclosure-audit.test.ts).
 */
function expectNoSingleSubtraction(label: string, total: string, parts: string[], threshold = 5): void {
  if (!isNumber(total)) return;
  const hidden = parts.filter((p) => !isNumber(p));
  expect(hidden.length, `${label}: exactly one hidden part under a shown total`).not.toBe(1);
  if (hidden.length === 0) return;
  const rest = Number(total) - parts.filter(isNumber).reduce((sum, p) => sum + Number(p), 0);
  const small = hidden.filter((p) => p.startsWith("<")).length;
  if (small === 0 || small < hidden.length) return;
  // Only "< t" parts: each can be 1 and each can be t − 1 only when the rest allows both.
  expect(rest >= small - 1 + (threshold - 1) && rest <= (small - 1) * (threshold - 1) + 1, `${label}: ${total} narrows a hidden part`).toBe(true);
}

// Tuesday 5 January 2027: 2026-W53 has just been published, and with it the block W40–W53.
describeApp("dashboard on %s", { now: "2027-01-05T09:00:00.000Z" }, (app) => {
  let services: TestServices;
  let server: TestServer;
  let organisationId: string;
  /** Received in the week itself (a Wednesday), so the signal counts in that week. */
  const receivedIn = (week: string) => {
    const monday = mondayOf(week);
    return new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 2, 11)).toISOString();
  };

  async function addSignals(specs: Spec[]): Promise<void> {
    for (const spec of specs) {
      for (let i = 0; i < spec.count; i++) {
        const now = receivedIn(spec.week);
        const row: SignalTable = {
          id: randomUUID(),
          municipality_id: services.municipality.id,
          organisation_id: organisationId,
          created_by: null,
          idempotency_key: randomUUID(),
          phenomenon: spec.phenomenon,
          wijk_id: spec.wijk,
          iso_week: spec.week,
          channel: spec.channel ?? "sms",
          target_group: spec.targetGroup ?? "elderly",
          affected: "few",
          outcome: "attempt",
          urgency: spec.urgency ?? "normal",
          recipients: "gemeente",
          free_text: null,
          free_text_erased_at: null,
          status: "received",
          seen_at: null,
          handled_at: null,
          forwarded_at: null,
          case_id: null,
          assigned_team: null,
          assigned_to: null,
          due_at: null,
          received_at: now,
          updated_at: now,
        };
        await services.db.transaction().execute(async (trx) => {
          await trx.insertInto("signals").values(row).execute();
          await addToRollups(trx, row);
        });
      }
    }
  }

  async function signIn(role: "coordinator" | "police" | "admin" | "ambassador"): Promise<HttpClient> {
    const user = await createUser(services, { role, ...(role === "ambassador" ? { organisationId } : {}) });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return client;
  }

  beforeAll(async () => {
    ({ services, server } = app);
    organisationId = (await createOrganisation(services, { name: "Bibliotheek Escamp", code: "bieb-escamp-dash" })).id;
    await addSignals([
      // Phishing in Escamp: a small cell (Moerwijk, 3) next to two that may be shown.
      { wijk: MOERWIJK, phenomenon: "phishing", week: "2026-W45", count: 3 },
      { wijk: BOUWLUST, phenomenon: "phishing", week: "2026-W44", count: 6 },
      { wijk: BOUWLUST, phenomenon: "phishing", week: "2026-W46", count: 6 },
      { wijk: MORGENSTOND, phenomenon: "phishing", week: "2026-W47", count: 7 },
      // A spike in the last published week against a quiet baseline (1 a week before), and a busier week before that.
      { wijk: LEYENBURG, phenomenon: "whatsapp-fraud", week: "2026-W44", count: 6, channel: "whatsapp" },
      ...["W45", "W46", "W47", "W48", "W49", "W50", "W51", "W52"].map((w) => ({ wijk: LEYENBURG, phenomenon: "whatsapp-fraud", week: `2026-${w}`, count: 1, channel: "whatsapp" as const })),
      { wijk: LEYENBURG, phenomenon: "whatsapp-fraud", week: "2026-W53", count: 15, channel: "whatsapp", urgency: "urgent" },
      // 10 = 8 by e-mail + 2 by SMS: "all channels" minus "e-mail" must not give the 2.
      { wijk: wk("Wateringse Veld"), phenomenon: "hacked-account", week: "2026-W42", count: 8, channel: "email" },
      { wijk: wk("Wateringse Veld"), phenomenon: "hacked-account", week: "2026-W42", count: 2, channel: "sms" },
      // Romance fraud in Bezuidenhout (Haagse Hout), for comparisons, in years of their own (no small cells around them):
      // 12 in the second block of 2025, 8 in the block before, 5 in the second block of 2024.
      { wijk: wk("Bezuidenhout"), phenomenon: "romance-fraud", week: "2025-W20", count: 12, channel: "phone_call" },
      { wijk: wk("Bezuidenhout"), phenomenon: "romance-fraud", week: "2025-W05", count: 8, channel: "phone_call" },
      { wijk: wk("Bezuidenhout"), phenomenon: "romance-fraud", week: "2024-W20", count: 5, channel: "phone_call" },
      // A steady series: never a warning.
      ...["W45", "W46", "W47", "W48", "W49", "W50", "W51", "W52", "W53"].map((w) => ({ wijk: ZUIDERPARK, phenomenon: "fake-webshop", week: `2026-${w}`, count: 6 })),
    ]);
  });

  it("keeps the rollups equal to counting the signals, for every facet combination, and a rebuild gives the same", async () => {
    const random = seededRandom(42);
    const wijken = [MOERWIJK, BOUWLUST, LEYENBURG, wk("Centrum"), wk("Ypenburg")];
    const phenomena = ["phishing", "hacked-account", "online-threats"];
    await addSignals(
      Array.from({ length: 60 }, () => ({
        wijk: wijken[Math.floor(random() * wijken.length)]!,
        phenomenon: phenomena[Math.floor(random() * phenomena.length)]!,
        week: `2026-W${30 + Math.floor(random() * 8)}`,
        count: 1 + Math.floor(random() * 3),
        channel: signalChannels[Math.floor(random() * signalChannels.length)]!,
        urgency: signalUrgencies[Math.floor(random() * 2)]!,
        targetGroup: targetGroups[Math.floor(random() * targetGroups.length)]!,
      })),
    );
    const rollups = async () =>
      (await services.db.selectFrom("signal_rollups").selectAll().execute())
        .map((r) => `${r.wijk_id}|${r.phenomenon}|${r.iso_week}|${r.channel}|${r.target_group}|${r.urgency}=${Number(r.signals)}`)
        .sort();
    const running = await rollups();
    // The same numbers, counted straight from the signals for each of the eight groupings.
    const expected: string[] = [];
    for (const grouped of facetGroupings()) {
      const rows = await sql<{ wijk_id: string; phenomenon: string; iso_week: string; channel: string; target_group: string; urgency: string; n: number }>`
        select wijk_id, phenomenon, iso_week,
          ${grouped.includes("channel") ? sql.ref("channel") : sql.lit("*")} as channel,
          ${grouped.includes("target_group") ? sql.ref("target_group") : sql.lit("*")} as target_group,
          ${grouped.includes("urgency") ? sql.ref("urgency") : sql.lit("*")} as urgency,
          count(*) as n
        from signals group by ${sql.join(["wijk_id", "phenomenon", "iso_week", ...grouped].map((c) => sql.ref(c)))}
      `.execute(services.db);
      for (const r of rows.rows) expected.push(`${r.wijk_id}|${r.phenomenon}|${r.iso_week}|${r.channel}|${r.target_group}|${r.urgency}=${Number(r.n)}`);
    }
    expect(running).toEqual(expected.sort());
    expect(facetColumns).toHaveLength(3);
    await rebuildRollups(services.db);
    expect(await rollups()).toEqual(running);
  });

  it("counts a signal sent through the form in the rollups, once, even when it is sent twice", async () => {
    const ambassador = await signIn("ambassador");
    const before = await services.db.selectFrom("signal_rollups").select("signals").where("wijk_id", "=", wk("Ypenburg")).where("phenomenon", "=", "sextortion").where("channel", "=", "*").where("target_group", "=", "*").where("urgency", "=", "*").execute();
    expect(before).toEqual([]);
    const key = randomUUID();
    const form = {
      idempotencyKey: key, phenomenon: "sextortion", wijkId: wk("Ypenburg"), when: "this_week", date: "", channel: "social_media", targetGroup: "young_people",
      affected: "one", outcome: "attempt", urgency: "normal", recipients: "gemeente", freeText: "", confirmedText: "", intent: "send",
    };
    expect((await ambassador.post("/signalen/nieuw", form)).status).toBeLessThan(400);
    await ambassador.post("/signalen/nieuw", form);
    const after = await services.db.selectFrom("signal_rollups").select(["channel", "target_group", "urgency", "signals"]).where("wijk_id", "=", wk("Ypenburg")).where("phenomenon", "=", "sextortion").execute();
    expect(after).toHaveLength(8);
    expect(after.every((r) => Number(r.signals) === 1)).toBe(true);
  });

  it("shows exact counts from the threshold up and '< 5' below it in the heatmap and its CSV, and never the small number", async () => {
    const coordinator = await signIn("coordinator");
    const page = await coordinator.get(`/dashboard/heatmap?gebied=${ESCAMP}&fenomeen=phishing`);
    expect(page.status).toBe(200);
    const row = (area: string) => {
      const match = new RegExp(`<tr[^>]*data-area="${area}"[^>]*>([\\s\\S]*?)</tr>`).exec(page.text);
      return visibleText(match![1]!);
    };
    // 12 is shown unless the protection needs it to hide the 3 (tests/integration/disclosure-audit.test.ts checks every choice).
    expect(row(BOUWLUST)).toMatch(/12|×/);
    expect(row(MOERWIJK)).toContain("< 5");
    expect(row(MOERWIJK)).not.toMatch(/\b3\b/);
    expect(visibleText(page.text)).toContain("Hoe we kleine aantallen beschermen");

    const csv = await coordinator.get(`/dashboard/export?tabel=heatmap&gebied=${ESCAMP}&fenomeen=phishing`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const { head, rows } = parseTidyCsv(csv.text);
    expect(head).toEqual(["Gebied", "Niveau", "Fenomeen", "Periode", "Kenmerk", "Aantal", "Markering"]);
    expect(rows.every((r) => r.period === "W40–W53 2026")).toBe(true);
    const figure = (area: string, subject: RegExp) => shownOf(rows.find((r) => r.area === area && subject.test(r.subject))!);
    expect(["12", "×"]).toContain(figure("Bouwlust", /^Phishing/));
    expect(figure("Moerwijk", /^Phishing/)).toBe("< 5");
    expect(figure("Moerwijk", /^alle fenomenen$/)).toBe("< 5");
    // A hidden figure: no number in the value column, its flag beside it.
    const moerwijk = rows.find((r) => r.area === "Moerwijk")!;
    expect(moerwijk.value).toBe("");
    expect(moerwijk.level).toBe("wijk");
    // A figure from the threshold up is shown as itself: 54 fake webshops in Zuiderpark.
    const all = parseTidyCsv((await coordinator.get(`/dashboard/export?tabel=heatmap&gebied=${ESCAMP}&fenomeen=fake-webshop`)).text).rows;
    expect(all.find((r) => r.area === "Zuiderpark" && r.subject === "Nepwebwinkel")!.value).toBe("54");
    expect(csv.text).not.toMatch(/Moerwijk;[^\r\n]*;3;/);
    const byName = new Map(rows.filter((r) => /^Phishing/.test(r.subject)).map((r) => [r.area, [shownOf(r)]]));
    // 22 − 12 − 7 would give the 3 back: something else is hidden with it.
    const escampWijken = ["Rustenburg en Oostbroek", "Leyenburg", "Bouwlust", "Morgenstond", "Zuiderpark", "Moerwijk", "Groente- en Fruitmarkt", "Wateringse Veld"];
    expectNoSingleSubtraction("Escamp", byName.get("Escamp")![0]!, escampWijken.map((w) => byName.get(w)![0]!));
  });

  it("does not put a suppressed number in the page data either", async () => {
    const police = await signIn("police");
    const response = await police.get(`/dashboard/heatmap.data?gebied=${MOERWIJK}&fenomeen=phishing`);
    expect(response.status).toBe(200);
    // Single-fetch data is a flat array of values; objects point into it by index.
    const values = JSON.parse(response.text.split("\n")[0]!) as unknown[];
    expect(values).toContain("suppressed");
    expect(values).not.toContain(3);
  });

  it("shows the same decisions whichever area is chosen, so two settings that differ by one wijk cannot be subtracted", async () => {
    const coordinator = await signIn("coordinator");
    const tables = async (area: string) => {
      const csv = await coordinator.get(`/dashboard/export?tabel=kaart&fenomeen=phishing${area ? `&gebied=${area}` : ""}`);
      return mapFigures(csv.text);
    };
    const city = await tables("");
    const escamp = await tables(ESCAMP);
    const moerwijk = await tables(MOERWIJK);
    // The same decision whichever area is chosen.
    for (const name of ["Moerwijk", "Morgenstond", "Bouwlust", "Totaal stadsdeel Escamp"]) {
      expect(escamp.get(name), name).toBe(city.get(name));
    }
    expect(moerwijk.get("Moerwijk")).toBe("< 5");
    // A stadsdeel chosen: the map shows its wijken only.
    expect(escamp.has("Centrum")).toBe(false);
    expect(escamp.has("Totaal stadsdeel Centrum")).toBe(false);
    expect(city.has("Centrum")).toBe(true);
    expect(moerwijk.get("Totaal stadsdeel Escamp")).toBe(city.get("Totaal stadsdeel Escamp"));
    // In every stadsdeel, and for the city, no shown total minus shown parts pins a hidden one.
    let parts: string[] = [];
    const stadsdeelTotals: string[] = [];
    for (const [name, figure] of city) {
      if (name.startsWith("Totaal stadsdeel ")) {
        expectNoSingleSubtraction(name, figure, parts);
        stadsdeelTotals.push(figure);
        parts = [];
      } else if (name !== "Totaal") parts.push(figure);
    }
    expect(stadsdeelTotals).toHaveLength(8);
    expectNoSingleSubtraction("city", city.get("Totaal")!, stadsdeelTotals);
  });

  it("filters by channel, urgency and target group from the URL, for the levels a characteristic is published at", async () => {
    const coordinator = await signIn("coordinator");
    const rowsOf = async (query: string) => mapFigures((await coordinator.get(`/dashboard/export?tabel=kaart&${query}`)).text);
    const whatsapp = await rowsOf("kanaal=whatsapp");
    // A characteristic is published per stadsdeel and for the city, never per wijk ("—").
    expect(whatsapp.get("Leyenburg")).toBe("—");
    expect(["29", "×"]).toContain(whatsapp.get("Totaal stadsdeel Escamp"));
    expect(whatsapp.get("Totaal stadsdeel Centrum")).toBe("0");
    const sms = await rowsOf("kanaal=sms&fenomeen=phishing");
    expect(["22", "×"]).toContain(sms.get("Totaal"));
    // The unfiltered figure minus the urgent one never leaves 1 to 4.
    const urgent = await rowsOf("urgentie=urgent&fenomeen=whatsapp-fraud");
    const all = await rowsOf("fenomeen=whatsapp-fraud");
    expect(["15", "×"]).toContain(urgent.get("Totaal"));
    for (const [area, figure] of urgent) {
      const whole = all.get(area)!;
      if (/^\d+$/.test(figure) && /^\d+$/.test(whole)) {
        const rest = Number(whole) - Number(figure);
        expect(rest === 0 || rest >= 5, `${area}: ${whole} − ${figure}`).toBe(true);
      }
    }
    const youngPeople = await rowsOf("doelgroep=young_people&fenomeen=phishing");
    expect(youngPeople.get("Totaal")).toBe("0");
    // The form shows the chosen filters again.
    const page = await coordinator.get("/dashboard?kanaal=whatsapp&periode=52w");
    expect(page.text).toMatch(/<option value="whatsapp" selected="">/);
    expect(page.text).toMatch(/<option value="52w" selected="">/);
  });

  it("protects a channel's figure together with the unfiltered one, so changing the filter by one value reveals nothing", async () => {
    const coordinator = await signIn("coordinator");
    const figure = async (query: string) =>
      mapFigures((await coordinator.get(`/dashboard/export?tabel=kaart&fenomeen=hacked-account${query}`)).text).get("Totaal");
    const whole = await figure("");
    expect(await figure("&kanaal=sms")).toBe("< 5");
    expect(await figure("&kanaal=whatsapp")).toBe("0");
    // 10 − 8 would be the 2: the whole and the e-mail figure are never both shown.
    const email = await figure("&kanaal=email");
    expect(isNumber(whole) && isNumber(email)).toBe(false);
    expectNoSingleSubtraction("channels", whole!, await Promise.all(signalChannels.map(async (c) => (await figure(`&kanaal=${c}`))!)));
    // Two characteristics at once: only the first counts, and the page says so.
    const page = await coordinator.get("/dashboard?kanaal=email&urgentie=urgent");
    expect(page.text).not.toMatch(/<option value="urgent" selected="">/);
    expect(visibleText(page.text)).toContain("de cijfers zijn gefilterd op Kanaal; Spoed is niet toegepast");
    expect(visibleText((await coordinator.get("/dashboard?kanaal=email")).text)).not.toContain("niet toegepast");
  });

  it("flags the injected spike, not the steady series, with the test explained in words", async () => {
    const police = await signIn("police");
    const page = await police.get("/dashboard/vroegsignalering");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    // Warnings are tested on published weekly figures: per stadsdeel. The quiet weeks are "< 5", counted as 4.
    expect(text).toContain("Escamp (stadsdeel)");
    expect(text).toMatch(/15 signalen deze week tegen gemiddeld ongeveer 4 per week ervoor; dit gebeurt bij toeval minder dan 1 op de [\d.]+ weken\./);
    expect(text).not.toContain("Nepwebshop");
    expect(text).toContain("Poisson");
  });

  it("renders every view with the map, chart and tables, and audits exports and the report", async () => {
    const coordinator = await signIn("coordinator");
    for (const path of ["/dashboard", "/dashboard/trends?fenomeen=fake-webshop", "/dashboard/heatmap", "/dashboard/bereik", "/dashboard/netwerk", "/dashboard/rapport"]) {
      const response = await coordinator.get(path);
      expect(response.status, path).toBe(200);
    }
    expect((await coordinator.get("/dashboard/onbekend")).status).toBe(404);
    // A value the dashboard does not know is dropped, not an error.
    expect((await coordinator.get("/dashboard?periode=99w&fenomeen=onbekend&gebied=elders&kanaal=duif")).status).toBe(200);
    const map = await coordinator.get("/dashboard?fenomeen=fake-webshop");
    expect(map.text).toContain('data-testid="area-map"');
    expect(visibleText(map.text)).toContain("Signalen per wijk (tabel bij de kaart)");
    const trends = await coordinator.get(`/dashboard/trends?fenomeen=fake-webshop&gebied=${ZUIDERPARK}`);
    expect(trends.text).toContain('data-testid="trend-chart"');
    expect(visibleText(trends.text)).toContain("6");

    const before = await services.db.selectFrom("audit_events").select("action").where("action", "like", "dashboard.%").execute();
    await coordinator.get("/dashboard/export?tabel=trends");
    await coordinator.get("/dashboard/rapport");
    const after = await services.db.selectFrom("audit_events").select(["action", "target_id"]).where("action", "like", "dashboard.%").execute();
    expect(after.length - before.length).toBe(2);
    expect(after.map((a) => a.action)).toEqual(expect.arrayContaining(["dashboard.exported", "dashboard.report_viewed"]));
  });

  it("compares a complete block only with complete periods of equal length, and names them", async () => {
    const police = await signIn("police");
    const HAAGSE_HOUT = stadsdeelId("den-haag", "Haagse Hout");
    for (const area of ["", `&gebied=${HAAGSE_HOUT}`]) {
      const page = await police.get(`/dashboard/trends?fenomeen=romance-fraud&week=2025-W20${area}`);
      const text = visibleText(page.text);
      expect(text).toContain("W14–W26 2025: 12 signalen.");
      expect(text).toContain("Tegen de periode ervoor (W01–W13 2025): 8; verschil +4 (+50 %).");
      expect(text).toContain("Tegen dezelfde periode vorig jaar (W14–W26 2024): 5; verschil +7 (+140 %).");
      // The per-phenomenon table: the same periods in its head, and a change column in numbers and per cent.
      const row = visibleText(/<tr[^>]*>\s*<th[^>]*>Datingfraude<\/th>([\s\S]*?)<\/tr>/.exec(page.text)![1]!);
      expect(row.split(/\s+/)).toEqual(["12", "8", "+4", "+50", "%", "5", "+7", "+140", "%"]);
      expect(text).toMatch(/Fenomeen\s+W14–W26 2025\s+W01–W13 2025\s+Verschil\s+Verschil in %\s+W14–W26 2024\s+Verschil\s+Verschil in %/);
      // The chart's legend names both lines; no note about a grey band on a chart without one; round ticks.
      const legend = visibleText(/data-testid="trend-legend"[^>]*>([\s\S]*?)<\/ul>/.exec(page.text)![1]!);
      expect(legend).toContain("Deze periode (W14–W26 2025)");
      expect(legend).toContain("Periode ervoor (W01–W13 2025), week voor week");
      expect(legend).not.toContain("Grijze balk");
      const ticks = [...page.text.matchAll(/text-anchor="end"[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
      expect(ticks).toEqual([0, 5, 10, 15]);
    }
  });

  it("compares a block still in progress with nothing, and a 14-week block not with one of 13", async () => {
    const police = await signIn("police");
    // 2027-W01 is in progress: 2027's first block has no total yet, and no comparison.
    const running = visibleText((await police.get("/dashboard/trends?week=2027-W01")).text);
    expect(running).toContain("W01–W13 2027 loopt nog (gepubliceerd t/m W53 2026)");
    expect(running).not.toContain("Tegen de periode ervoor");
    expect(running).not.toContain("Verschil");
    // The default: the last complete block, W40–W53 2026, has 14 weeks; the blocks it would be set against have 13.
    const fourteen = visibleText((await police.get("/dashboard/trends")).text);
    expect(fourteen).toContain("Niet vergeleken met W27–W39 2026: die telt 13 weken en W40–W53 2026 14.");
    expect(fourteen).toContain("Niet vergeleken met W40–W52 2025: die telt 13 weken en W40–W53 2026 14.");
    expect(fourteen).not.toContain("Tegen de periode ervoor");
  });

  it("compares like with like in the weekly report's development and per stadsdeel, for the week chosen", async () => {
    const police = await signIn("police");
    const page = await police.get("/dashboard/rapport?rapportweek=2025-W26");
    const text = visibleText(page.text);
    const subtitle = visibleText(/data-testid="report-subtitle"[^>]*>([\s\S]*?)<\/p>/.exec(page.text)![1]!);
    expect(subtitle).toMatch(/Den Haag, week 26 van 2025\.$/);
    expect(subtitle).not.toMatch(/week week/i);
    expect(text).toContain("Tegen de periode ervoor (W01–W13 2025)");
    const row = (name: string) => visibleText(new RegExp(`<tr[^>]*>\\s*<th[^>]*>${name}</th>([\\s\\S]*?)</tr>`).exec(page.text)![1]!).split(/\s+/);
    expect(row("Datingfraude").slice(0, 4)).toEqual(["12", "8", "+4", "+50"]);
    expect(text).toContain("Signalen per stadsdeel: W14–W26 2025, vergeleken met periodes van gelijke lengte");
    expect(row("Haagse Hout").slice(0, 4)).toEqual(["12", "8", "+4", "+50"]);
    // A week not complete yet is not offered: the last published one is shown instead.
    const future = visibleText((await police.get("/dashboard/rapport?rapportweek=2027-W01")).text);
    expect(future).toContain("week 53");
    // A stadsdeel's report lists that stadsdeel and its wijken only.
    const escamp = visibleText((await police.get(`/dashboard/rapport?gebied=${ESCAMP}&rapportweek=2025-W26`)).text);
    expect(escamp).toContain("Totaal stadsdeel Escamp");
    expect(escamp).toContain("Moerwijk");
    expect(escamp).not.toContain("Scheveningen");
    expect(escamp).not.toContain("Centrum");
  });

  it("exports every table as an xlsx with numbers as numbers, hidden figures empty beside a flag, and a sheet saying what they are", async () => {
    const coordinator = await signIn("coordinator");
    const cookie = [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const download = async (path: string) => {
      const response = await fetch(new URL(path, server.url), { headers: { cookie } });
      expect(response.status, path).toBe(200);
      return { response, bytes: await response.arrayBuffer() };
    };
    const { response, bytes } = await download(`/dashboard/export?tabel=heatmap&gebied=${ESCAMP}&fenomeen=phishing&formaat=xlsx`);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // The file name says which table, area and period.
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="wijkwijs-heatmap-escamp-2026-W40-2026-W53.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const [figures, about] = workbook.worksheets;
    expect(figures!.name).toBe("Cijfers");
    expect(figures!.getRow(1).values).toEqual([undefined, "Gebied", "Niveau", "Fenomeen", "Periode", "Kenmerk", "Aantal", "Markering"]);
    const rows = figures!.getSheetValues().slice(2) as unknown[][];
    expect(rows.length).toBeGreaterThan(10);
    // One header row; every figure either a number (no flag) or an empty cell with its flag.
    for (const row of rows) {
      const [area, , , period, facet, value, flag] = row.slice(1);
      expect(typeof area).toBe("string");
      expect(period).toBe("W40–W53 2026");
      expect(facet ?? "").toBe("");
      if (value === undefined || value === null) expect(["< 5", "×", "—"]).toContain(flag);
      else {
        expect(typeof value).toBe("number");
        expect(flag ?? "").toBe("");
      }
    }
    expect(rows.some((row) => typeof row[6] === "number")).toBe(true);
    expect(rows.some((row) => row[7] === "< 5")).toBe(true);
    const meta = new Map((about!.getSheetValues().slice(1) as unknown[][]).map((row) => [row[1], String(row[2])]));
    expect(meta.get("Periode")).toBe("W40–W53 2026");
    expect(meta.get("Gebied")).toBe("Escamp");
    expect(meta.get("Filters")).toContain("Fenomeen: Phishing");
    // A characteristic filtered on is named in every row and on the second sheet.
    const sms = new ExcelJS.Workbook();
    await sms.xlsx.load((await download(`/dashboard/export?tabel=kaart&kanaal=sms&formaat=xlsx`)).bytes);
    expect((sms.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).every((row) => row[5] === "Kanaal: Sms")).toBe(true);
    expect(String((sms.worksheets[1]!.getSheetValues() as unknown[][]).find((row) => row?.[1] === "Filters")![2])).toContain("Kanaal: Sms");
    expect(meta.get("Drempel kleine aantallen")).toBe("5");
    expect(meta.get("Regel")).toContain("„< 5”");
    expect(meta.get("Bron")).toContain("Kadaster / Centraal Bureau voor de Statistiek, 2024");

    // The CSV: one table (same number of fields in every row), semicolons, a BOM, labels rather than ids.
    const raw = new Uint8Array((await download(`/dashboard/export?tabel=kaart&gebied=${ESCAMP}`)).bytes);
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = await coordinator.get(`/dashboard/export?tabel=kaart&gebied=${ESCAMP}`);
    expect(csv.headers.get("content-disposition")).toContain("wijkwijs-kaart-escamp-2026-W40-2026-W53.csv");
    const parsed = parseTidyCsv(csv.text);
    expect(parsed.rows.map((r) => r.area)).toContain("Moerwijk");
    expect(csv.text).not.toContain("den-haag-");
    expect(parsed.rows.find((r) => r.level === "stadsdeel")!.area).toBe("Escamp");

    // Every table on the page: the trends export has the per-phenomenon table, the network export the stadsdelen.
    const trends = parseTidyCsv((await coordinator.get("/dashboard/export?tabel=trends&fenomeen=romance-fraud&week=2025-W20")).text).rows;
    expect(trends.find((r) => r.subject === "Datingfraude" && r.period === "W14–W26 2025")?.value).toBe("12");
    expect(trends.find((r) => r.subject === "Datingfraude" && r.period === "W01–W13 2025")?.value).toBe("8");
    expect(trends.find((r) => r.subject === "Datingfraude" && r.period === "W14–W26 2024")?.value).toBe("5");
    expect(trends.some((r) => /^W\d{2} 2025$/.test(r.period))).toBe(true);
    const network = parseTidyCsv((await coordinator.get("/dashboard/export?tabel=netwerk")).text).rows;
    expect(network.filter((r) => r.subject === "Organisaties").map((r) => r.area)).toContain("Escamp");
    expect(network.find((r) => r.area === "Escamp" && r.subject === "Organisaties")!.value).toMatch(/^\d+$/);
    // Each xlsx export opens, for every table.
    for (const table of ["kaart", "trends", "vroegsignalering", "bereik", "netwerk"]) {
      const file = new ExcelJS.Workbook();
      await file.xlsx.load((await download(`/dashboard/export?tabel=${table}&formaat=xlsx`)).bytes);
      expect(file.worksheets.map((w) => w.name)).toEqual(["Cijfers", "Toelichting"]);
    }
  });

  it("keeps the network figures to coordinators, also in the export", async () => {
    const police = await signIn("police");
    expect((await police.get("/dashboard/netwerk")).status).toBe(403);
    expect((await police.get("/dashboard/export?tabel=netwerk")).status).toBe(403);
    expect((await police.get("/dashboard/export?tabel=onbekend")).status).toBe(404);
    const page = await police.get("/dashboard");
    expect(page.text).not.toContain('href="/dashboard/netwerk');
    const coordinator = await signIn("coordinator");
    const network = await coordinator.get("/dashboard/export?tabel=netwerk");
    const rows = parseTidyCsv(network.text).rows;
    const library = rows.find((r) => r.area === "Bibliotheek Escamp" && r.level === "organisatie")!;
    expect(library.value).toMatch(/^\d+$/);
  });

  // Last: gives every wijk the same population, which the other tests do not expect.
  it("colours by rate per 1,000 residents from the area file's populations, for shown counts only", async () => {
    const coordinator = await signIn("coordinator");
    const before = await coordinator.get("/dashboard?maat=per1000");
    expect(before.text).not.toContain("Per 1.000 inwoners kan pas als het gebiedenbestand inwonertallen heeft.");
    await services.db.updateTable("wijken").set({ population: 4000 }).where("municipality_id", "=", services.municipality.id).execute();
    // A row: its number (the map's key), the wijk's name, then its figures.
    const rowIn = (page: string, name: string) => visibleText(new RegExp(`<tr[^>]*>(?:\\s*<td[^>]*>[^<]*</td>)?\\s*<th[^>]*>${name}</th>([\\s\\S]*?)</tr>`).exec(page)![1]!);
    // 54 signals per 4,000 residents: 13.5 per 1,000.
    const webshops = await coordinator.get(`/dashboard?maat=per1000&fenomeen=fake-webshop&gebied=${ESCAMP}`);
    expect(rowIn(webshops.text, "Zuiderpark")).toContain("13,5");
    const phishing = await coordinator.get(`/dashboard?maat=per1000&fenomeen=phishing&gebied=${ESCAMP}`);
    expect(rowIn(phishing.text, "Moerwijk")).toContain("< 5");
    expect(rowIn(phishing.text, "Moerwijk")).not.toMatch(/0,8|0\.8/);
  });
});
