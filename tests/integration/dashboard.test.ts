import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { wijkId, stadsdeelId } from "#app/features/areas/area-file.ts";
import { mondayOf } from "#app/features/dashboard/weeks.ts";
import { addToRollups, facetColumns, facetGroupings, rebuildRollups } from "#app/features/dashboard/rollups.server.ts";
import { seededRandom } from "#db/seed/synthetic-signals.ts";
import { splitCsvLine } from "#scripts/disclosure-audit/audit.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

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

/** CSV rows (after the header block) as arrays of fields. */
function csvTable(body: string): string[][] {
  const lines = body.replace(/^\uFEFF/, "").split("\r\n");
  const start = lines.indexOf("");
  return lines.slice(start + 1).filter(Boolean).map(splitCsvLine);
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

describe.each(testDialects())("dashboard on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let organisationId: string;
  // Tuesday 5 January 2027: 2026-W53 has just been published, and with it the block W40–W53.
  const clock = fixedClock("2027-01-05T09:00:00.000Z");
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
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
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
      // A steady series: never a warning.
      ...["W45", "W46", "W47", "W48", "W49", "W50", "W51", "W52", "W53"].map((w) => ({ wijk: ZUIDERPARK, phenomenon: "fake-webshop", week: `2026-${w}`, count: 6 })),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
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
    expect(csv.text).toContain("Drempel kleine aantallen,5");
    expect(csv.text).toMatch(/Periode,2026-W40 – 2026-W53/);
    const rows = csvTable(csv.text);
    expect(rows[0]![0]).toBe("Gebied");
    expect(rows[0]![1]).toMatch(/^Phishing/);
    expect(rows[0]).toHaveLength(3);
    const byName = new Map(rows.slice(1).map((r) => [r[0]!, r.slice(1)]));
    expect(["12", "×"]).toContain(byName.get("Bouwlust")![0]);
    expect(byName.get("Moerwijk")).toEqual(["< 5", "< 5"]);
    // A figure from the threshold up is shown as itself: 54 fake webshops in Zuiderpark.
    const all = csvTable((await coordinator.get(`/dashboard/export?tabel=heatmap&gebied=${ESCAMP}&fenomeen=fake-webshop`)).text);
    expect(all.find((r) => r[0] === "Zuiderpark")![1]).toBe("54");
    expect(csv.text).not.toMatch(/Moerwijk,3\b/);
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
      return new Map(csvTable(csv.text).slice(1).map((r) => [r[0]!, r[2]!]));
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
    const rowsOf = async (query: string) => new Map(csvTable((await coordinator.get(`/dashboard/export?tabel=kaart&${query}`)).text).slice(1).map((r) => [r[0]!, r[2]!]));
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
      new Map(csvTable((await coordinator.get(`/dashboard/export?tabel=kaart&fenomeen=hacked-account${query}`)).text).slice(1).map((r) => [r[0]!, r[2]!])).get("Totaal");
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

  it("keeps the network figures to coordinators, also in the export", async () => {
    const police = await signIn("police");
    expect((await police.get("/dashboard/netwerk")).status).toBe(403);
    expect((await police.get("/dashboard/export?tabel=netwerk")).status).toBe(403);
    expect((await police.get("/dashboard/export?tabel=onbekend")).status).toBe(404);
    const page = await police.get("/dashboard");
    expect(page.text).not.toContain('href="/dashboard/netwerk');
    const coordinator = await signIn("coordinator");
    const network = await coordinator.get("/dashboard/export?tabel=netwerk");
    const rows = csvTable(network.text);
    expect(rows.find((r) => r[0] === "Bibliotheek Escamp")?.[2]).toMatch(/^\d+$/);
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
