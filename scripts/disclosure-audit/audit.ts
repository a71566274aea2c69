import { weeksOfMonth } from "#app/calendar/week-months.ts";
import { auditPublication, HIDDEN, SHOWN, SMALL, type Relation } from "#app/features/publication/lp-audit.ts";

// The disclosure audit as an attacker would run it: from the figures fetched
// over HTTP (the full export of a year, and every view), write down every sum
// that holds between true counts — which an attacker knows from the area
// file, the phenomenon list, the calendar and the characteristics' values,
// not from our code — and let the LP solver compute the range of every
// hidden figure. Used by tests/integration/disclosure-audit.test.ts and
// `npm run disclosure:audit`.

export interface FigureRow {
  /** "channel", "target_group", "urgency", "organisatie", "bereik" (referral reach; value the target, area a stadsdeel or "org:<id>") or "" (all signals). Period: "Y", "B1"…"B4", a week, or a month of whole weeks ("2026-06", from the programme). */
  facet: string;
  value: string;
  area: string;
  phenomenon: string;
  period: string;
  shown: string;
}

export interface PublicKnowledge {
  year: number;
  weeksInYear: number;
  stadsdelen: { id: string; wijken: string[] }[];
  phenomena: readonly string[];
  facets: Readonly<Record<string, readonly string[]>>;
  /** Which stadsdeel each organisation is in (the network page and /ambassadeurs say so). */
  organisations: readonly { id: string; stadsdeel: string }[];
}

export interface AuditReport {
  cells: number;
  relations: number;
  small: number;
  hidden: number;
  findings: { key: string; shown: string; low: number; high: number }[];
}

/** The rows of the long export (after its header block), fields split as RFC 4180 says. */
export function parseAllFigures(csv: string): FigureRow[] {
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
  const header = lines.findIndex((line) => line.startsWith("kenmerk,"));
  if (header < 0) throw new Error("not a full export: no header row");
  return lines
    .slice(header + 1)
    .filter(Boolean)
    .map((line) => {
      const [facet, value, area, phenomenon, period, shown] = splitCsvLine(line) as [string, string, string, string, string, string];
      return { facet, value, area, phenomenon, period, shown };
    });
}

export function splitCsvLine(line: string, delimiter = ","): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) fields.push(field), (field = "");
    else field += c;
  }
  fields.push(field);
  return fields;
}

export function rowKey(row: FigureRow): string {
  if (row.facet === "organisatie") return `org|${row.value}|${row.period}`;
  if (row.facet === "bereik") return `reach|${row.value}|${row.area}|${row.period}`;
  const slice = row.facet === "" ? "*" : `${row.facet}=${row.value}`;
  return `${slice}|${row.area}|${row.phenomenon}|${row.period}`;
}

function week(year: number, n: number): string {
  return `${year}-W${String(n).padStart(2, "0")}`;
}

