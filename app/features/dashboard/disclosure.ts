// Disclosure control for every number the dashboard shows (privacy rule 2).
// The one module that decides whether a count may be shown; views, CSV and
// the printable report only format what it returns. The rules, in the words
// the page uses, are in docs/decisions/0401-disclosure-control.md:
//
// 1. Primary suppression: a count below the threshold t (0 included) is shown
//    as "< t", never as the number.
// 2. Every total is itself a cell of one cube — area (wijk < stadsdeel <
//    city) × phenomenon (one < all) × time (week < period) — and whether it
//    is shown is decided once for the whole cube, whatever the filters show
//    of it. So two filter settings (a stadsdeel and one of its wijken, the
//    city and a stadsdeel, one phenomenon and all) show the same decisions.
// 3. Secondary suppression: a total is hidden ("×") when subtracting its
//    shown parts would give back a hidden part exactly: when exactly one part
//    is hidden, or when the hidden parts can only be all 0 or all t − 1.
//    A hidden total whose parts are all shown gets its smallest part hidden
//    too, so it cannot be added up again. Repeated until nothing changes.

export type Shown =
  | { kind: "count"; value: number }
  /** Primary suppression: fewer than `below` (the threshold). */
  | { kind: "suppressed"; below: number }
  /** Secondary suppression: hidden so that a small number elsewhere cannot be computed back. */
  | { kind: "hidden" };

/** A count on its own, with no totals around it (e.g. one organisation's signals). */
export function showCount(value: number, threshold: number): Shown {
  return value < threshold ? { kind: "suppressed", below: threshold } : { kind: "count", value };
}

/** One dimension of the cube: its nodes and, for each total node, the nodes it adds up. */
export interface Hierarchy {
  nodes: readonly string[];
  children: ReadonlyMap<string, readonly string[]>;
}

const SHOWN = 0;
const PRIMARY = 1;
const SECONDARY = 2;

export interface ProtectedCube {
  /** The cell's display; unknown nodes count as an empty (0) cell. */
  shown(area: string, phenomenon: string, time: string): Shown;
  /** The true value, for tests and for the rate calculation of shown cells only. */
  trueValue(area: string, phenomenon: string, time: string): number;
  threshold: number;
}

/**
 * Protects a three-dimensional cube. `leaf` gives the count of a leaf cell
 * (a wijk × one phenomenon × one week); totals are computed here.
 */
export function protectCube(
  dims: readonly [Hierarchy, Hierarchy, Hierarchy],
  leaf: (area: string, phenomenon: string, time: string) => number,
  threshold: number,
): ProtectedCube {
  const sizes = dims.map((d) => d.nodes.length) as [number, number, number];
  const index = dims.map((d) => new Map(d.nodes.map((node, i) => [node, i])));
  const kids = dims.map((d, di) => d.nodes.map((node) => (d.children.get(node) ?? []).map((child) => index[di]!.get(child)!)));
  const total = sizes[0] * sizes[1] * sizes[2];
  const at = (a: number, p: number, t: number) => (a * sizes[1] + p) * sizes[2] + t;

  // Values: leaves from the data, totals as the sum along the first dimension in which they are a total.
  const values = new Float64Array(total);
  const known = new Uint8Array(total);
  const valueOf = (a: number, p: number, t: number): number => {
    const cell = at(a, p, t);
    if (known[cell]) return values[cell]!;
    let value = 0;
    if (kids[0]![a]!.length > 0) for (const c of kids[0]![a]!) value += valueOf(c, p, t);
    else if (kids[1]![p]!.length > 0) for (const c of kids[1]![p]!) value += valueOf(a, c, t);
    else if (kids[2]![t]!.length > 0) for (const c of kids[2]![t]!) value += valueOf(a, p, c);
    else value = leaf(dims[0].nodes[a]!, dims[1].nodes[p]!, dims[2].nodes[t]!);
    values[cell] = value;
    known[cell] = 1;
    return value;
  };
  for (let a = 0; a < sizes[0]; a++) for (let p = 0; p < sizes[1]; p++) for (let t = 0; t < sizes[2]; t++) valueOf(a, p, t);

  const state = new Uint8Array(total);
  for (let cell = 0; cell < total; cell++) if (values[cell]! < threshold) state[cell] = PRIMARY;

  // The groups: a total cell and the cells it adds up along one dimension.
  const groups: { parent: number; parts: number[] }[] = [];
  for (let a = 0; a < sizes[0]; a++) {
    for (let p = 0; p < sizes[1]; p++) {
      for (let t = 0; t < sizes[2]; t++) {
        const parent = at(a, p, t);
        if (kids[0]![a]!.length > 0) groups.push({ parent, parts: kids[0]![a]!.map((c) => at(c, p, t)) });
        if (kids[1]![p]!.length > 0) groups.push({ parent, parts: kids[1]![p]!.map((c) => at(a, c, t)) });
        if (kids[2]![t]!.length > 0) groups.push({ parent, parts: kids[2]![t]!.map((c) => at(a, p, c)) });
      }
    }
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const { parent, parts } of groups) {
      let hiddenParts = 0;
      let secondaryParts = 0;
      let shownSum = 0;
      let smallestShown = -1;
      for (const part of parts) {
        if (state[part] === SHOWN) {
          shownSum += values[part]!;
          if (smallestShown < 0 || values[part]! < values[smallestShown]!) smallestShown = part;
        } else {
          hiddenParts += 1;
          if (state[part] === SECONDARY) secondaryParts += 1;
        }
      }
      if (state[parent] === SHOWN) {
        if (hiddenParts === 0) continue;
        const rest = values[parent]! - shownSum;
        if (hiddenParts === 1 || pinsAHiddenPart(rest, hiddenParts - secondaryParts, secondaryParts, threshold)) {
          state[parent] = SECONDARY;
          changed = true;
        }
      } else if (hiddenParts === 0 && smallestShown >= 0) {
        state[smallestShown] = SECONDARY;
        changed = true;
      }
    }
  }

  const find = (area: string, phenomenon: string, time: string): number | undefined => {
    const a = index[0]!.get(area);
    const p = index[1]!.get(phenomenon);
    const t = index[2]!.get(time);
    return a === undefined || p === undefined || t === undefined ? undefined : at(a, p, t);
  };
  return {
    threshold,
    shown(area, phenomenon, time) {
      const cell = find(area, phenomenon, time);
      if (cell === undefined || state[cell] === PRIMARY) return { kind: "suppressed", below: threshold };
      if (state[cell] === SECONDARY) return { kind: "hidden" };
      return { kind: "count", value: values[cell]! };
    },
    trueValue(area, phenomenon, time) {
      const cell = find(area, phenomenon, time);
      return cell === undefined ? 0 : values[cell]!;
    },
  };
}

/**
 * Whether knowing that hidden parts add up to `rest` pins a primary-suppressed
 * part to one value. Primary parts lie in 0 … t − 1, secondary parts are at
 * least t (they are hidden only because of another cell).
 */
export function pinsAHiddenPart(rest: number, primaryParts: number, secondaryParts: number, threshold: number): boolean {
  if (primaryParts === 0) return false;
  const max = threshold - 1;
  const high = Math.min(max, rest - threshold * secondaryParts);
  const low = secondaryParts > 0 ? 0 : Math.max(0, rest - (primaryParts - 1) * max);
  return low >= high;
}

/** How a shown cell reads on the page and in the CSV. */
export function formatShown(shown: Shown, formatNumber: (value: number) => string = String): string {
  if (shown.kind === "count") return formatNumber(shown.value);
  if (shown.kind === "suppressed") return `< ${shown.below}`;
  return "×";
}
