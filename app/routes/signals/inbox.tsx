import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/inbox";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import { GroupedSelectField } from "#app/components/ui/choice-fields.tsx";
import { AgeAndDeadline, StatusBadge, UrgencyBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { inboxPeriods, inboxQueues, inboxSorts, signalStatuses, signalUrgencies } from "#app/features/signals/options.ts";
import { inboxQuerySchema } from "#app/features/signals/schemas.ts";
import { listCaseSummaries } from "#app/features/signals/cases.server.ts";
import { listInbox, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:inbox");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const query = inboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [inbox, areas, cases] = await Promise.all([
    listInbox(services, viewer, {
      phenomenon: query.fenomeen || undefined,
      wijkId: query.wijk || undefined,
      urgency: query.urgentie,
      status: query.status,
      period: query.periode,
      queue: query.wachtrij,
      sort: query.sorteer,
      caseId: query.zaak || undefined,
      page: query.pagina,
    }),
    listAreas(services, viewer.municipalityId),
    listCaseSummaries(services, viewer),
  ]);
  return {
    police: !can(viewer, "signals:triage"),
    rows: (inbox?.rows ?? []).map((row) => withPhenomenonLabel(row, language)),
    hasMore: inbox?.hasMore ?? false,
    page: inbox?.page ?? 1,
    filters: {
      wachtrij: query.wachtrij ?? "",
      fenomeen: query.fenomeen ?? "",
      wijk: query.wijk ?? "",
      urgentie: query.urgentie ?? "",
      status: query.status ?? "",
      periode: query.periode ?? "",
      sorteer: query.sorteer ?? "",
      zaak: query.zaak ?? "",
    },
    // Cases are the gemeente's files: police see a case's title, without a link or a filter.
    cases: (cases ?? []).map((c) => ({ value: c.id, label: c.title })),
    caseLinks: cases !== null,
    phenomena: activePhenomena.map((p) => ({ value: p.id, label: phenomenonLabel(p.id, language) })),
    areas: areas.map((s) => ({ label: s.name, options: s.wijken.map((w) => ({ value: w.id, label: w.name })) })),
  };
}

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  const { filters } = loaderData;
  const filtered = Object.values(filters).some(Boolean);
  const pageLink = (page: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    if (page > 1) params.set("pagina", String(page));
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  return (
    <div className="stack">
      <PageTitle>{t("inbox.title")}</PageTitle>
      <Heading level={1}>{t("inbox.title")}</Heading>
      <Paragraph>{loaderData.police ? t("inbox.intro_police") : t("inbox.intro")}</Paragraph>

      <Form method="get" className="filter-form" aria-label={t("inbox.filters")}>
        <SelectField
          label={t("inbox.queue")}
          name="wachtrij"
          defaultValue={filters.wachtrij}
          placeholder={t("inbox.queue_all")}
          options={inboxQueues.map((value) => ({ value, label: t(`inbox.queues.${value}`) }))}
        />
        <SelectField
          label={t("form.phenomenon")}
          name="fenomeen"
          defaultValue={filters.fenomeen}
          placeholder={t("inbox.all")}
          options={loaderData.phenomena}
        />
        <GroupedSelectField label={t("form.wijk")} name="wijk" defaultValue={filters.wijk} placeholder={t("inbox.all")} groups={loaderData.areas} />
        <SelectField
          label={t("form.urgency")}
          name="urgentie"
          defaultValue={filters.urgentie}
          placeholder={t("inbox.all")}
          options={signalUrgencies.map((value) => ({ value, label: t(`urgency.${value}`) }))}
        />
        <SelectField
          label={t("inbox.status")}
          name="status"
          defaultValue={filters.status}
          placeholder={t("inbox.all")}
          options={signalStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        <SelectField
          label={t("inbox.period")}
          name="periode"
          defaultValue={filters.periode}
          placeholder={t("inbox.period_all")}
          options={inboxPeriods.filter((p) => p !== "all").map((value) => ({ value, label: t(`inbox.periods.${value}`) }))}
        />
        {loaderData.caseLinks ? (
          <SelectField label={t("inbox.case_filter")} name="zaak" defaultValue={filters.zaak} placeholder={t("inbox.all")} options={loaderData.cases} />
        ) : null}
        <SelectField
          label={t("inbox.sort")}
          name="sorteer"
          defaultValue={filters.sorteer || "urgent"}
          options={inboxSorts.map((value) => ({ value, label: t(`inbox.sorts.${value}`) }))}
        />
        <div className="actions">
          <Button appearance="secondary">{t("inbox.filter")}</Button>
          {filtered ? (
            <Link className="utrecht-link" to="?">
              {t("inbox.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {loaderData.rows.length === 0 ? (
        <Paragraph>{filtered ? t("inbox.empty_filtered") : t("inbox.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("inbox.caption")}
          head={[t("inbox.received"), t("form.phenomenon"), t("form.wijk"), t("detail.week"), t("inbox.status"), t("inbox.age"), t("inbox.organisation"), t("form.recipients"), t("inbox.assignee"), t("inbox.case")]}
        >
          {loaderData.rows.map((row) => {
            const urgentOpen = row.urgency === "urgent" && row.status !== "handled";
            return (
              <tr key={row.id} className={`utrecht-table__row ${urgentOpen || row.overdue ? "signal-urgent" : ""}`} data-testid="inbox-row">
                <td className="utrecht-table__cell">{formatDateTime(row.receivedAt, i18n.language)}</td>
                <th scope="row" className="utrecht-table__cell">
                  <Link className="utrecht-link" to={`/signalen/${row.id}`}>
                    {row.phenomenonLabel}
                  </Link>{" "}
                  <UrgencyBadge urgency={row.urgency} />
                </th>
                <td className="utrecht-table__cell">{row.wijkName}</td>
                <td className="utrecht-table__cell">{weekLabel(row.isoWeek)}</td>
                <td className="utrecht-table__cell">
                  <StatusBadge status={row.status} />
                </td>
                <td className="utrecht-table__cell">
                  <AgeAndDeadline age={row.age} overdue={row.overdue} />
                </td>
                <td className="utrecht-table__cell">{row.organisationName}</td>
                <td className="utrecht-table__cell">{t(`recipients.${row.recipients}`)}</td>
                <td className="utrecht-table__cell">{row.assigneeName ?? (row.assignedTeam ? t(`triage.teams.${row.assignedTeam}`) : "—")}</td>
                <td className="utrecht-table__cell">
                  {row.caseTitle && row.caseId && loaderData.caseLinks ? (
                    <Link className="utrecht-link" to={`/zaken/${row.caseId}`}>
                      {row.caseTitle}
                    </Link>
                  ) : (
                    (row.caseTitle ?? "—")
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <div className="actions">
        {loaderData.page > 1 ? <Link to={pageLink(loaderData.page - 1)}>{t("inbox.newer")}</Link> : null}
        {loaderData.hasMore ? <Link to={pageLink(loaderData.page + 1)}>{t("inbox.older")}</Link> : null}
      </div>
    </div>
  );
}
