import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poissonUpperTail, rarityBucket, roundedBaseline, testForSpike } from "./early-warning.ts";

describe("the early-warning statistic", () => {
  it("computes the Poisson upper tail", () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 10);
  });

  it("flags an injected spike", () => {
    const result = testForSpike(12, [2, 3, 2, 1, 3, 2, 3, 2], 5);
    expect(result.flagged).toBe(true);
    expect(result.baseline).toBeCloseTo(2.25);
    expect(result.pValue).toBeLessThan(0.001);
  });

  it("does not flag a small count, however unusual", () => {
    expect(testForSpike(4, [0, 0, 0, 0, 0, 0, 0, 0], 5).flagged).toBe(false);
  });

  it("does not flag a steady series at any level (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), (level) => {
        expect(testForSpike(level, Array(8).fill(level), 5).flagged).toBe(false);
      }),
    );
  });

  it("does not flag ordinary week-to-week noise around a high level", () => {
    expect(testForSpike(58, [50, 47, 53, 49, 52, 48, 51, 50], 5).flagged).toBe(false);
    expect(testForSpike(90, [50, 47, 53, 49, 52, 48, 51, 50], 5).flagged).toBe(true);
  });

  it("says how rare in buckets and rounds the baseline", () => {
    expect(rarityBucket(0.0009)).toBe(1000);
    expect(rarityBucket(0.00005)).toBe(10000);
    expect(rarityBucket(1e-9)).toBe(100000);
    expect(roundedBaseline(0.4)).toEqual({ lessThanOne: true });
    expect(roundedBaseline(2.3)).toEqual({ lessThanOne: false, perWeek: 2 });
  });
});
