import { addDays, calendarDateOf, compareDates, type CalendarDate } from "#app/calendar/dates.ts";
import { isoWeekOf, splitIsoWeek } from "#app/calendar/iso-week.ts";
import { mondayOf, shiftWeek, weekString, weeksInYear } from "#app/calendar/iso-week.ts";

// When a week's figures are final. A week is published on the Tuesday after
// it (00:00, municipal time), so a signal about last week sent on Monday still
// counts in it; a signal that arrives later counts in the week it arrived.
// A published figure therefore never changes, and two snapshots of the
// dashboard can never be subtracted to give one late signal away
// (docs/decisions/0403).

/** The day a week's figures are published. */
export function publicationDate(isoWeek: string): CalendarDate {
  return addDays(mondayOf(shiftWeek(isoWeek, 1)), 1);
}

/** The week a signal is counted in: the week it happened, or, when it came in after that week was published, the week it came in. */
export function countedWeek(isoWeek: string, receivedAt: Date | string): string {
  const received = calendarDateOf(typeof receivedAt === "string" ? new Date(receivedAt) : receivedAt);
  if (compareDates(received, publicationDate(isoWeek)) < 0) return isoWeek;
  const arrived = isoWeekOf(received);
  return arrived > isoWeek ? arrived : isoWeek;
}

/** The last week whose figures are published at this moment. */
export function lastPublishedWeek(now: Date): string {
  const today = calendarDateOf(now);
  let week = shiftWeek(isoWeekOf(today), -1);
  if (compareDates(today, publicationDate(week)) < 0) week = shiftWeek(week, -1);
  return week;
}

/** The weeks of an ISO year up to and including `through` (all of them when the year is over). */
export function publishedWeeksOfYear(year: number, through: string): string[] {
  const weeks: string[] = [];
  for (let w = 1; w <= weeksInYear(year); w++) {
    const week = weekString(year, w);
    if (week <= through) weeks.push(week);
  }
  return weeks;
}

export function isoYearOf(isoWeek: string): number {
  return splitIsoWeek(isoWeek).year;
}
