import { describe, expect, it } from "vitest";
import { changeBetween, planComparison, samePeriodLastYear, signedNumber, spanLabel } from "./comparison.ts";
import { periodContaining } from "./weeks.ts";

describe("planComparison", () => {
  it("compares a complete block with the block before and the same block last year, both of 13 weeks", () => {
    const plan = planComparison(periodContaining("2026-W30", "13w"), "2026-W49");
    expect(plan.complete).toBe(true);
    expect(plan.against.map((a) => [a.kind, spanLabel(a.span)])).toEqual([
      ["previous", "W14–W26 2026"],
      ["last_year", "W27–W39 2025"],
    ]);
  });

  it("compares a block in progress with nothing (never 11 weeks against 13)", () => {
    const plan = planComparison(periodContaining("2026-W45", "13w"), "2026-W49");
    expect(plan.complete).toBe(false);
    expect(plan.against).toEqual([]);
  });

  it("does not set a 14-week block against a 13-week one, nor a 53-week year against 52", () => {
    const block = planComparison(periodContaining("2026-W53", "13w"), "2027-W02");
    expect(block.current.weeks).toBe(14);
    expect(block.against).toEqual([]);
    expect(block.unequal.map((u) => spanLabel(u.span))).toEqual(["W27–W39 2026", "W40–W52 2025"]);
    const year = planComparison(periodContaining("2026-W10", "52w"), "2027-W02");
    expect(year.against).toEqual([]);
    expect(planComparison(periodContaining("2025-W10", "52w"), "2027-W02").against.map((a) => spanLabel(a.span))).toEqual(["W01–W52 2024", "W01–W52 2024"]);
  });

  it("finds the same block a year earlier", () => {
    expect(spanLabel(samePeriodLastYear(periodContaining("2026-W01", "13w")))).toBe("W01–W13 2025");
  });
});

describe("changeBetween", () => {
  it("gives the change only between two figures shown as numbers", () => {
    expect(changeBetween({ kind: "count", value: 2871 }, { kind: "count", value: 1717 })).toEqual({ absolute: 1154, percent: 67 });
    expect(changeBetween({ kind: "count", value: 3 }, { kind: "count", value: 0 })).toEqual({ absolute: 3, percent: null });
    expect(changeBetween({ kind: "suppressed", below: 5 }, { kind: "count", value: 9 })).toBeNull();
    expect(changeBetween({ kind: "count", value: 9 }, { kind: "hidden" })).toBeNull();
    expect(signedNumber(-12, String)).toBe("\u221212");
    expect(signedNumber(0, String)).toBe("0");
  });
});
