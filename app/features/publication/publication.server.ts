import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonIds } from "#app/features/content/content.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { weekString, weeksInYear } from "#app/calendar/iso-week.ts";
import { ANY } from "#db/tables/dashboard.ts";
import { withJobLock } from "#db/job-lock.ts";
import { isoYearOf, lastPublishedWeek, publishedWeeksOfYear } from "./counting.ts";
import { HIDDEN, SMALL, type CellState } from "./lp-audit.ts";
import { protectStructure } from "./protect.ts";
import type { Shown } from "./shown.ts";
import { readVisits } from "#app/features/referral-reach/visits.server.ts";
import { ALL_SIGNALS, buildStructure, facetSlice, fillValues, isMonth, type FacetName, type SignalCount, type Structure, type StructureInput } from "./structure.ts";

// The published figures of a municipality's ISO year: every signal count the
// dashboard, its exports, the report and the network view show is read from
// here and nowhere else. A publication covers the year's weeks up to the last
// published one (counting.ts); it is made once, protected as a whole
// (protect.ts, checked by the LP audit) and stored, and the next one keeps
// the states of every cell already published. Two instances make the same
// publication; the first one stored is the one shown.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content"> & Partial<Pick<AppServices, "log">>;

export interface Publication {
  year: number;
  /** The last week included, or null when nothing of the year is published yet. */
  through: string | null;
  threshold: number;
  shown(key: string): Shown;
  /** Every published cell, for the full export and the audit. */
  cells(): { key: string; shown: Shown }[];
}

interface StoredCells {
  keys: string[];
  values: number[];
  states: number[];
}

export function publicationThreshold(services: Pick<AppServices, "config" | "municipality">): number {
  return services.config.suppressionThreshold ?? services.municipality.suppressionThreshold;
}

const cache = new Map<string, Promise<Publication>>();
/** One number per database handle, so that two databases in one process (tests on SQLite, then PostgreSQL) never share a publication. */
const databases = new WeakMap<object, number>();
let databaseCount = 0;

/** The current publication of a year (made now if it is due). */
export function loadPublication(services: Services, municipalityId: string, year: number): Promise<Publication> {
  const threshold = publicationThreshold(services);
  const latest = lastPublishedWeek(services.clock.now());
  const last = weekString(year, weeksInYear(year));
  const through = latest < weekString(year, 1) ? null : latest < last ? latest : last;
  if (!databases.has(services.db)) databases.set(services.db, ++databaseCount);
  const key = `${databases.get(services.db)}|${municipalityId}|${year}|${through}|${threshold}`;
  let publication = cache.get(key);
  if (!publication) {
    publication = through === null ? Promise.resolve(emptyPublication(year, threshold)) : publish(services, municipalityId, year, through, threshold);
    cache.set(key, publication);
    publication.catch(() => cache.delete(key));
    if (cache.size > 64) cache.delete(cache.keys().next().value!);
  }
  return publication;
}

/** Forgets publications held in memory (tests that rewrite the data under a fixed clock). */
export function forgetPublications(): void {
  cache.clear();
}

function emptyPublication(year: number, threshold: number): Publication {
  return { year, through: null, threshold, shown: () => ({ kind: "unpublished" }), cells: () => [] };
}

function fromStored(year: number, through: string, threshold: number, stored: StoredCells): Publication {
  const index = new Map(stored.keys.map((key, i) => [key, i]));
  const shownAt = (i: number): Shown => {
    const state = stored.states[i];
    if (state === SMALL) return { kind: "suppressed", below: threshold };
    if (state === HIDDEN) return { kind: "hidden" };
    return { kind: "count", value: stored.values[i]! };
  };
  return {
    year,
    through,
    threshold,
    shown(key) {
      const i = index.get(key);
      return i === undefined ? { kind: "unpublished" } : shownAt(i);
    },
    cells: () => stored.keys.map((key, i) => ({ key, shown: shownAt(i) })),
  };
}

