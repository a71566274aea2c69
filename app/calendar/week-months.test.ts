import { describe, expect, it } from "vitest";
import { addDays } from "./dates.ts";
import { isoWeekOf, mondayOf, shiftWeek } from "./iso-week.ts";
import { monthOfWeek, shiftMonth, weeksOfMonth } from "./week-months.ts";

describe("months of whole ISO weeks", () => {
  it("puts a week in the month of its Thursday", () => {
    expect(monthOfWeek("2027-W05")).toBe("2027-02");
    expect(monthOfWeek("2027-W04")).toBe("2027-01");
    expect(monthOfWeek("2026-W53")).toBe("2026-12"); // Thursday 31 December 2026
    expect(monthOfWeek("2026-W01")).toBe("2026-01"); // Thursday 1 January 2026
  });

  it("gives February 2027 exactly weeks 5 to 8", () => {
    expect(weeksOfMonth("2027-02")).toEqual(["2027-W05", "2027-W06", "2027-W07", "2027-W08"]);
  });

  it("covers every week of 1995–2045 exactly once, four or five to a month, in order", () => {
    let week = isoWeekOf({ year: 1995, month: 1, day: 5 });
    let month = "1995-01";
    const seen: string[] = [];
    while (month <= "2045-12") {
      const weeks = weeksOfMonth(month);
      expect(weeks.length === 4 || weeks.length === 5).toBe(true);
      for (const w of weeks) {
        expect(w).toBe(week);
        expect(monthOfWeek(w)).toBe(month);
        // The Thursday really is in the month.
        const thursday = addDays(mondayOf(w), 3);
        expect(`${thursday.year}-${String(thursday.month).padStart(2, "0")}`).toBe(month);
        seen.push(w);
        week = shiftWeek(week, 1);
      }
      month = shiftMonth(month, 1);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("shifts months across years", () => {
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-06", -18)).toBe("2024-12");
  });
});
