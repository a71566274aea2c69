import type { Boundary } from "./area-file.ts";

// Projects wijk boundaries (GeoJSON, WGS84) to SVG on the server, by our own
// code (docs/decisions/0410): a city is small enough for a plane projection
// (longitude scaled by the cosine of the middle latitude, north up), which
// keeps shapes and distances true to within a fraction of a percent over
// Den Haag's 15 km and needs no spherical winding rules. Stadsdeel outlines are
// the edges of its wijken that no other wijk of the same stadsdeel shares, so
// they follow the wijk borders exactly. Labels are the CBS wijk numbers, put
// at the point of each shape farthest from its border and left out where they
// do not fit or would overlap another: the table beside the map is the key.

export interface MapInputWijk {
  id: string;
  stadsdeelId: string;
  /** The CBS wijk number, the map's label; null: no label. */
  number: number | null;
  boundary: Boundary;
}

export interface ProjectedWijk {
  id: string;
  stadsdeelId: string;
  /** SVG path data in the map's coordinates. */
  path: string;
  /** Where its number is drawn, or null when it does not fit. */
  label: { text: string; x: number; y: number } | null;
}

export interface ProjectedMap {
  width: number;
  height: number;
  /** Label font size in the map's units. */
  fontSize: number;
  wijken: ProjectedWijk[];
  /** One outline per stadsdeel (SVG path data, open polylines). */
  stadsdelen: { id: string; path: string }[];
}

type Point = [number, number];

export interface ProjectOptions {
  /** Width of the map in its own units (the SVG viewBox); height follows from the shapes. */
  width: number;
  padding: number;
  fontSize: number;
}

/** A number as SVG text: one decimal is a tenth of a map unit, far below a pixel. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function polygonsOf(boundary: Boundary): Point[][][] {
  return (boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates) as Point[][][];
}

export function projectMap(input: readonly MapInputWijk[], options: ProjectOptions): ProjectedMap {
  const { width, padding, fontSize } = options;
  if (input.length === 0) return { width, height: padding * 2, fontSize, wijken: [], stadsdelen: [] };
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const wijk of input)
    for (const polygon of polygonsOf(wijk.boundary))
      for (const [lon, lat] of polygon[0]!) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cos, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - padding * 2) / spanX;
  const height = Math.ceil(spanY * scale + padding * 2);
  const project = ([lon, lat]: Point): Point => [padding + (lon - minLon) * cos * scale, padding + (maxLat - lat) * scale];

  const projected = input.map((wijk) => ({ wijk, polygons: polygonsOf(wijk.boundary).map((polygon) => polygon.map((ring) => ring.map(project))) }));

  const wijken: ProjectedWijk[] = projected.map(({ wijk, polygons }) => ({
    id: wijk.id,
    stadsdeelId: wijk.stadsdeelId,
    path: polygons.map((polygon) => polygon.map(ringPath).join("")).join(""),
    label: null,
  }));

  // Labels: the roomiest first, each only where its box fits inside its shape and clear of the others.
  const candidates = projected
    .map(({ wijk, polygons }, index) => {
      if (wijk.number === null) return null;
      const best = polygons.map(roomiestPoint).sort((a, b) => b.room - a.room)[0]!;
      return { index, text: String(wijk.number), ...best };
    })
    .filter((c) => c !== null)
    .sort((a, b) => b.room - a.room);
  const placed: Box[] = [];
  for (const candidate of candidates) {
    const box = labelBox(candidate.text, candidate.x, candidate.y, fontSize);
    const halfDiagonal = Math.hypot(box.right - box.left, box.bottom - box.top) / 2;
    if (candidate.room < halfDiagonal) continue;
    if (placed.some((other) => overlaps(box, other))) continue;
    placed.push(box);
    wijken[candidate.index]!.label = { text: candidate.text, x: Math.round(candidate.x * 10) / 10, y: Math.round(candidate.y * 10) / 10 };
  }

  return { width, height, fontSize, wijken, stadsdelen: stadsdeelOutlines(projected.map(({ wijk, polygons }) => ({ stadsdeelId: wijk.stadsdeelId, polygons }))) };
}

function ringPath(ring: Point[]): string {
  // GeoJSON repeats the first position at the end; Z closes the ring.
  const points = ring.slice(0, -1);
  return `M${points.map(([x, y]) => `${n(x)} ${n(y)}`).join("L")}Z`;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The box a centred label of digits takes (digits are about 0.6 em wide, the text about 1 em high). */
