import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/ambassadors";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { changeRoster, listRoster } from "#app/features/network/roster.server.ts";
import { trainingFilters } from "#app/features/network/roster-filters.ts";
import { rosterChangeSchema, rosterQuerySchema } from "#app/features/network/schemas.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";

const filterValue = { actief: "active", inactief: "inactive", uitgezet: "deactivated" } as const;
const trainingValue = { gecertificeerd: "certified", verlopen: "expired", "in-training": "in_training", "niet-begonnen": "not_started" } as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "ambassadors:manage");
  const services = context.get(servicesContext);
  const query = rosterQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const organisations = await listOrganisations(services, viewer.municipalityId, { includeArchived: true });
  const organisationId = organisations.some((o) => o.id === query.organisatie) ? query.organisatie : undefined;
  const ambassadors = await listRoster(services, viewer.municipalityId, {
    organisationId,
    filter: query.toon ? filterValue[query.toon] : "all",
    training: query.training ? trainingValue[query.training] : undefined,
  });
  return {
    ambassadors,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, archived: o.archivedAt !== null })),
    filter: { organisationId: organisationId ?? "", show: query.toon ?? "", training: query.training ?? "" },
    inactiveMonths: services.config.inactivity.months,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "ambassadors:manage");
  const { t } = context.get(i18nContext);
  const parsed = parseForm(rosterChangeSchema, await request.formData(), t);
  if (!parsed.success) {
    const message = parsed.fieldErrors.organisationId?.[0] ?? t("errors.bad_request_body");
    return data({ ok: false, message }, { status: 400 });
  }
  const result = await changeRoster(context.get(servicesContext), viewer, parsed.data);
  if (!result.ok) {
    const status = result.error === "not_found" ? 404 : result.error === "not_allowed" ? 403 : 400;
    return data({ ok: false, message: t(`network:roster.errors.${result.error}`) }, { status });
  }
  const done = { deactivate: "admin:ambassadors.deactivated", reactivate: "admin:ambassadors.reactivated", move: "network:roster.moved" } as const;
  return { ok: true, message: t(result.changed ? done[parsed.data.intent] : "network:roster.unchanged") };
}

