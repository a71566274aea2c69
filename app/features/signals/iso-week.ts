// Signals record the ISO week something happened ("2026-W48"), not the day:
// precise enough for a phenomenon, too coarse to single anyone out. Weeks are
// counted in the municipality's time zone.

export const MUNICIPAL_TIME_ZONE = "Europe/Amsterdam";

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of an instant in a time zone. */
// Creating an Intl formatter costs far more than using one; keep one per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function calendarDateOf(instant: Date, timeZone = MUNICIPAL_TIME_ZONE): CalendarDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: value("year"), month: value("month"), day: value("day") };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function isoWeekOf(date: CalendarDate): string {
  const utc = Date.UTC(date.year, date.month - 1, date.day);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(utc + (3 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return `${weekYear}-W${String(week).padStart(2, "0")}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** "2026-11-24" → a calendar date, or null when it is no real date. */
export function parseCalendarDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() + 1 !== date.month || check.getUTCDate() !== date.day) return null;
  return date;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

export function formatCalendarDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** "2026-W48" → { year: 2026, week: 48 }. */
export function splitIsoWeek(isoWeek: string): { year: number; week: number } {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  return match ? { year: Number(match[1]), week: Number(match[2]) } : { year: 0, week: 0 };
}
