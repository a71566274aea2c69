import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDateTime } from "#app/calendar/format.ts";

describe("dates as people write them", () => {
  it("writes a calendar date out in the reader's language", () => {
    expect(formatCalendarDate("2026-12-21", "nl")).toBe("21 december 2026");
    expect(formatCalendarDate("2026-12-21", "en")).toBe("December 21, 2026");
    expect(formatCalendarDate("2026-12-21", "pl")).toBe("21 grudnia 2026");
    // Arabic with the digits people in the Netherlands use.
    expect(formatCalendarDate("2026-12-21", "ar")).toMatch(/^21 .+ 2026$/);
  });

  it("writes an instant out with its time in the municipality, never as 2026-12-21", () => {
    expect(formatDateTime("2026-12-21T13:30:00.000Z", "nl")).toMatch(/^21 december 2026 (om )?14:30$/);
    expect(formatDateTime("2026-12-21T13:30:00.000Z", "nl")).not.toContain("2026-12");
  });

  it("leaves anything that is not a calendar date as it is", () => {
    expect(formatCalendarDate("morgen", "nl")).toBe("morgen");
  });
});
