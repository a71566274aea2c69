import { addDays } from "./dates.ts";
import { isoWeekOf, mondayOf, shiftWeek } from "./iso-week.ts";

// Months made of whole ISO weeks: a week belongs to the month its Thursday
// falls in (the same rule that gives a week its ISO year, so a month's weeks
// are all of the month's own ISO year). A figure per such month is a sum of
// weekly figures, so it can be read from the weekly figures the dashboard
// publishes and says nothing they do not.

/** "2027-W05" → "2027-02" (its Thursday is 4 February 2027). */
export function monthOfWeek(isoWeek: string): string {
  const thursday = addDays(mondayOf(isoWeek), 3);
  return `${thursday.year}-${String(thursday.month).padStart(2, "0")}`;
}

/** The weeks of a month ("YYYY-MM"), oldest first: four or five. */
export function weeksOfMonth(month: string): string[] {
  const [year, number] = month.split("-").map(Number) as [number, number];
  // The week of the month's 4th day holds a Thursday of the month, or the one of the 1st does.
  const fourth = isoWeekOf({ year, month: number, day: 4 });
  let week = monthOfWeek(shiftWeek(fourth, -1)) === month ? shiftWeek(fourth, -1) : fourth;
  const weeks: string[] = [];
  while (monthOfWeek(week) === month) {
    weeks.push(week);
    week = shiftWeek(week, 1);
  }
  return weeks;
}

/** The month a number of months before (negative) or after a month. */
export function shiftMonth(month: string, months: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (number - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
