import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { isoWeekOf, shiftWeek } from "#app/calendar/iso-week.ts";
import { receivedWithin } from "./synthetic-signals.ts";

describe("receivedWithin", () => {
  it("never receives a signal about week 50 on the Sunday of week 49", () => {
    // Monday of 2026-W50 (7 December), 00:30 in Den Haag: the demo's "now minus a day" is Sunday of week 49.
    const now = new Date("2026-12-06T23:30:00.000Z");
    expect(isoWeekOf(calendarDateOf(now))).toBe("2026-W50");
    const latest = new Date(now.getTime() - 86_400_000);
    for (const r of [0, 0.5, 0.999]) expect(receivedWithin("2026-W50", latest, r)).toBeNull();
    const received = receivedWithin("2026-W49", latest, 0.999)!;
    expect(isoWeekOf(calendarDateOf(received))).toBe("2026-W49");
  });

  it("receives every signal in its own week in municipal time, and never after the latest moment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (back, latestMs, r) => {
          const latest = new Date(latestMs);
          const week = shiftWeek(isoWeekOf(calendarDateOf(latest)), -Math.floor(back / 10));
          const received = receivedWithin(week, latest, r);
          if (received === null) return;
          expect(received.getTime()).toBeLessThanOrEqual(latest.getTime());
          expect(isoWeekOf(calendarDateOf(received))).toBe(week);
        },
      ),
    );
  });
});
