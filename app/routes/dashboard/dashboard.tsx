import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/dashboard";
import dashboardStyles from "#app/features/dashboard/dashboard.css?url";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { DashboardFramePage, useRangeLabel } from "#app/features/dashboard/components/dashboard-frame.tsx";
import { ShownValue, shownText } from "#app/features/dashboard/components/shown-value.tsx";
import { MapLegend } from "#app/features/dashboard/components/tile-map.tsx";
import { AreaMap, withoutRate } from "#app/features/dashboard/components/area-map.tsx";
import { mapShapes } from "#app/features/dashboard/map-shapes.server.ts";
import { WideTable } from "#app/features/dashboard/components/wide-table.tsx";
import { TrendChart } from "#app/features/dashboard/components/trend-chart.tsx";
import { ComparisonSummary, ComparisonTable, useComparisonText } from "#app/features/dashboard/components/comparison.tsx";
import { spanLabel } from "#app/features/dashboard/comparison.ts";
import { heatmapView, mapView, reachView, trendView, warningView } from "#app/features/dashboard/dashboard.server.ts";
import { dashboardFrame } from "#app/features/dashboard/page.server.ts";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";

// The dashboard's views share one route: the path names the view, the query
// string holds the filters (bookmarkable; GET forms work without JavaScript).

const viewBySegment = {
  kaart: "map",
  trends: "trends",
  heatmap: "heatmap",
  vroegsignalering: "warnings",
  bereik: "reach",
} as const;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "dashboard:view");
  const services = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const view = viewBySegment[(params.view ?? "kaart") as keyof typeof viewBySegment];
  if (!view) throw data({ message: t("dashboard:errors.unknown_view") }, { status: 404 });
  const { filters, base, frame } = await dashboardFrame(services, viewer.municipalityId, new URL(request.url), language);
  const canNetwork = can(viewer, "dashboard:network");
  const m = viewer.municipalityId;
  switch (view) {
    case "map":
      return { view, frame, canNetwork, map: await mapView(services, m, base, filters), shapes: await mapShapes(services, m, base) };
    case "heatmap":
      return { view, frame, canNetwork, heatmap: await heatmapView(services, m, base, filters, language) };
    case "trends":
      return {
        view,
        frame,
        canNetwork,
        phenomenonLabel: filters.phenomenon ? phenomenonLabel(services.content, filters.phenomenon, language) : null,
        trends: await trendView(services, m, base, filters, language),
      };
    case "warnings":
      return { view, frame, canNetwork, warnings: await warningView(services, m, base, filters, language) };
    case "reach":
      return { view, frame, canNetwork, reach: await reachView(services, m, base, language) };
  }
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("dashboard");
  const titles = { map: "map.title", trends: "trends.title", heatmap: "heatmap.title", warnings: "warnings.title", reach: "reach.title" } as const;
  const tables = { map: "kaart", trends: "trends", heatmap: "heatmap", warnings: "vroegsignalering", reach: "bereik" } as const;
  return (
    <DashboardFramePage frame={loaderData.frame} title={t(titles[loaderData.view])} table={tables[loaderData.view]} canNetwork={loaderData.canNetwork}>
      {"map" in loaderData && loaderData.map ? <MapSection data={loaderData} /> : null}
      {"heatmap" in loaderData && loaderData.heatmap ? <HeatmapSection data={loaderData} /> : null}
      {"trends" in loaderData && loaderData.trends ? <TrendSection data={loaderData} /> : null}
      {"warnings" in loaderData && loaderData.warnings ? <WarningSection data={loaderData} /> : null}
      {"reach" in loaderData && loaderData.reach ? <ReachSection data={loaderData} /> : null}
    </DashboardFramePage>
  );
}

type Data = Route.ComponentProps["loaderData"];

function useRange(frame: Data["frame"]) {
  const range = useRangeLabel();
  return range(frame.period.first, frame.period.last);
}

