import { describe, expect, it } from "vitest";
import { isoWeek, mondayOfIsoWeek, recentIsoWeeks } from "./iso-week.ts";

describe("ISO weeks in the Netherlands", () => {
  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeek(new Date("2026-11-24T09:00:00Z"))).toBe("2026-W48");
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(isoWeek(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    // 29 December 2025 is a Monday: week 1 of 2026.
    expect(isoWeek(new Date("2025-12-29T12:00:00Z"))).toBe("2026-W01");
    expect(isoWeek(new Date("2024-12-30T12:00:00Z"))).toBe("2025-W01");
  });

  it("uses Dutch time: Sunday 23:30 in Amsterdam is still that week", () => {
    // Sunday 29 November 2026, 23:30 CET is 22:30 UTC.
    expect(isoWeek(new Date("2026-11-29T22:30:00Z"))).toBe("2026-W48");
    // Monday 30 November 2026, 00:30 CET is still Sunday in UTC.
    expect(isoWeek(new Date("2026-11-29T23:30:00Z"))).toBe("2026-W49");
  });

  it("lists recent weeks newest first, and finds a week's Monday", () => {
    expect(recentIsoWeeks(new Date("2026-01-07T10:00:00Z"), 3)).toEqual(["2026-W02", "2026-W01", "2025-W52"]);
    expect(mondayOfIsoWeek("2026-W48")).toBe("2026-11-23");
    expect(mondayOfIsoWeek("2026-W01")).toBe("2025-12-29");
  });
});
