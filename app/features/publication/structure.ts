import { monthOfWeek, weeksOfMonth } from "#app/calendar/week-months.ts";
import type { Relation } from "./lp-audit.ts";

// The one structure every published signal figure of a municipality's ISO
// year is a cell of (docs/decisions/0403). A cell is named by its key:
//
//   <slice>|<area>|<phenomenon>|<time>     signals
//   org|<organisation>|<time>              signals sent through an organisation
//   reach|<target>|org:<organisation>|<week>   visits through an organisation's share link
//   reach|<target>|<stadsdeel>|<time>      the same, summed over a stadsdeel's organisations
//
// slice  "*" (all signals) or one facet value ("channel=sms", "target_group=…", "urgency=…")
// area   "city", a stadsdeel or a wijk
// phen.  "all" or one phenomenon
// time   "Y" (the year), "B1"…"B4" (13-week blocks, the last one takes week 53), a week ("2026-W07")
//        or a month of whole weeks ("2026-06": the weeks whose Thursday is in June)
//
// Which cells exist is decided here, once: weekly and monthly figures for the
// city and the stadsdelen (a month only once all its weeks are published); wijken and organisations per block and year; a
// characteristic (channel, target group, urgency) per block and year for the
// city per phenomenon and for each stadsdeel in all. Only complete periods are cells. Every sum between cells is a
// relation, so the protection (protect.ts) and the audit see them all: the
// year and its blocks, a block and its weeks, the city and its stadsdelen and
// organisations, "all" and each phenomenon, a characteristic's values and
// the figure without it.
//
// Referral reach (visits through share links; target "flow:<id>" or
// "tip:<id>") has its own cells in the same structure: one per target,
// organisation and published week with any visits (a week without is a
// published 0, so it needs no cell), and per flow, stadsdeel and complete
// month, block or year the sum of its organisations' weeks — the dashboard's figure,
// tied to the weeks `/bereik` shows.

export const CITY = "city";
export const ALL = "all";
export const ALL_SIGNALS = "*";
export const YEAR = "Y";
export const facetNames = ["channel", "target_group", "urgency"] as const;
export type FacetName = (typeof facetNames)[number];

export interface StructureAreas {
  stadsdelen: { id: string; wijken: string[] }[];
}

export interface StructureInput {
  areas: StructureAreas;
  phenomena: readonly string[];
  facets: Readonly<Record<FacetName, readonly string[]>>;
  organisations: readonly string[];
  /** The published weeks of the year, oldest first, complete blocks only being blocks. */
  weeks: readonly string[];
  /** All weeks of the ISO year (52 or 53). */
  weeksInYear: number;
  /** Whether months are cells (default); without them, the structure the weeks are protected in first. */
  withMonths?: boolean;
  reach?: ReachInput;
}

export interface ReachInput {
  /** Every organisation with its stadsdeel. */
  organisations: readonly { id: string; stadsdeel: string }[];
  /** The flows whose reach is published per stadsdeel. */
  flows: readonly string[];
  /** Target × organisation × week with at least one visit, in the published weeks. */
  visits: readonly ReachVisits[];
}

export interface ReachVisits {
  /** "flow:<id>" or "tip:<id>". */
  target: string;
  organisation: string;
  week: string;
  visits: number;
}

export interface Structure {
  keys: string[];
  index: Map<string, number>;
  relations: Relation[];
}

export function blockOfWeek(week: string): string {
  const number = Number(week.slice(6));
  return `B${Math.min(4, Math.floor((number - 1) / 13) + 1)}`;
}

