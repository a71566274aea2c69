import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/inbox";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/content/content.ts";
import { GroupedSelectField } from "#app/components/ui/choice-fields.tsx";
import { AgeAndDeadline, StatusBadge, UrgencyBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { BULK_MAX, bulkActionKinds, prepareBulk, runBulk, type BulkAction, type BulkRefusal } from "#app/features/signals/bulk.server.ts";
import { inboxPeriods, inboxQueues, inboxSorts, NOTE_MAX_LENGTH, signalStatuses, signalUrgencies } from "#app/features/signals/options.ts";
import { assigneeChoices, parseAssignee } from "#app/features/signals/ownership.server.ts";
import { inboxFilterParams, inboxQuerySchema, noteSchema, saveFilterSchema } from "#app/features/signals/schemas.ts";
import { listCaseSummaries } from "#app/features/signals/cases.server.ts";
import { listInbox } from "#app/features/signals/inbox.server.ts";
import { withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { deleteSavedFilter, listSavedFilters, saveFilter } from "#app/features/signals/saved-filters.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:inbox");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const query = inboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const assignee = query.toegewezen ? (parseAssignee(query.toegewezen) ?? undefined) : undefined;
  const [inbox, areas, cases, organisations, choices, saved] = await Promise.all([
    listInbox(
      services,
      viewer,
      {
        search: query.q || undefined,
        phenomenon: query.fenomeen || undefined,
        wijkId: query.wijk || undefined,
        stadsdeelId: query.stadsdeel || undefined,
        organisationId: query.organisatie || undefined,
        assignee,
        urgency: query.urgentie,
        status: query.status,
        period: query.periode,
        queue: query.wachtrij,
        sort: query.sorteer,
        caseId: query.zaak || undefined,
      },
      query.na,
    ),
    listAreas(services, viewer.municipalityId),
    listCaseSummaries(services, viewer),
    listOrganisations(services, viewer.municipalityId, { includeArchived: true }),
    assigneeChoices(services, viewer),
    listSavedFilters(services, viewer),
  ]);
  const filters = Object.fromEntries(inboxFilterParams.map((name) => [name, String(query[name] ?? "")])) as Record<(typeof inboxFilterParams)[number], string>;
  return {
    police: !can(viewer, "signals:triage"),
    rows: (inbox?.rows ?? []).map((row) => withPhenomenonLabel(services.content, row, language)),
    next: inbox?.next ?? null,
    continued: inbox?.continued ?? false,
    total: inbox?.total ?? 0,
    byStatus: inbox?.byStatus ?? null,
    filters,
    // Cases are the gemeente's files: police see a case's title, without a link or a filter.
    cases: (cases ?? []).map((c) => ({ value: c.id, label: c.title })),
    caseLinks: cases !== null,
    phenomena: activePhenomena(services.content).map((p) => ({ value: p.id, label: phenomenonLabel(services.content, p.id, language) })),
    areas: areas.map((s) => ({ label: s.name, options: s.wijken.map((w) => ({ value: w.id, label: w.name })) })),
    stadsdelen: areas.map((s) => ({ value: s.id, label: s.name })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    assignees: choices,
    saved: saved.map((f) => ({ id: f.id, name: f.name, query: f.query })),
    bulkActions: bulkActionKinds.filter((kind) => kind === "seen" || kind === "assign" || can(viewer, "signals:triage")),
  };
}

type BulkFields = { action: BulkAction["kind"]; assignee: string; caseId: string; caseTitle: string; response: string };

function bulkFields(form: FormData): BulkFields {
  const value = (name: string) => String(form.get(name) ?? "");
  return { action: value("bulkAction") as BulkAction["kind"], assignee: value("bulkAssignee"), caseId: value("bulkCaseId"), caseTitle: value("bulkCaseTitle").trim(), response: value("bulkResponse") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:inbox");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (message: string, status: number, fieldErrors: Record<string, string[]> = {}) => data({ ok: false as const, message, fieldErrors, confirm: null }, { status });

  if (intent === "save_filter") {
    const parsed = parseForm(saveFilterSchema, form, t);
    if (!parsed.success) return fail(t("signals:saved_filters.error.name_required"), 400, { filterName: parsed.fieldErrors.name ?? [] });
    const saved = await saveFilter(services, viewer, parsed.data.name, parsed.data.query);
    if (!saved.ok) return fail(t(`signals:saved_filters.error.${saved.error}`), saved.error === "empty" ? 400 : 409);
    return { ok: true as const, message: t("signals:saved_filters.saved"), fieldErrors: {}, confirm: null };
  }
  if (intent === "delete_filter") {
    const deleted = await deleteSavedFilter(services, viewer, String(form.get("filterId") ?? "").slice(0, 100));
    if (!deleted) throw data({ message: t("errors.not_found_body") }, { status: 404 });
    return { ok: true as const, message: t("signals:saved_filters.deleted"), fieldErrors: {}, confirm: null };
  }
  if (intent !== "bulk" && intent !== "bulk_confirm") throw data({ message: t("errors.unknown_intent") }, { status: 400 });

  // A bulk action: first what it would do (the confirmation), then, confirmed, all of it or nothing.
  const fields = bulkFields(form);
  let bulk: BulkAction;
  if (fields.action === "seen") bulk = { kind: "seen" };
  else if (fields.action === "assign") {
    const assignee = parseAssignee(fields.assignee);
    if (!assignee) return fail(t("signals:triage.error.assignee_required"), 400, { bulkAssignee: [t("signals:triage.error.assignee_required")] });
    bulk = { kind: "assign", assignee };
  } else if (fields.action === "link") {
    if (!fields.caseId && !fields.caseTitle) return fail(t("signals:errors.case_required"), 400, { bulkCaseTitle: [t("signals:errors.case_required")] });
    if (fields.caseTitle.length > 120) return fail(t("signals:errors.case_title_too_long"), 400, { bulkCaseTitle: [t("signals:errors.case_title_too_long")] });
    bulk = { kind: "link", caseId: fields.caseId || undefined, caseTitle: fields.caseId ? undefined : fields.caseTitle };
  } else if (fields.action === "close") {
    const parsed = parseForm(noteSchema, new URLSearchParams({ body: fields.response }), t);
    if (!parsed.success) return fail(parsed.fieldErrors.body?.[0] ?? t("signals:errors.note_required"), 400, { bulkResponse: parsed.fieldErrors.body ?? [] });
    bulk = { kind: "close", response: parsed.data.body };
  } else {
    return fail(t("signals:inbox.bulk.error.action_required"), 400, { bulkAction: [t("signals:inbox.bulk.error.action_required")] });
  }
  const refusal = (result: BulkRefusal) => {
    if (result.error === "forbidden") forbidden(context);
    if (result.error === "signal_refused") {
      const r = result.result;
      const reason = r.error === "transition_refused" ? t("signals:triage.error.transition_refused", { from: t(`signals:status.${r.from}`), to: t(`signals:status.${r.to}`) }) : t(`signals:triage.error.${r.error}`);
      return fail(t("signals:inbox.bulk.error.signal_refused", { reason }), 409);
    }
    return fail(t(`signals:inbox.bulk.error.${result.error}`, { max: BULK_MAX }), result.error === "not_found" ? 404 : result.error === "changed_meanwhile" ? 409 : 400);
  };

  if (intent === "bulk") {
    const ids = form.getAll("ids").map(String).slice(0, BULK_MAX + 1);
    const plan = await prepareBulk(services, viewer, ids, bulk);
    if (!plan.ok) return refusal(plan);
    return {
      ok: true as const,
      message: null,
      fieldErrors: {},
      confirm: { ...fields, count: plan.changes.length, unchanged: plan.unchanged, versions: Object.entries(plan.versions).map(([id, at]) => `${id}|${at}`) },
    };
  }
  const versions: Record<string, string> = {};
  for (const entry of form.getAll("versie").map(String).slice(0, BULK_MAX + 1)) {
    const bar = entry.indexOf("|");
    if (bar > 0) versions[entry.slice(0, bar)] = entry.slice(bar + 1);
  }
  const done = await runBulk(services, viewer, versions, bulk);
  if (!done.ok) return refusal(done);
  return { ok: true as const, message: t("signals:inbox.bulk.done", { count: done.changed }), fieldErrors: {}, confirm: null };
}

export default function Inbox({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  const { filters, byStatus } = loaderData;
  const filtered = Object.entries(filters).some(([name, value]) => name !== "sorteer" && value);
  const filterQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  const pageLink = (after: string | null) => {
    const params = new URLSearchParams(filterQuery);
    if (after) params.set("na", after);
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const fieldErrors: Record<string, readonly string[]> = actionData?.fieldErrors ?? {};
  const confirm = actionData?.confirm ?? null;
  const assigneeOptions = [
    ...loaderData.assignees.teams.map((team) => ({ value: `team:${team}`, label: t(`triage.teams.${team}`) })),
    ...loaderData.assignees.people.map((p) => ({ value: `person:${p.id}`, label: `${p.name} (${t(`triage.teams.${p.team}`)})` })),
  ];
  return (
    <div className="stack">
      <PageTitle>{t("inbox.title")}</PageTitle>
      <Heading level={1}>{t("inbox.title")}</Heading>
      <Paragraph>{loaderData.police ? t("inbox.intro_police") : t("inbox.intro")}</Paragraph>
      {actionData?.ok && actionData.message ? <Alert kind="ok">{actionData.message}</Alert> : null}
      {actionData && !actionData.ok ? <Alert kind="error">{actionData.message}</Alert> : null}

      {confirm ? (
        <Form method="post" className="stack" aria-labelledby="bulk-confirm-title">
          <Heading level={2} id="bulk-confirm-title">
            {t("inbox.bulk.confirm_title")}
          </Heading>
          <Alert kind="info">
            {t(`inbox.bulk.confirm.${confirm.action}`, { count: confirm.count, n: count(confirm.count) })}
            {confirm.unchanged > 0 ? ` ${t("inbox.bulk.unchanged", { count: confirm.unchanged, n: count(confirm.unchanged) })}` : null}
          </Alert>
          <input type="hidden" name="intent" value="bulk_confirm" />
          <input type="hidden" name="bulkAction" value={confirm.action} />
          <input type="hidden" name="bulkAssignee" value={confirm.assignee} />
          <input type="hidden" name="bulkCaseId" value={confirm.caseId} />
          <input type="hidden" name="bulkCaseTitle" value={confirm.caseTitle} />
          <input type="hidden" name="bulkResponse" value={confirm.response} />
          {confirm.versions.map((v) => (
            <input key={v} type="hidden" name="versie" value={v} />
          ))}
          <div className="actions">
            <Button disabled={confirm.count === 0}>{t("inbox.bulk.confirm_button", { count: confirm.count, n: count(confirm.count) })}</Button>
            <Link className="utrecht-link" to={pageLink(null)}>
              {t("inbox.bulk.cancel")}
            </Link>
          </div>
        </Form>
      ) : null}

      <Form method="get" className="filter-form" aria-label={t("inbox.filters")}>
        <TextField label={t("inbox.search")} description={t("inbox.search_hint")} name="q" type="search" defaultValue={filters.q} maxLength={200} />
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
        <SelectField label={t("inbox.stadsdeel")} name="stadsdeel" defaultValue={filters.stadsdeel} placeholder={t("inbox.all")} options={loaderData.stadsdelen} />
        <GroupedSelectField label={t("form.wijk")} name="wijk" defaultValue={filters.wijk} placeholder={t("inbox.all")} groups={loaderData.areas} />
        <SelectField label={t("inbox.organisation")} name="organisatie" defaultValue={filters.organisatie} placeholder={t("inbox.all")} options={loaderData.organisations} />
        <SelectField
          label={t("inbox.assignee")}
          name="toegewezen"
          defaultValue={filters.toegewezen}
          placeholder={t("inbox.all")}
          options={[{ value: "nobody", label: t("inbox.nobody") }, ...assigneeOptions]}
        />
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
          options={signalStatuses.map((value) => ({ value, label: byStatus ? t("inbox.with_count", { label: t(`status.${value}`), n: count(byStatus[value]) }) : t(`status.${value}`) }))}
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

      <section className="stack" aria-labelledby="saved-filters-title">
        <Heading level={2} id="saved-filters-title">
          {t("saved_filters.title")}
        </Heading>
        {loaderData.saved.length === 0 ? (
          <Paragraph>{t("saved_filters.empty")}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {loaderData.saved.map((f) => (
              <li key={f.id} className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`?${f.query}`}>
                  {f.name}
                </Link>{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete_filter" />
                  <input type="hidden" name="filterId" value={f.id} />
                  <Button appearance="subtle">{t("saved_filters.delete", { name: f.name })}</Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {filtered ? (
          <Form method="post" className="filter-form">
            <input type="hidden" name="intent" value="save_filter" />
            <input type="hidden" name="query" value={filterQuery} />
            <TextField label={t("saved_filters.name")} name="name" maxLength={60} errors={fieldErrors.filterName} />
            <div className="actions">
              <Button appearance="secondary">{t("saved_filters.save")}</Button>
            </div>
          </Form>
        ) : null}
      </section>

      <Paragraph>
        <span data-testid="inbox-total">{t("inbox.total", { count: loaderData.total, n: count(loaderData.total) })}</span>
      </Paragraph>

      {loaderData.rows.length === 0 ? (
        <Paragraph>{filtered ? t("inbox.empty_filtered") : t("inbox.empty")}</Paragraph>
      ) : (
        <Form method="post" className="stack" aria-label={t("inbox.bulk.title")}>
          <input type="hidden" name="intent" value="bulk" />
          <Table
            caption={t("inbox.caption")}
            head={[t("inbox.select_column"), t("inbox.received"), t("form.phenomenon"), t("form.wijk"), t("detail.week"), t("inbox.status"), t("inbox.age"), t("inbox.organisation"), t("form.recipients"), t("inbox.assignee"), t("inbox.case")]}
          >
            {loaderData.rows.map((row) => {
              const urgentOpen = row.urgency === "urgent" && row.status !== "handled";
              return (
                <tr key={row.id} className={`utrecht-table__row ${urgentOpen || row.overdue ? "signal-urgent" : ""}`} data-testid="inbox-row">
                  <td className="utrecht-table__cell">
                    <input type="checkbox" name="ids" value={row.id} id={`select-${row.id}`} aria-label={t("inbox.select_signal", { phenomenon: row.phenomenonLabel, wijk: row.wijkName })} />
                  </td>
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
          <fieldset className="utrecht-form-fieldset stack">
            <legend className="utrecht-form-fieldset__legend">{t("inbox.bulk.title")}</legend>
            <SelectField
              label={t("inbox.bulk.action")}
              name="bulkAction"
              placeholder={t("inbox.bulk.choose")}
              errors={fieldErrors.bulkAction}
              options={loaderData.bulkActions.map((value) => ({ value, label: t(`inbox.bulk.actions.${value}`) }))}
            />
            <SelectField label={t("inbox.bulk.assignee")} name="bulkAssignee" placeholder={t("inbox.bulk.choose")} errors={fieldErrors.bulkAssignee} options={assigneeOptions} />
            {loaderData.caseLinks ? (
              <>
                <SelectField label={t("inbox.bulk.case")} name="bulkCaseId" placeholder={t("inbox.bulk.new_case")} options={loaderData.cases} />
                <TextField label={t("inbox.bulk.case_title")} name="bulkCaseTitle" maxLength={120} errors={fieldErrors.bulkCaseTitle} />
                <TextAreaField label={t("inbox.bulk.response")} description={t("inbox.bulk.response_hint")} name="bulkResponse" maxLength={NOTE_MAX_LENGTH} errors={fieldErrors.bulkResponse} />
              </>
            ) : null}
            <div className="actions">
              <Button appearance="secondary">{t("inbox.bulk.continue")}</Button>
            </div>
          </fieldset>
        </Form>
      )}
      <div className="actions">
        {loaderData.continued ? <Link to={pageLink(null)}>{t("inbox.first_page")}</Link> : null}
        {loaderData.next ? <Link to={pageLink(loaderData.next)}>{t("inbox.next_page")}</Link> : null}
      </div>
    </div>
  );
}
