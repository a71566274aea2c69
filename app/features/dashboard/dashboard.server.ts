import type { AppServices } from "#app/services.server.ts";
import { listAreas, type Stadsdeel } from "#app/features/areas/areas.server.ts";
import { listFlows } from "#app/features/flows/flows.ts";
import { networkOverview } from "#app/features/network/overview.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonIds, phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import { readReach } from "#app/features/referral-reach/referral-reach.server.ts";
import { calendarDateOf, isoWeekOf } from "#app/features/signals/iso-week.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import type { Language } from "#app/i18n/languages.ts";
import { cellIndexer, protectCubeOf, protectFacetOf, showCount, type Hierarchy, type ProtectedCube, type Shown } from "./disclosure.ts";
import { BASELINE_WEEKS, rarityBucket, roundedBaseline, testForSpike } from "./early-warning.ts";
import type { DashboardFilters } from "./filters.ts";
import { readFacetSplit, readOrganisationCounts, readSlice, type FacetColumn } from "./rollups.server.ts";
import { periodContaining, previousPeriod, weeksBefore, type Period } from "./weeks.ts";

// The dashboard's figures. Every count comes from the rollups, goes through
// one protected cube (disclosure.ts) and leaves this module as a Shown value:
// a suppressed count never reaches a route, a page, a CSV or the JSON a page
// loads.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export const CITY = "city";
const ALL = "all";
const PERIOD = "period";

export function dashboardThreshold(services: Pick<AppServices, "config" | "municipality">): number {
  return services.config.suppressionThreshold ?? services.municipality.suppressionThreshold;
}

export type Scope =
  | { level: "city"; id: typeof CITY; name: string }
  | { level: "stadsdeel"; id: string; name: string }
  | { level: "wijk"; id: string; name: string; stadsdeelId: string };

export interface DashboardBase {
  threshold: number;
  currentWeek: string;
  period: Period;
  previous: Period;
  scope: Scope;
  areas: Stadsdeel[];
  /** Rates per 1,000 residents need a population for every wijk. */
  rateAvailable: boolean;
}

export async function dashboardBase(services: Services, municipalityId: string, filters: DashboardFilters): Promise<DashboardBase> {
  const currentWeek = isoWeekOf(calendarDateOf(services.clock.now()));
  const anchor = filters.week && filters.week < currentWeek ? filters.week : currentWeek;
  const period = periodContaining(anchor, filters.period);
  const areas = await listAreas(services, municipalityId);
  return {
    threshold: dashboardThreshold(services),
    currentWeek,
    period,
    previous: previousPeriod(period),
    scope: resolveScope(areas, filters.area, services.municipality.name),
    areas,
    rateAvailable: areas.every((sd) => sd.wijken.every((w) => w.population !== null && w.population > 0)),
  };
}

function resolveScope(areas: Stadsdeel[], area: string | undefined, cityName: string): Scope {
  for (const sd of areas) {
    if (sd.id === area) return { level: "stadsdeel", id: sd.id, name: sd.name };
    const wijk = sd.wijken.find((w) => w.id === area);
    if (wijk) return { level: "wijk", id: wijk.id, name: wijk.name, stadsdeelId: sd.id };
  }
  return { level: "city", id: CITY, name: cityName };
}

/** The facet a filter selects (one at a time), with all its values. */
function selectedFacet(filters: DashboardFilters): { column: FacetColumn; value: string; values: readonly string[] } | undefined {
  if (filters.channel) return { column: "channel", value: filters.channel, values: signalChannels };
  if (filters.targetGroup) return { column: "target_group", value: filters.targetGroup, values: targetGroups };
  if (filters.urgency) return { column: "urgency", value: filters.urgency, values: signalUrgencies };
  return undefined;
}

/**
 * The protected cube of one period for the filters' slice. With a facet
 * filter, every value of that facet is protected together with the
 * unfiltered cube, so "all channels" minus "SMS" gives nothing away.
 */
