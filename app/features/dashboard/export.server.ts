import type { TFunction } from "i18next";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { Language } from "#app/i18n/languages.ts";
import { heatmapView, mapView, networkView, reachView, trendView, warningView } from "./dashboard.server.ts";
import { formatShown } from "#app/features/publication/shown.ts";
import { dashboardFrame } from "./page.server.ts";
import { loadPublication } from "#app/features/publication/publication.server.ts";
import { isoYearOf, lastPublishedWeek } from "#app/features/publication/counting.ts";

// CSV export of a dashboard table: the same protected figures as the page
// ("< 5" and "×" where the page shows them), under a header that states the
// period, the filters and the threshold. Every export is audited.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export const exportTables = ["kaart", "heatmap", "trends", "vroegsignalering", "bereik", "netwerk", "alle"] as const;
export type ExportTable = (typeof exportTables)[number];

export type ExportResult = { ok: true; filename: string; body: string } | { ok: false; status: 403 | 404 };

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
  const { filters, base, frame } = await dashboardFrame(services, viewer.municipalityId, url, language);
  const m = viewer.municipalityId;
  const f = (shown: Parameters<typeof formatShown>[0]) => formatShown(shown);
  let head: string[] = [];
  let rows: string[][] = [];
  switch (table) {
    case "kaart": {
      const view = await mapView(services, m, base, filters);
      head = [t("dashboard:map.wijk"), t("dashboard:map.stadsdeel"), t("dashboard:map.signals")];
      rows = view.stadsdelen.flatMap((sd) => [
        ...view.tiles.filter((tile) => tile.stadsdeelId === sd.id).map((tile) => [tile.name, sd.name, f(tile.shown)]),
        [`${t("dashboard:map.stadsdeel_total")} ${sd.name}`, sd.name, f(sd.shown)],
      ]);
      rows.push([t("dashboard:map.city_total"), services.municipality.name, f(view.city)]);
      break;
    }
    case "heatmap": {
      const view = await heatmapView(services, m, base, filters, language);
      head = [t("dashboard:heatmap.area"), ...view.columns.map((c) => c.label), t("dashboard:heatmap.total")];
      rows = view.rows.map((row) => [row.name, ...row.cells.map(f), f(row.total)]);
      break;
    }
    case "trends": {
      const view = await trendView(services, m, base, filters, language);
      head = [t("dashboard:trends.week"), t("dashboard:trends.current"), t("dashboard:trends.week"), t("dashboard:trends.previous")];
      rows = view.points.map((p) => [p.week, f(p.current), p.previousWeek ?? "", p.previous ? f(p.previous) : ""]);
      break;
    }
    case "vroegsignalering": {
      const view = await warningView(services, m, base, filters, language);
      head = [t("dashboard:warnings.area"), t("dashboard:warnings.phenomenon"), t("dashboard:warnings.this_week"), t("dashboard:warnings.explanation")];
      rows = view.items.map((item) => [
        item.areaName,
        item.phenomenonLabel,
        f(item.shown),
        t("dashboard:warnings.explain", {
          count: item.shown.kind === "count" ? item.shown.value : t("dashboard:warnings.count_hidden"),
          baseline: item.baseline.lessThanOne ? t("dashboard:warnings.baseline_less_than_one") : t("dashboard:warnings.baseline_about", { perWeek: item.baseline.perWeek }),
          rarity: item.rarity,
        }),
      ]);
      break;
    }
    case "bereik": {
      const view = await reachView(services, m, base, language);
      head = [t("dashboard:reach.flow"), ...view.stadsdelen.map((sd) => sd.name)];
      rows = view.rows.map((row) => [row.title, ...row.cells.map(f)]);
      break;
    }
    case "netwerk": {
      const view = await networkView(services, m, base);
      head = [t("dashboard:network.organisation"), t("dashboard:network.stadsdeel"), t("dashboard:network.signals")];
      rows = view.organisations.map((o) => [o.name, o.stadsdeelName, f(o.signals)]);
      break;
    }
  }
  const filterText = describeFilters(frame.form, t);
  const meta = [
    [t("dashboard:export.header_period"), `${frame.period.first} – ${frame.period.last}`],
    [t("dashboard:filters.area"), frame.scope.name],
    [t("dashboard:export.header_filters"), filterText],
    [t("dashboard:export.header_threshold"), String(frame.threshold)],
    [t("dashboard:export.header_rule"), t("dashboard:disclosure.rule", { threshold: frame.threshold })],
    [t("dashboard:export.header_generated"), services.clock.now().toISOString()],
  ];
  await recordAudit(services, {
    actor: viewer,
    action: "dashboard.exported",
    target: { type: "dashboard_table", id: table },
    details: { period: `${frame.period.first}/${frame.period.last}`, filters: frame.query },
  });
  const body = "\uFEFF" + [...meta, [], head, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  return { ok: true, filename: `wijkwijs-${table}-${frame.period.first}-${frame.period.last}.csv`, body };
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
  return { ok: true, filename: `wijkwijs-cijfers-${year}.csv`, body };
}

function describeFilters(form: Record<string, string>, t: TFunction): string {
  const parts: string[] = [];
  if (form.fenomeen) parts.push(`${t("dashboard:filters.phenomenon")}: ${form.fenomeen}`);
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
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
