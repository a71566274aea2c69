import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { Route } from "./+types/report";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import dashboardStyles from "#app/features/dashboard/dashboard.css?url";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { spanLabel } from "#app/features/dashboard/comparison.ts";
import { ComparisonSummary, ComparisonTable, useComparisonText } from "#app/features/dashboard/components/comparison.tsx";
import { ShownValue } from "#app/features/dashboard/components/shown-value.tsx";
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
  const describe = useComparisonText();
  const { frame, warnings, chart, development, areaRows } = loaderData;
  const week = weekLabel(loaderData.week);
  const chartTitle = t("trends.chart_title", { phenomenon: t("trends.all_phenomena"), scope: frame.scope.name });
  const kept = [...new URLSearchParams(frame.query)].filter(([name]) => name !== "rapportweek");
  const range = spanLabel(development.comparison.current);
  return (
    <article className="stack weekly-report">
      <PageTitle>{t("report.title")}</PageTitle>
      <Heading level={1}>{t("report.title")}</Heading>
      <Paragraph data-testid="report-subtitle">{t("report.subtitle", { scope: frame.scope.name, week })}</Paragraph>
      <Paragraph>
        <strong>{t("report.confidential")}</strong>
      </Paragraph>
      <div className="no-print stack">
        <Form method="get" className="report-week-form">
          {kept.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SelectField
            label={t("report.week_choice")}
            name="rapportweek"
            defaultValue={loaderData.week}
            options={loaderData.weekChoices.map((w) => ({ value: w, label: weekLabel(w) }))}
          />
          <Button type="submit">{t("report.show")}</Button>
        </Form>
        <p>
          <a className="utrecht-link" href={`/dashboard${frame.query ? `?${frame.query}` : ""}`}>
            {t("report.back")}
          </a>{" "}
          <PrintButton label={t("report.print")} />
        </p>
      </div>

      <Heading level={2}>{t("report.warnings")}</Heading>
      {warnings.items.length === 0 ? (
        <Paragraph>{t("warnings.empty", { week })}</Paragraph>
      ) : (
        <Table caption={t("warnings.caption", { week })} head={[t("warnings.area"), t("warnings.phenomenon"), t("warnings.this_week"), t("warnings.explanation")]}>
          {warnings.items.map((item) => (
            <Row key={`${item.areaId}-${item.phenomenon}`}>
              <Cell header>{`${item.areaName} (${t(`warnings.level_${item.level}`)})`}</Cell>
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
      <Paragraph className="report-small">{t("warnings.method", { minimum: warnings.minimumCount })}</Paragraph>

      <Heading level={2}>{t("report.trend")}</Heading>
      <ComparisonSummary comparison={development.comparison} />
      <TrendChart view={chart} threshold={frame.threshold} title={chartTitle} description={describe(development.comparison)} />
      <ComparisonTable
        caption={t("comparison.caption", { scope: frame.scope.name, range })}
        labelHead={t("trends.phenomenon")}
        comparison={development.comparison}
        rows={development.perPhenomenon}
      />

      <Heading level={2}>{frame.scope.level === "city" ? t("report.stadsdelen") : t("report.wijken")}</Heading>
      <ComparisonTable
        caption={frame.scope.level === "city" ? t("comparison.stadsdelen_caption", { range }) : t("report.stadsdeel_table", { scope: areaRows[0]?.label ?? frame.scope.name })}
        labelHead={frame.scope.level === "city" ? t("map.stadsdeel") : t("map.wijk")}
        comparison={development.comparison}
        rows={areaRows.map((row) => ({ ...row, label: row.level === "stadsdeel" && frame.scope.level !== "city" ? `${t("map.stadsdeel_total")} ${row.label}` : row.label }))}
      />
      <Paragraph className="report-small">{t("disclosure.rule", { threshold: frame.threshold })}</Paragraph>
    </article>
  );
}
