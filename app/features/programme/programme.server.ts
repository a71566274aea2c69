import type { AppServices } from "#app/services.server.ts";
import { protectStructure } from "#app/features/publication/protect.ts";
import { HIDDEN, SMALL, type Relation } from "#app/features/publication/lp-audit.ts";
import { monthFigure, publishedMonths, sumOfShown, type PublishedMonth } from "#app/features/publication/months.server.ts";
import type { Shown } from "#app/features/publication/shown.ts";
import { ALL, ALL_SIGNALS, CITY, reachStadsdeelKey, signalKey } from "#app/features/publication/structure.ts";
import { figureFromShown, protectFigure, protectStatistic, type ProtectedFigure } from "./protected-figures.server.ts";

// The programme's figures per month and stadsdeel, for the coordinators'
// programme page and the researchers' export. A month is made of whole ISO
// weeks (the month of each week's Thursday), so that its signal counts are
// cells of the dashboard's protected structure, protected together with the
// weeks they add up (publication/months.server.ts); the period's totals are
// shown only when every month is — never a new way to narrow a hidden week.
// Responses are shown only where their signals are, and a total of them only
// when every part is (respondedFigures). The stocks (organisations, people)
// leave as one linked table each (months × stadsdelen with the city's total)
// through the dashboard's protection (publication/protect.ts, decision 0902).
// A response counts when it came within RESPONSE_WINDOW_DAYS, and a month is
// shown only once that window has closed for its last week: from then on none
// of its figures changes (decision 0905).

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

/** A signal counts as responded when its first feedback came within this many days of receiving it. */
export const RESPONSE_WINDOW_DAYS = 14;

