import { addDays, calendarDateOf, DAY_MS, type CalendarDate } from "./dates.ts";

// ISO 8601 weeks ("2026-W48"): Monday to Sunday, week 1 is the week with the
// year's first Thursday. Signals record the week something happened, not the
// day; the dashboard, warnings and referral reach count per week. An instant
// belongs to the week of its date in the municipality's time zone, so a visit
// late on Sunday evening is in that week, not the next.

export function weekString(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week of a calendar date. */
export function isoWeekOf(date: CalendarDate): string {
  const utc = Date.UTC(date.year, date.month - 1, date.day);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(utc + (3 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return weekString(weekYear, week);
}

/** The ISO week of an instant, in the municipality's time zone. */
export function isoWeekAt(instant: Date): string {
  return isoWeekOf(calendarDateOf(instant));
}

/** "2026-W48" → { year: 2026, week: 48 }; { 0, 0 } when it is no ISO week. */
export function splitIsoWeek(isoWeek: string): { year: number; week: number } {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  return match ? { year: Number(match[1]), week: Number(match[2]) } : { year: 0, week: 0 };
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

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return splitIsoWeek(isoWeekOf({ year, month: 12, day: 28 })).week;
}

/** The weeks before a week, oldest first. */
export function weeksBefore(isoWeek: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftWeek(isoWeek, i - count));
}
