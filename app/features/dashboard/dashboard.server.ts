import type { AppServices } from "#app/services.server.ts";
import { listAreas, type Stadsdeel } from "#app/features/areas/areas.server.ts";
import { listFlows } from "#app/features/flows/flows.ts";
import { networkOverview } from "#app/features/network/overview.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonIds, phenomenonLabel } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import type { Language } from "#app/i18n/languages.ts";
import { loadPublication, publicationThreshold, shownReach } from "#app/features/publication/publication.server.ts";
import { lastPublishedWeek, isoYearOf } from "#app/features/publication/counting.ts";
import type { Shown } from "#app/features/publication/shown.ts";
import { ALL_SIGNALS, YEAR, blockOfWeek, facetSlice, organisationKey, reachStadsdeelKey, signalKey } from "#app/features/publication/structure.ts";
import { BASELINE_WEEKS, MIN_BASELINE_WEEKS, rarityBucket, roundedBaseline, testForSpike } from "./early-warning.ts";
import { changeBetween, planComparison, type Change, type ComparisonKind, type ComparisonPlan, type PeriodSpan } from "./comparison.ts";
import { colourClasses, type ColourClass } from "./colour-classes.ts";
import type { DashboardFilters } from "./filters.ts";
import { periodContaining, previousPeriod, type Period } from "./weeks.ts";
import { weeksBefore } from "#app/calendar/iso-week.ts";

// The dashboard's figures. Every count is a cell of the municipality's
// published figures (app/features/publication) and leaves this module as a
// Shown value: a suppressed count never reaches a route, a page, a CSV or
// the JSON a page loads, and a figure that is not a published cell is never
// computed here.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export const CITY = "city";
const ALL = "all";
const PERIOD = "period";

export function dashboardThreshold(services: Pick<AppServices, "config" | "municipality">): number {
  return publicationThreshold(services);
}

export type Scope =
  | { level: "city"; id: typeof CITY; name: string }
  | { level: "stadsdeel"; id: string; name: string }
  | { level: "wijk"; id: string; name: string; stadsdeelId: string };

export interface DashboardBase {
  threshold: number;
  currentWeek: string;
  /** The last week whose figures are published (publication/counting.ts). */
  publishedWeek: string;
  period: Period;
  previous: Period;
  scope: Scope;
  areas: Stadsdeel[];
  /** Rates per 1,000 residents need population figures (a wijk without residents, or unknown, gets no rate). */
  rateAvailable: boolean;
}

