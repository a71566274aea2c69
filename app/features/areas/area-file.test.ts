import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaFileSchema, type Boundary } from "./area-file.ts";

// content/areas/den-haag.json against what CBS publishes for 2024: 44 wijken,
// each with its code, number, population and a boundary that can be drawn.

const file = areaFileSchema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../content/areas/den-haag.json"), "utf8")));
const wijken = file.stadsdelen.flatMap((sd) => sd.wijken.map((w) => ({ ...w, stadsdeel: sd.name })));

/** Twice the signed area of a ring in degrees (shoelace); positive when counter-clockwise. */
function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum / 2;
}

function polygons(boundary: Boundary): number[][][][] {
  return boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
}

/** Whether two segments cross at a point inside both (touching ends do not count). */
function segmentsCross(a: number[], b: number[], c: number[], d: number[]): boolean {
  const cross = (p: number[], q: number[], r: number[]) => (q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

describe("the Den Haag area file (CBS 2024)", () => {
  it("has the 44 wijken of CBS 2024, each with its own code, number and population", () => {
    expect(file.municipality.cbsCode).toBe("GM0518");
    expect(wijken).toHaveLength(44);
    const codes = wijken.map((w) => w.cbs);
    expect(new Set(codes).size).toBe(44);
    expect([...codes].sort()).toEqual(Array.from({ length: 44 }, (_, i) => `WK0518${String(i + 1).padStart(2, "0")}`));
    for (const w of wijken) {
      expect(w.number, w.name).toBe(Number(w.cbs!.slice(-2)));
      expect(w.population, w.name).toBeTypeOf("number");
    }
    expect(new Set(wijken.map((w) => w.name)).size).toBe(44);
    // CBS 2024 names and figures (cbs-2024/den-haag-wijken-population.csv).
    expect(wijken.find((w) => w.cbs === "WK051833")?.name).toBe("Bouwlust");
    expect(wijken.find((w) => w.cbs === "WK051837")).toMatchObject({ name: "Groente- en Fruitmarkt", population: 7355 });
    expect(wijken.find((w) => w.cbs === "WK051801")).toMatchObject({ name: "Oostduinen", population: 0 });
    expect(wijken.reduce((sum, w) => sum + w.population!, 0)).toBe(566_210);
  });

  it("puts every wijk in one of the eight stadsdelen and names the credit line", () => {
    expect(file.stadsdelen.map((sd) => sd.name)).toEqual(["Centrum", "Escamp", "Haagse Hout", "Laak", "Leidschenveen-Ypenburg", "Loosduinen", "Scheveningen", "Segbroek"]);
    expect(file.stadsdelen.find((sd) => sd.name === "Escamp")!.wijken.map((w) => w.name)).toContain("Groente- en Fruitmarkt");
    expect(file.credit).toBe("Bron: Kadaster / Centraal Bureau voor de Statistiek, 2024");
  });

  it("gives every wijk a valid boundary inside Den Haag", () => {
    for (const w of wijken) {
      expect(w.boundary, w.name).toBeDefined();
      for (const polygon of polygons(w.boundary!)) {
        const [outer, ...holes] = polygon;
        // RFC 7946: the outer ring counter-clockwise, holes clockwise, each with an area.
        expect(ringArea(outer!), w.name).toBeGreaterThan(0);
        for (const hole of holes) expect(ringArea(hole), w.name).toBeLessThan(0);
        for (const ring of polygon) {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [lon, lat] of ring) {
            expect(lon, w.name).toBeGreaterThan(4.18);
            expect(lon, w.name).toBeLessThan(4.45);
            expect(lat, w.name).toBeGreaterThan(52.0);
            expect(lat, w.name).toBeLessThan(52.14);
          }
          // A simple ring: no edge crosses another.
          for (let i = 0; i < ring.length - 1; i++)
            for (let j = i + 2; j < ring.length - 1; j++) {
              if (i === 0 && j === ring.length - 2) continue;
              expect(segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!), `${w.name}: edges ${i} and ${j}`).toBe(false);
            }
        }
      }
    }
  });

  it("refuses a ring that does not close or a position outside the globe", () => {
    const valid = file.stadsdelen[0]!.wijken[0]!;
    const open = { ...valid, boundary: { type: "Polygon", coordinates: [[[4.3, 52.1], [4.31, 52.1], [4.31, 52.11], [4.3, 52.11]]] } };
    const far = { ...valid, boundary: { type: "Polygon", coordinates: [[[400, 52.1], [4.31, 52.1], [4.31, 52.11], [400, 52.1]]] } };
    for (const wijk of [open, far]) {
      const result = areaFileSchema.safeParse({ ...file, stadsdelen: [{ name: "X", wijken: [wijk] }] });
      expect(result.success).toBe(false);
    }
  });
});
