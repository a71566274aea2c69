import { describe, expect, it } from "vitest";
import { auditPublication, SHOWN, SMALL } from "./lp-audit.ts";
import { protectStructure } from "./protect.ts";
import { buildStructure, fillValues, reachOrganisationKey, reachStadsdeelKey, type StructureInput } from "./structure.ts";

// Referral reach as cells of the one structure: the dashboard's figure per
// flow and stadsdeel is the sum of the organisations' weeks on /bereik, so
// "stadsdeel minus the shown organisations" must not give a small count back.

const weeks = Array.from({ length: 13 }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);

function input(visits: StructureInput["reach"] extends infer R ? (R extends { visits: infer V } ? V : never) : never): StructureInput {
  return {
    areas: { stadsdelen: [{ id: "sd1", wijken: ["w1"] }, { id: "sd2", wijken: ["w2"] }] },
    phenomena: ["phishing"],
    facets: { channel: [], target_group: [], urgency: [] },
    organisations: [],
    weeks,
    weeksInYear: 53,
    reach: {
      organisations: [
        { id: "o1", stadsdeel: "sd1" },
        { id: "o2", stadsdeel: "sd1" },
        { id: "o3", stadsdeel: "sd1" },
        { id: "o4", stadsdeel: "sd2" },
      ],
      flows: ["f"],
      visits,
    },
  };
}

describe("referral reach in the protected structure", () => {
  const visits = [
    { target: "flow:f", organisation: "o1", week: "2026-W01", visits: 7 },
    { target: "flow:f", organisation: "o2", week: "2026-W01", visits: 6 },
    { target: "flow:f", organisation: "o3", week: "2026-W02", visits: 2 },
    { target: "tip:t", organisation: "o3", week: "2026-W02", visits: 9 },
  ];

  it("has a cell per organisation week with visits and per flow, stadsdeel and block, tied by a sum", () => {
    const structure = buildStructure(input(visits));
    const values = fillValues(structure, input(visits), [], []);
    const at = (key: string) => values[structure.index.get(key)!];
    expect(at(reachStadsdeelKey("flow:f", "sd1", "B1"))).toBe(15);
    expect(at(reachStadsdeelKey("flow:f", "sd2", "B1"))).toBe(0);
    expect(at(reachOrganisationKey("tip:t", "o3", "2026-W02"))).toBe(9);
    // A week without visits is a published 0, not a cell; tips are not summed per stadsdeel.
    expect(structure.index.has(reachOrganisationKey("flow:f", "o1", "2026-W03"))).toBe(false);
    expect(structure.index.has(reachStadsdeelKey("tip:t", "sd1", "B1"))).toBe(false);
    const sum = structure.relations.find((r) => r.parent === structure.index.get(reachStadsdeelKey("flow:f", "sd1", "B1")));
    expect(sum?.parts.map((p) => structure.keys[p]).sort()).toEqual(
      [reachOrganisationKey("flow:f", "o1", "2026-W01"), reachOrganisationKey("flow:f", "o2", "2026-W01"), reachOrganisationKey("flow:f", "o3", "2026-W02")].sort(),
    );
  });

  it("hides enough that the stadsdeel minus the shown organisations gives no small count back", async () => {
    const structure = buildStructure(input(visits));
    const values = fillValues(structure, input(visits), [], []);
    const small = structure.index.get(reachOrganisationKey("flow:f", "o3", "2026-W02"))!;
    // Small counts alone hidden: 15 − 7 − 6 = 2.
    const naive = new Uint8Array(values.length).map((_, i) => (values[i]! > 0 && values[i]! < 5 ? SMALL : SHOWN));
    const caught = await auditPublication({ states: naive, shownValue: (c) => values[c]!, relations: structure.relations, threshold: 5 });
    expect(caught.map((f) => structure.keys[f.cell])).toContain(structure.keys[small]);
    const states = await protectStructure({ values, relations: structure.relations, threshold: 5 });
    expect(states[small]).toBe(SMALL);
    expect(await auditPublication({ states, shownValue: (c) => values[c]!, relations: structure.relations, threshold: 5 })).toEqual([]);
  });
});