export function labelBox(text: string, x: number, y: number, fontSize: number): Box {
  const halfWidth = (text.length * 0.6 * fontSize) / 2 + 1;
  const halfHeight = fontSize / 2 + 1;
  return { left: x - halfWidth, right: x + halfWidth, top: y - halfHeight, bottom: y + halfHeight };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Whether a point lies inside a polygon (outer ring minus holes), by the even-odd rule. */
export function insidePolygon([x, y]: Point, polygon: Point[][]): boolean {
  let inside = false;
  for (const ring of polygon)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function distanceToBorder(point: Point, polygon: Point[][]): number {
  let best = Infinity;
  for (const ring of polygon) for (let i = 0; i < ring.length - 1; i++) best = Math.min(best, distanceToSegment(point, ring[i]!, ring[i + 1]!));
  return best;
}

/**
 * The point inside a polygon farthest from its border (how much room a label
 * has there), found on a grid that is refined twice around the best point.
 */
export function roomiestPoint(polygon: Point[][]): { x: number; y: number; room: number } {
  const outer = polygon[0]!;
  let left = Math.min(...outer.map((p) => p[0]));
  let right = Math.max(...outer.map((p) => p[0]));
  let top = Math.min(...outer.map((p) => p[1]));
  let bottom = Math.max(...outer.map((p) => p[1]));
  let best = { x: (left + right) / 2, y: (top + bottom) / 2, room: 0 };
  const steps = 12;
  for (let round = 0; round < 3; round++) {
    const stepX = (right - left) / steps;
    const stepY = (bottom - top) / steps;
    for (let i = 0; i <= steps; i++)
      for (let j = 0; j <= steps; j++) {
        const point: Point = [left + i * stepX, top + j * stepY];
        if (!insidePolygon(point, polygon)) continue;
        const room = distanceToBorder(point, polygon);
        if (room > best.room) best = { x: point[0], y: point[1], room };
      }
    left = best.x - stepX;
    right = best.x + stepX;
    top = best.y - stepY;
    bottom = best.y + stepY;
  }
  return best;
}

/**
 * A stadsdeel's outline: the edges of its wijken that no other wijk of the
 * same stadsdeel has (shared borders have the same vertices in CBS's
 * topology-preserving simplification), drawn as runs of consecutive edges.
 */
export function stadsdeelOutlines(wijken: readonly { stadsdeelId: string; polygons: Point[][][] }[]): { id: string; path: string }[] {
  const key = ([x, y]: Point) => `${n(x)} ${n(y)}`;
  const edgeKey = (a: Point, b: Point) => [key(a), key(b)].sort().join("|");
  const ids = [...new Set(wijken.map((w) => w.stadsdeelId))];
  return ids.map((id) => {
    const own = wijken.filter((w) => w.stadsdeelId === id);
    const counts = new Map<string, number>();
    for (const w of own)
      for (const polygon of w.polygons)
        for (const ring of polygon) for (let i = 0; i < ring.length - 1; i++) counts.set(edgeKey(ring[i]!, ring[i + 1]!), (counts.get(edgeKey(ring[i]!, ring[i + 1]!)) ?? 0) + 1);
    const parts: string[] = [];
    for (const w of own)
      for (const polygon of w.polygons)
        for (const ring of polygon) {
          let run: Point[] = [];
          const flush = () => {
            if (run.length > 1) parts.push(`M${run.map(key).join("L")}`);
            run = [];
          };
          for (let i = 0; i < ring.length - 1; i++) {
            const a = ring[i]!;
            const b = ring[i + 1]!;
            if (counts.get(edgeKey(a, b)) === 1) {
              if (run.length === 0) run.push(a);
              run.push(b);
            } else flush();
          }
          flush();
        }
    return { id, path: parts.join("") };
  });
}
