import { splitCsvLine } from "#scripts/disclosure-audit/audit.ts";

// Reading the dashboard's tidy CSV exports the way a spreadsheet would: a BOM,
// one header row, semicolons, one row per figure.

export interface TidyRow {
  area: string;
  level: string;
  subject: string;
  period: string;
  facet: string;
  /** The number, or "" when the figure is not shown as one. */
  value: string;
  /** "" for a number, else "< 5", "×" or "—". */
  flag: string;
  note: string;
}

export function parseTidyCsv(body: string): { head: string[]; rows: TidyRow[] } {
  // fetch's text() drops the BOM; the bytes are checked where it matters.
  const lines = body.replace(/^\uFEFF/, "").split("\r\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const [head, ...data] = lines.map((line) => splitCsvLine(line, ";"));
  if (!head) throw new Error("no header row");
  for (const [i, row] of data.entries()) {
    if (row.length !== head.length) throw new Error(`row ${i + 2} has ${row.length} fields, the header ${head.length}`);
  }
  return {
    head,
    rows: data.map(([area, level, subject, period, facet, value, flag, note]) => ({
      area: area!, level: level!, subject: subject!, period: period!, facet: facet!, value: value!, flag: flag!, note: note ?? "",
    })),
  };
}

/** How the page shows the figure: the number, or its flag. */
export function shownOf(row: TidyRow): string {
  return row.flag || row.value;
}

/** The map's export by area, named as the map's table names them ("Totaal stadsdeel Escamp", "Totaal"). */
export function mapFigures(body: string): Map<string, string> {
  return new Map(
    parseTidyCsv(body).rows.map((row) => [row.level === "stadsdeel" ? `Totaal stadsdeel ${row.area}` : row.level === "stad" ? "Totaal" : row.area, shownOf(row)]),
  );
}
