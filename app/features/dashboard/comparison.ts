import type { Shown } from "#app/features/publication/shown.ts";
import { splitIsoWeek, weekString } from "#app/calendar/iso-week.ts";
import { periodContaining, previousPeriod, type Period } from "./weeks.ts";

// Which periods a figure is compared with (docs/decisions/0404). A comparison
// is only made between two complete, published periods of the same number of
// weeks: the block (or year) before, and the same block (or year) a year
// earlier. A block still in progress is compared with nothing, and a
// 14-week block (a year with week 53) only with another one of 14 weeks.
// Both sides are cells of the protected structure, so the change between
// them says nothing that the two published figures do not.

export type ComparisonKind = "previous" | "last_year";

export interface PeriodSpan {
  first: string;
  last: string;
  weeks: number;
}

export interface ComparisonPlan {
  /** The period looked at. */
  current: PeriodSpan;
  /** False while the period is not completely published: no total, no comparison. */
  complete: boolean;
  /** The periods it is compared with, only those of equal length and completely published. */
  against: { kind: ComparisonKind; period: Period; span: PeriodSpan }[];
  /** Periods left out because their length differs (said on the page). */
  unequal: { kind: ComparisonKind; span: PeriodSpan }[];
  /** Periods left out because no signal at all was recorded then (before the network started). */
  unrecorded: { kind: ComparisonKind; span: PeriodSpan }[];
}

export function spanOf(period: Period): PeriodSpan {
  return { first: period.first, last: period.last, weeks: period.weeks.length };
}

/** The same block (or the whole year) one ISO year earlier. */
export function samePeriodLastYear(period: Period): Period {
  const { year, week } = splitIsoWeek(period.first);
  return periodContaining(weekString(year - 1, week), period.length);
}

export function planComparison(period: Period, publishedWeek: string): ComparisonPlan {
  const complete = period.last <= publishedWeek;
  const plan: ComparisonPlan = { current: spanOf(period), complete, against: [], unequal: [], unrecorded: [] };
  if (!complete) return plan;
  const candidates: [ComparisonKind, Period][] = [
    ["previous", previousPeriod(period)],
    ["last_year", samePeriodLastYear(period)],
  ];
  for (const [kind, other] of candidates) {
    if (other.weeks.length !== period.weeks.length) plan.unequal.push({ kind, span: spanOf(other) });
    else plan.against.push({ kind, period: other, span: spanOf(other) });
  }
  return plan;
}

export interface Change {
  absolute: number;
  /** Rounded to a whole percent; null when the earlier figure is 0. */
  percent: number | null;
}

/** The change from `before` to `now`, only when both are shown as numbers. */
export function changeBetween(now: Shown, before: Shown): Change | null {
  if (now.kind !== "count" || before.kind !== "count") return null;
  const absolute = now.value - before.value;
  return { absolute, percent: before.value === 0 ? null : Math.round((absolute / before.value) * 100) };
}

/** "W27–W39 2026", or "W40 2026–W02 2027" across a year's end. */
export function spanLabel(span: Pick<PeriodSpan, "first" | "last">): string {
  const a = splitIsoWeek(span.first);
  const b = splitIsoWeek(span.last);
  const w = (n: number) => `W${String(n).padStart(2, "0")}`;
  return a.year === b.year ? `${w(a.week)}–${w(b.week)} ${a.year}` : `${w(a.week)} ${a.year}–${w(b.week)} ${b.year}`;
}

/** "+208" / "−12" / "0", and "+11 %" (the sign always written, a real minus sign). */
export function signedNumber(value: number, format: (n: number) => string): string {
  if (value === 0) return format(0);
  return `${value > 0 ? "+" : "\u2212"}${format(Math.abs(value))}`;
}

/** "W49 2026". */
export function shortWeekLabel(week: string): string {
  const { year, week: n } = splitIsoWeek(week);
  return `W${String(n).padStart(2, "0")} ${year}`;
}
