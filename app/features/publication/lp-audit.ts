import highsLoader, { type Highs } from "highs";

// The disclosure audit (docs/decisions/0403): given only what is published —
// the shown figures, which cells are "< t" and which are "×", and the sums
// that tie the figures together — a real LP solver (HiGHS) computes the
// smallest and largest value every hidden cell can have. A "< t" cell is
// protected when it can still be anything from 1 to t − 1; a "×" cell (never
// a small count itself: it is hidden to protect others) when it cannot be
// computed exactly — its range is at least 1 wide. The same function checks a publication before it
// is stored (protect.ts) and the figures an attacker fetched over HTTP
// (scripts/disclosure-audit), so the promise is checked where it is kept.

export const SHOWN = 0;
/** Fewer than the threshold: published as "< t", so known to lie in 1 … t − 1. */
export const SMALL = 1;
/** Hidden so that others stay hidden: published as "×", any number from 0 up. */
export const HIDDEN = 2;
export type CellState = typeof SHOWN | typeof SMALL | typeof HIDDEN;

/** A published identity: the parent cell is the sum of the parts. */
export interface Relation {
  parent: number;
  parts: readonly number[];
}

export interface AuditInput {
  states: Uint8Array;
  /** The published value of a shown cell (ignored for hidden cells). */
  shownValue: (cell: number) => number;
  relations: readonly Relation[];
  threshold: number;
}

export interface AuditFinding {
  cell: number;
  low: number;
  high: number;
}

const EPS = 1e-6;

let highsPromise: Promise<Highs> | undefined;
/** One HiGHS runtime per process (the WebAssembly module is loaded once). */
export function loadHighs(): Promise<Highs> {
  highsPromise ??= highsLoader();
  return highsPromise;
}

interface Equation {
  vars: number[];
  coefs: number[];
  rhs: number;
}

/** The sums with every shown figure moved to the right-hand side: equations over hidden cells only. */
function equationsOf(input: AuditInput): Equation[] {
  const equations: Equation[] = [];
  for (const relation of input.relations) {
    const coef = new Map<number, number>();
    let rhs = 0;
    const add = (cell: number, c: number) => {
      if (input.states[cell] === SHOWN) rhs -= c * input.shownValue(cell);
      else coef.set(cell, (coef.get(cell) ?? 0) + c);
    };
    add(relation.parent, 1);
    for (const part of relation.parts) add(part, -1);
    const vars = [...coef.keys()].filter((v) => coef.get(v) !== 0);
    if (vars.length === 0) continue;
    equations.push({ vars, coefs: vars.map((v) => coef.get(v)!), rhs });
  }
  return equations;
}

/** Groups of hidden cells linked by equations; a cell in no equation is bounded by its own state only. */
function componentsOf(equations: readonly Equation[]): { cells: number[]; equations: Equation[] }[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const eq of equations) {
    for (const v of eq.vars) if (!parent.has(v)) parent.set(v, v);
    for (let i = 1; i < eq.vars.length; i++) {
      const a = find(eq.vars[0]!);
      const b = find(eq.vars[i]!);
      if (a !== b) parent.set(a, b);
    }
  }
  const byRoot = new Map<number, { cells: number[]; equations: Equation[] }>();
  for (const cell of parent.keys()) {
    const root = find(cell);
    let component = byRoot.get(root);
    if (!component) byRoot.set(root, (component = { cells: [], equations: [] }));
    component.cells.push(cell);
  }
  for (const eq of equations) byRoot.get(find(eq.vars[0]!))!.equations.push(eq);
  return [...byRoot.values()].map((c) => ({ cells: c.cells.sort((a, b) => a - b), equations: c.equations }));
}

/** Whether a cell's range keeps its promise. */
export function rangeProtects(state: CellState, low: number, high: number, threshold: number): boolean {
  if (state === SMALL) return low <= 1 + EPS && high >= threshold - 1 - EPS;
  if (state === HIDDEN) return high - low >= 1 - EPS;
  return true;
}

/**
 * Audits one component: the cells whose range is too narrow. Every solution
 * HiGHS returns is a feasible table, so it proves a value for every cell at
 * once; a cell is solved for on its own only when no solution so far has
 * shown it can be low and high enough.
 */
