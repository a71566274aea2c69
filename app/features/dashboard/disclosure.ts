// Disclosure control for every number the dashboard shows (privacy rule 2).
// The one module that decides whether a count may be shown; views, CSV and
// the printable report only format what it returns. The rules, in the words
// the page uses, are in docs/decisions/0401-disclosure-control.md:
//
// 1. Primary suppression: a count from 1 up to the threshold t is shown as
//    "< t", never as the number. 0 is shown: nobody is in an empty cell (the
//    same rule as the referral reach of issue 3).
// 2. Every total is itself a cell of one cube — area (wijk < stadsdeel <
//    city) × phenomenon (one < all) × time (week < period) — and whether it
//    is shown is decided once for the whole cube, whatever the filters show
//    of it. So two filter settings (a stadsdeel and one of its wijken, the
//    city and a stadsdeel, one phenomenon and all) show the same decisions.
// 3. Secondary suppression: when subtracting a total's shown parts would give
//    back a hidden part exactly (exactly one part hidden, or hidden parts that
//    can only be all 1 or all t − 1), its smallest other part of at least t is
//    hidden ("×") as well — or, when there is none, the total. A hidden total
//    whose parts are all shown gets its smallest part hidden, so it cannot be
//    added up again. Repeated until nothing changes.

export type Shown =
  | { kind: "count"; value: number }
  /** Primary suppression: fewer than `below` (the threshold). */
  | { kind: "suppressed"; below: number }
  /** Secondary suppression: hidden so that a small number elsewhere cannot be computed back; any number, 0 included. */
  | { kind: "hidden" };

