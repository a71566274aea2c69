import { describe, expect, it } from "vitest";
import { periodContaining, previousPeriod } from "./weeks.ts";
import { mondayOf, shiftWeek, weeksBefore, weeksInYear } from "#app/calendar/iso-week.ts";

describe("weeks and periods", () => {
  it("finds Mondays and shifts across years", () => {
    expect(mondayOf("2026-W01")).toEqual({ year: 2025, month: 12, day: 29 });
    expect(shiftWeek("2026-W01", -1)).toBe("2025-W52");
    expect(shiftWeek("2020-W53", 1)).toBe("2021-W01");
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksBefore("2026-W02", 3)).toEqual(["2025-W51", "2025-W52", "2026-W01"]);
  });

  it("cuts a year into fixed blocks of 13 weeks, the last taking week 53", () => {
    const block = periodContaining("2026-W48", "13w");
    expect(block.first).toBe("2026-W40");
    expect(block.last).toBe("2026-W53");
    expect(periodContaining("2026-W13", "13w").weeks).toHaveLength(13);
    expect(periodContaining("2026-W14", "13w").first).toBe("2026-W14");
    expect(previousPeriod(periodContaining("2026-W05", "13w")).first).toBe("2025-W40");
    expect(periodContaining("2025-W30", "52w").weeks).toHaveLength(52);
    expect(previousPeriod(periodContaining("2026-W30", "52w")).first).toBe("2025-W01");
  });
});