export function blockWeeks(block: string, weeksInYear: number): number[] {
  const k = Number(block.slice(1));
  const from = (k - 1) * 13 + 1;
  const to = k === 4 ? weeksInYear : from + 12;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function signalKey(slice: string, area: string, phenomenon: string, time: string): string {
  return `${slice}|${area}|${phenomenon}|${time}`;
}

export function organisationKey(organisation: string, time: string): string {
  return `org|${organisation}|${time}`;
}

export function reachOrganisationKey(target: string, organisation: string, week: string): string {
  return `reach|${target}|org:${organisation}|${week}`;
}

export function reachStadsdeelKey(target: string, stadsdeel: string, time: string): string {
  return `reach|${target}|${stadsdeel}|${time}`;
}

export function facetSlice(facet: FacetName, value: string): string {
  return `${facet}=${value}`;
}

/** A month of whole weeks ("2026-06"), as opposed to a week, a block or the year. */
export function isMonth(time: string): boolean {
  return /^\d{4}-\d{2}$/.test(time);
}

/** The months (of whole ISO weeks, app/calendar/week-months.ts) whose weeks are all published. */
export function completeMonths(weeks: readonly string[]): string[] {
  const published = new Set(weeks);
  return [...new Set(weeks.map(monthOfWeek))].filter((month) => weeksOfMonth(month).every((w) => published.has(w)));
}

/** Which blocks, and whether the year, are complete given the published weeks. */
export function completePeriods(weeks: readonly string[], weeksInYear: number): { blocks: string[]; year: boolean } {
  const numbers = new Set(weeks.map((w) => Number(w.slice(6))));
  const blocks = ["B1", "B2", "B3", "B4"].filter((b) => blockWeeks(b, weeksInYear).every((n) => numbers.has(n)));
  return { blocks, year: blocks.length === 4 };
}

export function buildStructure(input: StructureInput): Structure {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const cell = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      index.set(key, i);
    }
    return i;
  };
  const relations: Relation[] = [];
  const relate = (parent: string, parts: string[]) => {
    if (parts.length === 0) return;
    relations.push({ parent: cell(parent), parts: parts.map(cell) });
  };

  const { blocks, year } = completePeriods(input.weeks, input.weeksInYear);
  const months = input.withMonths === false ? [] : completeMonths(input.weeks);
  const periods = [...blocks, ...(year ? [YEAR] : [])];
  const stadsdelen = input.areas.stadsdelen;
  const upperAreas = [CITY, ...stadsdelen.map((sd) => sd.id)];
  const phenomena = [ALL, ...input.phenomena];
  const weekNumber = (w: string) => Number(w.slice(6));

  /** One slice's cells and sums; `withWijken` and `withWeeks` say which levels it publishes; a facet slice only the city per phenomenon and the stadsdelen in all. */
  const slice = (name: string, withWijken: boolean, withWeeks: boolean) => {
    const facet = name !== ALL_SIGNALS;
    const times = [...periods, ...(withWeeks ? [...input.weeks, ...months] : [])];
    for (const time of times) {
      const wijkLevel = withWijken && !time.includes("-W") && !isMonth(time);
      for (const p of facet ? [ALL] : phenomena) {
        relate(signalKey(name, CITY, p, time), stadsdelen.map((sd) => signalKey(name, sd.id, p, time)));
        if (wijkLevel) for (const sd of stadsdelen) relate(signalKey(name, sd.id, p, time), sd.wijken.map((w) => signalKey(name, w, p, time)));
      }
      const areas = wijkLevel ? [...upperAreas, ...stadsdelen.flatMap((sd) => sd.wijken)] : facet ? [CITY] : upperAreas;
      for (const area of areas) relate(signalKey(name, area, ALL, time), input.phenomena.map((p) => signalKey(name, area, p, time)));
    }
    const yearAreas = withWijken ? [...upperAreas, ...stadsdelen.flatMap((sd) => sd.wijken)] : upperAreas;
    for (const area of yearAreas) {
      for (const p of facet && area !== CITY ? [ALL] : phenomena) {
        if (year) relate(signalKey(name, area, p, YEAR), blocks.map((b) => signalKey(name, area, p, b)));
        if (withWeeks && upperAreas.includes(area)) {
          for (const month of months) relate(signalKey(name, area, p, month), weeksOfMonth(month).map((w) => signalKey(name, area, p, w)));
          for (const b of blocks) {
            const numbers = new Set(blockWeeks(b, input.weeksInYear));
            relate(signalKey(name, area, p, b), input.weeks.filter((w) => numbers.has(weekNumber(w))).map((w) => signalKey(name, area, p, w)));
          }
        }
      }
    }
  };

  slice(ALL_SIGNALS, true, true);
  for (const facet of facetNames) {
    const values = input.facets[facet];
    for (const value of values) slice(facetSlice(facet, value), false, false);
    for (const area of upperAreas) {
      for (const p of area === CITY ? phenomena : [ALL]) {
        for (const time of periods) relate(signalKey(ALL_SIGNALS, area, p, time), values.map((v) => signalKey(facetSlice(facet, v), area, p, time)));
      }
    }
  }
  for (const time of periods) relate(signalKey(ALL_SIGNALS, CITY, ALL, time), input.organisations.map((o) => organisationKey(o, time)));
  if (year) for (const o of input.organisations) relate(organisationKey(o, YEAR), blocks.map((b) => organisationKey(o, b)));
  if (input.reach) reachCells(input.reach, input, [...periods, ...months], cell, relations);
  // Weeks published before any block is complete still need their cells.
  if (periods.length === 0) for (const w of input.weeks) cell(signalKey(ALL_SIGNALS, CITY, ALL, w));
  return { keys, index, relations };
}

