import { describe, expect, it } from "vitest";
import { addDays, calendarDateOf, parseCalendarDate } from "./dates.ts";
import { isoWeekOf } from "./iso-week.ts";

describe("ISO weeks", () => {
  it("numbers weeks from the week with the year's first Thursday", () => {
    expect(isoWeekOf({ year: 2026, month: 11, day: 24 })).toBe("2026-W48");
    expect(isoWeekOf({ year: 2026, month: 1, day: 1 })).toBe("2026-W01");
    // 1 January 2027 is a Friday: it still belongs to 2026's last week.
    expect(isoWeekOf({ year: 2027, month: 1, day: 1 })).toBe("2026-W53");
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeekOf({ year: 2026, month: 11, day: 29 })).toBe("2026-W48");
    expect(isoWeekOf({ year: 2026, month: 11, day: 30 })).toBe("2026-W49");
  });

  it("takes the date in Den Haag, not in UTC", () => {
    // 22:30 UTC on a Sunday in November is 23:30 the same Sunday in Amsterdam.
    expect(calendarDateOf(new Date("2026-11-29T22:30:00Z"))).toEqual({ year: 2026, month: 11, day: 29 });
    // 23:30 UTC on Sunday is 00:30 on Monday in Amsterdam: the next week.
    expect(isoWeekOf(calendarDateOf(new Date("2026-11-29T23:30:00Z")))).toBe("2026-W49");
  });

  it("parses only real dates and moves by days across months", () => {
    expect(parseCalendarDate("2026-02-29")).toBeNull();
    expect(parseCalendarDate("2026-13-01")).toBeNull();
    expect(parseCalendarDate("24-11-2026")).toBeNull();
    expect(parseCalendarDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});
