import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShown, pinsAHiddenPart, protectCube, protectFacet, showCount, type Hierarchy, type Shown } from "./disclosure.ts";

const flat = (node: string): Hierarchy => ({ nodes: [node], children: new Map() });

/** city → stadsdelen → wijken, "all" → phenomena, "period" → weeks. */
function cube(layout: number[], phenomena: number, weeks: number) {
  const wijken: string[] = [];
  const areaChildren = new Map<string, string[]>();
  const stadsdelen = layout.map((count, s) => {
    const ids = Array.from({ length: count }, (_, w) => `w${s}-${w}`);
    wijken.push(...ids);
    areaChildren.set(`s${s}`, ids);
    return `s${s}`;
  });
  areaChildren.set("city", stadsdelen);
  const phens = Array.from({ length: phenomena }, (_, i) => `p${i}`);
  const weekIds = Array.from({ length: weeks }, (_, i) => `t${i}`);
  const dims: [Hierarchy, Hierarchy, Hierarchy] = [
    { nodes: ["city", ...stadsdelen, ...wijken], children: areaChildren },
    { nodes: ["all", ...phens], children: new Map([["all", phens]]) },
    { nodes: ["period", ...weekIds], children: new Map([["period", weekIds]]) },
  ];
  return { dims, wijken, phens, weekIds };
}

describe("showCount", () => {
  it("shows 0 and counts from the threshold up, and hides 1 to 4", () => {
    expect(showCount(5, 5)).toEqual({ kind: "count", value: 5 });
    expect(showCount(4, 5)).toEqual({ kind: "suppressed", below: 5 });
    expect(showCount(1, 5)).toEqual({ kind: "suppressed", below: 5 });
    expect(showCount(0, 5)).toEqual({ kind: "count", value: 0 });
    expect(formatShown(showCount(3, 10))).toBe("< 10");
    expect(formatShown({ kind: "hidden" })).toBe("×");
  });
});

describe("pinsAHiddenPart", () => {
  it("knows when hidden parts can only take one value", () => {
    expect(pinsAHiddenPart(8, 2, 0, 5)).toBe(true); // 4 + 4
    expect(pinsAHiddenPart(2, 2, 0, 5)).toBe(true); // 1 + 1
    expect(pinsAHiddenPart(5, 2, 0, 5)).toBe(false); // 1+4 … 4+1
    expect(pinsAHiddenPart(6, 1, 1, 5)).toBe(false); // "×" may be anything: 1 + 5, 4 + 2, …
    expect(pinsAHiddenPart(1, 1, 1, 5)).toBe(true); // 1 + 0
  });
});

