import { auditPublication, HIDDEN, SHOWN, SMALL, type AuditFinding, type CellState, type Relation } from "./lp-audit.ts";

// Protects one structure of figures as a whole (docs/decisions/0403):
// 1. a count from 1 to t − 1 is published as "< t" (primary suppression);
// 2. a sum that on its own would narrow a hidden member's range (one hidden
//    member, or small ones that can only be a few values) gets another member
//    hidden ("×"), preferably its smallest part of at least t;
// 3. then the LP audit (lp-audit.ts) looks at everything together, and for
//    every hidden cell whose range is still too narrow one more cell it is
//    tied to is hidden — until the audit finds nothing.
// Cells published before keep their state ("locked"): what was shown stays
// shown and what was hidden stays hidden, so two publications together say
// no more than the last one.

export interface ProtectInput {
  values: Float64Array;
  relations: readonly Relation[];
  threshold: number;
  /** States fixed by an earlier publication. */
  locked?: ReadonlyMap<number, CellState>;
  /**
   * Cells to hide first when a sum needs one more hidden figure: the ones of
   * least use (months, read outside the dashboard) before the weeks and
   * blocks the dashboard and its early warnings show.
   */
  yieldsFirst?: (cell: number) => boolean;
  /**
   * Cells of the same series as a cell (the other months of an area and
   * phenomenon): the last place to look for one more figure to hide, when
   * sums the cells share only through figures already published (a 13-week
   * block and its weeks) pin a hidden one.
   */
  siblings?: (cell: number) => readonly number[];
  /** Names cells in debug output (PROTECT_DEBUG). */
  describe?: (cell: number) => string;
}

