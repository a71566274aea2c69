import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, NavLink } from "react-router";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { GroupedSelectField } from "#app/components/ui/choice-fields.tsx";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { splitIsoWeek } from "#app/calendar/iso-week.ts";
import type { DashboardFrame } from "../page.server.ts";

export const dashboardViews = [
  { path: "/dashboard", label: "views.map" },
  { path: "/dashboard/trends", label: "views.trends" },
  { path: "/dashboard/heatmap", label: "views.heatmap" },
  { path: "/dashboard/vroegsignalering", label: "views.warnings" },
  { path: "/dashboard/bereik", label: "views.reach" },
] as const;

export function useRangeLabel(): (first: string, last: string) => string {
  const { t } = useTranslation("dashboard");
  return (first, last) => {
    const a = splitIsoWeek(first);
    const b = splitIsoWeek(last);
    return t("filters.period_range", { from: `${a.year} W${String(a.week).padStart(2, "0")}`, to: `${b.year} W${String(b.week).padStart(2, "0")}` });
  };
}

export function DashboardFramePage({
  frame,
  title,
  table,
  canNetwork,
  children,
}: {
  frame: DashboardFrame;
  title: string;
  /** The table the CSV link exports, when the view has one. */
  table?: string;
  canNetwork: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("dashboard");
  const range = useRangeLabel();
  const q = frame.query ? `?${frame.query}` : "";
  const views = canNetwork ? [...dashboardViews, { path: "/dashboard/netwerk", label: "views.network" } as const] : dashboardViews;
  const exportQuery = new URLSearchParams(frame.query);
  if (table) exportQuery.set("tabel", table);
  return (
    <div className="stack dashboard">
      <PageTitle>{`${title} · ${t("title")}`}</PageTitle>
      <Heading level={1}>{`${t("title")}: ${title}`}</Heading>
      <nav aria-label={t("views.label")} className="dashboard-views">
        <ul>
          {views.map((view) => (
            <li key={view.path}>
              <NavLink to={`${view.path}${q}`} end className="utrecht-link">
                {t(view.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Paragraph data-testid="dashboard-scope">
        {t("summary.showing", {
          scope: frame.scope.name,
          range: frame.period.inProgress ? t("filters.current", { range: range(frame.period.first, frame.period.last) }) : range(frame.period.first, frame.period.last),
        })}
      </Paragraph>
      <FilterForm frame={frame} />
      {frame.dropped.length > 0 ? (
        <Alert kind="warning">
          <Paragraph>
            {t("filters.dropped", {
              kept: t(frame.form.kanaal ? "filters.channel" : "filters.target_group"),
              dropped: frame.dropped.map((name) => t(name === "doelgroep" ? "filters.target_group" : "filters.urgency")).join(", "),
            })}
          </Paragraph>
        </Alert>
      ) : null}
      {children}
      <p className="dashboard-actions">
        {table ? (
          <>
            <a className="utrecht-link" href={`/dashboard/export?${exportQuery.toString()}`} download>
              {t("export.csv")}
            </a>{" "}
            <a className="utrecht-link" href={`/dashboard/export?${exportQuery.toString()}&formaat=xlsx`} download>
              {t("export.xlsx")}
            </a>
          </>
        ) : null}
        <a className="utrecht-link" href={`/dashboard/rapport${q}`}>
          {t("export.report")}
        </a>
      </p>
      <details className="disclosure-rule">
        <summary>{t("disclosure.title")}</summary>
        <Paragraph>{t("disclosure.rule", { threshold: frame.threshold })}</Paragraph>
      </details>
    </div>
  );
}

function FilterForm({ frame }: { frame: DashboardFrame }) {
  const { t } = useTranslation("dashboard");
  const { t: ts } = useTranslation("signals");
  const range = useRangeLabel();
  const { form, choices } = frame;
  return (
    <Form method="get" className="filter-form" aria-label={t("filters.legend")}>
      <SelectField
        label={t("filters.period")}
        name="periode"
        defaultValue={form.periode}
        options={[
          { value: "13w", label: t("filters.period_13w") },
          { value: "52w", label: t("filters.period_52w") },
        ]}
      />
      <SelectField
        label={t("filters.block")}
        name="week"
        defaultValue={form.week}
        options={choices.blocks.map((b) => ({
          value: b.value,
          label: b.inProgress ? t("filters.current", { range: range(b.first, b.last) }) : range(b.first, b.last),
        }))}
      />
      <SelectField label={t("filters.phenomenon")} name="fenomeen" defaultValue={form.fenomeen} placeholder={t("filters.all")} options={choices.phenomena} />
      <GroupedSelectField
        label={t("filters.area")}
        name="gebied"
        defaultValue={form.gebied}
        placeholder={t("filters.whole_city", { city: frame.cityName })}
        groups={[{ label: t("filters.stadsdelen"), options: choices.stadsdelen }, ...choices.wijken]}
      />
      <SelectField
        label={t("filters.channel")}
        name="kanaal"
        defaultValue={form.kanaal}
        placeholder={t("filters.all")}
        options={signalChannels.map((c) => ({ value: c, label: ts(`channel.${c}`) }))}
      />
      <SelectField
        label={t("filters.target_group")}
        name="doelgroep"
        defaultValue={form.doelgroep}
        placeholder={t("filters.all")}
        options={targetGroups.map((g) => ({ value: g, label: ts(`target_group.${g}`) }))}
      />
      <SelectField
        label={t("filters.urgency")}
        name="urgentie"
        defaultValue={form.urgentie}
        placeholder={t("filters.all")}
        options={signalUrgencies.map((u) => ({ value: u, label: ts(`urgency.${u}`) }))}
      />
      {frame.rateAvailable ? (
        <SelectField
          label={t("filters.measure")}
          name="maat"
          defaultValue={form.maat}
          options={[
            { value: "aantal", label: t("filters.measure_count") },
            { value: "per1000", label: t("filters.measure_rate") },
          ]}
        />
      ) : null}
      <Button appearance="secondary">{t("filters.apply")}</Button>
      <p className="utrecht-paragraph filter-form__note">{t("filters.one_facet")}</p>
    </Form>
  );
}
