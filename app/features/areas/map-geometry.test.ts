import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaFileSchema, type Boundary } from "./area-file.ts";
import { insidePolygon, labelBox, overlaps, projectMap, stadsdeelOutlines } from "./map-geometry.ts";

const square = (x: number, y: number, size = 0.01): Boundary => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

describe("projecting wijken to SVG", () => {
  it("keeps north up and the shapes' proportions at the city's latitude", () => {
    const map = projectMap([{ id: "a", stadsdeelId: "s", number: 1, boundary: square(4.3, 52.07) }], { width: 100, padding: 0, fontSize: 10 });
    // A square in degrees is cos(52.07°) ≈ 0.615 as wide as it is high on the ground.
    const height = 100 / Math.cos((52.075 * Math.PI) / 180);
    expect(map.height).toBe(Math.ceil(height));
    const bottom = String(Math.round(height * 10) / 10);
    expect(map.wijken[0]!.path).toBe(`M0 ${bottom}L100 ${bottom}L100 0L0 0Z`);
  });

  it("outlines a stadsdeel along the edges its wijken do not share", () => {
    // Two squares side by side in one stadsdeel, one more in another.
    const polygons = (b: Boundary) => [(b as { coordinates: number[][][] }).coordinates.map((ring) => ring.map(([x, y]) => [x! * 100, y! * 100] as [number, number]))];
    const outlines = stadsdeelOutlines([
      { stadsdeelId: "west", polygons: polygons(square(0, 0, 1)) },
      { stadsdeelId: "west", polygons: polygons(square(1, 0, 1)) },
      { stadsdeelId: "east", polygons: polygons(square(2, 0, 1)) },
    ]);
    const west = outlines.find((o) => o.id === "west")!.path;
    // The shared edge x = 100 from y 0 to 100 is not part of the outline; the outer edges are.
    expect(west).not.toMatch(/100 0L100 100|100 100L100 0/);
    const segments = west.split("M").filter(Boolean).flatMap((run) => {
      const points = run.split("L");
      return points.slice(1).map((p, i) => `${points[i]}-${p}`);
    });
    expect(segments).toHaveLength(6);
    expect(outlines.find((o) => o.id === "east")!.path.split("L")).toHaveLength(5);
  });

  it("places each number inside its wijk, clear of the others, or not at all", () => {
    const file = areaFileSchema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../content/areas/den-haag.json"), "utf8")));
    const input = file.stadsdelen.flatMap((sd) => sd.wijken.map((w) => ({ id: w.cbs!, stadsdeelId: sd.name, number: w.number!, boundary: w.boundary! })));
    const map = projectMap(input, { width: 360, padding: 6, fontSize: 11 });
    expect(map.wijken).toHaveLength(44);
    expect(map.stadsdelen).toHaveLength(8);
    const labelled = map.wijken.filter((w) => w.label);
    expect(labelled.length).toBeGreaterThan(26);
    const boxes = labelled.map((w) => labelBox(w.label!.text, w.label!.x, w.label!.y, map.fontSize));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    // Every label's anchor lies inside its own shape (the projected path, read back).
    for (const w of labelled) {
      const rings = w.path.split("Z").filter(Boolean).map((ring) => ring.replace(/^M/, "").split("L").map((p) => p.split(" ").map(Number) as [number, number]));
      expect(insidePolygon([w.label!.x, w.label!.y], rings.map((r) => [...r, r[0]!])), w.id).toBe(true);
      expect(Number(w.label!.text)).toBe(Number(w.id.slice(-2)));
    }
  });
});