export default function Ambassadors({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("network");
  const open = loaderData.organisations.filter((o) => !o.archived);
  return (
    <div className="stack">
      <PageTitle>{t("admin:ambassadors.title")}</PageTitle>
      <Heading level={1}>{t("admin:ambassadors.title")}</Heading>
      <Paragraph>{t("admin:ambassadors.intro")}</Paragraph>
      <Paragraph>{t("roster.inactivity_rule", { count: loaderData.inactiveMonths })}</Paragraph>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary items={errorSummaryItems(actionData?.ok === false ? { formError: actionData.message } : null, [])} answer={actionData} />

      <Form method="get" className="filter-form">
        <SelectField
          label={t("roster.organisation_filter")}
          name="organisatie"
          defaultValue={loaderData.filter.organisationId}
          placeholder={t("roster.all_organisations")}
          options={loaderData.organisations.map((o) => ({ value: o.id, label: o.archived ? t("roster.archived_organisation", { name: o.name }) : o.name }))}
        />
        <SelectField
          label={t("roster.show")}
          name="toon"
          defaultValue={loaderData.filter.show}
          placeholder={t("roster.show_all")}
          options={[
            { value: "actief", label: t("roster.show_active") },
            { value: "inactief", label: t("roster.show_inactive") },
            { value: "uitgezet", label: t("roster.show_deactivated") },
          ]}
        />
        <SelectField
          label={t("training:staff.roster_filter")}
          name="training"
          defaultValue={loaderData.filter.training}
          placeholder={t("training:staff.roster_filter_all")}
          options={trainingFilters.map((value) => ({ value, label: t(`training:staff.roster_status.${trainingValue[value]}`) }))}
        />
        <Button appearance="secondary">{t("roster.filter")}</Button>
      </Form>

      {loaderData.ambassadors.length === 0 ? (
        <Paragraph>{t(loaderData.filter.organisationId || loaderData.filter.show || loaderData.filter.training ? "roster.empty_filtered" : "admin:ambassadors.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("admin:ambassadors.caption")}
          head={[
            t("admin:ambassadors.name"),
            t("admin:ambassadors.email"),
            t("admin:ambassadors.organisation"),
            t("admin:ambassadors.last_active"),
            t("admin:ambassadors.status"),
            t("training:staff.roster_training"),
            t("admin:ambassadors.actions"),
          ]}
        >
          {loaderData.ambassadors.map((ambassador) => (
            <Row key={ambassador.id}>
              <Cell header>{ambassador.displayName}</Cell>
              <Cell>{ambassador.email}</Cell>
              <Cell>
                {ambassador.organisationName ?? "—"}
                {ambassador.organisationArchived ? <span className="muted"> ({t("organisations.archived")})</span> : null}
              </Cell>
              <Cell>
                {ambassador.lastActiveAt ? formatDateTime(ambassador.lastActiveAt, i18n.language) : t("admin:ambassadors.never")}
                {ambassador.inactiveSince ? (
                  <>
                    <br />
                    <span className="utrecht-status-badge utrecht-status-badge--warning" data-testid="inactive-flag">
                      {t("roster.inactive_flag", { count: loaderData.inactiveMonths })}
                    </span>
                    {ambassador.switchOffAt ? (
                      <>
                        <br />
                        <span>{t("roster.switch_off_on", { date: formatDateTime(ambassador.switchOffAt, i18n.language) })}</span>
                      </>
                    ) : null}
                  </>
                ) : null}
              </Cell>
              <Cell>
                <span className={`utrecht-status-badge utrecht-status-badge--${ambassador.deactivatedAt ? "inactive" : "active"}`}>
                  {ambassador.deactivatedAt ? t("admin:ambassadors.inactive") : t("admin:ambassadors.active")}
                </span>
              </Cell>
              <Cell>
                <span
                  className={`utrecht-status-badge utrecht-status-badge--${ambassador.training.status === "certified" ? "success" : ambassador.training.status === "expired" ? "warning" : "inactive"}`}
                  data-testid="training-status"
                >
                  {t(`training:staff.roster_status.${ambassador.training.status}`)}
                </span>
                {ambassador.training.validUntil ? (
                  <>
                    <br />
                    <span>{t("training:staff.roster_valid_until", { date: formatDateTime(ambassador.training.validUntil, i18n.language) })}</span>
                  </>
                ) : null}
                <br />
                <span className="muted">{t("training:staff.roster_passed", { count: ambassador.training.passedModules })}</span>
              </Cell>
              <Cell>
                <div className="stack">
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={ambassador.id} />
                    {ambassador.deactivatedAt ? (
                      <Button name="intent" value="reactivate" appearance="secondary">
                        {t("admin:ambassadors.reactivate")}
                        <span className="visually-hidden"> – {ambassador.displayName}</span>
                      </Button>
                    ) : (
                      <Button name="intent" value="deactivate" appearance="danger">
                        {t("admin:ambassadors.deactivate")}
                        <span className="visually-hidden"> – {ambassador.displayName}</span>
                      </Button>
                    )}
                  </Form>
                  <details className="roster-move">
                    <summary>
                      {t("roster.move_summary")}
                      <span className="visually-hidden"> – {ambassador.displayName}</span>
                    </summary>
                    <Form method="post" className="actions">
                      <input type="hidden" name="userId" value={ambassador.id} />
                      <input type="hidden" name="intent" value="move" />
                      <label className="visually-hidden" htmlFor={`move-${ambassador.id}`}>
                        {t("roster.move_to", { name: ambassador.displayName })}
                      </label>
                      <select
                        id={`move-${ambassador.id}`}
                        name="organisationId"
                        defaultValue={ambassador.organisationArchived ? "" : (ambassador.organisationId ?? "")}
                        className="utrecht-select utrecht-select--html-select"
                      >
                        <option value="">{t("roster.choose_organisation")}</option>
                        {open.map((organisation) => (
                          <option key={organisation.id} value={organisation.id}>
                            {organisation.name}
                          </option>
                        ))}
                      </select>
                      <Button appearance="secondary">
                        {t("roster.move")}
                        <span className="visually-hidden"> – {ambassador.displayName}</span>
                      </Button>
                    </Form>
                  </details>
                </div>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
