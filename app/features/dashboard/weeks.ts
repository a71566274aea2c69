import { addDays, isoWeekOf, splitIsoWeek, type CalendarDate } from "#app/features/signals/iso-week.ts";

// The dashboard's periods are fixed blocks of ISO weeks: a year is cut into
// four blocks of 13 weeks (the last one takes week 53 when there is one), or
// taken whole. Fixed blocks, not "the last 13 weeks": two sliding windows a
// week apart differ by one week at each end, and subtracting their totals
// would give back weekly counts that are suppressed (docs/decisions/0401).

export const periodLengths = ["13w", "52w"] as const;
export type PeriodLength = (typeof periodLengths)[number];

export interface Period {
  length: PeriodLength;
  /** The weeks of the block, oldest first. */
  weeks: string[];
  first: string;
  last: string;
}

export function weekString(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of an ISO week. */
export function mondayOf(isoWeek: string): CalendarDate {
  const { year, week } = splitIsoWeek(isoWeek);
  const jan4: CalendarDate = { year, month: 1, day: 4 };
  const weekday = (new Date(Date.UTC(year, 0, 4)).getUTCDay() + 6) % 7;
  return addDays(jan4, (week - 1) * 7 - weekday);
}

export function shiftWeek(isoWeek: string, weeks: number): string {
  return isoWeekOf(addDays(mondayOf(isoWeek), weeks * 7));
}

export function weeksInYear(year: number): number {
  return splitIsoWeek(isoWeekOf({ year, month: 12, day: 28 })).week;
}

/** The block of the given length that contains the week. */
export function periodContaining(isoWeek: string, length: PeriodLength): Period {
  const { year, week } = splitIsoWeek(isoWeek);
  const last = weeksInYear(year);
  let from = 1;
  let to = last;
  if (length === "13w") {
    const block = Math.min(3, Math.floor((week - 1) / 13));
    from = block * 13 + 1;
    to = block === 3 ? last : from + 12;
  }
  const weeks: string[] = [];
  for (let w = from; w <= to; w++) weeks.push(weekString(year, w));
  return { length, weeks, first: weeks[0]!, last: weeks[weeks.length - 1]! };
}

/** The block just before. */
export function previousPeriod(period: Period): Period {
  return periodContaining(shiftWeek(period.first, -1), period.length);
}

/** The weeks before a week, oldest first. */
export function weeksBefore(isoWeek: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftWeek(isoWeek, i - count));
}
