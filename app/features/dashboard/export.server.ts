import type { TFunction } from "i18next";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { Language } from "#app/i18n/languages.ts";
import ExcelJS from "exceljs";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { heatmapView, mapView, networkView, reachView, trendView, warningView, type DashboardBase } from "./dashboard.server.ts";
import { formatShown, type Shown } from "#app/features/publication/shown.ts";
import { shortWeekLabel, spanLabel } from "./comparison.ts";
import type { DashboardFilters } from "./filters.ts";
import { dashboardFrame } from "./page.server.ts";
import { loadPublication } from "#app/features/publication/publication.server.ts";
import { isoYearOf, lastPublishedWeek } from "#app/features/publication/counting.ts";

// Export of a dashboard table, as a tidy CSV (one header row, one row per
// figure: area, level, phenomenon, period, characteristic, value, flag;
// semicolons and a BOM for Dutch Excel; labels, not ids) or as an xlsx
// (the same rows, numbers as numbers, a hidden figure an empty cell beside
// its flag; a second sheet with the period, filters, threshold, rule and
// credit line). The same protected figures as the page. Every export is audited.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export const exportTables = ["kaart", "heatmap", "trends", "vroegsignalering", "bereik", "netwerk", "alle"] as const;
export type ExportTable = (typeof exportTables)[number];

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportResult =
  | { ok: true; filename: string; contentType: string; body: string | Uint8Array<ArrayBuffer> }
  | { ok: false; status: 403 | 404 };

/** One figure of a table in long form: what, where, when, filtered how, and its value or why it is not shown. */
export interface FigureLine {
  area: string;
  level: string;
  subject: string;
  period: string;
  facet: string;
  shown: Shown;
  note?: string;
}

interface TidyTable {
  /** Heads of the columns "area", "level", "subject" (phenomenon, help route or measure). */
  subjectHead: string;
  lines: FigureLine[];
  withNote: boolean;
}

export async function exportTable(
  services: Services,
  viewer: Viewer,
  url: URL,
  t: TFunction,
  language: Language,
): Promise<ExportResult> {
  const table = url.searchParams.get("tabel") as ExportTable | null;
  if (!table || !exportTables.includes(table)) return { ok: false, status: 404 };
  if (table === "netwerk" && !can(viewer, "dashboard:network")) return { ok: false, status: 403 };
  if (table === "alle") return exportAllFigures(services, viewer, url, t);
  const format: ExportFormat = url.searchParams.get("formaat") === "xlsx" ? "xlsx" : "csv";
  const { filters, base, frame } = await dashboardFrame(services, viewer.municipalityId, url, language);
  const tidy = await tidyTable(services, viewer.municipalityId, table, base, filters, t, language);
  const filterText = describeFilters(services.content, frame.form, t, language);
  const periodText = spanLabel(frame.period);
  const meta: [string, string][] = [
    [t("dashboard:export.header_table"), t(`dashboard:export.table_${table}`)],
    [t("dashboard:export.header_period"), periodText],
    [t("dashboard:filters.area"), frame.scope.name],
    [t("dashboard:export.header_filters"), filterText],
    [t("dashboard:export.header_threshold"), String(frame.threshold)],
    [t("dashboard:export.header_rule"), t("dashboard:disclosure.rule", { threshold: frame.threshold })],
    [t("dashboard:export.header_flags"), t("dashboard:export.flags", { threshold: frame.threshold })],
    [t("dashboard:export.header_credit"), t("dashboard:export.credit")],
    [t("dashboard:export.header_generated"), services.clock.now().toISOString()],
  ];
  await recordAudit(services, {
    actor: viewer,
    action: "dashboard.exported",
    target: { type: "dashboard_table", id: table },
    details: { period: `${frame.period.first}/${frame.period.last}`, filters: frame.query, format },
  });
  const filename = `wijkwijs-${table}-${fileSlug(frame.scope.name)}-${frame.period.first}-${frame.period.last}.${format}`;
  const head = [
    t("dashboard:export.col_area"),
    t("dashboard:export.col_level"),
    tidy.subjectHead,
    t("dashboard:export.col_period"),
    t("dashboard:export.col_facet"),
    t("dashboard:export.col_value"),
    t("dashboard:export.col_flag"),
    ...(tidy.withNote ? [t("dashboard:export.col_note")] : []),
  ];
  const fields = (line: FigureLine): (string | number | null)[] => [
    line.area,
    line.level,
    line.subject,
    line.period,
    line.facet,
    line.shown.kind === "count" ? line.shown.value : null,
    line.shown.kind === "count" ? "" : formatShown(line.shown),
    ...(tidy.withNote ? [line.note ?? ""] : []),
  ];
  if (format === "xlsx") {
    return { ok: true, filename, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: await workbookOf(head, tidy.lines.map(fields), meta, t) };
  }
  const body = "\uFEFF" + [head, ...tidy.lines.map((line) => fields(line).map((v) => (v === null ? "" : String(v))))].map((row) => row.map(csvField).join(";")).join("\r\n") + "\r\n";
  return { ok: true, filename, contentType: "text/csv; charset=utf-8", body };
}