/** A count on its own, with no totals around it (e.g. one organisation's signals). */
export function showCount(value: number, threshold: number): Shown {
  return value > 0 && value < threshold ? { kind: "suppressed", below: threshold } : { kind: "count", value };
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

/** The cube's cells laid out in one array: the shape the engine and the facet step share. */
interface Layout {
  dims: readonly [Hierarchy, Hierarchy, Hierarchy];
  sizes: [number, number, number];
  index: Map<string, number>[];
  kids: number[][][];
  cells: number;
}

function layoutOf(dims: readonly [Hierarchy, Hierarchy, Hierarchy]): Layout {
  const sizes = dims.map((d) => d.nodes.length) as [number, number, number];
  const index = dims.map((d) => new Map(d.nodes.map((node, i) => [node, i])));
  const kids = dims.map((d, di) => d.nodes.map((node) => (d.children.get(node) ?? []).map((child) => index[di]!.get(child)!)));
  return { dims, sizes, index, kids, cells: sizes[0] * sizes[1] * sizes[2] };
}

/**
 * Leaves from the data, totals as the sum along the first dimension in which
 * they are a total. `leaf` gets the cell's position in its slice and the
 * node indices.
 */
function fillValues(layout: Layout, leaf: (cell: number, a: number, p: number, t: number) => number, values: Float64Array, offset: number): void {
  const { sizes, kids } = layout;
  const [, P, T] = sizes;
  const at = (a: number, p: number, t: number) => offset + (a * P + p) * T + t;
  const [orderA, orderP, orderT] = [0, 1, 2].map((d) => childrenFirst(kids[d]!));
  // Children before parents in every dimension, so each total adds up values already known.
  for (const a of orderA!) {
    const ka = kids[0]![a]!;
    if (ka.length > 0) {
      for (let p = 0; p < P; p++) {
        for (let t = 0; t < T; t++) {
          let sum = 0;
          for (const c of ka) sum += values[at(c, p, t)]!;
          values[at(a, p, t)] = sum;
        }
      }
      continue;
    }
    for (const p of orderP!) {
      const kp = kids[1]![p]!;
      if (kp.length > 0) {
        for (let t = 0; t < T; t++) {
          let sum = 0;
          for (const c of kp) sum += values[at(a, c, t)]!;
          values[at(a, p, t)] = sum;
        }
        continue;
      }
      for (const t of orderT!) {
        const kt = kids[2]![t]!;
        if (kt.length > 0) {
          let sum = 0;
          for (const c of kt) sum += values[at(a, p, c)]!;
          values[at(a, p, t)] = sum;
        } else {
          values[at(a, p, t)] = leaf((a * P + p) * T + t, a, p, t);
        }
      }
    }
  }
}

/** The nodes of a dimension with every node after its children. */
function childrenFirst(kids: number[][]): number[] {
  const order: number[] = [];
  const seen = new Uint8Array(kids.length);
  const visit = (node: number) => {
    if (seen[node]) return;
    seen[node] = 1;
    for (const child of kids[node]!) visit(child);
    order.push(node);
  };
  for (let node = 0; node < kids.length; node++) visit(node);
  return order;
}

/**
 * The groups of one cube at `offset`: a total cell and the cells it adds up
 * along one dimension.
 */
function addCubeGroups(layout: Layout, offset: number, groups: Groups): void {
  const { sizes, kids } = layout;
  const at = (a: number, p: number, t: number) => offset + (a * sizes[1] + p) * sizes[2] + t;
  for (let a = 0; a < sizes[0]; a++) {
    for (let p = 0; p < sizes[1]; p++) {
      for (let t = 0; t < sizes[2]; t++) {
        const parent = at(a, p, t);
        const ka = kids[0]![a]!;
        const kp = kids[1]![p]!;
        const kt = kids[2]![t]!;
        if (ka.length > 0) {
          groups.open(parent);
          for (const c of ka) groups.part(at(c, p, t));
        }
        if (kp.length > 0) {
          groups.open(parent);
          for (const c of kp) groups.part(at(a, c, t));
        }
        if (kt.length > 0) {
          groups.open(parent);
          for (const c of kt) groups.part(at(a, p, c));
        }
      }
    }
  }
}

/**
 * Groups kept flat: parents[g] (or, for a total decided elsewhere and not to
 * be changed here, -1 with fixedValue/fixedState), parts from partStart[g].
 */
class Groups {
  parents: number[] = [];
  fixedValue: number[] = [];
  fixedState: number[] = [];
  partStart: number[] = [0];
  parts = new Int32Array(1 << 16);
  partCount = 0;
  /** Starts a group; its parts follow with part(). */
  open(parent: number, fixed?: { value: number; state: number }): void {
    if (this.parents.length > 0) this.partStart.push(this.partCount);
    this.parents.push(parent);
    this.fixedValue.push(fixed?.value ?? 0);
    this.fixedState.push(fixed?.state ?? 0);
  }
  part(cell: number): void {
    if (this.partCount === this.parts.length) {
      const grown = new Int32Array(this.parts.length * 2);
      grown.set(this.parts);
      this.parts = grown;
    }
    this.parts[this.partCount++] = cell;
  }
  /** Closes the last group; call once before protect(). */
  close(): void {
    if (this.parents.length > 0) this.partStart.push(this.partCount);
  }
}

/**
 * Applies the secondary rules until nothing changes. A worklist of groups:
 * hiding a cell only adds work for its own groups, and cells are only ever
 * hidden, so this ends.
 */
function protect(values: Float64Array, state: Uint8Array, groups: Groups, threshold: number): void {
  const { parents, partStart, parts, fixedValue, fixedState } = groups;
  const total = values.length;
  // Which groups a cell belongs to, flat (memberStart[cell] … memberStart[cell + 1]).
  const memberStart = new Int32Array(total + 1);
  for (let g = 0; g < parents.length; g++) {
    if (parents[g]! >= 0) memberStart[parents[g]! + 1]! += 1;
    for (let i = partStart[g]!; i < partStart[g + 1]!; i++) memberStart[parts[i]! + 1]! += 1;
  }
  for (let cell = 0; cell < total; cell++) memberStart[cell + 1]! += memberStart[cell]!;
  const members = new Int32Array(memberStart[total]!);
  const fill = memberStart.slice(0, total);
  for (let g = 0; g < parents.length; g++) {
    if (parents[g]! >= 0) members[fill[parents[g]!]!++] = g;
    for (let i = partStart[g]!; i < partStart[g + 1]!; i++) members[fill[parts[i]!]!++] = g;
  }

  const queued = new Uint8Array(parents.length).fill(1);
  const queue: number[] = parents.map((_, g) => g);
  const hide = (cell: number) => {
    state[cell] = SECONDARY;
    for (let m = memberStart[cell]!; m < memberStart[cell + 1]!; m++) {
      const g = members[m]!;
      if (!queued[g]) {
        queued[g] = 1;
        queue.push(g);
      }
    }
  };
  while (queue.length > 0) {
    const g = queue.pop()!;
    queued[g] = 0;
    const parent = parents[g]!;
    const parentValue = parent >= 0 ? values[parent]! : fixedValue[g]!;
    const parentState = parent >= 0 ? state[parent]! : fixedState[g]!;
    let hiddenParts = 0;
    let secondaryParts = 0;
    let shownSum = 0;
    let smallestShown = -1;
    let smallestAny = -1;
    for (let i = partStart[g]!; i < partStart[g + 1]!; i++) {
      const part = parts[i]!;
      if (state[part] === SHOWN) {
        shownSum += values[part]!;
        // Preferably a part of at least t stands in; an empty one only when nothing else is left.
        if (values[part]! >= threshold && (smallestShown < 0 || values[part]! < values[smallestShown]!)) smallestShown = part;
        if (smallestAny < 0 || values[part]! < values[smallestAny]!) smallestAny = part;
      } else {
        hiddenParts += 1;
        if (state[part] === SECONDARY) secondaryParts += 1;
      }
    }
    if (parentState === SHOWN) {
      if (hiddenParts === 0) continue;
      const rest = parentValue - shownSum;
      if (hiddenParts === 1 || pinsAHiddenPart(rest, hiddenParts - secondaryParts, secondaryParts, threshold)) {
        // Totals are worth more than one of their parts: a second part goes with the hidden one
        // where there is one; otherwise the total goes. A total decided elsewhere (the unfiltered
        // figure) stays as it is: then, when no part is left, the small parts lose their bound ("×").
        if (smallestShown >= 0) hide(smallestShown);
        else if (parent >= 0) hide(parent);
        else if (smallestAny >= 0) hide(smallestAny);
        else for (let i = partStart[g]!; i < partStart[g + 1]!; i++) if (state[parts[i]!] === PRIMARY) hide(parts[i]!);
      }
    } else if (hiddenParts === 0 && parentValue > 0) {
      if (smallestShown >= 0) hide(smallestShown);
      else if (smallestAny >= 0) hide(smallestAny);
    }
  }
}

class Cube implements ProtectedCube {
  readonly layout: Layout;
  readonly values: Float64Array;
  readonly state: Uint8Array;
  readonly offset: number;
  readonly threshold: number;

  constructor(layout: Layout, values: Float64Array, state: Uint8Array, offset: number, threshold: number) {
    this.layout = layout;
    this.values = values;
    this.state = state;
    this.offset = offset;
    this.threshold = threshold;
  }

  cell(area: string, phenomenon: string, time: string): number | undefined {
    const a = this.layout.index[0]!.get(area);
    const p = this.layout.index[1]!.get(phenomenon);
    const t = this.layout.index[2]!.get(time);
    if (a === undefined || p === undefined || t === undefined) return undefined;
    return this.offset + (a * this.layout.sizes[1] + p) * this.layout.sizes[2] + t;
  }

  shown(area: string, phenomenon: string, time: string): Shown {
    const cell = this.cell(area, phenomenon, time);
    if (cell === undefined) return { kind: "count", value: 0 };
    if (this.state[cell] === PRIMARY) return { kind: "suppressed", below: this.threshold };
    if (this.state[cell] === SECONDARY) return { kind: "hidden" };
    return { kind: "count", value: this.values[cell]! };
  }

  trueValue(area: string, phenomenon: string, time: string): number {
    const cell = this.cell(area, phenomenon, time);
    return cell === undefined ? 0 : this.values[cell]!;
  }
}

function primaryStates(values: Float64Array, threshold: number): Uint8Array {
  const state = new Uint8Array(values.length);
  for (let cell = 0; cell < values.length; cell++) if (values[cell]! > 0 && values[cell]! < threshold) state[cell] = PRIMARY;
  return state;
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
  const names = dims.map((d) => d.nodes);
  return protectCubeOf(dims, (_cell, a, p, t) => leaf(names[0]![a]!, names[1]![p]!, names[2]![t]!), threshold);
}

/** The same, with the leaves given by position (see cellIndex): no strings per cell. */
export function protectCubeOf(
  dims: readonly [Hierarchy, Hierarchy, Hierarchy],
  leaf: (cell: number, a: number, p: number, t: number) => number,
  threshold: number,
): ProtectedCube {
  const layout = layoutOf(dims);
  const values = new Float64Array(layout.cells);
  fillValues(layout, leaf, values, 0);
  const state = primaryStates(values, threshold);
  const groups = new Groups();
  addCubeGroups(layout, 0, groups);
  groups.close();
  protect(values, state, groups, threshold);
  return new Cube(layout, values, state, 0, threshold);
}

/** A cell's position in a cube's slice, for protectCubeOf and protectFacetOf leaves. */
export function cellIndexer(dims: readonly [Hierarchy, Hierarchy, Hierarchy]): { cells: number; index: (area: string, phenomenon: string, time: string) => number | undefined } {
  const layout = layoutOf(dims);
  return {
    cells: layout.cells,
    index(area, phenomenon, time) {
      const a = layout.index[0]!.get(area);
      const p = layout.index[1]!.get(phenomenon);
      const t = layout.index[2]!.get(time);
      return a === undefined || p === undefined || t === undefined ? undefined : (a * layout.sizes[1] + p) * layout.sizes[2] + t;
    },
  };
}

/**
 * One facet (channel, target group or urgency) split into its values: a cube
 * per value, protected together so that the values of a cell and the cell in
 * the unfiltered cube (`whole`, already protected and not changed here) cannot
 * be subtracted from each other: changing the filter from "all" to one value
 * then gives nothing away either.
 */
export function protectFacet(
  dims: readonly [Hierarchy, Hierarchy, Hierarchy],
  facetValues: readonly string[],
  leaf: (facetValue: string, area: string, phenomenon: string, time: string) => number,
  whole: ProtectedCube,
  threshold: number,
): Map<string, ProtectedCube> {
  const names = dims.map((d) => d.nodes);
  return protectFacetOf(dims, facetValues, (v, _cell, a, p, t) => leaf(facetValues[v]!, names[0]![a]!, names[1]![p]!, names[2]![t]!), whole, threshold);
}

/** The same, with the leaves given by facet value index and position. */
export function protectFacetOf(
  dims: readonly [Hierarchy, Hierarchy, Hierarchy],
  facetValues: readonly string[],
  leaf: (v: number, cell: number, a: number, p: number, t: number) => number,
  whole: ProtectedCube,
  threshold: number,
): Map<string, ProtectedCube> {
  const layout = layoutOf(dims);
  const parent = whole as Cube;
  const values = new Float64Array(layout.cells * facetValues.length);
  facetValues.forEach((_, v) => fillValues(layout, (cell, a, p, t) => leaf(v, cell, a, p, t), values, v * layout.cells));
  const state = primaryStates(values, threshold);
  const groups = new Groups();
  facetValues.forEach((_, v) => addCubeGroups(layout, v * layout.cells, groups));
  for (let cell = 0; cell < layout.cells; cell++) {
    groups.open(-1, { value: parent.values[parent.offset + cell]!, state: parent.state[parent.offset + cell]! });
    for (let v = 0; v < facetValues.length; v++) groups.part(v * layout.cells + cell);
  }
  groups.close();
  protect(values, state, groups, threshold);
  return new Map(facetValues.map((value, v) => [value, new Cube(layout, values, state, v * layout.cells, threshold)]));
}

/**
 * Whether knowing that hidden parts add up to `rest` pins a primary-suppressed
 * part to one value. A "< t" part lies in 1 … t − 1; a "×" part may be any
 * number, 0 included (the page says so), so it only widens the range.
 */
export function pinsAHiddenPart(rest: number, primaryParts: number, secondaryParts: number, threshold: number): boolean {
  if (primaryParts === 0) return false;
  const max = threshold - 1;
  const high = Math.min(max, rest - (primaryParts - 1));
  const low = secondaryParts > 0 ? 1 : Math.max(1, rest - (primaryParts - 1) * max);
  return low >= high;
}

/** How a shown cell reads on the page and in the CSV. */
export function formatShown(shown: Shown, formatNumber: (value: number) => string = String): string {
  if (shown.kind === "count") return formatNumber(shown.value);
  if (shown.kind === "suppressed") return `< ${shown.below}`;
  return "×";
}