function MapSection({ data: { frame, map, shapes: area } }: { data: Extract<Data, { view: "map" }> }) {
  const { t, i18n } = useTranslation("dashboard");
  const range = useRange(frame);
  const shownTiles = map.tiles.filter((tile) => tile.shown.kind === "count");
  const top = [...shownTiles].sort((a, b) => (b.shown.kind === "count" ? b.shown.value : 0) - (a.shown.kind === "count" ? a.shown.value : 0))[0];
  const summary = top
    ? t("map.summary", { shown: shownTiles.length, total: map.tiles.length, threshold: frame.threshold, top: top.name })
    : t("map.summary_none", { threshold: frame.threshold });
  const n = (value: number) => value.toLocaleString(i18n.language);
  const perThousand = map.measure === "per1000";
  const stadsdeelNames = Object.fromEntries(map.stadsdelen.map((sd) => [sd.id, sd.name]));
  const zoomed = frame.scope.level === "city" ? null : frame.scope.level === "stadsdeel" ? frame.scope.name : (stadsdeelNames[frame.scope.stadsdeelId] ?? null);
  const cityParams = new URLSearchParams(frame.query);
  cityParams.delete("gebied");
  const shapes = area.map ? { ...area, map: area.map } : null;
  const noResidents = <abbr title={t("area_map.no_residents")}>–</abbr>;
  return (
    <section className="stack" aria-labelledby="map-heading">
      <Heading level={2} id="map-heading">
        {t("map.caption", { range })}
      </Heading>
      <Paragraph>{summary}</Paragraph>
      <Paragraph>{shapes ? t("area_map.intro") : t("area_map.no_boundaries")}</Paragraph>
      {zoomed ? (
        <Paragraph data-testid="map-zoom">
          {t("area_map.zoomed", { stadsdeel: zoomed })} <a href={`?${cityParams.toString()}`}>{t("area_map.whole_city", { city: frame.cityName })}</a>
        </Paragraph>
      ) : null}
      {frame.rateAvailable ? null : <Paragraph>{t("filters.rate_unavailable")}</Paragraph>}
      <div className="map-layout">
        {shapes ? (
          <div className="map-figure">
            <AreaMap
              shapes={shapes}
              view={map}
              query={frame.query}
              title={t("map.caption", { range })}
              description={summary}
              stadsdeelNames={stadsdeelNames}
            />
            <MapLegend view={map} threshold={frame.threshold} />
            {perThousand && map.tiles.some((tile) => withoutRate(map, tile)) ? (
              <p className="map-legend-extra">
                <span className="map-legend__swatch map-legend__swatch--dotted" aria-hidden="true" /> {t("area_map.legend_no_residents")}
              </p>
            ) : null}
          </div>
        ) : null}
        <Table
          caption={t("map.table_caption", { range })}
          head={[
            ...(shapes ? [t("area_map.number")] : []),
            t("map.wijk"),
            t("map.stadsdeel"),
            t("map.signals"),
            ...(perThousand ? [t("map.rate")] : []),
          ]}
        >
          {map.stadsdelen.flatMap((sd) => [
            ...map.tiles
              .filter((tile) => tile.stadsdeelId === sd.id)
              .map((tile) => (
                <Row key={tile.wijkId}>
                  {shapes ? <Cell numeric>{tile.number === null ? "" : tile.number}</Cell> : null}
                  <Cell header>{tile.name}</Cell>
                  <Cell>{sd.name}</Cell>
                  <Cell numeric>
                    <ShownValue shown={tile.shown} />
                  </Cell>
                  {perThousand ? (
                    <Cell numeric>{tile.rate !== null ? n(tile.rate) : withoutRate(map, tile) ? noResidents : <ShownValue shown={tile.shown} />}</Cell>
                  ) : null}
                </Row>
              )),
            <Row key={sd.id}>
              {shapes ? <Cell>{""}</Cell> : null}
              <Cell header>{`${t("map.stadsdeel_total")} ${sd.name}`}</Cell>
              <Cell>{sd.name}</Cell>
              <Cell numeric>
                <ShownValue shown={sd.shown} />
              </Cell>
              {perThousand ? <Cell numeric>{sd.rate !== null ? n(sd.rate) : <ShownValue shown={sd.shown} />}</Cell> : null}
            </Row>,
          ])}
          <Row>
            {shapes ? <Cell>{""}</Cell> : null}
            <Cell header>{t("map.city_total")}</Cell>
            <Cell>{frame.cityName}</Cell>
            <Cell numeric>
              <ShownValue shown={map.city} />
            </Cell>
            {perThousand ? <Cell numeric>{""}</Cell> : null}
          </Row>
        </Table>
      </div>
      {area.credit && (shapes || perThousand) ? (
        <Paragraph className="map-credit" data-testid="area-credit">
          {area.credit}
        </Paragraph>
      ) : null}
    </section>
  );
}

function HeatmapSection({ data: { frame, heatmap } }: { data: Extract<Data, { view: "heatmap" }> }) {
  const { t } = useTranslation("dashboard");
  const range = useRange(frame);
  // Intensity from the shown counts only.
  const max = Math.max(1, ...heatmap.rows.filter((r) => r.level === "wijk").flatMap((r) => r.cells.map((c) => (c.kind === "count" ? c.value : 0))));
  return (
    <section className="stack">
      <WideTable caption={t("heatmap.caption", { range })} head={[t("heatmap.area"), ...heatmap.columns.map((c) => c.label), t("heatmap.total")]}>
        {heatmap.rows.map((row) => (
          <tr key={row.id} className={`utrecht-table__row heatmap-row heatmap-row--${row.level}`} data-area={row.id}>
            <th scope="row" className="utrecht-table__cell">
              {row.name}
            </th>
            {row.cells.map((cell, i) => (
              <td
                key={heatmap.columns[i]!.id}
                className={`utrecht-table__cell utrecht-table__cell--numeric-data heat heat-${cell.kind === "count" && row.level === "wijk" ? Math.min(5, 1 + Math.floor((cell.value / max) * 4.999)) : 0}`}
                data-phenomenon={heatmap.columns[i]!.id}
              >
                <ShownValue shown={cell} />
              </td>
            ))}
            <td className="utrecht-table__cell utrecht-table__cell--numeric-data" data-phenomenon="all">
              <ShownValue shown={row.total} />
            </td>
          </tr>
        ))}
      </WideTable>
    </section>
  );
}