/** An xlsx with the figures (one header row, numbers as numbers, hidden cells empty beside their flag) and a sheet saying what they are. */
async function workbookOf(head: string[], rows: (string | number | null)[][], meta: [string, string][], t: TFunction): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Wijkwijs";
  const figures = workbook.addWorksheet(t("dashboard:export.sheet_figures"), { views: [{ state: "frozen", ySplit: 1 }] });
  figures.addRow(head);
  figures.getRow(1).font = { bold: true };
  for (const row of rows) {
    // Text that a spreadsheet could take for a formula is written as a string cell, never a formula.
    figures.addRow(row.map((v) => (v === null ? null : v)));
  }
  figures.columns.forEach((column, i) => {
    column.width = Math.min(48, Math.max(10, head[i]!.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? "").length + 2)));
  });
  const about = workbook.addWorksheet(t("dashboard:export.sheet_about"));
  for (const [key, value] of meta) about.addRow([key, value]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 28;
  about.getColumn(2).width = 100;
  about.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function fileSlug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "gebied";
}

/** A dashboard table as figure lines, with labels (never internal ids). */
async function tidyTable(
  services: Services,
  m: string,
  table: Exclude<ExportTable, "alle">,
  base: DashboardBase,
  filters: DashboardFilters,
  t: TFunction,
  language: Language,
): Promise<TidyTable> {
  const level = (l: "wijk" | "stadsdeel" | "city") => t(`dashboard:warnings.level_${l}`);
  const facet = facetText(filters, t);
  const allPhenomena = t("dashboard:trends.all_phenomena");
  const phenomenon = filters.phenomenon ? phenomenonLabel(services.content, filters.phenomenon, language) : allPhenomena;
  const period = spanLabel(base.period);
  const phenomenonHead = t("dashboard:export.col_phenomenon");
  switch (table) {
    case "kaart": {
      const view = await mapView(services, m, base, filters);
      const lines: FigureLine[] = view.stadsdelen.flatMap((sd) => [
        ...view.tiles.filter((tile) => tile.stadsdeelId === sd.id).map((tile) => ({ area: tile.name, level: level("wijk"), subject: phenomenon, period, facet, shown: tile.shown })),
        { area: sd.name, level: level("stadsdeel"), subject: phenomenon, period, facet, shown: sd.shown },
      ]);
      lines.push({ area: services.municipality.name, level: level("city"), subject: phenomenon, period, facet, shown: view.city });
      return { subjectHead: phenomenonHead, lines, withNote: false };
    }
    case "heatmap": {
      const view = await heatmapView(services, m, base, filters, language);
      const lines = view.rows.flatMap((row) => [
        ...row.cells.map((shown, i) => ({ area: row.name, level: level(row.level), subject: view.columns[i]!.label, period, facet, shown })),
        { area: row.name, level: level(row.level), subject: allPhenomena, period, facet, shown: row.total },
      ]);
      return { subjectHead: phenomenonHead, lines, withNote: false };
    }
    case "trends": {
      const view = await trendView(services, m, base, filters, language);
      const scope = base.scope;
      const scopeLevel = level(scope.level);
      // The weekly figures of both lines, then the per-phenomenon table with the periods it is compared with.
      const weeks = new Map<string, Shown>();
      for (const p of view.points) {
        weeks.set(p.week, p.current);
        if (p.previousWeek && p.previous) weeks.set(p.previousWeek, p.previous);
      }
      const lines: FigureLine[] = [...weeks.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([week, shown]) => ({ area: scope.name, level: scopeLevel, subject: phenomenon, period: shortWeekLabel(week), facet, shown }));
      for (const row of view.perPhenomenon) {
        lines.push({ area: scope.name, level: scopeLevel, subject: row.label, period: spanLabel(view.comparison.current), facet, shown: row.figure.shown });
        view.comparison.against.forEach((a, i) => {
          lines.push({ area: scope.name, level: scopeLevel, subject: row.label, period: spanLabel(a.span), facet, shown: row.figure.against[i]!.shown });
        });
      }
      return { subjectHead: phenomenonHead, lines, withNote: false };
    }
    case "vroegsignalering": {
      const view = await warningView(services, m, base, filters, language);
      const lines = view.items.map((item) => ({
        area: item.areaName,
        level: level(item.level),
        subject: item.phenomenonLabel,
        period: shortWeekLabel(view.week),
        facet,
        shown: item.shown,
        note: t("dashboard:warnings.explain", {
          count: item.shown.kind === "count" ? item.shown.value : t("dashboard:warnings.count_hidden"),
          baseline: item.baseline.lessThanOne ? t("dashboard:warnings.baseline_less_than_one") : t("dashboard:warnings.baseline_about", { perWeek: item.baseline.perWeek }),
          rarity: item.rarity,
        }),
      }));
      return { subjectHead: phenomenonHead, lines, withNote: true };
    }
    case "bereik": {
      const view = await reachView(services, m, base, language);
      const lines = view.rows.flatMap((row) =>
        row.cells.map((shown, i) => ({ area: view.stadsdelen[i]!.name, level: level("stadsdeel"), subject: row.title, period, facet: "", shown })),
      );
      return { subjectHead: t("dashboard:reach.flow"), lines, withNote: false };
    }
    case "netwerk": {
      const view = await networkView(services, m, base);
      const now = t("dashboard:export.now", { date: services.clock.now().toISOString().slice(0, 10) });
      const lines: FigureLine[] = view.stadsdelen.flatMap((sd) => [
        { area: sd.name, level: level("stadsdeel"), subject: t("dashboard:network.organisations"), period: now, facet: "", shown: { kind: "count", value: sd.organisations } as Shown },
        { area: sd.name, level: level("stadsdeel"), subject: t("dashboard:network.ambassadors"), period: now, facet: "", shown: { kind: "count", value: sd.activeAmbassadors } as Shown },
      ]);
      for (const o of view.organisations) {
        lines.push({ area: o.name, level: t("dashboard:export.level_organisation"), subject: t("dashboard:network.signals"), period, facet: "", shown: o.signals, note: o.stadsdeelName });
      }
      return { subjectHead: t("dashboard:export.col_measure"), lines, withNote: true };
    }
  }
}