function blockWeekNumbers(block: number, weeksInYear: number): number[] {
  const from = (block - 1) * 13 + 1;
  const to = block === 4 ? weeksInYear : from + 12;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Every sum between published figures that holds for the true counts. */
export function relationsOf(rows: readonly FigureRow[], knowledge: PublicKnowledge): { keys: string[]; relations: Relation[] } {
  const keys = rows.map(rowKey);
  const index = new Map(keys.map((key, i) => [key, i]));
  const relations: Relation[] = [];
  const seen = new Set<string>();
  const relate = (parent: string, parts: string[]) => {
    const p = index.get(parent);
    if (p === undefined || parts.length === 0) return;
    const ids = parts.map((part) => index.get(part));
    // A sum with a figure that is not published is no help to anyone: leave it out.
    if (ids.some((id) => id === undefined)) return;
    const signature = `${parent}=${parts.join("+")}`;
    if (seen.has(signature)) return;
    seen.add(signature);
    relations.push({ parent: p, parts: ids as number[] });
  };
  const stadsdeelIds = knowledge.stadsdelen.map((sd) => sd.id);
  const phenomena = [...new Set([...knowledge.phenomena, ...rows.filter((r) => r.facet !== "organisatie" && r.facet !== "bereik" && r.phenomenon !== "all").map((r) => r.phenomenon)])];
  const organisations = [...new Set(rows.filter((r) => r.facet === "organisatie").map((r) => r.value))];
  // Referral reach: a stadsdeel's figure is the sum of its organisations' weeks. Whoever sees
  // the organisations' weeks sees every one with visits, so a week without a row is a 0.
  const reachLeaves = rows.filter((r) => r.facet === "bereik" && r.area.startsWith("org:"));
  const stadsdeelOf = new Map(knowledge.organisations.map((o) => [o.id, o.stadsdeel]));
  const leavesBy = Map.groupBy(reachLeaves, (r) => `${r.value}|${stadsdeelOf.get(r.area.slice(4))}`);
  for (const row of rows) {
    if (row.facet === "bereik") {
      if (row.area.startsWith("org:")) continue;
      if (row.period === "Y") relate(rowKey(row), ["B1", "B2", "B3", "B4"].map((b) => `reach|${row.value}|${row.area}|${b}`));
      if (reachLeaves.length > 0) {
        const month = /^\d{4}-\d{2}$/.test(row.period) ? new Set(weeksOfMonth(row.period)) : null;
        const numbers = row.period === "Y" || month ? null : new Set(blockWeekNumbers(Number(row.period.slice(1)), knowledge.weeksInYear));
        const parts = (leavesBy.get(`${row.value}|${row.area}`) ?? []).filter((leaf) => (month ? month.has(leaf.period) : numbers === null || numbers.has(Number(leaf.period.slice(6)))));
        if (parts.length > 0) relate(rowKey(row), parts.map(rowKey));
      }
      continue;
    }
    if (row.facet === "organisatie") {
      if (row.period === "Y") relate(rowKey(row), ["B1", "B2", "B3", "B4"].map((b) => `org|${row.value}|${b}`));
      continue;
    }
    const slice = row.facet === "" ? "*" : `${row.facet}=${row.value}`;
    const key = (area: string, phenomenon: string, period: string) => `${slice}|${area}|${phenomenon}|${period}`;
    const { area, phenomenon, period } = row;
    const parent = key(area, phenomenon, period);
    if (area === "city") relate(parent, stadsdeelIds.map((sd) => key(sd, phenomenon, period)));
    const sd = knowledge.stadsdelen.find((s) => s.id === area);
    if (sd) relate(parent, sd.wijken.map((w) => key(w, phenomenon, period)));
    if (phenomenon === "all") relate(parent, phenomena.map((p) => key(area, p, period)));
    if (period === "Y") relate(parent, ["B1", "B2", "B3", "B4"].map((b) => key(area, phenomenon, b)));
    // A month of whole weeks (the programme's and the monthly overview's): the sum of its weeks, by the calendar.
    if (/^\d{4}-\d{2}$/.test(period)) relate(parent, weeksOfMonth(period).map((w) => key(area, phenomenon, w)));
    if (/^B[1-4]$/.test(period)) relate(parent, blockWeekNumbers(Number(period.slice(1)), knowledge.weeksInYear).map((n) => key(area, phenomenon, week(knowledge.year, n))));
    if (slice === "*") {
      for (const [facet, values] of Object.entries(knowledge.facets)) relate(parent, values.map((v) => `${facet}=${v}|${area}|${phenomenon}|${period}`));
      if (area === "city" && phenomenon === "all") relate(parent, organisations.map((o) => `org|${o}|${period}`));
    }
  }
  return { keys, relations };
}

/** Audits one year's published figures: every "< t" must keep 1 … t − 1, every "×" more than one value. */
export async function auditFigures(rows: readonly FigureRow[], knowledge: PublicKnowledge, threshold: number): Promise<AuditReport> {
  const { keys, relations } = relationsOf(rows, knowledge);
  const states = new Uint8Array(rows.length);
  const values = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    if (/^\d+$/.test(row.shown)) {
      states[i] = SHOWN;
      values[i] = Number(row.shown);
    } else if (row.shown === `< ${threshold}`) states[i] = SMALL;
    else if (row.shown === "×") states[i] = HIDDEN;
    else throw new Error(`unexpected figure "${row.shown}" for ${keys[i]}`);
  });
  const findings = await auditPublication({ states, shownValue: (cell) => values[cell]!, relations, threshold });
  return {
    cells: rows.length,
    relations: relations.length,
    small: states.filter((s) => s === SMALL).length,
    hidden: states.filter((s) => s === HIDDEN).length,
    findings: findings.map((f) => ({ key: keys[f.cell]!, shown: rows[f.cell]!.shown, low: f.low, high: f.high })),
  };
}
