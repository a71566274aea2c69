import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { colourClasses } from "./colour-classes.ts";

describe("colourClasses", () => {
  it("never gives the '5 – 4' class when the maximum is under 5 × the threshold", () => {
    // The old breaks (0.2–0.8 × the maximum of 20) gave 4, 8, 12, 16 after a first class starting at 5.
    const { classes, classOf } = colourClasses([5, 7, 12, 20, 0, null], { lowest: 5, step: 1 });
    expect(classes).toEqual([
      { from: 5, to: 8 },
      { from: 9, to: 12 },
      { from: 13, to: 16 },
      { from: 17, to: 20 },
    ]);
    expect([5, 7, 12, 20].map(classOf)).toEqual([1, 1, 2, 4]);
    expect(classOf(0)).toBe(0);
    expect(classOf(null)).toBeNull();
  });

  it("gives fewer classes when there are few values to tell apart", () => {
    expect(colourClasses([5, 6], { lowest: 5, step: 1 }).classes).toEqual([
      { from: 5, to: 5 },
      { from: 6, to: 6 },
    ]);
    expect(colourClasses([], { lowest: 5, step: 1 }).classes).toEqual([]);
    expect(colourClasses([0, null], { lowest: 5, step: 1 }).classes).toEqual([]);
  });

  it("works in tenths for rates", () => {
    const { classes, classOf } = colourClasses([0.4, 1.3, 2.5], { lowest: 0, step: 0.1 });
    expect(classes[0]!.from).toBe(0.1);
    expect(classes[classes.length - 1]!.to).toBe(2.5);
    expect(classOf(2.5)).toBe(classes.length);
  });

  it("never overlaps, never runs backwards and puts every value in a class, whatever the data", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 50 }), fc.integer({ min: 1, max: 20 }), (values, threshold) => {
        const shown = values.map((v) => (v > 0 && v < threshold ? null : v));
        const { classes, classOf } = colourClasses(shown, { lowest: threshold, step: 1 });
        expect(classes.length).toBeLessThanOrEqual(5);
        for (const [i, c] of classes.entries()) {
          expect(c.from).toBeLessThanOrEqual(c.to);
          if (i > 0) expect(c.from).toBe(classes[i - 1]!.to + 1);
        }
        for (const v of shown) {
          const level = classOf(v);
          if (v === null) expect(level).toBeNull();
          else if (v === 0) expect(level).toBe(0);
          else {
            const c = classes[level! - 1]!;
            expect(v >= c.from && v <= c.to).toBe(true);
          }
        }
      }),
    );
  });
});