/** The characteristic a figure is filtered on, in words ("Kanaal: Sms"), or "" for all signals. */
function facetText(filters: DashboardFilters, t: TFunction): string {
  if (filters.channel) return `${t("dashboard:filters.channel")}: ${t(`signals:channel.${filters.channel}`)}`;
  if (filters.targetGroup) return `${t("dashboard:filters.target_group")}: ${t(`signals:target_group.${filters.targetGroup}`)}`;
  if (filters.urgency) return `${t("dashboard:filters.urgency")}: ${t(`signals:urgency.${filters.urgency}`)}`;
  return "";
}

/**
 * Every published figure of an ISO year in one long table (one row per cell):
 * for researchers, and what the disclosure audit checks. Organisation rows
 * only for those who may see the network figures; referral reach per
 * stadsdeel for everyone with the dashboard, per organisation for those who
 * see every organisation's reach.
 */
async function exportAllFigures(services: Services, viewer: Viewer, url: URL, t: TFunction): Promise<ExportResult> {
  const yearParam = url.searchParams.get("jaar") ?? "";
  const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : isoYearOf(lastPublishedWeek(services.clock.now()));
  const publication = await loadPublication(services, viewer.municipalityId, year);
  const withOrganisations = can(viewer, "dashboard:network");
  const withReachOfOrganisations = can(viewer, "reach:view-all");
  const rows: string[][] = [];
  for (const { key, shown } of publication.cells()) {
    const parts = key.split("|");
    if (parts[0] === "org") {
      if (withOrganisations) rows.push(["organisatie", parts[1]!, "", "", parts[2]!, formatShown(shown)]);
      continue;
    }
    if (parts[0] === "reach") {
      // Per organisation and week only for those who see every organisation's reach (/bereik); a week without a row had no visits.
      const [, target, where, time] = parts as [string, string, string, string];
      if (!where.startsWith("org:") || withReachOfOrganisations) rows.push(["bereik", target, where, "", time, formatShown(shown)]);
      continue;
    }
    const [slice, area, phenomenon, time] = parts as [string, string, string, string];
    const [facet, value] = slice === "*" ? ["", ""] : slice.split("=");
    rows.push([facet ?? "", value ?? "", area, phenomenon, time, formatShown(shown)]);
  }
  const head = ["kenmerk", "waarde", "gebied", "verschijnsel", "periode", "aantal"];
  const meta = [
    [t("dashboard:export.header_period"), `${year}${publication.through ? ` (t/m ${publication.through})` : ""}`],
    [t("dashboard:export.header_threshold"), String(publication.threshold)],
    [t("dashboard:export.header_rule"), t("dashboard:disclosure.rule", { threshold: publication.threshold })],
    [t("dashboard:export.header_generated"), services.clock.now().toISOString()],
  ];
  await recordAudit(services, {
    actor: viewer,
    action: "dashboard.exported",
    target: { type: "dashboard_table", id: "alle" },
    details: { period: String(year), filters: "" },
  });
  const body = "\uFEFF" + [...meta, [], head, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  return { ok: true, filename: `wijkwijs-cijfers-${year}.csv`, contentType: "text/csv; charset=utf-8", body };
}

function describeFilters(content: HelpContent, form: Record<string, string>, t: TFunction, language: Language): string {
  const parts: string[] = [];
  if (form.fenomeen) parts.push(`${t("dashboard:filters.phenomenon")}: ${phenomenonLabel(content, form.fenomeen, language)}`);
  if (form.kanaal) parts.push(`${t("dashboard:filters.channel")}: ${t(`signals:channel.${form.kanaal}`)}`);
  if (form.doelgroep) parts.push(`${t("dashboard:filters.target_group")}: ${t(`signals:target_group.${form.doelgroep}`)}`);
  if (form.urgentie) parts.push(`${t("dashboard:filters.urgency")}: ${t(`signals:urgency.${form.urgentie}`)}`);
  return parts.length > 0 ? parts.join("; ") : t("dashboard:summary.none");
}

/**
 * RFC 4180 quoting, and no formulas: a value a spreadsheet could take for a
 * formula or command gets a leading apostrophe (shown as text). That is any
 * value starting with = + - @, a tab, CR or LF, or a fullwidth or small form
 * of those signs (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫) or a minus sign (−) — organisation
 * names typed by staff reach the network export — unless the whole value is
 * a plain number ("-3", "+2", "12,5"): only that is left alone.
 */
export function csvField(value: string): string {
  const formulaStart = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/.test(value);
  const plainNumber = /^[+-]?\d+(?:[.,]\d+)*$/.test(value);
  const safe = formulaStart && !plainNumber ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
