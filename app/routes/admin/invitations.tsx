import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/invitations";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextAreaField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { invitableRoles } from "#app/features/auth/authorization.ts";
import { createInvitations, listInvitations, resendInvitation, revokeInvitation } from "#app/features/auth/invitations.server.ts";
import { invitationQuerySchema, invitationStatuses, MAX_INVITATIONS_AT_ONCE } from "#app/features/auth/schemas.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { invitationsSchema } from "#app/features/network/schemas.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { formValues, parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "invitations:manage");
  const services = context.get(servicesContext);
  const query = invitationQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const organisations = await listOrganisations(services, viewer.municipalityId);
  const organisationId = organisations.some((o) => o.id === query.organisatie) ? query.organisatie : undefined;
  const invitations = await listInvitations(services, viewer.municipalityId, { status: query.status, organisationId });
  return {
    roles: invitableRoles(viewer),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, wijkName: o.wijkName })),
    invitations,
    filter: { status: query.status ?? "", organisationId: organisationId ?? "" },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "invitations:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const { origin } = context.get(requestInfoContext);
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "revoke") {
    const result = await revokeInvitation(services, viewer, String(form.get("invitationId") ?? ""));
    if (result.ok) return data({ kind: "message" as const, ok: true, message: t("admin:invitations.revoked") }, { status: 200 });
    const failure = {
      not_found: { status: 404, message: t("network:invitations.resend_errors.not_found") },
      role_not_allowed: { status: 403, message: t("admin:invitations.revoke_not_allowed") },
      not_open: { status: 409, message: t("admin:invitations.revoke_failed") },
    }[result.error];
    return data({ kind: "message" as const, ok: false, message: failure.message }, { status: failure.status });
  }
  if (intent === "resend") {
    const result = await resendInvitation(services, viewer, String(form.get("invitationId") ?? ""), origin);
    if (!result.ok) {
      return data(
        { kind: "message" as const, ok: false, message: t(`network:invitations.resend_errors.${result.error}`) },
        { status: result.error === "not_found" ? 404 : 409 },
      );
    }
    return {
      kind: "created" as const,
      resent: true,
      invitations: [{ id: result.id, email: result.email, url: result.url }],
      expiresAt: result.expiresAt.toISOString(),
    };
  }

  const parsed = parseForm(invitationsSchema, form, t);
  if (!parsed.success) {
    return data({ kind: "invalid" as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  const result = await createInvitations(
    services,
    viewer,
    { emails: parsed.data.emails, role: parsed.data.role, organisationId: parsed.data.organisationId },
    origin,
  );
  if (!result.ok) {
    const field = result.error === "already_registered" || result.error === "too_many" ? "emails" : result.error === "role_not_allowed" ? "role" : "organisationId";
    const message =
      result.error === "already_registered"
        ? t("network:invitations.errors.already_registered", { count: result.emails.length, addresses: result.emails.join(", ") })
        : result.error === "too_many"
          ? t("network:invitations.errors.too_many", { count: MAX_INVITATIONS_AT_ONCE })
          : t(`admin:invitations.error.${result.error}`);
    return data(
      { kind: "invalid" as const, fieldErrors: { [field]: [message] }, values: formValues(form) },
      { status: result.error === "already_registered" ? 409 : 400 },
    );
  }
  return { kind: "created" as const, resent: false, invitations: result.invitations, expiresAt: result.expiresAt.toISOString() };
}

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("network");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && !navigation.formData?.get("intent");
  const invalid = actionData?.kind === "invalid" ? actionData : null;
  const errors = invalid?.fieldErrors as Record<string, string[]> | undefined;
  const staffRoles = loaderData.roles.length > 1;
  const created = actionData?.kind === "created" ? actionData : null;
  return (
    <div className="stack">
      <PageTitle>{t("admin:invitations.title")}</PageTitle>
      <Heading level={1}>{t("admin:invitations.title")}</Heading>
      <Paragraph>{t("invitations.intro", { count: MAX_INVITATIONS_AT_ONCE })}</Paragraph>

      {created ? (
        <Alert
          kind="ok"
          title={
            created.resent
              ? t("invitations.resent_title", { email: created.invitations[0]?.email })
              : created.invitations.length === 1
                ? t("admin:invitations.created_title", { email: created.invitations[0]?.email })
                : t("invitations.created_title", { count: created.invitations.length })
          }
        >
          <Paragraph>{t("invitations.created_body", { count: created.invitations.length, expires: formatDateTime(created.expiresAt, i18n.language) })}</Paragraph>
          <ul className="invitation-links">
            {created.invitations.map((invitation) => (
              <li key={invitation.id}>
                <span className="alert-title">{invitation.email}</span>
                <code className="copyable" data-testid="invitation-link" data-email={invitation.email}>
                  {invitation.url}
                </code>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {actionData?.kind === "message" ? <Alert kind={actionData.ok ? "ok" : "warning"}>{actionData.message}</Alert> : null}

      <Heading level={2}>{t("admin:invitations.new_title")}</Heading>
      <ErrorSummary items={errorSummaryItems(invalid, ["emails", "role", "organisationId"])} answer={actionData} />
      {/* A new key after each success empties the form, so the same list is not sent twice by accident. */}
      <Form method="post" className="form-stack" noValidate key={created?.invitations[0]?.id ?? "new"}>
        <TextAreaField
          label={t("invitations.emails")}
          description={t("invitations.emails_hint", { count: MAX_INVITATIONS_AT_ONCE })}
          name="emails"
          rows={5}
          required
          autoComplete="off"
          defaultValue={invalid?.values?.emails ?? ""}
          errors={errors?.emails}
        />
        {staffRoles ? (
          <SelectField
            label={t("admin:invitations.role")}
            name="role"
            defaultValue={invalid?.values?.role ?? "ambassador"}
            options={loaderData.roles.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
            errors={errors?.role}
          />
        ) : (
          <input type="hidden" name="role" value="ambassador" />
        )}
        <SelectField
          label={t("admin:invitations.organisation")}
          description={staffRoles ? t("admin:invitations.organisation_hint_staff") : t("admin:invitations.organisation_hint")}
          name="organisationId"
          defaultValue={invalid?.values?.organisationId ?? loaderData.filter.organisationId}
          placeholder={t("admin:invitations.organisation_placeholder")}
          options={loaderData.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.wijkName})` }))}
          errors={errors?.organisationId}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("invitations.submit")}
          </Button>
        </div>
      </Form>

      <Heading level={2}>{t("admin:invitations.list_title")}</Heading>
      <Form method="get" className="filter-form">
        <SelectField
          label={t("invitations.filter_status")}
          name="status"
          defaultValue={loaderData.filter.status}
          placeholder={t("invitations.all_statuses")}
          options={invitationStatuses.map((status) => ({ value: status, label: t(`admin:invitations.statuses.${status}`) }))}
        />
        <SelectField
          label={t("invitations.filter_organisation")}
          name="organisatie"
          defaultValue={loaderData.filter.organisationId}
          placeholder={t("invitations.all_organisations")}
          options={loaderData.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Button appearance="secondary">{t("invitations.filter")}</Button>
      </Form>
      {loaderData.invitations.length === 0 ? (
        <Paragraph>{t(loaderData.filter.status || loaderData.filter.organisationId ? "invitations.empty_filtered" : "admin:invitations.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("admin:invitations.list_caption")}
          head={[
            t("admin:invitations.email"),
            t("admin:invitations.role"),
            t("admin:invitations.organisation"),
            t("admin:invitations.status"),
            t("admin:invitations.expires"),
            t("admin:invitations.actions"),
          ]}
        >
          {loaderData.invitations.map((invitation) => (
            <Row key={invitation.id}>
              <Cell header>{invitation.email}</Cell>
              <Cell>{t(`common:roles.${invitation.role}`)}</Cell>
              <Cell>{invitation.organisationName ?? "—"}</Cell>
              <Cell>
                <span className={`utrecht-status-badge utrecht-status-badge--${statusBadge(invitation.status)}`}>
                  {t(`admin:invitations.statuses.${invitation.status}`)}
                </span>
              </Cell>
              <Cell>{invitation.status === "accepted" ? "—" : formatDateTime(invitation.expiresAt, i18n.language)}</Cell>
              <Cell>
                {invitation.status !== "accepted" && loaderData.roles.includes(invitation.role) ? (
                  <Form method="post" className="actions">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <Button name="intent" value="resend" appearance="secondary">
                      {t("invitations.resend")}
                      <span className="visually-hidden"> – {invitation.email}</span>
                    </Button>
                    {invitation.status === "open" ? (
                      <Button name="intent" value="revoke" appearance="secondary">
                        {t("admin:invitations.revoke")}
                        <span className="visually-hidden"> – {invitation.email}</span>
                      </Button>
                    ) : null}
                  </Form>
                ) : null}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}

function statusBadge(status: string): string {
  return status === "open" ? "active" : status === "accepted" ? "success" : "inactive";
}
