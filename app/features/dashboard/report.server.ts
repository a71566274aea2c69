import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { Language } from "#app/i18n/languages.ts";
import { mapView, trendView, warningView } from "./dashboard.server.ts";
import { dashboardFrame } from "./page.server.ts";

// The printable weekly report for the driehoek: this week's early warnings,
// the period's development and the stadsdelen, all protected like the
// dashboard. Opening it is audited like an export.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export async function weeklyReport(services: Services, viewer: Viewer, url: URL, language: Language) {
  const { filters, base, frame } = await dashboardFrame(services, viewer.municipalityId, url, language);
  const m = viewer.municipalityId;
  const [warnings, trends, map] = await Promise.all([
    warningView(services, m, base, filters, language),
    trendView(services, m, base, { ...filters, phenomenon: undefined }, language),
    mapView(services, m, base, filters),
  ]);
  await recordAudit(services, {
    actor: viewer,
    action: "dashboard.report_viewed",
    target: { type: "dashboard_report", id: warnings.week },
    details: { period: `${frame.period.first}/${frame.period.last}`, filters: frame.query },
  });
  return { frame, warnings, trends, map: { stadsdelen: map.stadsdelen } };
}