export async function protectStructure(input: ProtectInput): Promise<Uint8Array> {
  const { values, relations, threshold } = input;
  const locked = input.locked ?? new Map<number, CellState>();
  const states = new Uint8Array(values.length);
  for (let cell = 0; cell < values.length; cell++) {
    const fixed = locked.get(cell);
    states[cell] = fixed ?? (values[cell]! > 0 && values[cell]! < threshold ? SMALL : SHOWN);
  }
  const memberOf: number[][] = Array.from({ length: values.length }, () => []);
  relations.forEach((relation, r) => {
    memberOf[relation.parent]!.push(r);
    for (const part of relation.parts) memberOf[part]!.push(r);
  });
  // A cell whose value follows from figures certain to be published as they
  // are — published before and locked, or empty (an empty cell is never
  // hidden) — is published too: it says nothing new, and hiding it would
  // promise what it cannot keep (a new month over weeks already published).
  const derived = new Set<number>();
  if (locked.size > 0) {
    const certain = (cell: number) => states[cell] === SHOWN && (locked.has(cell) || values[cell] === 0 || derived.has(cell));
    for (let changed = true; changed; ) {
      changed = false;
      for (const relation of relations) {
        let unknown = -1;
        let count = 0;
        for (const member of [relation.parent, ...relation.parts]) {
          if (certain(member)) continue;
          unknown = member;
          if (++count > 1) break;
        }
        if (count === 1 && states[unknown] === SHOWN) {
          derived.add(unknown);
          changed = true;
        }
      }
    }
  }
  const free = (cell: number) => states[cell] === SHOWN && !locked.has(cell) && !derived.has(cell);
  /**
   * The cell to hide beside a hidden one in this sum: its smallest free part
   * of at least t, else the total. Never an empty cell: a hidden 0 adds no
   * doubt where its own sums are 0 too, and "×" would then promise nothing.
   */
  const yieldsFirst = input.yieldsFirst ?? (() => false);
  /** A cell that yields first may be hidden even when small ("< t" becomes "×"), rather than the figures around it. */
  const mayHide = (cell: number) =>
    values[cell]! > 0 && (free(cell) || (yieldsFirst(cell) && states[cell] === SMALL && !locked.has(cell) && !derived.has(cell)));
  const standIn = (relation: Relation): number | undefined => {
    if (yieldsFirst(relation.parent) && mayHide(relation.parent)) return relation.parent;
    let best: number | undefined;
    const rank = (cell: number) => (yieldsFirst(cell) ? 0 : 1e12) + values[cell]!;
    for (const part of relation.parts) {
      if (!free(part) || values[part]! < threshold) continue;
      if (best === undefined || rank(part) < rank(best)) best = part;
    }
    if (best !== undefined) return best;
    if (free(relation.parent) && values[relation.parent]! > 0) return relation.parent;
    return undefined;
  };
  const hide = (cell: number, queue: number[]) => {
    states[cell] = HIDDEN;
    queue.push(...memberOf[cell]!);
  };
  const low = (cell: number) => (states[cell] === SMALL ? 1 : 0);
  const high = (cell: number) => (states[cell] === SMALL ? threshold - 1 : Infinity);
  /**
   * Whether this sum on its own already narrows a hidden member: the range
   * each hidden member gets from the sum and the others' ranges ("< t" is
   * 1 … t − 1, "×" is 0 and up) must still be the whole promised range.
   */
  const narrows = (relation: Relation): boolean => {
    const members = [relation.parent, ...relation.parts];
    const sign = (k: number) => (k === 0 ? 1 : -1);
    let rest = 0;
    const hidden: number[] = [];
    members.forEach((cell, k) => {
      if (states[cell] === SHOWN) rest -= sign(k) * values[cell]!;
      else hidden.push(k);
    });
    if (hidden.length === 0) return false;
    // Σ sign·x over the hidden members = rest; each member's range from the others' ranges.
    const ranges = hidden.map((k) => {
      const cell = members[k]!;
      return sign(k) > 0 ? { lo: low(cell), hi: high(cell) } : { lo: -high(cell), hi: -low(cell) };
    });
    // Sums of the finite ends, and how many ends are infinite (so that one member can be left out exactly).
    let finiteLo = 0;
    let finiteHi = 0;
    let infiniteLo = 0;
    let infiniteHi = 0;
    for (const r of ranges) {
      if (Number.isFinite(r.lo)) finiteLo += r.lo;
      else infiniteLo += 1;
      if (Number.isFinite(r.hi)) finiteHi += r.hi;
      else infiniteHi += 1;
    }
    for (let j = 0; j < hidden.length; j++) {
      const k = hidden[j]!;
      const cell = members[k]!;
      const own = ranges[j]!;
      const othersLo = infiniteLo - (Number.isFinite(own.lo) ? 0 : 1) > 0 ? -Infinity : finiteLo - (Number.isFinite(own.lo) ? own.lo : 0);
      const othersHi = infiniteHi - (Number.isFinite(own.hi) ? 0 : 1) > 0 ? Infinity : finiteHi - (Number.isFinite(own.hi) ? own.hi : 0);
      let lo = rest - othersHi;
      let hi = rest - othersLo;
      if (sign(k) < 0) [lo, hi] = [-hi, -lo];
      lo = Math.max(lo, low(cell));
      hi = Math.min(hi, high(cell));
      if (states[cell] === SMALL ? lo > 1 || hi < threshold - 1 : hi - lo < 1) return true;
    }
    return false;
  };
  const localRules = (queue: number[]) => {
    while (queue.length > 0) {
      const relation = relations[queue.pop()!]!;
      if (!narrows(relation)) continue;
      const cell = standIn(relation);
      if (cell !== undefined) hide(cell, queue);
    }
  };
  localRules(relations.map((_, r) => r));

  const cache = new Map<string, AuditFinding[]>();
  for (let round = 1; ; round++) {
    const started = Date.now();
    const findings = await auditPublication({ states, shownValue: (cell) => values[cell]!, relations, threshold }, cache);
    if (process.env.PROTECT_DEBUG) {
      console.error(`protect: round ${round}, ${findings.length} findings, ${Date.now() - started} ms`);
      const small = findings.filter((f) => states[f.cell] === SMALL).length;
      console.error(`  small ${small}, hidden ${findings.length - small}`);
      for (const f of findings.slice(0, 8)) console.error(`  ${input.describe?.(f.cell) ?? f.cell} state ${states[f.cell]} value ${values[f.cell]} range ${f.low} … ${f.high}`);
    }
    if (findings.length === 0) return states;
    const queue: number[] = [];
    let hidOne = false;
    const followsExactly: number[] = [];
    const helped = new Set<number>();
    for (const finding of findings) {
      // A cell in a sum where a cell was hidden this round waits for the next audit.
      if (helped.has(finding.cell)) continue;
      // A figure in its own sums first; when those have nothing left to hide (only small and empty
      // cells), the small figure itself becomes "×": sums of small cells bound each other, which no
      // other hidden cell can undo. Only then cells further away.
      let cell = nearestFreeCell(finding.cell, relations, memberOf, states, mayHide, values, threshold, 1, yieldsFirst);
      if (cell === undefined && states[finding.cell] === SMALL && !locked.has(finding.cell)) cell = finding.cell;
      cell ??= nearestFreeCell(finding.cell, relations, memberOf, states, mayHide, values, threshold, Infinity, yieldsFirst);
      if (cell === undefined && input.siblings) {
        for (const sibling of input.siblings(finding.cell)) {
          if (mayHide(sibling) && (cell === undefined || values[sibling]! < values[cell]!)) cell = sibling;
        }
      }
      if (cell === undefined) {
        // Nothing left to hide and the figure follows exactly from what is
        // published: publishing it says nothing new, a "×" would promise what
        // it cannot keep. (A small one that follows exactly is a real finding.)
        // Only in a round that hid nothing else: what was exact must still be.
        const exact = finding.high - finding.low < 1e-6;
        if (exact && states[finding.cell] === HIDDEN && !locked.has(finding.cell) && (values[finding.cell]! === 0 || values[finding.cell]! >= threshold)) {
          followsExactly.push(finding.cell);
        }
        continue;
      }
      hide(cell, queue);
      hidOne = true;
      for (const r of memberOf[cell]!) {
        helped.add(relations[r]!.parent);
        for (const part of relations[r]!.parts) helped.add(part);
      }
    }
    if (!hidOne && followsExactly.length > 0) {
      for (const cell of followsExactly) {
        states[cell] = SHOWN;
        derived.add(cell);
      }
      continue;
    }
    if (!hidOne) throw new Error(`disclosure: ${findings.length} hidden figures cannot be protected without changing published ones`);
    localRules(queue);
  }
}