function TrendSection({ data }: { data: Extract<Data, { view: "trends" }> }) {
  const { t } = useTranslation("dashboard");
  const describe = useComparisonText();
  const { frame, trends } = data;
  const weekLabel = useWeekLabel();
  const phenomenon = data.phenomenonLabel ?? t("trends.all_phenomena");
  const title = t("trends.chart_title", { phenomenon, scope: frame.scope.name });
  const description = describe(trends.comparison);
  return (
    <section className="stack">
      <Heading level={2}>{title}</Heading>
      <ComparisonSummary comparison={trends.comparison} />
      {trends.points.length === 0 ? (
        <Paragraph>{t("trends.empty")}</Paragraph>
      ) : (
        <>
          <TrendChart view={trends} threshold={frame.threshold} title={title} description={description} />
          <Table caption={t("trends.table_caption")} head={[t("trends.week"), t("trends.current"), t("trends.week"), t("trends.previous")]}>
            {trends.points.map((p) => (
              <Row key={p.week}>
                <Cell header>{weekLabel(p.week)}</Cell>
                <Cell numeric>
                  <ShownValue shown={p.current} />
                </Cell>
                <Cell>{p.previousWeek ? weekLabel(p.previousWeek) : ""}</Cell>
                <Cell numeric>{p.previous ? <ShownValue shown={p.previous} /> : ""}</Cell>
              </Row>
            ))}
          </Table>
        </>
      )}
      <Heading level={2}>{t("trends.per_phenomenon")}</Heading>
      <ComparisonTable
        caption={t("comparison.caption", { scope: frame.scope.name, range: spanLabel(trends.comparison.current) })}
        labelHead={t("trends.phenomenon")}
        comparison={trends.comparison}
        rows={trends.perPhenomenon}
      />
    </section>
  );
}

function WarningSection({ data: { frame, warnings } }: { data: Extract<Data, { view: "warnings" }> }) {
  const { t, i18n } = useTranslation("dashboard");
  const weekLabel = useWeekLabel();
  const week = weekLabel(warnings.week);
  return (
    <section className="stack">
      <Paragraph>{t("warnings.intro", { week })}</Paragraph>
      <details className="disclosure-rule" open>
        <summary>{t("warnings.method_title")}</summary>
        <Paragraph>{t("warnings.method", { minimum: warnings.minimumCount })}</Paragraph>
      </details>
      {warnings.items.length === 0 ? (
        <Paragraph data-testid="warnings-empty">{t("warnings.empty", { week })}</Paragraph>
      ) : (
        <Table caption={t("warnings.caption", { week })} head={[t("warnings.area"), t("warnings.phenomenon"), t("warnings.this_week"), t("warnings.explanation")]}>
          {warnings.items.map((item) => (
            <tr key={`${item.areaId}-${item.phenomenon}`} className="utrecht-table__row" data-testid="warning">
              <th scope="row" className="utrecht-table__cell">
                {`${item.areaName} (${t(`warnings.level_${item.level}`)})`}
              </th>
              <td className="utrecht-table__cell">{item.phenomenonLabel}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-data">
                <ShownValue shown={item.shown} />
              </td>
              <td className="utrecht-table__cell">
                {t("warnings.explain", {
                  count: item.shown.kind === "count" ? item.shown.value : t("warnings.count_hidden"),
                  baseline: item.baseline.lessThanOne ? t("warnings.baseline_less_than_one") : t("warnings.baseline_about", { perWeek: item.baseline.perWeek }),
                  rarity: item.rarity.toLocaleString(i18n.language),
                })}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Paragraph>{t("disclosure.rule", { threshold: frame.threshold })}</Paragraph>
    </section>
  );
}

function ReachSection({ data: { frame, reach } }: { data: Extract<Data, { view: "reach" }> }) {
  const { t } = useTranslation("dashboard");
  const range = useRange(frame);
  return (
    <section className="stack">
      <Paragraph>{t("reach.intro")}</Paragraph>
      <WideTable caption={t("reach.caption", { range })} head={[t("reach.flow"), ...reach.stadsdelen.map((sd) => sd.name)]}>
        {reach.rows.map((row) => (
          <Row key={row.flowId}>
            <Cell header>{row.title}</Cell>
            {row.cells.map((cell, i) => (
              <Cell key={reach.stadsdelen[i]!.id} numeric>
                <ShownValue shown={cell} />
              </Cell>
            ))}
          </Row>
        ))}
      </WideTable>
    </section>
  );
}