export async function dashboardBase(services: Services, municipalityId: string, filters: DashboardFilters): Promise<DashboardBase> {
  const currentWeek = isoWeekOf(calendarDateOf(services.clock.now()));
  const publishedWeek = lastPublishedWeek(services.clock.now());
  // Without a choice: the latest complete period, whose figures are all published.
  const latest = periodContaining(publishedWeek, filters.period);
  const latestComplete = latest.last <= publishedWeek ? latest : previousPeriod(latest);
  const anchor = filters.week && filters.week <= currentWeek ? filters.week : latestComplete.first;
  const period = periodContaining(anchor, filters.period);
  const areas = await listAreas(services, municipalityId);
  return {
    threshold: dashboardThreshold(services),
    currentWeek,
    publishedWeek,
    period,
    previous: previousPeriod(period),
    scope: resolveScope(areas, filters.area, services.municipality.name),
    areas,
    rateAvailable: areas.some((sd) => sd.wijken.some((w) => w.population !== null && w.population > 0)),
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

/** The published slice a filter selects: all signals, or one characteristic's value (one at a time). */
function sliceOf(filters: DashboardFilters): string {
  if (filters.channel) return facetSlice("channel", filters.channel);
  if (filters.targetGroup) return facetSlice("target_group", filters.targetGroup);
  if (filters.urgency) return facetSlice("urgency", filters.urgency);
  return ALL_SIGNALS;
}

/** The figures of one period as published: a cell per area × phenomenon × the period or one of its weeks. */
export interface PeriodFigures {
  /** `slice` overrides the filters' characteristic (ALL_SIGNALS: all signals). */
  shown(area: string, phenomenon: string, time: string, slice?: string): Shown;
}

async function cubeFor(services: Services, municipalityId: string, _base: DashboardBase, filters: DashboardFilters, period: Period): Promise<PeriodFigures> {
  const publication = await loadPublication(services, municipalityId, isoYearOf(period.first));
  const slice = sliceOf(filters);
  const periodTime = period.length === "52w" ? YEAR : blockOfWeek(period.first);
  return {
    shown: (area, phenomenon, time, only = slice) => publication.shown(signalKey(only, area, phenomenon, time === PERIOD ? periodTime : time)),
  };
}

// ---------------------------------------------------------------- map

export interface MapTile {
  wijkId: string;
  name: string;
  /** The CBS wijk number (the map's key), if the area file gives it. */
  number: number | null;
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
  stadsdelen: { id: string; name: string; shown: Shown; rate: number | null }[];
  city: Shown;
  /** The colour classes, consecutive and inclusive (colour-classes.ts); a tile's level is its class. */
  classes: ColourClass[];
}

export async function mapView(services: Services, municipalityId: string, base: DashboardBase, filters: DashboardFilters): Promise<MapView> {
  const cube = await cubeFor(services, municipalityId, base, filters, base.period);
  const phenomenon = filters.phenomenon ?? ALL;
  const measure = filters.measure === "per1000" && base.rateAvailable ? "per1000" : "aantal";
  // A stadsdeel or wijk chosen: its stadsdeel's wijken only (the map, its table, the report and the CSV).
  const scopeStadsdeel = base.scope.level === "stadsdeel" ? base.scope.id : base.scope.level === "wijk" ? base.scope.stadsdeelId : undefined;
  const areas = base.areas.filter((sd) => !scopeStadsdeel || sd.id === scopeStadsdeel);
  const tiles: MapTile[] = areas.flatMap((sd) =>
    sd.wijken.map((w) => {
      const shown = cube.shown(w.id, phenomenon, PERIOD);
      return { wijkId: w.id, name: w.name, number: w.number, stadsdeelId: sd.id, shown, rate: ratePer1000(shown, w.population), level: null };
    }),
  );
  const figure = (tile: MapTile) => (measure === "per1000" ? tile.rate : tile.shown.kind === "count" ? tile.shown.value : null);
  const { classes, classOf } = colourClasses(
    tiles.map(figure),
    measure === "per1000" ? { lowest: 0, step: 0.1 } : { lowest: base.threshold, step: 1 },
  );
  for (const tile of tiles) tile.level = classOf(figure(tile));
  return {
    measure,
    tiles,
    stadsdelen: areas.map((sd) => {
      const shown = cube.shown(sd.id, phenomenon, PERIOD);
      return { id: sd.id, name: sd.name, shown, rate: ratePer1000(shown, stadsdeelPopulation(sd)) };
    }),
    city: cube.shown(CITY, phenomenon, PERIOD),
    classes,
  };
}

/**
 * Signals per 1,000 residents, to one decimal: only for a count that is shown
 * (a rate of a hidden count would give it back) and an area with residents.
 */
export function ratePer1000(shown: Shown, population: number | null): number | null {
  if (shown.kind !== "count" || population === null || population <= 0) return null;
  return Math.round((shown.value / population) * 10000) / 10;
}

/** A stadsdeel's residents: the sum over its wijken, unknown when any wijk's is. */
export function stadsdeelPopulation(stadsdeel: Stadsdeel): number | null {
  let sum = 0;
  for (const w of stadsdeel.wijken) {
    if (w.population === null) return null;
    sum += w.population;
  }
  return sum;
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

function phenomenonColumns(content: HelpContent, filters: DashboardFilters, language: Language) {
  const ids = filters.phenomenon ? [filters.phenomenon] : phenomenonIds(content);
  return ids.map((id) => ({ id, label: phenomenonLabel(content, id, language) }));
}

export async function heatmapView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
): Promise<HeatmapView> {
  const cube = await cubeFor(services, municipalityId, base, filters, base.period);
  const columns = phenomenonColumns(services.content, filters, language);
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

export interface ComparedFigure {
  shown: Shown;
  against: { kind: ComparisonKind; shown: Shown; change: Change | null }[];
}

export interface TrendComparison {
  current: PeriodSpan;
  /** False while the period is not completely published: no total and no comparison. */
  complete: boolean;
  /** The last published week (said when the period is still in progress). */
  publishedWeek: string;
  against: { kind: ComparisonKind; span: PeriodSpan }[];
  unequal: { kind: ComparisonKind; span: PeriodSpan }[];
  unrecorded: { kind: ComparisonKind; span: PeriodSpan }[];
  total: ComparedFigure;
}

export interface TrendView {
  phenomenon: string | undefined;
  points: { week: string; current: Shown; previousWeek: string | null; previous: Shown | null }[];
  /** The block the points are in and the block their dashed line is from. */
  spans: { current: { first: string; last: string }; previous: { first: string; last: string } };
  comparison: TrendComparison;
  perPhenomenon: { id: string; label: string; figure: ComparedFigure }[];
}

/** A figure of the period and of each period it is compared with (comparison.ts), per area and phenomenon. */
export async function comparedFigures(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
): Promise<{ plan: ComparisonPlan; figure(area: string, phenomenon: string): ComparedFigure }> {
  const plan = planComparison(base.period, base.publishedWeek);
  const [current, ...candidates] = await Promise.all([
    cubeFor(services, municipalityId, base, filters, base.period),
    ...plan.against.map((a) => cubeFor(services, municipalityId, base, filters, a.period)),
  ]);
  // A period before any signal was recorded (the city had none at all) is not a comparison.
  const others: PeriodFigures[] = [];
  plan.against = plan.against.filter((a, i) => {
    const city = candidates[i]!.shown(CITY, ALL, PERIOD, ALL_SIGNALS);
    if (city.kind === "count" && city.value === 0) {
      plan.unrecorded.push({ kind: a.kind, span: a.span });
      return false;
    }
    others.push(candidates[i]!);
    return true;
  });
  return {
    plan,
    figure(area, phenomenon) {
      const shown = current!.shown(area, phenomenon, PERIOD);
      return {
        shown,
        against: plan.against.map((a, i) => {
          const before = others[i]!.shown(area, phenomenon, PERIOD);
          return { kind: a.kind, shown: before, change: changeBetween(shown, before) };
        }),
      };
    },
  };
}

export async function trendView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
): Promise<TrendView> {
  const [current, previous, compared] = await Promise.all([
    cubeFor(services, municipalityId, base, filters, base.period),
    cubeFor(services, municipalityId, base, filters, base.previous),
    comparedFigures(services, municipalityId, base, filters),
  ]);
  const area = base.scope.id;
  const phenomenon = filters.phenomenon ?? ALL;
  // Weeks not published yet have no point; each week is set against the week
  // in the same place of the block before (one week against one week).
  const weeks = base.period.weeks.filter((week) => week <= base.publishedWeek);
  const { plan } = compared;
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
    spans: { current: { first: base.period.first, last: base.period.last }, previous: { first: base.previous.first, last: base.previous.last } },
    comparison: {
      current: plan.current,
      complete: plan.complete,
      publishedWeek: base.publishedWeek,
      against: plan.against.map(({ kind, span }) => ({ kind, span })),
      unequal: plan.unequal,
      unrecorded: plan.unrecorded,
      total: compared.figure(area, phenomenon),
    },
    perPhenomenon: phenomenonColumns(services.content, { ...filters, phenomenon: undefined }, language).map((column) => ({
      ...column,
      figure: compared.figure(area, column.id),
    })),
  };
}

// ---------------------------------------------------------------- early warning

export interface WarningItem {
  areaId: string;
  areaName: string;
  level: "wijk" | "stadsdeel" | "city";
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

/**
 * Early warnings from published weekly figures only: the week looked at and
 * the eight before it, for the city and per stadsdeel, per phenomenon. A count
 * that is not shown is never tested, and a baseline week shown as "< t" counts
 * as t − 1, so a warning says nothing the published figures do not.
 */
export async function warningView(
  services: Services,
  municipalityId: string,
  base: DashboardBase,
  filters: DashboardFilters,
  language: Language,
  /** A published week chosen (the weekly report); otherwise as below. */
  chosenWeek?: string,
): Promise<WarningView> {
  // The week looked at: the last published week, or, when a period was chosen, its last published week.
  const published = lastPublishedWeek(services.clock.now());
  const week = chosenWeek && chosenWeek <= published ? chosenWeek : filters.week && base.period.last < published ? base.period.last : published;
  const before = weeksBefore(week, BASELINE_WEEKS);
  const years = [...new Set([week, ...before].map(isoYearOf))];
  const publications = new Map(await Promise.all(years.map(async (year) => [year, await loadPublication(services, municipalityId, year)] as const)));
  const figure = (area: string, phenomenon: string, w: string): Shown =>
    publications.get(isoYearOf(w))!.shown(signalKey(sliceOf(filters), area, phenomenon, w));
  const areas: { id: string; name: string; level: WarningItem["level"] }[] = [];
  if (base.scope.level === "city") areas.push({ id: CITY, name: base.scope.name, level: "city" });
  for (const sd of base.areas) {
    if (base.scope.level === "stadsdeel" && sd.id !== base.scope.id) continue;
    if (base.scope.level === "wijk" && sd.id !== base.scope.stadsdeelId) continue;
    areas.push({ id: sd.id, name: sd.name, level: "stadsdeel" });
  }
  const minimumCount = Math.max(5, base.threshold);
  const phenomena = filters.phenomenon ? [filters.phenomenon] : phenomenonIds(services.content);
  const found: (WarningItem & { pValue: number })[] = [];
  for (const area of areas) {
    for (const phenomenon of phenomena) {
      const shown = figure(area.id, phenomenon, week);
      if (shown.kind !== "count" || shown.value < minimumCount) continue;
      // The baseline from the weeks before that are published as a figure ("< t" as t − 1); a
      // hidden week ("×") says nothing and is left out, as long as most of the weeks are there.
      const history: number[] = [];
      for (const w of before) {
        const past = figure(area.id, phenomenon, w);
        if (past.kind === "count") history.push(past.value);
        else if (past.kind === "suppressed") history.push(past.below - 1);
      }
      if (history.length < MIN_BASELINE_WEEKS) continue;
      const result = testForSpike(shown.value, history, minimumCount);
      if (!result.flagged) continue;
      found.push({
        areaId: area.id,
        areaName: area.name,
        level: area.level,
        phenomenon,
        phenomenonLabel: phenomenonLabel(services.content, phenomenon, language),
        shown,
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
  const publication = await loadPublication(services, municipalityId, isoYearOf(base.period.first));
  const periodTime = base.period.length === "52w" ? YEAR : blockOfWeek(base.period.first);
  const stadsdeelId = base.scope.level === "stadsdeel" ? base.scope.id : base.scope.level === "wijk" ? base.scope.stadsdeelId : undefined;
  const stadsdelen = base.areas.filter((sd) => !stadsdeelId || sd.id === stadsdeelId).map((sd) => ({ id: sd.id, name: sd.name }));
  // Per flow and stadsdeel, cells of the published figures tied to the organisations' weeks on /bereik; no totals.
  return {
    stadsdelen,
    rows: listFlows(services.content, language).map((flow) => ({
      flowId: flow.id,
      title: flow.title,
      cells: stadsdelen.map((sd) => shownReach(publication, reachStadsdeelKey(`flow:${flow.id}`, sd.id, periodTime), base.period.last)),
    })),
  };
}

// ---------------------------------------------------------------- network (coordinators)

export interface NetworkView {
  stadsdelen: { id: string; name: string; organisations: number; activeAmbassadors: number }[];
  organisations: { id: string; name: string; stadsdeelName: string; signals: Shown }[];
}

export async function networkView(services: Services, municipalityId: string, base: DashboardBase): Promise<NetworkView> {
  const [overview, organisations, publication] = await Promise.all([
    networkOverview(services, municipalityId),
    listOrganisations(services, municipalityId),
    loadPublication(services, municipalityId, isoYearOf(base.period.first)),
  ]);
  const periodTime = base.period.length === "52w" ? YEAR : blockOfWeek(base.period.first);
  return {
    // Counts of the municipality's own volunteers and organisations: not suppressed (as on the network overview).
    stadsdelen: overview.stadsdelen.map((sd) => ({ id: sd.id, name: sd.name, organisations: sd.organisations, activeAmbassadors: sd.activeAmbassadors })),
    // Cells of the published figures, protected together with the city total they add up to.
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, stadsdeelName: o.stadsdeelName, signals: publication.shown(organisationKey(o.id, periodTime)) })),
  };
}