async function cubeFor(services: Services, municipalityId: string, base: DashboardBase, filters: DashboardFilters, period: Period): Promise<ProtectedCube> {
  const weeks = { from: period.first, to: period.last };
  const facet = selectedFacet(filters);
  const [counts, split] = await Promise.all([
    readSlice(services.db, municipalityId, {}, weeks),
    facet ? readFacetSplit(services.db, municipalityId, facet.column, facet.values, weeks) : Promise.resolve([]),
  ]);
  const extraPhenomena = new Set<string>();
  for (const row of [...counts, ...split]) if (!phenomenonIds.includes(row.phenomenon)) extraPhenomena.add(row.phenomenon);
  const phenomena = [...phenomenonIds, ...extraPhenomena];
  const areaChildren = new Map<string, string[]>([[CITY, base.areas.map((sd) => sd.id)]]);
  for (const sd of base.areas) areaChildren.set(sd.id, sd.wijken.map((w) => w.id));
  const dims: [Hierarchy, Hierarchy, Hierarchy] = [
    { nodes: [CITY, ...base.areas.map((sd) => sd.id), ...base.areas.flatMap((sd) => sd.wijken.map((w) => w.id))], children: areaChildren },
    { nodes: [ALL, ...phenomena], children: new Map([[ALL, phenomena]]) },
    { nodes: [PERIOD, ...period.weeks], children: new Map([[PERIOD, period.weeks]]) },
  ];
  // Leaves by position, straight from the rows: no string keys per cell (this runs for every cell of every value).
  const { cells, index } = cellIndexer(dims);
  const leaves = new Float64Array(cells);
  for (const row of counts) {
    const cell = index(row.wijkId, row.phenomenon, row.week);
    if (cell !== undefined) leaves[cell] = row.signals;
  }
  const whole = protectCubeOf(dims, (cell) => leaves[cell]!, base.threshold);
  if (!facet) return whole;
  const valueIndex = new Map(facet.values.map((value, v) => [value, v]));
  const splitLeaves = new Float64Array(cells * facet.values.length);
  for (const row of split) {
    const cell = index(row.wijkId, row.phenomenon, row.week);
    const v = valueIndex.get(row.value);
    if (cell !== undefined && v !== undefined) splitLeaves[v * cells + cell] = row.signals;
  }
  const slices = protectFacetOf(dims, facet.values, (v, cell) => splitLeaves[v * cells + cell]!, whole, base.threshold);
  return slices.get(facet.value)!;
}

// ---------------------------------------------------------------- map

export interface MapTile {
  wijkId: string;
  name: string;
  stadsdeelId: string;
  shown: Shown;
  /** Per 1,000 residents, only where the count itself is shown. */
  rate: number | null;
  /** Colour class 1–5 from the shown figures only (0 for none); null when not shown. */
  level: number | null;
}

export interface MapView {
  measure: "aantal" | "per1000";
  tiles: MapTile[];
  stadsdelen: { id: string; name: string; shown: Shown }[];
  city: Shown;
  /** Upper bounds of colour classes 1–4 (class 5 is everything above). */
  breaks: number[];
}

export async function mapView(services: Services, municipalityId: string, base: DashboardBase, filters: DashboardFilters): Promise<MapView> {
  const cube = await cubeFor(services, municipalityId, base, filters, base.period);
  const phenomenon = filters.phenomenon ?? ALL;
  const measure = filters.measure === "per1000" && base.rateAvailable ? "per1000" : "aantal";
  const tiles: MapTile[] = base.areas.flatMap((sd) =>
    sd.wijken.map((w) => {
      const shown = cube.shown(w.id, phenomenon, PERIOD);
      const rate = shown.kind === "count" && w.population ? Math.round((shown.value / w.population) * 10000) / 10 : null;
      return { wijkId: w.id, name: w.name, stadsdeelId: sd.id, shown, rate, level: null };
    }),
  );
  const figure = (tile: MapTile) => (measure === "per1000" ? tile.rate : tile.shown.kind === "count" ? tile.shown.value : null);
  const max = Math.max(0, ...tiles.map((tile) => figure(tile) ?? 0));
  const breaks = [0.2, 0.4, 0.6, 0.8].map((f) => roundNice(max * f));
  for (const tile of tiles) {
    const value = figure(tile);
    tile.level = value === null ? null : value === 0 ? 0 : 1 + breaks.filter((b) => value > b).length;
  }
  return {
    measure,
    tiles,
    stadsdelen: base.areas.map((sd) => ({ id: sd.id, name: sd.name, shown: cube.shown(sd.id, phenomenon, PERIOD) })),
    city: cube.shown(CITY, phenomenon, PERIOD),
    breaks,
  };
}

function roundNice(value: number): number {
  return value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}

// ---------------------------------------------------------------- heatmap

export interface HeatmapRow {
  id: string;
  name: string;
  level: "wijk" | "stadsdeel" | "city";
  cells: Shown[];
  total: Shown;
}

export interface HeatmapView {
  columns: { id: string; label: string }[];
  rows: HeatmapRow[];
}

