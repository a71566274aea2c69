import type { AppServices } from "#app/services.server.ts";
import { protectStructure } from "#app/features/publication/protect.ts";
import { HIDDEN, SMALL, type Relation } from "#app/features/publication/lp-audit.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { protectFigure, protectStatistic, type ProtectedFigure } from "./protected-figures.server.ts";

// The programme's figures per month and stadsdeel, for the coordinators'
// programme page and the researchers' export. Every figure leaves this module
// through protected-figures.server.ts and, as one linked table per measure
// (months × stadsdelen with the city's total per month and, for signals, the
// period's total per stadsdeel), through the dashboard's protection
// (publication/protect.ts, decision 0902): a "< t" cell that a total would
// give away gets a neighbour hidden as "×", until the LP audit can narrow no
// hidden cell. The period is the last `months` complete calendar months
// (Europe/Amsterdam): a month still running would change from day to day, and
// two days' figures side by side would show one day's signals.

type Services = Pick<AppServices, "db" | "clock" | "municipality">;

export interface ProgrammeCounts {
  month: string;
  stadsdeelId: string;
  stadsdeel: string;
  organisations: number;
  ambassadors: number;
  certified: number;
  signals: number;
  responded: number;
  responseHours: number[];
  warnings: number;
  /** The warnings counted (a warning to several stadsdelen is one warning in the city's total). */
  warningIds: string[];
}

/** A stock (organisations, people) has no total over months: its period row reads empty. */
export type RowFigure = ProtectedFigure | { shown: true; value: null };

export interface ProgrammeRow {
  /** YYYY-MM, or "total" for the whole period. */
  month: string;
  /** A stadsdeel's name, or the municipality's for the city's total. */
  stadsdeel: string;
  kind: "stadsdeel" | "city";
  organisations: RowFigure;
  ambassadors: RowFigure;
  certified: RowFigure;
  signals: ProtectedFigure;
  responded: ProtectedFigure;
  responseMedianHours: { shown: true; value: number | null } | { shown: false; threshold: number };
  responseP90Hours: { shown: true; value: number | null } | { shown: false; threshold: number };
  warnings: ProtectedFigure;
}

const HOUR = 3600_000;

function monthOf(iso: string): string {
  const date = calendarDateOf(new Date(iso));
  return `${date.year}-${String(date.month).padStart(2, "0")}`;
}

