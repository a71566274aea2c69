import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { wijkId } from "#app/features/areas/area-file.ts";
import { programmeColumns, programmeCounts, programmeRows } from "#app/features/programme/programme.server.ts";
import { auditPublication, HIDDEN, SHOWN, SMALL, type CellState, type Relation } from "#app/features/publication/lp-audit.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { figureFromShown, figureText } from "#app/features/programme/protected-figures.server.ts";
import { isoWeekAt } from "#app/calendar/iso-week.ts";
import { loadPublication } from "#app/features/publication/publication.server.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The programme's figures per month and stadsdeel equal what is in the
// database, and every figure shown or exported is protected: a count below
// the municipality's threshold reads "< threshold", in the page, the CSV and
// the xlsx alike. The table holds the city's totals too, so a small count
// could be worked out by subtraction: the export is audited the way an
// attacker would read it (every linked total, a real LP solver) and must
// give nothing away, while the same table with small counts hidden alone does.

// July: June is the last complete month, and the running month is not shown at all.
describeApp("programme figures and the researchers' export on %s", { now: "2026-07-15T10:00:00.000Z" }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function stadsdeelOf(wijk: string): Promise<string> {
    const row = await services.db
      .selectFrom("wijken")
      .innerJoin("stadsdelen", "stadsdelen.id", "wijken.stadsdeel_id")
      .select("stadsdelen.name")
      .where("wijken.id", "=", wijkId(services.municipality.slug, wijk))
      .executeTakeFirstOrThrow();
    return row.name;
  }

  it("counts per month and stadsdeel what the rows hold, and protects small counts everywhere", async () => {
    const threshold = services.municipality.suppressionThreshold;
    const busy = await stadsdeelOf("Moerwijk");
    const quiet = await stadsdeelOf("Vogelwijk");
    expect(busy).not.toBe(quiet);
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const ambassadors: Awaited<ReturnType<typeof createUser>>[] = [];
    for (let index = 0; index < threshold; index++) ambassadors.push(await createUser(services, { role: "ambassador", organisationId: organisation.id }));
    // They existed before the period: created in April.
    await services.db.updateTable("organisations").set({ created_at: "2026-04-01T10:00:00.000Z" }).where("id", "=", organisation.id).execute();
    await services.db.updateTable("users").set({ created_at: "2026-04-01T10:00:00.000Z" }).where("organisation_id", "=", organisation.id).execute();
    // Certified: all of them, valid past the end of the month.
    for (const ambassador of ambassadors) {
      await services.db
        .insertInto("training_certificates")
        .values({ user_id: ambassador.id, certified_at: "2026-06-01T10:00:00.000Z", valid_until: "2027-06-01T10:00:00.000Z", reminder_sent_at: null })
        .execute();
    }
    const signalAt = async (wijk: string, receivedAt: string, answeredAfterHours?: number) => {
      const signal = await createSignal(services, { sender: ambassadors[0]!, wijk, receivedAt, isoWeek: isoWeekAt(new Date(receivedAt)) });
      if (answeredAfterHours !== undefined) {
        await services.db
          .insertInto("signal_notes")
          .values({ id: randomUUID(), signal_id: signal.id, kind: "feedback", author_id: null, author_role: "coordinator", body: "Dank!", created_at: new Date(Date.parse(receivedAt) + answeredAfterHours * 3600_000).toISOString() })
          .execute();
      }
    };
    // March (weeks 10–13, by their Thursdays; in the first 13-week block, where nothing is small): `threshold`
    // signals from Moerwijk, answered after 1, 2, … hours, and one answered after three weeks (outside the 14 days: not "responded").
    const hours: number[] = [];
    for (let index = 0; index < threshold; index++) {
      await signalAt("Moerwijk", new Date(Date.UTC(2026, 2, 9 + index, 9)).toISOString(), index + 1);
      hours.push(index + 1);
    }
    await signalAt("Moerwijk", "2026-03-10T09:00:00.000Z", 21 * 24);
    // Visits through the organisation's share links in March: 7 and 6 for the phishing flow (shown), 2 for another (small).
    await services.db
      .insertInto("referral_visits")
      .values([
        { target_kind: "flow", target_id: "phishing", organisation_id: organisation.id, iso_week: "2026-W11", visits: 7 },
        { target_kind: "flow", target_id: "phishing", organisation_id: organisation.id, iso_week: "2026-W12", visits: 6 },
        { target_kind: "flow", target_id: "hacked-account", organisation_id: organisation.id, iso_week: "2026-W12", visits: 2 },
      ])
      .execute();
    // June (weeks 23–26): threshold + 1 from Moerwijk, answered; one from Vogelwijk, unanswered: small.
    for (let index = 0; index <= threshold; index++) await signalAt("Moerwijk", new Date(Date.UTC(2026, 5, 2 + index, 9)).toISOString(), 2);
    await signalAt("Vogelwijk", "2026-06-03T09:00:00.000Z");
    // Monday 1 June is in week 23, whose Thursday is in June: June's.
    await signalAt("Moerwijk", "2026-06-01T09:00:00.000Z");

    const counts = await programmeCounts(services, services.municipality.id);
    const june = counts.find((row) => row.month === "2026-06" && row.stadsdeel === busy)!;
    expect(june).toMatchObject({ organisations: 1, ambassadors: threshold, certified: threshold, signals: threshold + 2, responded: threshold + 1, warnings: 0 });
    expect(counts.find((row) => row.month === "2026-03" && row.stadsdeel === busy)).toMatchObject({ signals: threshold + 1, responded: threshold, certified: 0 });
    expect(counts.find((row) => row.month === "2026-06" && row.stadsdeel === quiet)).toMatchObject({ signals: 1, responded: 0 });

    const rows = await programmeRows(services, services.municipality.id);
    // July is not shown: its weeks are not all published, and June only now that 14 days after its last week's publication have passed.
    expect(rows.some((row) => row.month === "2026-07")).toBe(false);
    const march = rows.find((row) => row.month === "2026-03" && row.stadsdeel === busy)!;
    expect(march.signals).toEqual({ shown: true, value: threshold + 1 });
    expect(march.responded).toEqual({ shown: true, value: threshold });
    const sorted = [...hours].sort((a, b) => a - b);
    expect(march.responseMedianHours).toEqual({ shown: true, value: sorted[Math.ceil(sorted.length / 2) - 1] });
    expect(march.responseP90Hours).toEqual({ shown: true, value: sorted[Math.ceil(0.9 * sorted.length) - 1] });
    // June: Vogelwijk's single signal is small in its month as in its week, and the responses among it are hidden with it.
    const small = rows.find((row) => row.month === "2026-06" && row.stadsdeel === quiet)!;
    expect(small.signals).toEqual({ shown: false, threshold });
    expect(small.responded).toEqual({ shown: false, withheld: true });
    const shown = rows.find((row) => row.month === "2026-06" && row.stadsdeel === busy)!;
    const juneCity = rows.find((row) => row.month === "2026-06" && row.kind === "city")!;
    expect([shown.signals, juneCity.signals]).toContainEqual({ shown: false, withheld: true });

    // Every month's signals are the month's cell in the dashboard's publication, and a shown one is the sum of the
    // signals counted in its weeks; responses are hidden wherever the signals they are part of are.
    const publication = await loadPublication(services, services.municipality.id, 2026);
    const stadsdelen = await services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", services.municipality.id).execute();
    for (const row of rows.filter((r) => r.month.startsWith("2026-"))) {
      const area = row.kind === "city" ? "city" : stadsdelen.find((sd) => sd.name === row.stadsdeel)!.id;
      expect(row.signals, `${row.month} ${row.stadsdeel}`).toEqual(figureFromShown(publication.shown(`*|${area}|all|${row.month}`)));
      const counted = counts.filter((c) => c.month === row.month && (row.kind === "city" || c.stadsdeel === row.stadsdeel)).reduce((sum, c) => sum + c.signals, 0);
      if (row.signals.shown) expect(row.signals.value).toBe(counted);
      if (!row.signals.shown) expect(row.responded, `${row.month} ${row.stadsdeel}`).toEqual({ shown: false, withheld: true });
    }

    // The figures do not change once shown: a late answer and a late signal about June leave June as it was.
    const before = JSON.stringify(rows.filter((row) => row.month !== "total"));
    await signalAt("Vogelwijk", "2026-07-15T08:00:00.000Z", 1);
    await services.db
      .updateTable("signals")
      .set({ iso_week: "2026-W25", counted_week: "2026-W29" })
      .where("received_at", "=", "2026-07-15T08:00:00.000Z")
      .execute();
    await services.db.insertInto("signal_notes").values({ id: randomUUID(), signal_id: (await services.db.selectFrom("signals").select("id").where("wijk_id", "=", wijkId(services.municipality.slug, "Vogelwijk")).where("received_at", "=", "2026-06-03T09:00:00.000Z").executeTakeFirstOrThrow()).id, kind: "feedback", author_id: null, author_role: "coordinator", body: "Laat", created_at: "2026-07-15T09:00:00.000Z" }).execute();
    expect(JSON.stringify((await programmeRows(services, services.municipality.id)).filter((row) => row.month !== "total"))).toBe(before);

    const coordinator = await createUser(services, { role: "coordinator" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, coordinator));

    const page = visibleText((await client.get("/beheer/programma")).text);
    expect(page).toContain(`2026-06 ${quiet} 0 0 0 < ${threshold} × × × 0`);
    expect(page).toContain(`2026-06 ${services.municipality.name}`);
    expect(page).toContain("Hele periode");
    expect(page).toContain("×");
    expect(page).not.toContain("2026-07");

    const csv = await client.get("/beheer/programma/export?formaat=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(programmeColumns.map((c) => `"${c.key}"`).join(","));
    expect(lines).toContain(`"2026-06","${quiet}","0","0","0","< ${threshold}","×","×","×","0"`);
    const busyJune = lines.find((line) => line.startsWith(`"2026-06","${busy}",`))!;
    expect(busyJune).toContain(`,"${figureText(shown.responseMedianHours)}","${figureText(shown.responseP90Hours)}","0"`);

    // The attacker's audit over the whole export: nothing hidden can be narrowed.
    const exported = lines.slice(1).map((line) => line.slice(1, -1).split('","'));
    const fromExport = (month: string, area: string, column: number) => {
      const text = exported.find((cells) => cells[0] === month && cells[1] === area)?.[column];
      if (text === undefined || text === "") return null;
      if (text === "×") return { state: HIDDEN, value: 0 };
      if (text.startsWith("<")) return { state: SMALL, value: 0 };
      return { state: SHOWN, value: Number(text) };
    };
    const months = [...new Set(exported.map((cells) => cells[0]!))].filter((month) => month !== "total");
    const areas = [...new Set(exported.map((cells) => cells[1]!))].filter((area) => area !== services.municipality.name);
    expect(months).toHaveLength(12);
    expect(await linkedFindings(fromExport, months, areas, services.municipality.name, threshold)).toEqual([]);
    // The control: the same table with small counts hidden and everything else shown gives Vogelwijk's June away.
    const counts2 = await programmeCounts(services, services.municipality.id);
    const primaryOnly = (month: string, area: string, column: number) => {
      const key = (["organisations", "ambassadors", "certified", "signals", "responded"] as const)[column - 2]!;
      const inMonth = (m: string) => counts2.filter((row) => row.month === m && (area === services.municipality.name || row.stadsdeel === area));
      const selected = month === "total" ? months.flatMap(inMonth) : inMonth(month);
      if (month === "total" && column < 5) return null;
      const value = selected.reduce((sum, row) => sum + row[key], 0);
      return { state: value > 0 && value < threshold ? SMALL : SHOWN, value };
    };
    expect((await linkedFindings(primaryOnly, months, areas, services.municipality.name, threshold)).length).toBeGreaterThan(0);

    // Visits per month, stadsdeel and flow: the month's cells of the referral reach.
    const reach = await client.get("/beheer/programma/export?formaat=bereik");
    expect(reach.status).toBe(200);
    const reachLines = reach.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(reachLines[0]).toBe('"month","stadsdeel","flow","visits"');
    expect(reachLines).toContain(`"2026-03","${busy}","phishing","13"`);
    expect(reachLines.find((line) => line.startsWith(`"2026-03","${busy}","hacked-account",`))).toMatch(/"(< 5|×)"$/);
    expect(reachLines).toContain(`"2026-03","${quiet}","phishing","0"`);
    expect(reachLines).toHaveLength(1 + 12 * stadsdelen.length * services.content.flows.length);
    const codebook = await client.get("/beheer/programma/export?formaat=codeboek");
    for (const column of programmeColumns) expect(codebook.text).toContain(`"${column.key}"`);
    expect(codebook.text).toContain('"referral_visits.visits"');
    expect(codebook.text).toContain(`Threshold: ${threshold}.`);

    const xlsx = await fetch(new URL("/beheer/programma/export?formaat=xlsx", server.url), { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["figures", "referral_visits", "codebook"]);
    const values = workbook.getWorksheet("figures")!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values).toContainEqual(["2026-06", quiet, 0, 0, 0, `< ${threshold}`, "×", "×", "×", 0]);
    // The xlsx holds what the CSV holds, numbers as numbers.
    expect(values.slice(1).map((row) => row.map((value) => String(value ?? "")).join("|"))).toEqual(exported.map((cells) => cells.join("|")));

    const bad = await client.get("/beheer/programma/export?formaat=pdf");
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain("Onbekend exportformaat");
    const ambassador = new HttpClient(server.url);
    ambassador.setSession(await createSessionToken(services, ambassadors[0]!));
    expect((await ambassador.get("/beheer/programma/export?formaat=csv")).status).toBe(403);

    // The ambassador's monthly overview: the last month whose weeks are all published by default, any of the last twelve on request.
    const mayOverview = visibleText((await ambassador.get("/mijn-overzicht?maand=2026-03")).text);
    expect(mayOverview).toContain(`Signalen van uw organisatie ${threshold + 1}`);
    const latest = await ambassador.get("/mijn-overzicht");
    // July 2026 (weeks 27–31) is not all published on 15 July: the default is June.
    expect(visibleText(latest.text)).toContain("2026-06");
    const figures = visibleText(/data-testid="monthly-figures">([\s\S]*?)<\/dl>/.exec(latest.text)![1]!);
    // The organisation's own June: Moerwijk's threshold + 2 and Vogelwijk's one, counted by their weeks; answered so far: threshold + 2.
    expect(figures).toBe(`Signalen van uw organisatie ${threshold + 3} Daarvan met een reactie van de gemeente ${threshold + 2} Waarschuwingen voor uw wijken 0`);
    // The city-wide count is the month's cell in the dashboard's publication.
    const cityWide = figureText(figureFromShown(publication.shown("*|city|phishing|2026-06")));
    expect(visibleText(/data-testid="monthly-phenomena">([\s\S]*?)<\/ul>/.exec(latest.text)![1]!)).toBe(`Phishing (mail, sms of QR-code) : ${cityWide}`);
    expect((await ambassador.get("/mijn-overzicht?maand=2020-01")).status).toBe(404);
    // The running month is not shown: its figures would change from day to day.
    expect((await ambassador.get("/mijn-overzicht?maand=2026-07")).status).toBe(404);
  });
});