export interface ProgrammeCounts {
  month: string;
  stadsdeelId: string;
  stadsdeel: string;
  organisations: number;
  ambassadors: number;
  certified: number;
  /** Signals counted (by the dashboard's counted week) in the month's weeks. */
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
  responseMedianHours: { shown: true; value: number | null } | { shown: false; threshold: number } | { shown: false; withheld: true };
  responseP90Hours: { shown: true; value: number | null } | { shown: false; threshold: number } | { shown: false; withheld: true };
  warnings: ProtectedFigure;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The months of the period, oldest first: complete, published, and past the response window. */
export function programmeMonths(now: Date, months: number): PublishedMonth[] {
  return publishedMonths(now, months, RESPONSE_WINDOW_DAYS);
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
  const period = programmeMonths(services.clock.now(), months);
  const weeks = period.flatMap((m) => m.weeks);
  const monthOf = new Map(period.flatMap((m) => m.weeks.map((week) => [week, m.month] as const)));
  // Warnings by the moment they were published; signals by the week they are counted in.
  const since = new Date(Date.parse(period[0]!.endsAt) - period[0]!.weeks.length * 7 * DAY).toISOString();
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
    services.db
      .selectFrom("signals")
      .select(["id", "wijk_id", "received_at", (eb) => eb.fn.coalesce("counted_week", "iso_week").as("week")])
      .where("municipality_id", "=", municipalityId)
      .where((eb) => eb(eb.fn.coalesce("counted_week", "iso_week"), "in", weeks))
      .execute(),
    services.db
      .selectFrom("signal_notes")
      .innerJoin("signals", "signals.id", "signal_notes.signal_id")
      .select(["signal_notes.signal_id", "signal_notes.created_at"])
      .where("signals.municipality_id", "=", municipalityId)
      .where("signal_notes.kind", "=", "feedback")
      .where((eb) => eb(eb.fn.coalesce("signals.counted_week", "signals.iso_week"), "in", weeks))
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

  const startOf = (month: string) => period[period.findIndex((m) => m.month === month) - 1]?.endsAt ?? since;
  const rows: ProgrammeCounts[] = [];
  for (const { month, endsAt } of period) {
    for (const stadsdeel of stadsdelen) {
      const inStadsdeel = (wijkId: string) => stadsdeelOfWijk.get(wijkId) === stadsdeel.id;
      const existing = (created: string, ended: string | null) => created <= endsAt && (ended === null || ended > endsAt);
      const people = ambassadors.filter(
        (a) => a.organisation_id !== null && stadsdeelOfOrganisation.get(a.organisation_id) === stadsdeel.id && existing(a.created_at, a.deactivated_at),
      );
      const sent = signals.filter((s) => inStadsdeel(s.wijk_id) && monthOf.get(String(s.week)) === month);
      const responseHours = sent
        .map((s) => firstFeedback.get(s.id) && (Date.parse(firstFeedback.get(s.id)!) - Date.parse(s.received_at)) / HOUR)
        .filter((hours): hours is number => typeof hours === "number" && hours <= RESPONSE_WINDOW_DAYS * 24);
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
          const ids = [...new Set(warnings.filter((w) => inStadsdeel(w.wijk_id) && w.created_at >= startOf(month) && w.created_at < endsAt).map((w) => w.id))];
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

type Stock = "organisations" | "ambassadors" | "certified";
const stocks: readonly Stock[] = ["organisations", "ambassadors", "certified"];

type Figures = ReturnType<typeof signalFiguresOf>;
const signalFiguresOf = (cells: Shown[][], S: number) => ({
  cell: (m: number, s: number) => cells[m]![s]!,
  city: (m: number) => cells[m]![S]!,
  period: (s: number) => sumOfShown(cells.map((row) => row[s]!)),
  grand: () => sumOfShown(cells.map((row) => row[S]!)),
});

/**
 * The responses among the signals: a month's stadsdeel shown where its
 * signals are and its own count is not small ("< t" otherwise); a total (the
 * city's month, a stadsdeel's period, the whole) only where its signals are
 * shown and every part of it is. So a shown total never has a hidden part
 * and no hidden figure is the difference of shown ones — no secondary
 * suppression needed — and the responses never bound a hidden signal count.
 */
function respondedFigures(services: Pick<AppServices, "municipality">, values: number[][], signals: Figures) {
  const M = values.length;
  const S = values[0]?.length ?? 0;
  const withheld: ProtectedFigure = { shown: false, withheld: true };
  const total = (signal: Shown, parts: ProtectedFigure[]): ProtectedFigure =>
    signal.kind === "count" && parts.every((part) => part.shown) ? { shown: true, value: parts.reduce((sum, part) => sum + (part.shown ? part.value : 0), 0) } : withheld;
  const cell = (m: number, s: number): ProtectedFigure => (signals.cell(m, s).kind === "count" ? protectFigure(services, values[m]![s]!) : withheld);
  const city = (m: number) => total(signals.city(m), Array.from({ length: S }, (_, s) => cell(m, s)));
  return {
    cell,
    city,
    period: (s: number) => total(signals.period(s), Array.from({ length: M }, (_, m) => cell(m, s))),
    grand: () => total(signals.grand(), Array.from({ length: M }, (_, m) => city(m))),
  };
}

/**
 * One stock (organisations, ambassadors, certified ambassadors at a month's
 * end) as a linked table: cell (m, s) = m·S + s and the city's month m =
 * M·S + m; stocks have no total over months. Returns each cell's protected figure.
 */
async function protectStock(
  services: Pick<AppServices, "municipality">,
  values: number[][],
): Promise<{ cell: (m: number, s: number) => ProtectedFigure; city: (m: number) => ProtectedFigure }> {
  const threshold = services.municipality.suppressionThreshold;
  const M = values.length;
  const S = values[0]?.length ?? 0;
  const flat = new Float64Array(M * S + M);
  const relations: Relation[] = [];
  for (let m = 0; m < M; m++) {
    for (let s = 0; s < S; s++) flat[m * S + s] = values[m]![s]!;
    flat[M * S + m] = values[m]!.reduce((a, b) => a + b, 0);
    relations.push({ parent: M * S + m, parts: Array.from({ length: S }, (_, s) => m * S + s) });
  }
  const states = flat.length ? await protectStructure({ values: flat, relations, threshold }) : new Uint8Array(0);
  const figure = (index: number): ProtectedFigure =>
    states[index] === SMALL ? { shown: false, threshold } : states[index] === HIDDEN ? { shown: false, withheld: true } : { shown: true, value: flat[index]! };
  return { cell: (m, s) => figure(m * S + s), city: (m) => figure(M * S + m) };
}

/** The signal counts of the period: each month per stadsdeel and for the city, read from the dashboard's publication. */
async function signalFigures(services: Services, municipalityId: string, period: readonly PublishedMonth[], stadsdeelIds: readonly string[]) {
  const cells = await Promise.all(
    period.map((month) =>
      Promise.all([
        ...stadsdeelIds.map((sd) => monthFigure(services, municipalityId, month, (time) => signalKey(ALL_SIGNALS, sd, ALL, time))),
        monthFigure(services, municipalityId, month, (time) => signalKey(ALL_SIGNALS, CITY, ALL, time)),
      ]),
    ),
  );
  return signalFiguresOf(cells, stadsdeelIds.length);
}

/**
 * The programme's figures as they may be shown: per month each stadsdeel and
 * the city's total, then the period's totals; every count and statistic
 * protected, together, against working a small count out from the others.
 */
export async function programmeRows(services: Services, municipalityId: string, months = 12): Promise<ProgrammeRow[]> {
  const counts = await programmeCounts(services, municipalityId, months);
  const period = programmeMonths(services.clock.now(), months);
  const monthList = period.map((m) => m.month);
  const stadsdelen = [...new Map(counts.map((row) => [row.stadsdeelId, row.stadsdeel])).entries()];
  const at = (m: number, s: number) => counts.find((row) => row.month === monthList[m] && row.stadsdeelId === stadsdelen[s]![0])!;
  const signals = await signalFigures(services, municipalityId, period, stadsdelen.map(([id]) => id));
  const protectedMeasures = new Map<Stock, Awaited<ReturnType<typeof protectStock>>>();
  for (const measure of stocks) {
    const values = monthList.map((_, m) => stadsdelen.map((_, s) => at(m, s)[measure]));
    protectedMeasures.set(measure, await protectStock(services, values));
  }
  const responded = respondedFigures(services, monthList.map((_, m) => stadsdelen.map((_, s) => at(m, s).responded)), signals);
  const threshold = services.municipality.suppressionThreshold;
  /** Response times only where the responded count they describe is itself shown. */
  const statistics = (hours: number[], responded: ProtectedFigure) =>
    responded.shown
      ? { responseMedianHours: protectStatistic(services, hours.length, round1(percentile(hours, 50))), responseP90Hours: protectStatistic(services, hours.length, round1(percentile(hours, 90))) }
      : "withheld" in responded
        ? { responseMedianHours: { shown: false as const, withheld: true as const }, responseP90Hours: { shown: false as const, withheld: true as const } }
        : { responseMedianHours: { shown: false as const, threshold }, responseP90Hours: { shown: false as const, threshold } };
  const pick = (get: (measure: Stock) => RowFigure, signal: Shown, respondedHere: ProtectedFigure) => ({
    organisations: get("organisations"),
    ambassadors: get("ambassadors"),
    certified: get("certified"),
    signals: figureFromShown(signal),
    responded: respondedHere,
  });
  const rows: ProgrammeRow[] = [];
  monthList.forEach((month, m) => {
    stadsdelen.forEach(([, name], s) => {
      const row = at(m, s);
      const figures = pick((measure) => protectedMeasures.get(measure)!.cell(m, s), signals.cell(m, s), responded.cell(m, s));
      rows.push({ month, stadsdeel: name, kind: "stadsdeel", ...figures, ...statistics(row.responseHours, figures.responded), warnings: protectFigure(services, row.warnings) });
    });
    const inMonth = counts.filter((row) => row.month === month);
    const figures = pick((measure) => protectedMeasures.get(measure)!.city(m), signals.city(m), responded.city(m));
    rows.push({
      month,
      stadsdeel: services.municipality.name,
      kind: "city",
      ...figures,
      ...statistics(inMonth.flatMap((row) => row.responseHours), figures.responded),
      warnings: protectFigure(services, new Set(inMonth.flatMap((row) => row.warningIds)).size),
    });
  });
  const empty = { shown: true as const, value: null };
  stadsdelen.forEach(([id, name], s) => {
    const own = counts.filter((row) => row.stadsdeelId === id);
    const figures = pick(() => empty, signals.period(s), responded.period(s));
    rows.push({
      month: PERIOD_TOTAL,
      stadsdeel: name,
      kind: "stadsdeel",
      ...figures,
      ...statistics(own.flatMap((row) => row.responseHours), figures.responded),
      warnings: protectFigure(services, new Set(own.flatMap((row) => row.warningIds)).size),
    });
  });
  const figures = pick(() => empty, signals.grand(), responded.grand());
  rows.push({
    month: PERIOD_TOTAL,
    stadsdeel: services.municipality.name,
    kind: "city",
    ...figures,
    ...statistics(counts.flatMap((row) => row.responseHours), figures.responded),
    warnings: protectFigure(services, new Set(counts.flatMap((row) => row.warningIds)).size),
  });
  return rows;
}

export interface ProgrammeReachRow {
  month: string;
  stadsdeel: string;
  /** A help flow's id. */
  flow: string;
  visits: ProtectedFigure;
}

/**
 * Visits through the ambassadors' share links per month, stadsdeel and help
 * flow: the month's cell of the referral reach in the dashboard's protected
 * structure (the sum of the stadsdeel's organisations' weeks), protected
 * together with the weeks /bereik shows.
 */
export async function programmeReach(services: Services, municipalityId: string, months = 12): Promise<ProgrammeReachRow[]> {
  const period = programmeMonths(services.clock.now(), months);
  const stadsdelen = await services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", municipalityId).orderBy("sort_order").execute();
  const flows = services.content.flows.map((flow) => flow.id);
  const rows: ProgrammeReachRow[] = [];
  for (const month of period) {
    for (const stadsdeel of stadsdelen) {
      const figures = await Promise.all(flows.map((flow) => monthFigure(services, municipalityId, month, (time) => reachStadsdeelKey(`flow:${flow}`, stadsdeel.id, time))));
      flows.forEach((flow, i) => rows.push({ month: month.month, stadsdeel: stadsdeel.name, flow, visits: figureFromShown(figures[i]!) }));
    }
  }
  return rows;
}

/** The columns of the referral-visits table, in export order. */
export const programmeReachColumns = [
  { key: "month", description: "Month of whole ISO weeks, as in the figures table." },
  { key: "stadsdeel", description: "Stadsdeel (district) the ambassadors' organisations are in." },
  { key: "flow", description: "The help flow (its id in the content) residents opened through an ambassador's share link or QR code." },
  { key: "visits", description: "Visits through the share links of the stadsdeel's organisations in the month's weeks (not people: a person opening a link twice counts twice); the same figure as the dashboard's referral reach, protected together with the weeks /bereik shows." },
] as const;

/** The columns of the export, with their meaning (the codebook), in export order. */
export const programmeColumns = [
  { key: "month", description: "Month, YYYY-MM, made of whole ISO weeks: a week belongs to the month its Thursday is in (so a month starts on a Monday and ends on a Sunday, Europe/Amsterdam); complete months only, shown once the response window of its last week has closed; \"total\" for the whole period (signals, responded, response times and warnings; empty for organisations and people, which are counted at a month's end)." },
  { key: "stadsdeel", description: "Stadsdeel (district) of the municipality, or the municipality's name for the city's total (warnings: a warning to several stadsdelen counts once)." },
  { key: "organisations", description: "Organisations with ambassadors' work in the stadsdeel that existed (created, not archived) at the end of the month." },
  { key: "ambassadors", description: "Ambassador accounts of those organisations that existed and were not switched off at the end of the month." },
  { key: "certified", description: "Of those ambassadors, how many held a valid certificate at the end of the month (from each ambassador's current certificate)." },
  { key: "signals", description: "Signals about wijken in the stadsdeel counted in the month's weeks (a signal counts in the week it happened, or the week it arrived when that was after the week's figures were published): the month's figure in the dashboard's publication (its full export), protected together with its weeks; the period's total only when every month is shown." },
  { key: "responded", description: "Of those signals, how many got feedback from the municipality within 14 days of being received." },
  { key: "response_median_hours", description: "Median hours from receiving a signal to its first feedback, over the responded signals." },
  { key: "response_p90_hours", description: "90th percentile (nearest rank) of the same hours." },
  { key: "warnings", description: "Warnings published in the month to wijken in the stadsdeel." },
] as const;

export const disclosureNote =
  "Counts from 1 to threshold − 1 are shown as \"< threshold\" (the municipality's suppression threshold). \"×\" is a count hidden so that a \"< threshold\" beside it cannot be worked out from the totals (secondary suppression, checked by linear programming: the dashboard's for signals, each stock's own table for organisations and people); responses are \"×\" wherever their signals are not shown, and a total of responses wherever one of its parts is not shown. Response times only over at least threshold responded signals, and only where the responded count is shown. Empty: no responded signals, or no total over months.";