/** The reach cells: a leaf per target, organisation and week with visits; per flow and stadsdeel a sum over its organisations' weeks. */
function reachCells(reach: ReachInput, input: StructureInput, periods: readonly string[], cell: (key: string) => number, relations: Relation[]): void {
  const published = new Set(input.weeks);
  const leaves = reach.visits.filter((v) => v.visits > 0 && published.has(v.week));
  for (const v of leaves) cell(reachOrganisationKey(v.target, v.organisation, v.week));
  const stadsdeelOf = new Map(reach.organisations.map((o) => [o.id, o.stadsdeel]));
  const byFlowAndStadsdeel = Map.groupBy(leaves, (v) => `${v.target}|${stadsdeelOf.get(v.organisation)}`);
  for (const flow of reach.flows) {
    const target = `flow:${flow}`;
    for (const sd of input.areas.stadsdelen) {
      const mine = byFlowAndStadsdeel.get(`${target}|${sd.id}`) ?? [];
      for (const time of periods) {
        const numbers = time === YEAR || isMonth(time) ? null : new Set(blockWeeks(time, input.weeksInYear));
        const inTime = (week: string) => (numbers ? numbers.has(Number(week.slice(6))) : time === YEAR || monthOfWeek(week) === time);
        const parts = mine.filter((v) => inTime(v.week)).map((v) => cell(reachOrganisationKey(v.target, v.organisation, v.week)));
        const parent = cell(reachStadsdeelKey(target, sd.id, time));
        if (parts.length > 0) relations.push({ parent, parts });
      }
    }
  }
}

export interface SignalCount {
  wijk: string;
  phenomenon: string;
  week: string;
  /** "*" or a facet slice. */
  slice: string;
  signals: number;
}

/** Every cell's true value: a leaf count is added to each cell it is part of. */
export function fillValues(structure: Structure, input: StructureInput, counts: readonly SignalCount[], organisationCounts: readonly { organisation: string; week: string; signals: number }[]): Float64Array {
  const values = new Float64Array(structure.keys.length);
  const stadsdeelOf = new Map(input.areas.stadsdelen.flatMap((sd) => sd.wijken.map((w) => [w, sd.id] as const)));
  const add = (key: string, n: number) => {
    const i = structure.index.get(key);
    if (i !== undefined) values[i]! += n;
  };
  for (const c of counts) {
    const sd = stadsdeelOf.get(c.wijk);
    const areas = sd ? [c.wijk, sd, CITY] : [CITY];
    const times = [c.week, monthOfWeek(c.week), blockOfWeek(c.week), YEAR];
    for (const area of areas) for (const p of [c.phenomenon, ALL]) for (const time of times) add(signalKey(c.slice, area, p, time), c.signals);
  }
  for (const c of organisationCounts) for (const time of [blockOfWeek(c.week), YEAR]) add(organisationKey(c.organisation, time), c.signals);
  if (input.reach) {
    const stadsdeelOf = new Map(input.reach.organisations.map((o) => [o.id, o.stadsdeel]));
    for (const v of input.reach.visits) {
      const leaf = structure.index.get(reachOrganisationKey(v.target, v.organisation, v.week));
      if (leaf === undefined) continue;
      values[leaf]! += v.visits;
      const sd = stadsdeelOf.get(v.organisation);
      if (sd) for (const time of [monthOfWeek(v.week), blockOfWeek(v.week), YEAR]) add(reachStadsdeelKey(v.target, sd, time), v.visits);
    }
  }
  return values;
}