type Read = (month: string, area: string, column: number) => { state: number; value: number } | null;

/**
 * Rebuilds each measure's linked table from what was published (month ×
 * stadsdeel, the city's total per month, the period's totals) and lets the LP
 * audit compute every hidden cell's range.
 */
async function linkedFindings(read: Read, months: string[], areas: string[], city: string, threshold: number) {
  const findings = [];
  for (let column = 2; column <= 6; column++) {
    const states: CellState[] = [];
    const values: number[] = [];
    const index = new Map<string, number>();
    const cell = (month: string, area: string) => {
      const key = `${month}|${area}`;
      if (index.has(key)) return index.get(key)!;
      const figure = read(month, area, column);
      if (!figure) return undefined;
      index.set(key, states.length);
      states.push(figure.state as CellState);
      values.push(figure.value);
      return index.get(key)!;
    };
    const relations: Relation[] = [];
    const sum = (parent: number | undefined, parts: (number | undefined)[]) => {
      if (parent !== undefined && parts.every((part) => part !== undefined)) relations.push({ parent, parts: parts as number[] });
    };
    for (const month of months) sum(cell(month, city), areas.map((area) => cell(month, area)));
    for (const area of [...areas, city]) sum(cell("total", area), months.map((month) => cell(month, area)));
    sum(cell("total", city), areas.map((area) => cell("total", area)));
    findings.push(...(await auditPublication({ states: Uint8Array.from(states), shownValue: (c) => values[c]!, relations, threshold })));
  }
  return findings;
}