async function publish(services: Services, municipalityId: string, year: number, through: string, threshold: number): Promise<Publication> {
  const read = async () => {
    const row = await services.db
      .selectFrom("dashboard_publications")
      .select(["cells", "threshold"])
      .where("municipality_id", "=", municipalityId)
      .where("iso_year", "=", year)
      .where("through_week", "=", through)
      .executeTakeFirst();
    return row && row.threshold === threshold ? fromStored(year, through, threshold, JSON.parse(row.cells) as StoredCells) : undefined;
  };
  const stored = await read();
  if (stored) return stored;
  const outcome = await withJobLock(
    services.db,
    `publish:${municipalityId}:${year}`,
    async () => {
      const again = await read();
      if (again) return again;
      const cells = await makePublication(services, municipalityId, year, through, threshold);
      await services.db
        .insertInto("dashboard_publications")
        .values({ municipality_id: municipalityId, iso_year: year, through_week: through, threshold, cells: JSON.stringify(cells), published_at: services.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(["municipality_id", "iso_year", "through_week"]).doUpdateSet({ threshold, cells: JSON.stringify(cells) }))
        .execute();
      logPublished(services, municipalityId, year, through, cells);
      return fromStored(year, through, threshold, cells);
    },
    { wait: true },
  );
  if (!outcome.ran) throw new Error("publication lock not taken");
  return outcome.result;
}

function logPublished(services: Services, municipalityId: string, year: number, through: string, cells: StoredCells): void {
  const hidden = cells.states.filter((s) => s !== 0).length;
  services.log?.info("figures published", { municipality: municipalityId, year, through, cells: cells.keys.length, hidden });
}

/** Builds, fills and protects the year's structure, keeping the states of the last publication before it. */
export async function makePublication(services: Services, municipalityId: string, year: number, through: string, threshold: number): Promise<StoredCells> {
  const weeks = publishedWeeksOfYear(year, through);
  const [areas, organisations, counts, organisationWeeks, previous] = await Promise.all([
    listAreas(services, municipalityId),
    listOrganisations(services, municipalityId, { includeArchived: true }),
    readYearCounts(services, municipalityId, weeks),
    services.db
      .selectFrom("signal_organisation_weeks")
      .select(["organisation_id", "iso_week", "signals"])
      .where("municipality_id", "=", municipalityId)
      .where("iso_week", ">=", weeks[0]!)
      .where("iso_week", "<=", weeks[weeks.length - 1]!)
      .execute(),
    services.db
      .selectFrom("dashboard_publications")
      .select(["cells", "threshold"])
      .where("municipality_id", "=", municipalityId)
      .where("iso_year", "=", year)
      .where("through_week", "<", through)
      .orderBy("through_week", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const visits = await readVisits(services, organisations.map((o) => o.id), { first: weeks[0]!, last: weeks[weeks.length - 1]! });
  const wijken = new Set(areas.flatMap((sd) => sd.wijken.map((w) => w.id)));
  const known = counts.filter((c) => wijken.has(c.wijk));
  const taxonomy = phenomenonIds(services.content);
  const phenomena = [...taxonomy, ...new Set(known.map((c) => c.phenomenon).filter((p) => !taxonomy.includes(p)))];
  const input: StructureInput = {
    areas: { stadsdelen: areas.map((sd) => ({ id: sd.id, wijken: sd.wijken.map((w) => w.id) })) },
    phenomena,
    facets: { channel: signalChannels, target_group: targetGroups, urgency: signalUrgencies },
    organisations: [...new Set([...organisations.map((o) => o.id), ...organisationWeeks.map((r) => r.organisation_id)])].sort(),
    weeks,
    weeksInYear: weeksInYear(year),
    reach: {
      organisations: organisations.map((o) => ({ id: o.id, stadsdeel: o.stadsdeelId })),
      flows: services.content.flows.map((flow) => flow.id),
      visits,
    },
  };
  const organisationCounts = organisationWeeks.map((r) => ({ organisation: r.organisation_id, week: r.iso_week, signals: Number(r.signals) }));
  const before = previous && previous.threshold === threshold ? (JSON.parse(previous.cells) as StoredCells) : undefined;
  const lockedIn = (structure: Structure) => {
    const locked = new Map<number, CellState>();
    before?.keys.forEach((key, i) => {
      const cell = structure.index.get(key);
      if (cell !== undefined) locked.set(cell, before.states[i] as CellState);
    });
    return locked;
  };
  const yieldsFirst = (structure: Structure) => (cell: number) => isMonth(structure.keys[cell]!.slice(structure.keys[cell]!.lastIndexOf("|") + 1));
  // First without months: the weeks, blocks and years the dashboard and its early
  // warnings show are protected as they would be without them. Then the months
  // are added around those states, locked: a month is shown where it narrows
  // nothing, so months never cost the dashboard a figure (decision 0905).
  const weekly = buildStructure({ ...input, withMonths: false });
  const weeklyStates = await protectStructure({
    values: fillValues(weekly, input, known, organisationCounts),
    relations: weekly.relations,
    threshold,
    locked: lockedIn(weekly),
    yieldsFirst: yieldsFirst(weekly),
  });
  const structure = buildStructure(input);
  const values = fillValues(structure, input, known, organisationCounts);
  const locked = lockedIn(structure);
  weekly.keys.forEach((key, i) => {
    const cell = structure.index.get(key)!;
    if (!locked.has(cell)) locked.set(cell, weeklyStates[i] as CellState);
  });
  const seriesOf = (key: string) => key.slice(0, key.lastIndexOf("|"));
  const monthsOfSeries = Map.groupBy(
    structure.keys.flatMap((key, cell) => (isMonth(key.slice(key.lastIndexOf("|") + 1)) ? [cell] : [])),
    (cell) => seriesOf(structure.keys[cell]!),
  );
  const states = await protectStructure({
    values,
    relations: structure.relations,
    threshold,
    locked,
    yieldsFirst: yieldsFirst(structure),
    siblings: (cell) => (monthsOfSeries.get(seriesOf(structure.keys[cell]!)) ?? []).filter((other) => other !== cell),
    describe: (cell) => `${structure.keys[cell]} (${locked.has(cell) ? "locked" : "new"})`,
  });
  return { keys: structure.keys, values: [...values], states: [...states] };
}

/**
 * A referral-reach figure as published. Only targets, organisations and weeks
 * with visits have a cell of their own; in a published week the others are 0.
 */
export function shownReach(publication: Publication, key: string, week: string): Shown {
  const shown = publication.shown(key);
  if (shown.kind !== "unpublished") return shown;
  return publication.through !== null && week <= publication.through ? { kind: "count", value: 0 } : shown;
}

/** The year's rollups for all signals and for each characteristic on its own. */
export async function readYearCounts(services: Services, municipalityId: string, weeks: readonly string[]): Promise<SignalCount[]> {
  const rows = await services.db
    .selectFrom("signal_rollups")
    .select(["wijk_id", "phenomenon", "iso_week", "channel", "target_group", "urgency", "signals"])
    .where("municipality_id", "=", municipalityId)
    .where("iso_week", ">=", weeks[0]!)
    .where("iso_week", "<=", weeks[weeks.length - 1]!)
    .where((eb) =>
      eb.or([
        eb.and([eb("channel", "=", ANY), eb("target_group", "=", ANY)]),
        eb.and([eb("channel", "=", ANY), eb("urgency", "=", ANY)]),
        eb.and([eb("target_group", "=", ANY), eb("urgency", "=", ANY)]),
      ]),
    )
    .execute();
  return rows.map((row) => {
    const facet: [FacetName, string] | undefined =
      row.channel !== ANY ? ["channel", row.channel] : row.target_group !== ANY ? ["target_group", row.target_group] : row.urgency !== ANY ? ["urgency", row.urgency] : undefined;
    return { wijk: row.wijk_id, phenomenon: row.phenomenon, week: row.iso_week, slice: facet ? facetSlice(facet[0], facet[1]) : ALL_SIGNALS, signals: Number(row.signals) };
  });
}

/**
 * Publishes the current ISO year (and the last one, whose figures a January
 * dashboard shows) at start and every 15 minutes, so the first person to open
 * the dashboard after a week closes does not wait for the protection. Logs
 * "figures up to date" once both are done.
 */
export function schedulePublication(services: Services & Pick<AppServices, "log">, intervalMs = 15 * 60_000): () => void {
  const run = async () => {
    const year = isoYearOf(lastPublishedWeek(services.clock.now()));
    try {
      for (const y of [year, year - 1]) await loadPublication(services, services.municipality.id, y);
      services.log.info("figures up to date", { year });
    } catch (error) {
      services.log.error("publishing the figures failed", { error });
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
