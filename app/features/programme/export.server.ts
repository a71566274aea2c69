import ExcelJS from "exceljs";
import type { AppServices } from "#app/services.server.ts";
import { figureText } from "./protected-figures.server.ts";
import type { ExportFormat } from "./schemas.ts";
import { disclosureNote, programmeColumns, programmeReach, programmeReachColumns, programmeRows, type ProgrammeReachRow, type ProgrammeRow } from "./programme.server.ts";

// The researchers' export of the programme's figures: CSV (with a codebook as
// its own CSV) and xlsx (figures and codebook as two sheets). Only protected
// figures reach it (programmeRows).


function cells(row: ProgrammeRow): string[] {
  return [
    row.month,
    row.stadsdeel,
    figureText(row.organisations),
    figureText(row.ambassadors),
    figureText(row.certified),
    figureText(row.signals),
    figureText(row.responded),
    figureText(row.responseMedianHours),
    figureText(row.responseP90Hours),
    figureText(row.warnings),
  ];
}

function reachCells(row: ProgrammeReachRow): string[] {
  return [row.month, row.stadsdeel, row.flow, figureText(row.visits)];
}

function csvLine(values: readonly string[]): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote-prefix it.
  return values.map((value) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`).join(",");
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

export async function programmeExport(services: Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">, municipalityId: string, format: ExportFormat): Promise<ExportFile> {
  const stamp = services.clock.now().toISOString().slice(0, 10);
  const base = `wijkwijs-programma-${services.municipality.slug}-${stamp}`;
  const codebook = [
    ...programmeColumns.map((c) => [c.key, c.description]),
    ...programmeReachColumns.map((c) => [`referral_visits.${c.key}`, c.description]),
    ["disclosure", `${disclosureNote} Threshold: ${services.municipality.suppressionThreshold}.`],
  ];
  if (format === "codeboek") {
    return { filename: `${base}-codebook.csv`, contentType: "text/csv; charset=utf-8", body: `\uFEFF${[csvLine(["column", "description"]), ...codebook.map(csvLine)].join("\r\n")}\r\n` };
  }
  const reachHeader = programmeReachColumns.map((c) => c.key);
  if (format === "bereik") {
    const reach = await programmeReach(services, municipalityId);
    return { filename: `${base}-referral-visits.csv`, contentType: "text/csv; charset=utf-8", body: `\uFEFF${[csvLine(reachHeader), ...reach.map((row) => csvLine(reachCells(row)))].join("\r\n")}\r\n` };
  }
  const rows = await programmeRows(services, municipalityId);
  const header = programmeColumns.map((c) => c.key);
  if (format === "csv") {
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: `\uFEFF${[csvLine(header), ...rows.map((row) => csvLine(cells(row)))].join("\r\n")}\r\n` };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Wijkwijs";
  const figures = workbook.addWorksheet("figures");
  figures.addRow(header);
  for (const row of rows) {
    // Numbers as numbers, protected cells as their "< threshold" text.
    figures.addRow(cells(row).map((value, index) => (index >= 2 && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value)));
  }
  figures.getRow(1).font = { bold: true };
  const visits = workbook.addWorksheet("referral_visits");
  visits.addRow(reachHeader);
  for (const row of await programmeReach(services, municipalityId)) {
    visits.addRow(reachCells(row).map((value, index) => (index === 3 && /^\d+$/.test(value) ? Number(value) : value)));
  }
  visits.getRow(1).font = { bold: true };
  const sheet = workbook.addWorksheet("codebook");
  sheet.addRow(["column", "description"]);
  for (const line of codebook) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    filename: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: new Uint8Array(buffer as ArrayBuffer),
  };
}