describe("protectCube", () => {
  it("hides a second wijk rather than the stadsdeel total that would give back its one small wijk", () => {
    const { dims } = cube([3, 2], 1, 1);
    const counts: Record<string, number> = { "w0-0": 3, "w0-1": 20, "w0-2": 9, "w1-0": 30, "w1-1": 40 };
    const result = protectCube(dims, (area) => counts[area] ?? 0, 5);
    expect(result.shown("w0-0", "p0", "t0")).toEqual({ kind: "suppressed", below: 5 });
    // 32 − 20 − 9 would be the 3: the smallest other wijk goes with it, the total stays.
    expect(result.shown("w0-2", "p0", "t0")).toEqual({ kind: "hidden" });
    expect(result.shown("w0-1", "p0", "t0")).toEqual({ kind: "count", value: 20 });
    expect(result.shown("s0", "p0", "t0")).toEqual({ kind: "count", value: 32 });
    expect(result.shown("city", "p0", "t0")).toEqual({ kind: "count", value: 102 });
  });

  it("hides the total when no other part can go with the small one", () => {
    const { dims } = cube([2, 1], 1, 1);
    const counts: Record<string, number> = { "w0-0": 3, "w0-1": 0, "w1-0": 30 };
    const result = protectCube(dims, (area) => counts[area] ?? 0, 5);
    expect(result.shown("s0", "p0", "t0")).toEqual({ kind: "suppressed", below: 5 });
    expect(result.shown("w1-0", "p0", "t0").kind).toBe("hidden");
    expect(result.shown("city", "p0", "t0")).toEqual({ kind: "count", value: 33 });
  });

  it("shows everything when nothing is small", () => {
    const { dims } = cube([2, 1], 2, 2);
    const result = protectCube(dims, () => 7, 5);
    expect(result.shown("city", "all", "period")).toEqual({ kind: "count", value: 7 * 3 * 2 * 2 });
    expect(result.shown("w1-0", "p1", "t1")).toEqual({ kind: "count", value: 7 });
  });

  it("never lets a single total give a hidden cell back (property)", () => {
    const threshold = 5;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 81, maxLength: 81 }),
        (layout, phenomena, weeks, pool) => {
          const { dims } = cube(layout, phenomena, weeks);
          let next = 0;
          const leaves = new Map<string, number>();
          const leaf = (a: string, p: string, t: string) => {
            const key = `${a}|${p}|${t}`;
            if (!leaves.has(key)) leaves.set(key, pool[next++ % pool.length]!);
            return leaves.get(key)!;
          };
          const result = protectCube(dims, leaf, threshold);
          const cells: [string, string, string][] = [];
          for (const a of dims[0].nodes) for (const p of dims[1].nodes) for (const t of dims[2].nodes) cells.push([a, p, t]);
          const show = (c: [string, string, string]): Shown => result.shown(...c);
          for (const c of cells) {
            const value = result.trueValue(...c);
            const shown = show(c);
            // Exact where shown, never a small number shown, every small number suppressed.
            if (shown.kind === "count") expect(shown.value).toBe(value);
            if (value > 0 && value < threshold) expect(shown.kind).toBe("suppressed");
            if (shown.kind === "suppressed") expect(value > 0 && value < threshold).toBe(true);
          }
          // Every total with its parts, along each dimension.
          for (const [a, p, t] of cells) {
            const groups: [string, string, string][][] = [];
            const ac = dims[0].children.get(a);
            if (ac) groups.push(ac.map((x) => [x, p, t]));
            const pc = dims[1].children.get(p);
            if (pc) groups.push(pc.map((x) => [a, x, t]));
            const tc = dims[2].children.get(t);
            if (tc) groups.push(tc.map((x) => [a, p, x]));
            for (const parts of groups) {
              const hidden = parts.filter((part) => show(part).kind !== "count");
              if (show([a, p, t]).kind === "count") {
                // A shown total minus its shown parts never pins a hidden part.
                expect(hidden.length).not.toBe(1);
                if (hidden.length > 0) {
                  const rest = result.trueValue(a, p, t) - parts.filter((x) => show(x).kind === "count").reduce((s, x) => s + result.trueValue(...x), 0);
                  const primary = hidden.filter((x) => show(x).kind === "suppressed").length;
                  expect(pinsAHiddenPart(rest, primary, hidden.length - primary, threshold)).toBe(false);
                }
              } else {
                // A hidden total cannot be added up from its parts.
                expect(hidden.length).toBeGreaterThan(0);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps a facet value from being subtracted from the unfiltered figure (property)", () => {
    const threshold = 5;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 97, maxLength: 97 }),
        (layout, phenomena, weeks, facetCount, pool) => {
          const { dims } = cube(layout, phenomena, weeks);
          const facetValues = Array.from({ length: facetCount }, (_, i) => `f${i}`);
          let next = 0;
          const leaves = new Map<string, number>();
          const leaf = (f: string, a: string, p: string, t: string) => {
            const key = `${f}|${a}|${p}|${t}`;
            if (!leaves.has(key)) leaves.set(key, pool[next++ % pool.length]!);
            return leaves.get(key)!;
          };
          const whole = protectCube(dims, (a, p, t) => facetValues.reduce((sum, f) => sum + leaf(f, a, p, t), 0), threshold);
          const before = JSON.stringify(dims[0].nodes.map((a) => whole.shown(a, "all", "period")));
          const slices = protectFacet(dims, facetValues, leaf, whole, threshold);
          // The unfiltered figures do not change.
          expect(JSON.stringify(dims[0].nodes.map((a) => whole.shown(a, "all", "period")))).toBe(before);
          for (const a of dims[0].nodes) {
            for (const p of dims[1].nodes) {
              for (const t of dims[2].nodes) {
                const parts = facetValues.map((f) => ({ shown: slices.get(f)!.shown(a, p, t), value: slices.get(f)!.trueValue(a, p, t) }));
                for (const part of parts) {
                  if (part.shown.kind === "count") expect(part.shown.value).toBe(part.value);
                  if (part.value > 0 && part.value < threshold) expect(part.shown.kind).not.toBe("count");
                  if (part.shown.kind === "suppressed") expect(part.value > 0 && part.value < threshold).toBe(true);
                }
                const hidden = parts.filter((x) => x.shown.kind !== "count");
                const total = whole.shown(a, p, t);
                if (total.kind === "count") {
                  expect(hidden.length).not.toBe(1);
                  if (hidden.length > 0) {
                    const rest = total.value - parts.filter((x) => x.shown.kind === "count").reduce((sum, x) => sum + x.value, 0);
                    const primary = hidden.filter((x) => x.shown.kind === "suppressed").length;
                    expect(pinsAHiddenPart(rest, primary, hidden.length - primary, threshold)).toBe(false);
                  }
                } else if (whole.trueValue(a, p, t) > 0) {
                  expect(hidden.length).toBeGreaterThan(0);
                }
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("treats a node it does not know as an empty cell", () => {
    const result = protectCube([flat("a"), flat("p"), flat("t")], () => 9, 5);
    expect(result.shown("elsewhere", "p", "t")).toEqual({ kind: "count", value: 0 });
    expect(result.shown("a", "p", "t")).toEqual({ kind: "count", value: 9 });
  });
});
