import { describe, expect, it } from "vitest";
import { activitySince, inactiveBefore, inactivityFlag } from "./inactivity.server.ts";

const config = (months: number, warningDays = 30) => ({ inactivity: { months, warningMs: warningDays * 24 * 60 * 60 * 1000 } });

describe("the inactivity period", () => {
  it("counts calendar months back from now", () => {
    expect(inactiveBefore(config(12), new Date("2026-11-24T09:00:00.000Z")).toISOString()).toBe("2025-11-24T09:00:00.000Z");
    expect(inactiveBefore(config(3), new Date("2026-02-10T00:00:00.000Z")).toISOString()).toBe("2025-11-10T00:00:00.000Z");
  });

  it("ends at the last day of a shorter month", () => {
    expect(inactiveBefore(config(1), new Date("2026-03-31T12:00:00.000Z")).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(inactiveBefore(config(12), new Date("2028-02-29T12:00:00.000Z")).toISOString()).toBe("2027-02-28T12:00:00.000Z");
  });

  it("counts from the latest of creation, last activity and a restart after reactivation", () => {
    expect(activitySince({ createdAt: "2025-01-01T00:00:00.000Z", lastActiveAt: null }, undefined)).toBe("2025-01-01T00:00:00.000Z");
    expect(activitySince({ createdAt: "2025-01-01T00:00:00.000Z", lastActiveAt: "2025-03-01T00:00:00.000Z" }, { counted_from: "2025-02-01T00:00:00.000Z" })).toBe(
      "2025-03-01T00:00:00.000Z",
    );
    expect(activitySince({ createdAt: "2025-01-01T00:00:00.000Z", lastActiveAt: "2025-03-01T00:00:00.000Z" }, { counted_from: "2025-06-01T00:00:00.000Z" })).toBe(
      "2025-06-01T00:00:00.000Z",
    );
  });

  it("flags an active account after the period and names the switch-off date once warned", () => {
    const now = new Date("2026-11-24T09:00:00.000Z");
    const user = { createdAt: "2024-01-01T00:00:00.000Z", lastActiveAt: "2025-10-01T00:00:00.000Z", deactivatedAt: null };
    expect(inactivityFlag(config(12), now, user, undefined)).toEqual({ inactiveSince: "2025-10-01T00:00:00.000Z", warnedAt: null, switchOffAt: null });
    const record = { user_id: "u", counted_from: null, warned_at: "2026-11-20T00:00:00.000Z", deactivated_at: null };
    expect(inactivityFlag(config(12), now, user, record).switchOffAt).toBe("2026-12-20T00:00:00.000Z");
    expect(inactivityFlag(config(12), now, { ...user, lastActiveAt: "2026-01-01T00:00:00.000Z" }, record).inactiveSince).toBeNull();
    expect(inactivityFlag(config(12), now, { ...user, deactivatedAt: "2026-11-01T00:00:00.000Z" }, record).inactiveSince).toBeNull();
  });
});
