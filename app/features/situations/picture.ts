import { HIDDEN, SMALL, SHOWN, type CellState, type Relation } from "#app/features/publication/lp-audit.ts";
import { protectStructure } from "#app/features/publication/protect.ts";
import { rarityBucket, roundedBaseline, testForSpike } from "#app/features/dashboard/early-warning.ts";

// The live picture of a situation: its linked signals per hour of the window,
// per phenomenon, urgent and not, with row and column totals — one small
// structure protected as a whole (protect.ts, the LP audit of decision 0403):
// a count from 1 to t − 1 is "< t", and whatever totals would give a hidden
// count back are hidden too ("×"). Only fixed periods (the window's whole
// hours) are counted, never a sliding range.

export interface PictureSignal {
  hour: string;
  phenomenon: string;
  urgent: boolean;
}

export type PictureCell = { kind: "count"; value: number } | { kind: "small"; threshold: number } | { kind: "hidden" };

export interface PictureRow {
  /** The hour's start (ISO), or null for the totals row. */
  hour: string | null;
  urgent: PictureCell;
  notUrgent: PictureCell;
  phenomena: PictureCell[];
  total: PictureCell;
}

export interface Picture {
  phenomena: string[];
  /** Hours whose total is a shown 0 are left out: all their cells are 0, which the totals row already tells. */
  rows: PictureRow[];
  totals: PictureRow;
  leftOutHours: number;
}

/** Cell layout: rows are the hours and one totals row; columns the phenomena, then urgent, not urgent and total. */
export function buildPictureStructure(hours: readonly string[], phenomena: readonly string[]) {
  const columns = phenomena.length + 3;
  const urgentColumn = phenomena.length;
  const notUrgentColumn = phenomena.length + 1;
  const totalColumn = phenomena.length + 2;
  const totalsRow = hours.length;
  const cell = (row: number, column: number) => row * columns + column;
  const relations: Relation[] = [];
  for (let row = 0; row <= totalsRow; row++) {
    if (phenomena.length > 0) relations.push({ parent: cell(row, totalColumn), parts: phenomena.map((_, p) => cell(row, p)) });
    relations.push({ parent: cell(row, totalColumn), parts: [cell(row, urgentColumn), cell(row, notUrgentColumn)] });
  }
  if (hours.length > 0) {
    for (let column = 0; column < columns; column++) {
      relations.push({ parent: cell(totalsRow, column), parts: hours.map((_, h) => cell(h, column)) });
    }
  }
  return { size: (hours.length + 1) * columns, relations, cell, urgentColumn, notUrgentColumn, totalColumn, totalsRow };
}

export function pictureValues(hours: readonly string[], phenomena: readonly string[], signals: readonly PictureSignal[]): Float64Array {
  const structure = buildPictureStructure(hours, phenomena);
  const values = new Float64Array(structure.size);
  const hourIndex = new Map(hours.map((h, i) => [h, i] as const));
  const phenomenonIndex = new Map(phenomena.map((p, i) => [p, i] as const));
  for (const signal of signals) {
    const h = hourIndex.get(signal.hour);
    const p = phenomenonIndex.get(signal.phenomenon);
    if (h === undefined || p === undefined) continue;
    for (const row of [h, structure.totalsRow]) {
      values[structure.cell(row, p)]! += 1;
      values[structure.cell(row, signal.urgent ? structure.urgentColumn : structure.notUrgentColumn)]! += 1;
      values[structure.cell(row, structure.totalColumn)]! += 1;
    }
  }
  return values;
}

export async function protectPicture(
  hours: readonly string[],
  signals: readonly PictureSignal[],
  threshold: number,
): Promise<{ picture: Picture; states: Uint8Array; values: Float64Array; relations: readonly Relation[] }> {
  const phenomena = [...new Set(signals.filter((s) => hours.includes(s.hour)).map((s) => s.phenomenon))].sort();
  const structure = buildPictureStructure(hours, phenomena);
  const values = pictureValues(hours, phenomena, signals);
  const states = phenomena.length === 0 ? new Uint8Array(structure.size) : await protectStructure({ values, relations: structure.relations, threshold });
  const shown = (index: number): PictureCell => {
    const state = states[index] as CellState;
    if (state === SMALL) return { kind: "small", threshold };
    if (state === HIDDEN) return { kind: "hidden" };
    return { kind: "count", value: values[index]! };
  };
  const row = (r: number, hour: string | null): PictureRow => ({
    hour,
    urgent: shown(structure.cell(r, structure.urgentColumn)),
    notUrgent: shown(structure.cell(r, structure.notUrgentColumn)),
    phenomena: phenomena.map((_, p) => shown(structure.cell(r, p))),
    total: shown(structure.cell(r, structure.totalColumn)),
  });
  const rows: PictureRow[] = [];
  let leftOutHours = 0;
  hours.forEach((hour, h) => {
    const total = structure.cell(h, structure.totalColumn);
    if (states[total] === SHOWN && values[total] === 0) leftOutHours += 1;
    else rows.push(row(h, hour));
  });
  return { picture: { phenomena, rows, totals: row(structure.totalsRow, null), leftOutHours }, states, values, relations: structure.relations };
}

// Early warning on an hourly baseline (the test of decision 0402, per hour
// instead of per week): per phenomenon, and for all phenomena together, an
// hour's count against the mean of the 8 hours before it in the window. Read
// from the protected picture only: a count that is not shown is never tested,
// an hour before it shown as "< t" counts as t − 1, and an hidden one ("×")
// leaves the hour untested — a warning says nothing the picture does not.

export const BASELINE_HOURS = 8;

export interface HourlyWarning {
  hour: string;
  /** null: all phenomena together. */
  phenomenon: string | null;
  count: number;
  baseline: ReturnType<typeof roundedBaseline>;
  rarity: 1000 | 10000 | 100000;
}

export function hourlyWarnings(picture: Picture, hours: readonly string[], threshold: number): { minimumCount: number; items: HourlyWarning[] } {
  const minimumCount = Math.max(5, threshold);
  const byHour = new Map(picture.rows.map((row) => [row.hour!, row] as const));
  // A left-out hour is a shown 0 in every cell.
  const zero: PictureCell = { kind: "count", value: 0 };
  const cellOf = (hour: string, column: number | null): PictureCell => {
    const row = byHour.get(hour);
    if (!row) return zero;
    return column === null ? row.total : row.phenomena[column]!;
  };
  const found: (HourlyWarning & { pValue: number })[] = [];
  const columns: (number | null)[] = [...picture.phenomena.map((_, p) => p), null];
  for (const column of columns) {
    hours.forEach((hour, h) => {
      if (h < BASELINE_HOURS) return;
      const shown = cellOf(hour, column);
      if (shown.kind !== "count" || shown.value < minimumCount) return;
      const history: number[] = [];
      for (const before of hours.slice(h - BASELINE_HOURS, h)) {
        const past = cellOf(before, column);
        if (past.kind === "count") history.push(past.value);
        else if (past.kind === "small") history.push(past.threshold - 1);
        else return;
      }
      const result = testForSpike(shown.value, history, minimumCount);
      if (!result.flagged) return;
      found.push({
        hour,
        phenomenon: column === null ? null : picture.phenomena[column]!,
        count: shown.value,
        baseline: roundedBaseline(result.baseline),
        rarity: rarityBucket(result.pValue),
        pValue: result.pValue,
      });
    });
  }
  found.sort((a, b) => a.pValue - b.pValue || a.hour.localeCompare(b.hour));
  return { minimumCount, items: found.map(({ pValue: _p, ...item }) => item) };
}
