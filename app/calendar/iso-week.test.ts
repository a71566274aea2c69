import { describe, expect, it } from "vitest";
import * as dashboardWeeks from "#app/features/dashboard/weeks.ts";
import * as reachWeeks from "#app/features/referral-reach/iso-week.ts";
import * as signalWeeks from "#app/features/signals/iso-week.ts";
import { addDays, calendarDateOf, toIsoDate, type CalendarDate } from "./dates.ts";
import { isoWeekAt, isoWeekOf, mondayOf, recentIsoWeeks, shiftWeek, weeksBefore, weeksInYear } from "./iso-week.ts";

// The calendar module replaces three earlier ones (signals, referral reach
// with another algorithm, the dashboard's mondayOf): it must agree with each
// of them on every date, above all around year ends and clock changes.

const days = function* (from: CalendarDate, count: number) {
  for (let i = 0; i < count; i++) yield addDays(from, i);
};

describe("the calendar agrees with the modules it replaces", () => {
  it("gives every date from 1995 to 2045 the same ISO week", () => {
    const differ: string[] = [];
    for (const date of days({ year: 1995, month: 1, day: 1 }, 51 * 366)) {
      if (isoWeekOf(date) !== signalWeeks.isoWeekOf(date)) differ.push(toIsoDate(date));
    }
    expect(differ).toEqual([]);
  });

  it("puts every instant around midnight in Amsterdam in the same week as referral reach did", () => {
    // Several instants a day around local midnight (22:00–01:30 UTC), over summer and winter time, every year end included.
    const differ: string[] = [];
    for (const date of days({ year: 2019, month: 12, day: 1 }, 10 * 366)) {
      for (const time of ["21:59:59", "22:00:00", "22:30:00", "23:00:00", "23:30:00", "00:30:00", "12:00:00"]) {
        const instant = new Date(`${toIsoDate(date)}T${time}Z`);
        const week = isoWeekAt(instant);
        if (week !== reachWeeks.isoWeek(instant) || week !== signalWeeks.isoWeekOf(signalWeeks.calendarDateOf(instant))) differ.push(instant.toISOString());
      }
    }
    expect(differ).toEqual([]);
  });

  it("finds the same Monday, week length, neighbours and recent weeks for every week from 1995 to 2045", () => {
    for (let year = 1995; year <= 2045; year++) {
      expect(weeksInYear(year)).toBe(dashboardWeeks.weeksInYear(year));
      for (let week = 1; week <= weeksInYear(year); week++) {
        const isoWeek = `${year}-W${String(week).padStart(2, "0")}`;
        expect(mondayOf(isoWeek)).toEqual(dashboardWeeks.mondayOf(isoWeek));
        expect(toIsoDate(mondayOf(isoWeek))).toBe(reachWeeks.mondayOfIsoWeek(isoWeek));
        expect(shiftWeek(isoWeek, 1)).toBe(dashboardWeeks.shiftWeek(isoWeek, 1));
        expect(shiftWeek(isoWeek, -1)).toBe(dashboardWeeks.shiftWeek(isoWeek, -1));
      }
      expect(weeksBefore(`${year}-W02`, 5)).toEqual(dashboardWeeks.weeksBefore(`${year}-W02`, 5));
      const instant = new Date(Date.UTC(year, 0, 3, 23, 30));
      expect(recentIsoWeeks(instant, 8)).toEqual(reachWeeks.recentIsoWeeks(instant, 8));
    }
  });

  it("takes the date in Den Haag", () => {
    expect(calendarDateOf(new Date("2026-11-29T22:30:00Z"))).toEqual({ year: 2026, month: 11, day: 29 });
    expect(isoWeekAt(new Date("2026-11-29T23:30:00Z"))).toBe("2026-W49");
  });
});