/** The rows a scope shows: its wijken, with stadsdeel and city totals where they belong. */
function scopeRows(base: DashboardBase): { id: string; name: string; level: HeatmapRow["level"] }[] {
  const { scope, areas } = base;
  if (scope.level === "wijk") return [{ id: scope.id, name: scope.name, level: "wijk" }];
  const rows: { id: string; name: string; level: HeatmapRow["level"] }[] = [];
  for (const sd of areas) {
    if (scope.level === "stadsdeel" && sd.id !== scope.id) continue;
    for (const w of sd.wijken) rows.push({ id: w.id, name: w.name, level: "wijk" });
    rows.push({ id: sd.id, name: sd.name, level: "stadsdeel" });
  }
  if (scope.level === "city") rows.push({ id: CITY, name: scope.name, level: "city" });
  return rows;
}

function phenomenonColumns(filters: DashboardFilters, language: Language) {
  const ids = filters.phenomenon ? [filters.phenomenon] : phenomenonIds;
  return ids.map((id) => ({ id, label: phenomenonLabel(id, language) }));
}

export async function heatmapView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
): Promise<HeatmapView> {
  const cube = await cubeFor(services, municipalityId, base, filters, base.period);
  const columns = phenomenonColumns(filters, language);
  return {
    columns,
    rows: scopeRows(base).map((row) => ({
      ...row,
      cells: columns.map((column) => cube.shown(row.id, column.id, PERIOD)),
      total: cube.shown(row.id, ALL, PERIOD),
    })),
  };
}

// ---------------------------------------------------------------- trends

export interface TrendView {
  phenomenon: string | undefined;
  points: { week: string; current: Shown; previousWeek: string | null; previous: Shown | null }[];
  totals: { current: Shown; previous: Shown };
  perPhenomenon: { id: string; label: string; current: Shown; previous: Shown }[];
}

export async function trendView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
): Promise<TrendView> {
  const [current, previous] = await Promise.all([
    cubeFor(services, municipalityId, base, filters, base.period),
    cubeFor(services, municipalityId, base, filters, base.previous),
  ]);
  const area = base.scope.id;
  const phenomenon = filters.phenomenon ?? ALL;
  // Weeks after the current one have not happened: no point for them.
  const weeks = base.period.weeks.filter((week) => week <= base.currentWeek);
  return {
    phenomenon: filters.phenomenon,
    points: weeks.map((week, index) => {
      const previousWeek = base.previous.weeks[index] ?? null;
      return {
        week,
        current: current.shown(area, phenomenon, week),
        previousWeek,
        previous: previousWeek ? previous.shown(area, phenomenon, previousWeek) : null,
      };
    }),
    totals: { current: current.shown(area, phenomenon, PERIOD), previous: previous.shown(area, phenomenon, PERIOD) },
    perPhenomenon: phenomenonColumns({ ...filters, phenomenon: undefined }, language).map((column) => ({
      ...column,
      current: current.shown(area, column.id, PERIOD),
      previous: previous.shown(area, column.id, PERIOD),
    })),
  };
}

// ---------------------------------------------------------------- early warning

export interface WarningItem {
  areaId: string;
  areaName: string;
  level: "wijk" | "stadsdeel";
  phenomenon: string;
  phenomenonLabel: string;
  shown: Shown;
  baseline: ReturnType<typeof roundedBaseline>;
  rarity: 1000 | 10000 | 100000;
}

export interface WarningView {
  week: string;
  minimumCount: number;
  items: WarningItem[];
}