/**
 * A shown, unlocked cell to hide so that a hidden cell's range widens: in a
 * sum the hidden cell is part of if there is one, otherwise the nearest one
 * through sums of hidden cells. Prefers a part of at least t, the smallest.
 */
function nearestFreeCell(
  start: number,
  relations: readonly Relation[],
  memberOf: readonly number[][],
  states: Uint8Array,
  mayHide: (cell: number) => boolean,
  values: Float64Array,
  threshold: number,
  depth: number,
  yieldsFirst: (cell: number) => boolean,
): number | undefined {
  const seen = new Set<number>([start]);
  let frontier = [start];
  for (let step = 0; frontier.length > 0 && step < depth; step++) {
    let best: number | undefined;
    const rank = (cell: number) => (yieldsFirst(cell) ? 0 : 1e13) + (values[cell]! >= threshold ? values[cell]! : 1e12 + values[cell]!);
    const next: number[] = [];
    for (const cell of frontier) {
      for (const r of memberOf[cell]!) {
        const relation = relations[r]!;
        for (const member of [relation.parent, ...relation.parts]) {
          if (mayHide(member)) {
            if (best === undefined || rank(member) < rank(best)) best = member;
          } else if (states[member] !== SHOWN && !seen.has(member)) {
            seen.add(member);
            next.push(member);
          }
        }
      }
    }
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}
