// ISO 8601 weeks ("2026-W48"), counted in the Netherlands' time zone so that
// a visit late on Sunday evening belongs to that week, not the next one.

export const REACH_TIME_ZONE = "Europe/Amsterdam";

const dateParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: REACH_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date at an instant in the Netherlands, as a UTC midnight Date. */
function localDate(instant: Date): Date {
  const parts = Object.fromEntries(dateParts.formatToParts(instant).map((part) => [part.type, part.value]));
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
}

function weekOfDate(date: Date): { year: number; week: number } {
  // The Thursday of the date's week decides the ISO year (Monday = 1 … Sunday = 7).
  const weekday = date.getUTCDay() || 7;
  const thursday = new Date(date.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfYear) / 86_400_000 / 7) + 1;
  return { year, week };
}

export function isoWeek(instant: Date): string {
  const { year, week } = weekOfDate(localDate(instant));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week of an instant and the weeks before it, newest first. */
export function recentIsoWeeks(instant: Date, count: number): string[] {
  const today = localDate(instant);
  return Array.from({ length: count }, (_, index) => isoWeek(new Date(today.getTime() - index * 7 * 86_400_000 + 12 * 3_600_000)));
}

/** The Monday of an ISO week, as YYYY-MM-DD, for showing a week to people. */
export function mondayOfIsoWeek(week: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000;
  return new Date(mondayOfWeek1 + (Number(match[2]) - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}
