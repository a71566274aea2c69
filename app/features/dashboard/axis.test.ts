import { describe, expect, it } from "vitest";
import { niceTicks } from "./axis.ts";

describe("niceTicks", () => {
  it("puts ticks on round numbers from 0 up to at least the maximum", () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(5)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [1, 3, 7, 13, 99, 101, 4999, 123456]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(max);
      const step = ticks[1]!;
      expect(String(step)).toMatch(/^[125]0*$/);
      expect(ticks.every((t, i) => t === i * step)).toBe(true);
    }
  });
});
