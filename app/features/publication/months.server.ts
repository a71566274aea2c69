import { addDays, calendarDateOf, compareDates } from "#app/calendar/dates.ts";
import { mondayOf, shiftWeek, splitIsoWeek } from "#app/calendar/iso-week.ts";
import { monthOfWeek, shiftMonth, weeksOfMonth } from "#app/calendar/week-months.ts";
import { lastPublishedWeek, publicationDate } from "./counting.ts";
import { loadPublication } from "./publication.server.ts";
import type { Shown } from "./shown.ts";

// Signal figures per month, for pages outside the dashboard (the programme,
// the ambassadors' monthly overview). A month is made of whole ISO weeks (a
// week belongs to the month of its Thursday, app/calendar/week-months.ts), so
// it is a sum of published weeks, and the protected structure has it as a
// cell of its own (structure.ts, decision 0403): protected together with its
// weeks, published once all of them are, and never changed after.

type Services = Parameters<typeof loadPublication>[0];

export interface PublishedMonth {
  /** "YYYY-MM". */
  month: string;
  /** Its ISO weeks, oldest first. */
  weeks: string[];
  /** The instant its last week ends (Monday 00:00, municipal time, as near as an hour). */
  endsAt: string;
}

const HOUR = 3600_000;

/**
 * The last `count` months whose weeks are all published, oldest first; with
 * `settleDays`, only once that many days have passed since the last week's
 * publication (for figures that may still change for a while, such as
 * responses within a window).
 */
export function publishedMonths(now: Date, count: number, settleDays = 0): PublishedMonth[] {
  const today = calendarDateOf(now);
  const complete = (month: string) => {
    const weeks = weeksOfMonth(month);
    const last = weeks[weeks.length - 1]!;
    return last <= lastPublishedWeek(now) && compareDates(today, addDays(publicationDate(last), settleDays)) >= 0;
  };
  let newest = monthOfWeek(lastPublishedWeek(now));
  while (!complete(newest)) newest = shiftMonth(newest, -1);
  return Array.from({ length: count }, (_, i) => shiftMonth(newest, i - count + 1)).map((month) => {
    const weeks = weeksOfMonth(month);
    const monday = mondayOf(shiftWeek(weeks[weeks.length - 1]!, 1));
    return { month, weeks, endsAt: new Date(Date.UTC(monday.year, monday.month - 1, monday.day) - HOUR).toISOString() };
  });
}

/**
 * A total over published figures that is no cell itself (a stadsdeel over the
 * programme's twelve months, across two ISO years): shown only when every
 * part is, so it follows from what is published and says nothing more.
 */
export function sumOfShown(parts: readonly Shown[]): Shown {
  let total = 0;
  for (const shown of parts) {
    if (shown.kind !== "count") return { kind: "hidden" };
    total += shown.value;
  }
  return { kind: "count", value: total };
}

/**
 * Reads a month's published figure: `keyOf(time)` names the cell (e.g.
 * (time) => signalKey("*", stadsdeel, "all", time)).
 */
export async function monthFigure(services: Services, municipalityId: string, month: PublishedMonth, keyOf: (time: string) => string): Promise<Shown> {
  const publication = await loadPublication(services, municipalityId, splitIsoWeek(month.weeks[0]!).year);
  const shown = publication.shown(keyOf(month.month));
  // A month not in the publication (stored before months were cells) reads as hidden, never as a count from elsewhere.
  return shown.kind === "unpublished" ? { kind: "hidden" } : shown;
}
