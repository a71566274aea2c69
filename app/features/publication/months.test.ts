import { describe, expect, it } from "vitest";
import { auditPublication, HIDDEN, SHOWN, SMALL } from "./lp-audit.ts";
import { protectStructure } from "./protect.ts";
import { buildStructure, fillValues, signalKey, type SignalCount, type StructureInput } from "./structure.ts";

// Months of whole weeks as cells of the one structure: a month is the sum of
// its weeks, so a month must never give a hidden week back.

const weeks = Array.from({ length: 10 }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);
const input: StructureInput = {
  areas: { stadsdelen: [{ id: "sd1", wijken: ["w1"] }, { id: "sd2", wijken: ["w2"] }] },
  phenomena: ["phishing", "fraud"],
  facets: { channel: [], target_group: [], urgency: [] },
  organisations: [],
  weeks,
  weeksInYear: 53,
};
const count = (wijk: string, week: string, signals: number, phenomenon = "phishing"): SignalCount => ({ wijk, phenomenon, week, slice: "*", signals });

describe("months of whole weeks in the protected structure", () => {
  it("has a cell for each month whose weeks are all published, the sum of its weeks", () => {
    const structure = buildStructure(input);
    // January 2026 is W01–W05 (Thursdays 1–29 January), February W06–W09; March (W10–W13) is not complete.
    expect(structure.index.has(signalKey("*", "city", "all", "2026-01"))).toBe(true);
    expect(structure.index.has(signalKey("*", "sd2", "phishing", "2026-02"))).toBe(true);
    expect(structure.index.has(signalKey("*", "city", "all", "2026-03"))).toBe(false);
    // Not per wijk: wijken are published per block and year only.
    expect(structure.index.has(signalKey("*", "w1", "all", "2026-01"))).toBe(false);
    const month = structure.index.get(signalKey("*", "sd1", "all", "2026-02"))!;
    const weekCells = ["2026-W06", "2026-W07", "2026-W08", "2026-W09"].map((w) => structure.index.get(signalKey("*", "sd1", "all", w))!);
    expect(structure.relations).toContainEqual({ parent: month, parts: weekCells });
    const values = fillValues(structure, input, [count("w1", "2026-W06", 3), count("w1", "2026-W09", 8), count("w1", "2026-W10", 4)], []);
    expect(values[month]).toBe(11);
  });

  it("protects months and weeks together: no hidden week can be worked out from a month", async () => {
    const structure = buildStructure(input);
    // sd1: one week with 1 signal beside weeks of 6 and 7; sd2 busy.
    const counts = [count("w1", "2026-W06", 6), count("w1", "2026-W07", 1), count("w1", "2026-W08", 7)];
    for (const w of weeks) counts.push(count("w2", w, 9), count("w2", w, 6, "fraud"));
    const values = fillValues(structure, input, counts, []);
    const states = await protectStructure({ values, relations: structure.relations, threshold: 5 });
    const at = (key: string) => states[structure.index.get(key)!];
    expect(at(signalKey("*", "sd1", "all", "2026-W07"))).toBe(SMALL);
    // The month (14) may not be shown beside its other weeks all shown: something else is hidden.
    const february = ["2026-W06", "2026-W08", "2026-W09"].map((w) => at(signalKey("*", "sd1", "all", w)));
    expect(at(signalKey("*", "sd1", "all", "2026-02")) !== SHOWN || february.some((s) => s === HIDDEN)).toBe(true);
    const findings = await auditPublication({ states, shownValue: (cell) => values[cell]!, relations: structure.relations, threshold: 5 });
    expect(findings).toEqual([]);
  });

  it("adds a month over weeks published before without a promise it cannot keep", async () => {
    const counts: SignalCount[] = [count("w1", "2026-W01", 6), count("w1", "2026-W02", 1), count("w1", "2026-W03", 7), count("w1", "2026-W03", 2, "fraud")];
    for (const w of ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]) counts.push(count("w2", w, 9), count("w2", w, 6, "fraud"));
    // Through week 4: January (weeks 1–5) is not complete, so it has no cell yet.
    const first = { ...input, weeks: weeks.slice(0, 4) };
    const before = buildStructure(first);
    expect(before.index.has(signalKey("*", "city", "all", "2026-01"))).toBe(false);
    const beforeValues = fillValues(before, first, counts, []);
    const beforeStates = await protectStructure({ values: beforeValues, relations: before.relations, threshold: 5 });
    // Through week 5 (empty): the month appears, every cell of the first publication keeps its state.
    const second = { ...input, weeks: weeks.slice(0, 5) };
    const after = buildStructure(second);
    const values = fillValues(after, second, counts, []);
    const locked = new Map(before.keys.map((key, i) => [after.index.get(key)!, beforeStates[i] as 0 | 1 | 2]));
    const states = await protectStructure({ values, relations: after.relations, threshold: 5, locked });
    for (const [cell, state] of locked) expect(states[cell]).toBe(state);
    expect(after.index.has(signalKey("*", "city", "all", "2026-01"))).toBe(true);
    // sd2's January follows from its weeks, all shown: it is shown too.
    expect(states[after.index.get(signalKey("*", "sd2", "phishing", "2026-01"))!]).toBe(SHOWN);
    expect(await auditPublication({ states, shownValue: (cell) => values[cell]!, relations: after.relations, threshold: 5 })).toEqual([]);
  });
});
