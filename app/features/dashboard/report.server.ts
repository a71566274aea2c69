import { z } from "zod";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { Language } from "#app/i18n/languages.ts";
import { comparedFigures, trendView, warningView, type ComparedFigure, type DashboardBase } from "./dashboard.server.ts";
import { dashboardFrame } from "./page.server.ts";
import { isoYearOf } from "#app/features/publication/counting.ts";
import { shiftWeek, weekString } from "#app/calendar/iso-week.ts";
import { periodContaining, previousPeriod } from "./weeks.ts";

// The printable weekly report for the driehoek (one or two A4 pages): the
// chosen week's early warnings (by default the last complete, published
// week), its block's weeks so far, and the last complete block compared with
// the periods of equal length before it — per phenomenon and per area of the
// scope. All protected like the dashboard. Opening it is audited like an export.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;


const weekParam = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);

export async function weeklyReport(services: Services, viewer: Viewer, url: URL, language: Language) {
  const { filters, base, frame } = await dashboardFrame(services, viewer.municipalityId, url, language);
  const m = viewer.municipalityId;
  const published = base.publishedWeek;
  // The published weeks of this ISO year and the one before (the years whose figures are kept published), newest first.
  const firstWeek = weekString(isoYearOf(published) - 1, 1);
  const weeks: string[] = [];
  for (let w = published; w >= firstWeek; w = shiftWeek(w, -1)) weeks.push(w);
  // Any complete (published) week; anything else falls back to the last one.
  const asked = weekParam.safeParse(url.searchParams.get("rapportweek") ?? "");
  const week = asked.success && weeks.includes(asked.data) ? asked.data : published;
  // The block the week is in, up to that week (the chart) ...
  const blockOfWeek = periodContaining(week, "13w");
  const chartBase: DashboardBase = { ...base, period: blockOfWeek, previous: previousPeriod(blockOfWeek), publishedWeek: week };
  // ... and the last block complete by then, compared (comparison.ts).
  const complete = blockOfWeek.last <= week ? blockOfWeek : previousPeriod(blockOfWeek);
  const compareBase: DashboardBase = { ...base, period: complete, previous: previousPeriod(complete), publishedWeek: week };
  const allPhenomena = { ...filters, phenomenon: undefined };
  const [warnings, chart, development, compared] = await Promise.all([
    warningView(services, m, base, filters, language, week),
    trendView(services, m, chartBase, allPhenomena, language),
    trendView(services, m, compareBase, allPhenomena, language),
    comparedFigures(services, m, compareBase, allPhenomena),
  ]);
  // Per area of the scope: the city's stadsdelen, or one stadsdeel and its wijken.
  const scope = base.scope;
  const areaRows: { id: string; label: string; level: "stadsdeel" | "wijk"; figure: ComparedFigure }[] = [];
  for (const sd of base.areas) {
    if (scope.level === "city") {
      areaRows.push({ id: sd.id, label: sd.name, level: "stadsdeel", figure: compared.figure(sd.id, "all") });
      continue;
    }
    const stadsdeelId = scope.level === "stadsdeel" ? scope.id : scope.stadsdeelId;
    if (sd.id !== stadsdeelId) continue;
    areaRows.push({ id: sd.id, label: sd.name, level: "stadsdeel", figure: compared.figure(sd.id, "all") });
    for (const w of sd.wijken) areaRows.push({ id: w.id, label: w.name, level: "wijk", figure: compared.figure(w.id, "all") });
  }
  await recordAudit(services, {
    actor: viewer,
    action: "dashboard.report_viewed",
    target: { type: "dashboard_report", id: warnings.week },
    details: { period: `${complete.first}/${complete.last}`, filters: frame.query },
  });
  return {
    frame,
    week,
    weekChoices: weeks,
    warnings,
    chart: { points: chart.points, phenomenon: chart.phenomenon, spans: chart.spans, comparison: chart.comparison, perPhenomenon: [] },
    development: { comparison: development.comparison, perPhenomenon: development.perPhenomenon },
    areaRows,
  };
}
