import type { AppServices } from "#app/services.server.ts";
import { listBoundaries } from "#app/features/areas/areas.server.ts";
import { projectMap, type ProjectedMap } from "#app/features/areas/map-geometry.ts";
import type { DashboardBase } from "./dashboard.server.ts";

// The dashboard map's shapes: the wijken in scope (the whole city, or the
// chosen stadsdeel's wijken only, zoomed to fill the map) projected to SVG on
// the server from the boundaries in the area file. No figures here: the map
// colours its shapes from mapView's published cells.

/** The map's width in its own units: about one unit per CSS pixel on a 390 px phone, so labels keep their size there. */
export const MAP_WIDTH = 360;
const MAP_PADDING = 6;
/** Label size in map units (about 11 px on a phone, larger where the map is drawn wider). */
export const MAP_FONT_SIZE = 11;

export interface MapShapes {
  /** Null when a wijk in scope has no boundary (an area file without them): the table stands alone then. */
  map: ProjectedMap | null;
  /** The wijk chosen in the filter, drawn with a heavier outline. */
  focus: string | null;
  /** The credit line the area data must be shown with. */
  credit: string | null;
}

const cache = new Map<string, ProjectedMap>();
const boundaryIds = new WeakMap<object, number>();
let nextBoundaryId = 0;
function remember(boundary: object): number {
  const id = nextBoundaryId++;
  boundaryIds.set(boundary, id);
  return id;
}

export async function mapShapes(services: Pick<AppServices, "db">, municipalityId: string, base: DashboardBase): Promise<MapShapes> {
  const scopeStadsdeel = base.scope.level === "stadsdeel" ? base.scope.id : base.scope.level === "wijk" ? base.scope.stadsdeelId : undefined;
  const wijken = base.areas.filter((sd) => !scopeStadsdeel || sd.id === scopeStadsdeel).flatMap((sd) => sd.wijken);
  const boundaries = await listBoundaries(services, municipalityId);
  const focus = base.scope.level === "wijk" ? base.scope.id : null;
  if (wijken.length === 0 || wijken.some((w) => !boundaries.wijken.has(w.id))) return { map: null, focus, credit: boundaries.credit };
  const input = wijken.map((w) => ({ id: w.id, stadsdeelId: w.stadsdeelId, number: w.number, boundary: boundaries.wijken.get(w.id)! }));
  // The same boundary objects come back for the same stored text (listBoundaries), so identity is enough of a key.
  const key = `${municipalityId}|${input.map((w) => `${w.id}:${w.stadsdeelId}:${w.number}:${boundaryIds.get(w.boundary) ?? remember(w.boundary)}`).join(",")}`;
  let map = cache.get(key);
  if (!map) {
    map = projectMap(input, { width: MAP_WIDTH, padding: MAP_PADDING, fontSize: MAP_FONT_SIZE });
    cache.set(key, map);
    if (cache.size > 32) cache.delete(cache.keys().next().value!);
  }
  return { map, focus, credit: boundaries.credit };
}