/** The months of the period, oldest first, with the instant each ends (exclusive). */
export function programmeMonths(now: Date, months: number): { month: string; endsAt: string }[] {
  const today = calendarDateOf(now);
  const result: { month: string; endsAt: string }[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const first = new Date(Date.UTC(today.year, today.month - 1 - back, 1));
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    // Midnight in Amsterdam is 22:00 or 23:00 UTC the day before; an hour's difference does not move a month's counts enough to matter here.
    result.push({ month: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}`, endsAt: new Date(next.getTime() - HOUR).toISOString() });
  }
  return result;
}

/** The p-th percentile (0–100) by the nearest-rank method; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The unprotected counts: for this module and its tests only; pages and exports use programmeRows. */
export async function programmeCounts(services: Services, municipalityId: string, months = 12): Promise<ProgrammeCounts[]> {
  // Complete months only: the running month is left out.
  const period = programmeMonths(services.clock.now(), months + 1).slice(0, -1);
  const since = new Date(Date.parse(period[0]!.month + "-01T00:00:00.000Z") - 2 * HOUR).toISOString();
  const [stadsdelen, wijken, organisations, ambassadors, certificates, signals, feedback, warnings] = await Promise.all([
    services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", municipalityId).orderBy("sort_order").execute(),
    services.db.selectFrom("wijken").select(["id", "stadsdeel_id"]).where("municipality_id", "=", municipalityId).execute(),
    services.db.selectFrom("organisations").select(["id", "wijk_id", "created_at", "archived_at"]).where("municipality_id", "=", municipalityId).execute(),
    services.db
      .selectFrom("users")
      .select(["id", "organisation_id", "created_at", "deactivated_at"])
      .where("municipality_id", "=", municipalityId)
      .where("role", "=", "ambassador")
      .execute(),
    services.db
      .selectFrom("training_certificates")
      .innerJoin("users", "users.id", "training_certificates.user_id")
      .select(["training_certificates.user_id", "training_certificates.certified_at", "training_certificates.valid_until"])
      .where("users.municipality_id", "=", municipalityId)
      .execute(),
    services.db.selectFrom("signals").select(["id", "wijk_id", "received_at"]).where("municipality_id", "=", municipalityId).where("received_at", ">=", since).execute(),
    services.db
      .selectFrom("signal_notes")
      .innerJoin("signals", "signals.id", "signal_notes.signal_id")
      .select(["signal_notes.signal_id", "signal_notes.created_at"])
      .where("signals.municipality_id", "=", municipalityId)
      .where("signal_notes.kind", "=", "feedback")
      .where("signals.received_at", ">=", since)
      .execute(),
    services.db
      .selectFrom("warnings")
      .innerJoin("warning_wijken", "warning_wijken.warning_id", "warnings.id")
      .select(["warnings.id", "warnings.created_at", "warning_wijken.wijk_id"])
      .where("warnings.municipality_id", "=", municipalityId)
      .where("warnings.created_at", ">=", since)
      .execute(),
  ]);
  const stadsdeelOfWijk = new Map(wijken.map((w) => [w.id, w.stadsdeel_id]));
  const stadsdeelOfOrganisation = new Map(organisations.map((o) => [o.id, stadsdeelOfWijk.get(o.wijk_id)]));
  const firstFeedback = new Map<string, string>();
  for (const note of feedback) {
    const known = firstFeedback.get(note.signal_id);
    if (!known || note.created_at < known) firstFeedback.set(note.signal_id, note.created_at);
  }
  const certificateOf = new Map(certificates.map((c) => [c.user_id, c]));

  const rows: ProgrammeCounts[] = [];
  for (const { month, endsAt } of period) {
    for (const stadsdeel of stadsdelen) {
      const inStadsdeel = (wijkId: string) => stadsdeelOfWijk.get(wijkId) === stadsdeel.id;
      const existing = (created: string, ended: string | null) => created <= endsAt && (ended === null || ended > endsAt);
      const people = ambassadors.filter(
        (a) => a.organisation_id !== null && stadsdeelOfOrganisation.get(a.organisation_id) === stadsdeel.id && existing(a.created_at, a.deactivated_at),
      );
      const sent = signals.filter((s) => inStadsdeel(s.wijk_id) && monthOf(s.received_at) === month);
      const responseHours = sent
        .map((s) => firstFeedback.get(s.id) && (Date.parse(firstFeedback.get(s.id)!) - Date.parse(s.received_at)) / HOUR)
        .filter((hours): hours is number => typeof hours === "number");
      rows.push({
        month,
        stadsdeelId: stadsdeel.id,
        stadsdeel: stadsdeel.name,
        organisations: organisations.filter((o) => inStadsdeel(o.wijk_id) && existing(o.created_at, o.archived_at)).length,
        ambassadors: people.length,
        certified: people.filter((a) => {
          const certificate = certificateOf.get(a.id);
          return certificate !== undefined && certificate.certified_at <= endsAt && certificate.valid_until > endsAt;
        }).length,
        signals: sent.length,
        responded: responseHours.length,
        responseHours,
        ...(() => {
          const ids = [...new Set(warnings.filter((w) => inStadsdeel(w.wijk_id) && monthOf(w.created_at) === month).map((w) => w.id))];
          return { warnings: ids.length, warningIds: ids };
        })(),
      });
    }
  }
  return rows;
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The label of the period's total rows in `ProgrammeRow.month`. */
export const PERIOD_TOTAL = "total";

type Additive = "organisations" | "ambassadors" | "certified" | "signals" | "responded";
const stocks: readonly Additive[] = ["organisations", "ambassadors", "certified"];
const flows: readonly Additive[] = ["signals", "responded"];

/**
 * One measure as a linked table: cell (m, s) = m·S + s, the city's month m =
 * M·S + m, and for flows the period's stadsdeel s = M·S + M + s and the grand
 * total after it. Returns each cell's protected figure.
 */
async function protectMeasure(
  services: Pick<AppServices, "municipality">,
  values: number[][],
  withPeriod: boolean,
): Promise<{ cell: (m: number, s: number) => ProtectedFigure; city: (m: number) => ProtectedFigure; period: (s: number) => ProtectedFigure; grand: () => ProtectedFigure }> {
  const threshold = services.municipality.suppressionThreshold;
  const M = values.length;
  const S = values[0]?.length ?? 0;
  const size = M * S + M + (withPeriod ? S + 1 : 0);
  const flat = new Float64Array(size);
  const relations: Relation[] = [];
  for (let m = 0; m < M; m++) {
    for (let s = 0; s < S; s++) flat[m * S + s] = values[m]![s]!;
    flat[M * S + m] = values[m]!.reduce((a, b) => a + b, 0);
    relations.push({ parent: M * S + m, parts: Array.from({ length: S }, (_, s) => m * S + s) });
  }
  if (withPeriod) {
    for (let s = 0; s < S; s++) {
      flat[M * S + M + s] = values.reduce((sum, row) => sum + row[s]!, 0);
      relations.push({ parent: M * S + M + s, parts: Array.from({ length: M }, (_, m) => m * S + s) });
    }
    const grand = M * S + M + S;
    flat[grand] = values.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
    relations.push({ parent: grand, parts: Array.from({ length: M }, (_, m) => M * S + m) });
    relations.push({ parent: grand, parts: Array.from({ length: S }, (_, s) => M * S + M + s) });
  }
  const states = size ? await protectStructure({ values: flat, relations, threshold }) : new Uint8Array(0);
  const figure = (index: number): ProtectedFigure =>
    states[index] === SMALL ? { shown: false, threshold } : states[index] === HIDDEN ? { shown: false, withheld: true } : { shown: true, value: flat[index]! };
  return {
    cell: (m, s) => figure(m * S + s),
    city: (m) => figure(M * S + m),
    period: (s) => figure(M * S + M + s),
    grand: () => figure(M * S + M + S),
  };
}

/**
 * The programme's figures as they may be shown: per month each stadsdeel and
 * the city's total, then the period's totals; every count and statistic
 * protected, together, against working a small count out from the others.
 */
export async function programmeRows(services: Services, municipalityId: string, months = 12): Promise<ProgrammeRow[]> {
  const counts = await programmeCounts(services, municipalityId, months);
  const monthList = [...new Set(counts.map((row) => row.month))];
  const stadsdelen = [...new Map(counts.map((row) => [row.stadsdeelId, row.stadsdeel])).entries()];
  const at = (m: number, s: number) => counts.find((row) => row.month === monthList[m] && row.stadsdeelId === stadsdelen[s]![0])!;
  const protectedMeasures = new Map<Additive, Awaited<ReturnType<typeof protectMeasure>>>();
  for (const measure of [...stocks, ...flows]) {
    const values = monthList.map((_, m) => stadsdelen.map((_, s) => at(m, s)[measure]));
    protectedMeasures.set(measure, await protectMeasure(services, values, flows.includes(measure)));
  }
  const statistics = (hours: number[]) => ({
    responseMedianHours: protectStatistic(services, hours.length, round1(percentile(hours, 50))),
    responseP90Hours: protectStatistic(services, hours.length, round1(percentile(hours, 90))),
  });
  const pick = (get: (measure: Additive) => RowFigure) => ({
    organisations: get("organisations"),
    ambassadors: get("ambassadors"),
    certified: get("certified"),
    signals: get("signals") as ProtectedFigure,
    responded: get("responded") as ProtectedFigure,
  });
  const rows: ProgrammeRow[] = [];
  monthList.forEach((month, m) => {
    stadsdelen.forEach(([, name], s) => {
      const row = at(m, s);
      rows.push({
        month,
        stadsdeel: name,
        kind: "stadsdeel",
        ...pick((measure) => protectedMeasures.get(measure)!.cell(m, s)),
        ...statistics(row.responseHours),
        warnings: protectFigure(services, row.warnings),
      });
    });
    const inMonth = counts.filter((row) => row.month === month);
    rows.push({
      month,
      stadsdeel: services.municipality.name,
      kind: "city",
      ...pick((measure) => protectedMeasures.get(measure)!.city(m)),
      ...statistics(inMonth.flatMap((row) => row.responseHours)),
      warnings: protectFigure(services, new Set(inMonth.flatMap((row) => row.warningIds)).size),
    });
  });
  const empty = { shown: true as const, value: null };
  stadsdelen.forEach(([id, name], s) => {
    const own = counts.filter((row) => row.stadsdeelId === id);
    rows.push({
      month: PERIOD_TOTAL,
      stadsdeel: name,
      kind: "stadsdeel",
      ...pick((measure) => (stocks.includes(measure) ? empty : protectedMeasures.get(measure)!.period(s))),
      ...statistics(own.flatMap((row) => row.responseHours)),
      warnings: protectFigure(services, new Set(own.flatMap((row) => row.warningIds)).size),
    });
  });
  rows.push({
    month: PERIOD_TOTAL,
    stadsdeel: services.municipality.name,
    kind: "city",
    ...pick((measure) => (stocks.includes(measure) ? empty : protectedMeasures.get(measure)!.grand())),
    ...statistics(counts.flatMap((row) => row.responseHours)),
    warnings: protectFigure(services, new Set(counts.flatMap((row) => row.warningIds)).size),
  });
  return rows;
}

/** The columns of the export, with their meaning (the codebook), in export order. */
export const programmeColumns = [
  { key: "month", description: "Calendar month (Europe/Amsterdam), YYYY-MM, complete months only; \"total\" for the whole period (signals, responded, response times and warnings; empty for organisations and people, which are counted at a month's end)." },
  { key: "stadsdeel", description: "Stadsdeel (district) of the municipality, or the municipality's name for the city's total (warnings: a warning to several stadsdelen counts once)." },
  { key: "organisations", description: "Organisations with ambassadors' work in the stadsdeel that existed (created, not archived) at the end of the month." },
  { key: "ambassadors", description: "Ambassador accounts of those organisations that existed and were not switched off at the end of the month." },
  { key: "certified", description: "Of those ambassadors, how many held a valid certificate at the end of the month (from each ambassador's current certificate)." },
  { key: "signals", description: "Signals received in the month about wijken in the stadsdeel." },
  { key: "responded", description: "Of those signals, how many got feedback from the municipality (at any time so far)." },
  { key: "response_median_hours", description: "Median hours from receiving a signal to its first feedback, over the responded signals." },
  { key: "response_p90_hours", description: "90th percentile (nearest rank) of the same hours." },
  { key: "warnings", description: "Warnings published in the month to wijken in the stadsdeel." },
] as const;

export const disclosureNote =
  "Counts from 1 to threshold − 1 are shown as \"< threshold\" (the municipality's suppression threshold). \"×\" is a count hidden so that a \"< threshold\" beside it cannot be worked out from the totals (secondary suppression, checked by linear programming over each measure's table). Response times only over at least threshold responded signals. Empty: no responded signals, or no total over months.";