export async function warningView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
): Promise<WarningView> {
  // The week looked at: this week, or the last week of a past period.
  const week = base.period.last < base.currentWeek ? base.period.last : base.currentWeek;
  const before = weeksBefore(week, BASELINE_WEEKS);
  const [cube, history] = await Promise.all([
    cubeFor(services, municipalityId, base, filters, periodContaining(week, "13w")),
    readSlice(services.db, municipalityId, filters, { from: before[0]!, to: before[before.length - 1]! }),
  ]);
  const wijkToStadsdeel = new Map(base.areas.flatMap((sd) => sd.wijken.map((w) => [w.id, sd.id] as const)));
  // Baseline counts per area (wijk and stadsdeel) × phenomenon × week: used for the test only, never shown.
  const baseline = new Map<string, number[]>();
  const add = (area: string, phenomenon: string, index: number, signals: number) => {
    const key = `${area}|${phenomenon}`;
    let series = baseline.get(key);
    if (!series) baseline.set(key, (series = Array(BASELINE_WEEKS).fill(0)));
    series[index]! += signals;
  };
  for (const row of history) {
    const index = before.indexOf(row.week);
    if (index < 0) continue;
    add(row.wijkId, row.phenomenon, index, row.signals);
    const sd = wijkToStadsdeel.get(row.wijkId);
    if (sd) add(sd, row.phenomenon, index, row.signals);
  }
  const areas: { id: string; name: string; level: "wijk" | "stadsdeel" }[] = [];
  for (const sd of base.areas) {
    if (base.scope.level === "stadsdeel" && sd.id !== base.scope.id) continue;
    if (base.scope.level === "wijk" && sd.id !== base.scope.stadsdeelId) continue;
    if (base.scope.level !== "wijk") areas.push({ id: sd.id, name: sd.name, level: "stadsdeel" });
    for (const w of sd.wijken) if (base.scope.level !== "wijk" || w.id === base.scope.id) areas.push({ id: w.id, name: w.name, level: "wijk" });
  }
  const minimumCount = Math.max(5, base.threshold);
  const phenomena = filters.phenomenon ? [filters.phenomenon] : phenomenonIds;
  const found: (WarningItem & { pValue: number })[] = [];
  for (const area of areas) {
    for (const phenomenon of phenomena) {
      const count = cube.trueValue(area.id, phenomenon, week);
      if (count < minimumCount) continue;
      const result = testForSpike(count, baseline.get(`${area.id}|${phenomenon}`) ?? Array(BASELINE_WEEKS).fill(0), minimumCount);
      if (!result.flagged) continue;
      found.push({
        areaId: area.id,
        areaName: area.name,
        level: area.level,
        phenomenon,
        phenomenonLabel: phenomenonLabel(phenomenon, language),
        shown: cube.shown(area.id, phenomenon, week),
        baseline: roundedBaseline(result.baseline),
        rarity: rarityBucket(result.pValue),
        pValue: result.pValue,
      });
    }
  }
  found.sort((a, b) => a.pValue - b.pValue);
  return { week, minimumCount, items: found.map(({ pValue: _p, ...item }) => item) };
}

// ---------------------------------------------------------------- referral reach

export interface ReachView {
  stadsdelen: { id: string; name: string }[];
  rows: { flowId: string; title: string; cells: Shown[] }[];
}

export async function reachView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  language: Language,
): Promise<ReachView> {
  const organisations = await listOrganisations(services, municipalityId, { includeArchived: true });
  const stadsdeelOf = new Map(organisations.map((o) => [o.id, o.stadsdeelId]));
  const counts = await readReach(services, { organisationIds: organisations.map((o) => o.id), weeks: base.period.weeks });
  const stadsdeelId = base.scope.level === "stadsdeel" ? base.scope.id : base.scope.level === "wijk" ? base.scope.stadsdeelId : undefined;
  const stadsdelen = base.areas.filter((sd) => !stadsdeelId || sd.id === stadsdeelId).map((sd) => ({ id: sd.id, name: sd.name }));
  const sums = new Map<string, number>();
  for (const count of counts) {
    if (count.kind !== "flow") continue;
    const key = `${count.targetId}|${stadsdeelOf.get(count.organisationId)}`;
    sums.set(key, (sums.get(key) ?? 0) + count.visits);
  }
  // Per flow and stadsdeel, no totals: a total would give the hidden cells back.
  return {
    stadsdelen,
    rows: listFlows(services.content, language).map((flow) => ({
      flowId: flow.id,
      title: flow.title,
      cells: stadsdelen.map((sd) => showCount(sums.get(`${flow.id}|${sd.id}`) ?? 0, base.threshold)),
    })),
  };
}

// ---------------------------------------------------------------- network (coordinators)

export interface NetworkView {
  stadsdelen: { id: string; name: string; organisations: number; activeAmbassadors: number }[];
  organisations: { id: string; name: string; stadsdeelName: string; signals: Shown }[];
}

export async function networkView(services: Services, municipalityId: string, base: DashboardBase): Promise<NetworkView> {
  const [overview, organisations, counts] = await Promise.all([
    networkOverview(services, municipalityId),
    listOrganisations(services, municipalityId),
    readOrganisationCounts(services.db, municipalityId, { from: base.period.first, to: base.period.last }),
  ]);
  return {
    // Counts of the municipality's own volunteers and organisations: not suppressed (as on the network overview).
    stadsdelen: overview.stadsdelen.map((sd) => ({ id: sd.id, name: sd.name, organisations: sd.organisations, activeAmbassadors: sd.activeAmbassadors })),
    // Signals are about residents' experiences: the same threshold, no totals.
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, stadsdeelName: o.stadsdeelName, signals: showCount(counts.get(o.id) ?? 0, base.threshold) })),
  };
}
