import { useTranslation } from "react-i18next";
import type { Route } from "./+types/report";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import dashboardStyles from "#app/features/dashboard/dashboard.css?url";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { useRangeLabel } from "#app/features/dashboard/components/dashboard-frame.tsx";
import { ShownValue, shownText } from "#app/features/dashboard/components/shown-value.tsx";
import { TrendChart } from "#app/features/dashboard/components/trend-chart.tsx";
import { weeklyReport } from "#app/features/dashboard/report.server.ts";
import reportStyles from "#app/features/dashboard/report.css?url";
import { PrintButton } from "#app/features/sharing/print-button.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: dashboardStyles },
  { rel: "stylesheet", href: reportStyles },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "dashboard:view");
  const { language } = context.get(i18nContext);
  return weeklyReport(context.get(servicesContext), viewer, new URL(request.url), language);
}

export default function WeeklyReport({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("dashboard");
  const weekLabel = useWeekLabel();
  const rangeLabel = useRangeLabel();
  const { frame, warnings, trends, map } = loaderData;
  const range = rangeLabel(frame.period.first, frame.period.last);
  const week = weekLabel(warnings.week);
  const chartTitle = t("trends.chart_title", { phenomenon: t("trends.all_phenomena"), scope: frame.scope.name });
  const summary = t("trends.summary", {
    range,
    current: shownText(trends.totals.current, i18n.language),
    previousRange: rangeLabel(frame.previous.first, frame.previous.last),
    previous: shownText(trends.totals.previous, i18n.language),
  });
  return (
    <article className="stack weekly-report">
      <PageTitle>{t("report.title")}</PageTitle>
      <Heading level={1}>{t("report.title")}</Heading>
      <Paragraph>{t("report.subtitle", { scope: frame.scope.name, week })}</Paragraph>
      <Paragraph>
        <strong>{t("report.confidential")}</strong>
      </Paragraph>
      <p className="no-print">
        <a className="utrecht-link" href={`/dashboard${frame.query ? `?${frame.query}` : ""}`}>
          {t("report.back")}
        </a>{" "}
        <PrintButton label={t("report.print")} />
      </p>

      <Heading level={2}>{t("report.warnings")}</Heading>
      <Paragraph>{t("warnings.method", { minimum: warnings.minimumCount })}</Paragraph>
      {warnings.items.length === 0 ? (
        <Paragraph>{t("warnings.empty", { week })}</Paragraph>
      ) : (
        <Table caption={t("warnings.caption", { week })} head={[t("warnings.area"), t("warnings.phenomenon"), t("warnings.this_week"), t("warnings.explanation")]}>
          {warnings.items.map((item) => (
            <Row key={`${item.areaId}-${item.phenomenon}`}>
              <Cell header>{item.areaName}</Cell>
              <Cell>{item.phenomenonLabel}</Cell>
              <Cell numeric>
                <ShownValue shown={item.shown} />
              </Cell>
              <Cell>
                {t("warnings.explain", {
                  count: item.shown.kind === "count" ? item.shown.value : t("warnings.count_hidden"),
                  baseline: item.baseline.lessThanOne ? t("warnings.baseline_less_than_one") : t("warnings.baseline_about", { perWeek: item.baseline.perWeek }),
                  rarity: item.rarity.toLocaleString(i18n.language),
                })}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      <Heading level={2}>{t("report.trend")}</Heading>
      <Paragraph>{summary}</Paragraph>
      <TrendChart view={trends} threshold={frame.threshold} title={chartTitle} description={summary} />
      <Table caption={t("trends.per_phenomenon_caption", { scope: frame.scope.name })} head={[t("trends.phenomenon"), t("trends.current"), t("trends.previous")]}>
        {trends.perPhenomenon.map((row) => (
          <Row key={row.id}>
            <Cell header>{row.label}</Cell>
            <Cell numeric>
              <ShownValue shown={row.current} />
            </Cell>
            <Cell numeric>
              <ShownValue shown={row.previous} />
            </Cell>
          </Row>
        ))}
      </Table>

      <Heading level={2}>{t("report.stadsdelen")}</Heading>
      <Table caption={t("map.caption", { range })} head={[t("map.stadsdeel"), t("map.signals")]}>
        {map.stadsdelen.map((sd) => (
          <Row key={sd.id}>
            <Cell header>{sd.name}</Cell>
            <Cell numeric>
              <ShownValue shown={sd.shown} />
            </Cell>
          </Row>
        ))}
      </Table>
      <Paragraph>{t("disclosure.rule", { threshold: frame.threshold })}</Paragraph>
    </article>
  );
}