async function auditComponent(highs: Highs, cells: readonly number[], equations: readonly Equation[], input: AuditInput): Promise<AuditFinding[]> {
  const t = input.threshold;
  const column = new Map(cells.map((cell, i) => [cell, i]));
  const lower = cells.map((cell) => (input.states[cell] === SMALL ? 1 : 0));
  const upper = cells.map((cell) => (input.states[cell] === SMALL ? t - 1 : highs.infinity));
  const seenLow = cells.map(() => Infinity);
  const seenHigh = cells.map(() => -Infinity);
  const exactLow = cells.map(() => NaN);
  const exactHigh = cells.map(() => NaN);
  const findings: AuditFinding[] = [];
  let solves = 0;
  const started = Date.now();
  // Each solve blocks the thread: between solves the server answers its requests (a publication
  // made at start or on a Tuesday must not stall everyone's pages for a minute).
  let lastPause = Date.now();
  const pause = async () => {
    if (Date.now() - lastPause < 15) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastPause = Date.now();
  };
  const model = highs.createModel();
  try {
    // Primal simplex: after an objective change the last basis is still feasible, so each solve starts from it.
    model.options.set({ output_flag: false, presolve: "off", simplex_strategy: 4 });
    model.addVars(lower, upper);
    for (const eq of equations) {
      model.addRow(eq.rhs, eq.rhs, { indices: eq.vars.map((v) => column.get(v)!), values: eq.coefs });
    }
    const costs = new Float64Array(cells.length);
    const solve = (sense: "min" | "max"): Float64Array | null => {
      solves += 1;
      model.changeColsCost({ kind: "range", from: 0, to: cells.length - 1 }, costs);
      model.changeObjectiveSense(sense === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
      const result = model.run();
      const status = model.getModelStatus();
      // 7 optimal, 10 unbounded (a "×" without an upper bound): anything else means the published figures contradict each other.
      if (status === highs.constants.modelStatus.unbounded) return null;
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`disclosure audit: the LP ended with status ${status} (${String(result.modelStatus)})`);
      const values = model.getSolution().colValue;
      for (let i = 0; i < cells.length; i++) {
        if (values[i]! < seenLow[i]!) seenLow[i] = values[i]!;
        if (values[i]! > seenHigh[i]!) seenHigh[i] = values[i]!;
      }
      return values;
    };
    const settled = (i: number) => {
      const state = input.states[cells[i]!] as CellState;
      return rangeProtects(state, seenLow[i]!, seenHigh[i]!, t);
    };
    const needsLow = (i: number) => {
      const state = input.states[cells[i]!];
      return state === SMALL ? seenLow[i]! > 1 + EPS : seenHigh[i]! - seenLow[i]! < 1 - EPS;
    };
    const needsHigh = (i: number) => {
      const state = input.states[cells[i]!];
      return state === SMALL ? seenHigh[i]! < t - 1 - EPS : seenHigh[i]! - seenLow[i]! < 1 - EPS;
    };
    // Batches first: push every unsettled cell down at once, then up at once,
    // as long as that settles more cells; one vertex settles many.
    for (let round = 0; round < 50; round++) {
      const before = cells.filter((_, i) => !settled(i)).length;
      if (before === 0) break;
      costs.fill(0);
      for (let i = 0; i < cells.length; i++) if (needsLow(i)) costs[i] = 1;
      solve("min");
      await pause();
      costs.fill(0);
      for (let i = 0; i < cells.length; i++) if (needsHigh(i)) costs[i] = 1;
      // Unbounded: some "×" can grow without limit; one at a time below shows which.
      solve("max");
      await pause();
      const after = cells.filter((_, i) => !settled(i)).length;
      if (after >= before) break;
    }
    for (let i = 0; i < cells.length; i++) {
      if (settled(i)) continue;
      costs.fill(0);
      costs[i] = 1;
      if (needsLow(i)) solve("min");
      await pause();
      exactLow[i] = seenLow[i]!;
      if (settled(i)) continue;
      const high = solve("max");
      await pause();
      exactHigh[i] = high === null ? Infinity : seenHigh[i]!;
      if (high === null) seenHigh[i] = Infinity;
      if (!settled(i)) findings.push({ cell: cells[i]!, low: exactLow[i]!, high: exactHigh[i]! });
    }
  } finally {
    model.dispose();
    if (process.env.PROTECT_DEBUG) console.error(`audit: component of ${cells.length} cells, ${solves} solves, ${Date.now() - started} ms, ${findings.length} findings`);
  }
  return findings;
}

/** Audits a whole publication: every hidden cell whose range is narrower than promised. */
export async function auditPublication(input: AuditInput, cache?: Map<string, AuditFinding[]>): Promise<AuditFinding[]> {
  const highs = await loadHighs();
  const findings: AuditFinding[] = [];
  const components = componentsOf(equationsOf(input));
  if (process.env.PROTECT_DEBUG) console.error(`audit: ${components.length} components, largest ${Math.max(0, ...components.map((c) => c.cells.length))} cells`);
  for (const component of components) {
    const key = cache ? componentKey(component.cells, input) : "";
    const known = cache?.get(key);
    if (known) {
      findings.push(...known);
      continue;
    }
    const found = await auditComponent(highs, component.cells, component.equations, input);
    cache?.set(key, found);
    findings.push(...found);
  }
  return findings;
}

/** A component is the same problem again when the same cells are hidden with the same states. */
function componentKey(cells: readonly number[], input: AuditInput): string {
  return cells.map((cell) => `${cell}:${input.states[cell]}`).join(",");
}
