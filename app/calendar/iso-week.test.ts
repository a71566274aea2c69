import { describe, expect, it } from "vitest";
import { addDays, calendarDateOf, toIsoDate, type CalendarDate } from "./dates.ts";
import { isoWeekAt, isoWeekOf, mondayOf, shiftWeek, weeksBefore, weeksInYear } from "./iso-week.ts";

// The calendar replaced three modules (signals' ISO weeks, referral reach's
// with another algorithm, the dashboard's mondayOf); a test showed it agreed
// with each of them on every date from 1995 to 2045 before they were deleted.
// The referral-reach algorithm stays here as an independent reference.

const DAY = 86_400_000;
const reference = {
  /** ISO week via the Thursday of the date's week, weekday Monday = 1 … Sunday = 7. */
  weekOf(date: CalendarDate): string {
    const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
    const weekday = utc.getUTCDay() || 7;
    const thursday = new Date(utc.getTime() + (4 - weekday) * DAY);
    const year = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
    return `${year}-W${String(week).padStart(2, "0")}`;
  },
  /** Monday of an ISO week via 4 January, always in week 1. */
  mondayOf(isoWeek: string): string {
    const [year, week] = [Number(isoWeek.slice(0, 4)), Number(isoWeek.slice(6))];
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY;
    return new Date(mondayOfWeek1 + (week - 1) * 7 * DAY).toISOString().slice(0, 10);
  },
};

const days = function* (from: CalendarDate, count: number) {
  for (let i = 0; i < count; i++) yield addDays(from, i);
};

describe("ISO weeks", () => {
  it("gives every date from 1995 to 2045 the week the reference gives", () => {
    const differ: string[] = [];
    for (const date of days({ year: 1995, month: 1, day: 1 }, 51 * 366)) {
      if (isoWeekOf(date) !== reference.weekOf(date)) differ.push(toIsoDate(date));
    }
    expect(differ).toEqual([]);
  });

  it("finds each week's Monday, its neighbours and the year's length", () => {
    const differ: string[] = [];
    for (let year = 1995; year <= 2045; year++) {
      for (let week = 1; week <= weeksInYear(year); week++) {
        const isoWeek = `${year}-W${String(week).padStart(2, "0")}`;
        const monday = mondayOf(isoWeek);
        if (toIsoDate(monday) !== reference.mondayOf(isoWeek) || reference.weekOf(monday) !== isoWeek) differ.push(isoWeek);
        if (shiftWeek(isoWeek, 1) !== reference.weekOf(addDays(monday, 7))) differ.push(`${isoWeek}+1`);
        if (shiftWeek(isoWeek, -1) !== reference.weekOf(addDays(monday, -7))) differ.push(`${isoWeek}-1`);
      }
      if (weeksInYear(year) !== Number(reference.weekOf({ year, month: 12, day: 28 }).slice(6))) differ.push(`${year} length`);
    }
    expect(differ).toEqual([]);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(weeksBefore("2027-W02", 3)).toEqual(["2026-W52", "2026-W53", "2027-W01"]);
  });

  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeekAt(new Date("2026-11-24T09:00:00Z"))).toBe("2026-W48");
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(isoWeekAt(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    // 29 December 2025 is a Monday: week 1 of 2026.
    expect(isoWeekAt(new Date("2025-12-29T12:00:00Z"))).toBe("2026-W01");
    expect(isoWeekAt(new Date("2024-12-30T12:00:00Z"))).toBe("2025-W01");
  });

  it("uses Dutch time: Sunday 23:30 in Amsterdam is still that week", () => {
    expect(calendarDateOf(new Date("2026-11-29T22:30:00Z"))).toEqual({ year: 2026, month: 11, day: 29 });
    // Sunday 29 November 2026, 23:30 CET is 22:30 UTC.
    expect(isoWeekAt(new Date("2026-11-29T22:30:00Z"))).toBe("2026-W48");
    // Monday 30 November 2026, 00:30 CET is still Sunday in UTC.
    expect(isoWeekAt(new Date("2026-11-29T23:30:00Z"))).toBe("2026-W49");
    // Summer time: Sunday 28 June 2026, 23:30 CEST is 21:30 UTC; 00:30 CEST on Monday is 22:30 UTC.
    expect(isoWeekAt(new Date("2026-06-28T21:30:00Z"))).toBe("2026-W26");
    expect(isoWeekAt(new Date("2026-06-28T22:30:00Z"))).toBe("2026-W27");
  });

  it("finds a week's Monday", () => {
    expect(toIsoDate(mondayOf("2026-W48"))).toBe("2026-11-23");
    expect(toIsoDate(mondayOf("2026-W01"))).toBe("2025-12-29");
  });
});
