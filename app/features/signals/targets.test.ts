import { describe, expect, it } from "vitest";
import { addWorkingDays, ageOf, dueAt, isOverdue } from "./targets.ts";

describe("signal targets", () => {
  it("counts working days in Amsterdam: the weekend does not count", () => {
    // Tuesday 10:00 (Amsterdam, CET) + 1 working day: Wednesday 10:00.
    expect(addWorkingDays(new Date("2026-11-24T09:00:00Z"), 1).toISOString()).toBe("2026-11-25T09:00:00.000Z");
    // Friday 16:00 + 1: Monday 16:00.
    expect(addWorkingDays(new Date("2026-11-27T15:00:00Z"), 1).toISOString()).toBe("2026-11-30T15:00:00.000Z");
    // Friday + 5: the next Friday.
    expect(addWorkingDays(new Date("2026-11-27T15:00:00Z"), 5).toISOString()).toBe("2026-12-04T15:00:00.000Z");
    // Saturday + 1: Monday.
    expect(addWorkingDays(new Date("2026-11-28T11:00:00Z"), 1).toISOString()).toBe("2026-11-30T11:00:00.000Z");
    // Friday 23:30 Amsterdam is 22:30 UTC: still Friday there, so + 1 is Monday.
    expect(addWorkingDays(new Date("2026-11-27T22:30:00Z"), 1).toISOString()).toBe("2026-11-30T22:30:00.000Z");
  });

  it("takes the target of the signal's urgency", () => {
    const targets = { urgent: 1, normal: 5 };
    expect(dueAt(new Date("2026-11-24T09:00:00Z"), "urgent", targets).toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(dueAt(new Date("2026-11-24T09:00:00Z"), "normal", targets).toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });

  it("is overdue only past the deadline and while not handled", () => {
    const now = new Date("2026-11-26T09:00:00Z");
    expect(isOverdue("2026-11-25T09:00:00Z", "in_progress", now)).toBe(true);
    expect(isOverdue("2026-11-25T09:00:00Z", "handled", now)).toBe(false);
    expect(isOverdue("2026-11-27T09:00:00Z", "received", now)).toBe(false);
    expect(isOverdue(null, "received", now)).toBe(false);
  });

  it("gives the age in hours under a day, in days after", () => {
    const now = new Date("2026-11-26T09:00:00Z");
    expect(ageOf("2026-11-26T08:10:00Z", now)).toEqual({ unit: "hours", count: 0 });
    expect(ageOf("2026-11-25T20:00:00Z", now)).toEqual({ unit: "hours", count: 13 });
    expect(ageOf("2026-11-23T08:00:00Z", now)).toEqual({ unit: "days", count: 3 });
  });
});
