import { shiftWeek, splitIsoWeek, weekString, weeksInYear } from "#app/calendar/iso-week.ts";

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

