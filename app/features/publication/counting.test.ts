import { describe, expect, it } from "vitest";
import { countedWeek, lastPublishedWeek, publicationDate } from "./counting.ts";

describe("when a week's figures are final", () => {
  it("publishes a week on the Tuesday after it, in Dutch time", () => {
    expect(publicationDate("2026-W48")).toEqual({ year: 2026, month: 12, day: 1 });
    // Monday 23:30 in Amsterdam is still Monday: week 48 is not published yet.
    expect(lastPublishedWeek(new Date("2026-11-30T22:30:00Z"))).toBe("2026-W47");
    // Tuesday 00:30 in Amsterdam: it is.
    expect(lastPublishedWeek(new Date("2026-11-30T23:30:00Z"))).toBe("2026-W48");
    expect(lastPublishedWeek(new Date("2027-01-05T09:00:00Z"))).toBe("2026-W53");
  });

  it("counts a signal in the week it happened until that week is published, then in the week it arrived", () => {
    expect(countedWeek("2026-W48", "2026-11-25T10:00:00Z")).toBe("2026-W48");
    // About last week, sent on Monday: still last week.
    expect(countedWeek("2026-W48", "2026-11-30T10:00:00Z")).toBe("2026-W48");
    // Sent on Tuesday or later: the week it arrived, so published figures never change.
    expect(countedWeek("2026-W48", "2026-12-01T10:00:00Z")).toBe("2026-W49");
    expect(countedWeek("2026-W30", "2026-12-09T10:00:00Z")).toBe("2026-W50");
  });
});
