import { describe, expect, it } from "vitest";
import { auditPublication, HIDDEN, SHOWN, SMALL, type Relation } from "./lp-audit.ts";
import { protectStructure } from "./protect.ts";

// A year of four blocks for three wijken and their stadsdeel: rows are areas
// (3 wijken, then the stadsdeel), columns are blocks (4, then the year).
function table(counts: number[][]): { values: Float64Array; relations: Relation[]; at: (row: number, col: number) => number } {
  const rows = counts.length + 1;
  const cols = counts[0]!.length + 1;
  const at = (row: number, col: number) => row * cols + col;
  const values = new Float64Array(rows * cols);
  counts.forEach((row, r) => row.forEach((v, c) => (values[at(r, c)] = v)));
  for (let r = 0; r < rows - 1; r++) values[at(r, cols - 1)] = counts[r]!.reduce((a, b) => a + b, 0);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows - 1; r++) values[at(rows - 1, c)]! += values[at(r, c)]!;
  const relations: Relation[] = [];
  for (let r = 0; r < rows; r++) relations.push({ parent: at(r, cols - 1), parts: Array.from({ length: cols - 1 }, (_, c) => at(r, c)) });
  for (let c = 0; c < cols; c++) relations.push({ parent: at(rows - 1, c), parts: Array.from({ length: rows - 1 }, (_, r) => at(r, c)) });
  return { values, relations, at };
}

describe("the LP audit", () => {
  it("finds a '< t' block that the year minus the other blocks gives back", async () => {
    const { values, relations, at } = table([[20, 30, 25, 3], [10, 12, 15, 11], [9, 8, 7, 6]]);
    const states = new Uint8Array(values.length);
    states[at(0, 3)] = SMALL;
    const findings = await auditPublication({ states, shownValue: (c) => values[c]!, relations, threshold: 5 });
    expect(findings.map((f) => f.cell)).toEqual([at(0, 3)]);
    expect(findings[0]).toMatchObject({ low: 3, high: 3 });
  });

  it("accepts a table where every hidden cell keeps its full range", async () => {
    const { values, relations, at } = table([[20, 30, 25, 3], [10, 12, 15, 11], [9, 8, 7, 6]]);
    const states = new Uint8Array(values.length);
    states[at(0, 3)] = SMALL;
    for (const cell of [at(0, 2), at(1, 3), at(1, 2)]) states[cell] = HIDDEN;
    const findings = await auditPublication({ states, shownValue: (c) => values[c]!, relations, threshold: 5 });
    expect(findings).toEqual([]);
  });
});

describe("protectStructure", () => {
  it("hides until the audit passes, and never changes a locked cell", async () => {
    const { values, relations, at } = table([[20, 30, 25, 3], [10, 2, 15, 11], [9, 8, 7, 6]]);
    const states = await protectStructure({ values, relations, threshold: 5 });
    expect(states[at(0, 3)]).toBe(SMALL);
    expect(states[at(1, 1)]).toBe(SMALL);
    expect(await auditPublication({ states, shownValue: (c) => values[c]!, relations, threshold: 5 })).toEqual([]);
    // Shown cells stay shown when they are locked: the remedy is found elsewhere.
    const locked = new Map([[at(0, 2), SHOWN], [at(1, 3), SHOWN]] as const);
    const again = await protectStructure({ values, relations, threshold: 5, locked });
    expect(again[at(0, 2)]).toBe(SHOWN);
    expect(again[at(1, 3)]).toBe(SHOWN);
    expect(await auditPublication({ states: again, shownValue: (c) => values[c]!, relations, threshold: 5 })).toEqual([]);
  });
});
