import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/invitations";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { invitableRoles } from "#app/features/auth/authorization.ts";
import { createInvitation, listInvitations, revokeInvitation } from "#app/features/auth/invitations.server.ts";
import { invitationSchema } from "#app/features/auth/schemas.ts";
import { formatDateTime } from "#app/features/auth/time-format.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { formValues, parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "invitations:manage");
  const services = context.get(servicesContext);
  const [organisations, invitations] = await Promise.all([
    listOrganisations(services, viewer.municipalityId),
    listInvitations(services, viewer.municipalityId),
  ]);
  return {
    roles: invitableRoles(viewer),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, wijkName: o.wijkName })),
    invitations,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "invitations:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();

  if (form.get("intent") === "revoke") {
    const id = String(form.get("invitationId") ?? "");
    const revoked = await revokeInvitation(services, viewer, id);
    return data(
      { kind: "revoked" as const, ok: revoked, message: t(revoked ? "admin:invitations.revoked" : "admin:invitations.revoke_failed") },
      { status: revoked ? 200 : 409 },
    );
  }

  const parsed = parseForm(invitationSchema, form, t);
  if (!parsed.success) {
    return data({ kind: "invalid" as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  const { origin } = context.get(requestInfoContext);
  const result = await createInvitation(services, viewer, parsed.data, origin);
  if (!result.ok) {
    const field = result.error === "already_registered" ? "email" : result.error === "role_not_allowed" ? "role" : "organisationId";
    return data(
      {
        kind: "invalid" as const,
        fieldErrors: { [field]: [t(`admin:invitations.error.${result.error}`)] },
        values: formValues(form),
      },
      { status: result.error === "already_registered" ? 409 : 400 },
    );
  }
  return { kind: "created" as const, email: parsed.data.email, url: result.url, expiresAt: result.expiresAt.toISOString() };
}

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("admin");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const invalid = actionData?.kind === "invalid" ? actionData : null;
  const errors = invalid?.fieldErrors as Record<string, string[]> | undefined;
  const staffRoles = loaderData.roles.length > 1;
  return (
    <div className="stack">
      <PageTitle>{t("invitations.title")}</PageTitle>
      <Heading level={1}>{t("invitations.title")}</Heading>
      <Paragraph>{t("invitations.intro")}</Paragraph>

      {actionData?.kind === "created" ? (
        <Alert kind="ok" title={t("invitations.created_title", { email: actionData.email })}>
          <Paragraph>{t("invitations.created_body", { expires: formatDateTime(actionData.expiresAt, i18n.language) })}</Paragraph>
          <code className="copyable" data-testid="invitation-link">
            {actionData.url}
          </code>
        </Alert>
      ) : null}
      {actionData?.kind === "revoked" ? <Alert kind={actionData.ok ? "ok" : "warning"}>{actionData.message}</Alert> : null}

      <Heading level={2}>{t("invitations.new_title")}</Heading>
      <Form method="post" className="form-stack" noValidate>
        <TextField
          label={t("invitations.email")}
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={invalid?.values?.email ?? ""}
          errors={errors?.email}
        />
        {staffRoles ? (
          <SelectField
            label={t("invitations.role")}
            name="role"
            defaultValue={invalid?.values?.role ?? "ambassador"}
            options={loaderData.roles.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
            errors={errors?.role}
          />
        ) : (
          <input type="hidden" name="role" value="ambassador" />
        )}
        <SelectField
          label={t("invitations.organisation")}
          description={staffRoles ? t("invitations.organisation_hint_staff") : t("invitations.organisation_hint")}
          name="organisationId"
          defaultValue={invalid?.values?.organisationId ?? ""}
          placeholder={t("invitations.organisation_placeholder")}
          options={loaderData.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.wijkName})` }))}
          errors={errors?.organisationId}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("invitations.submit")}
          </Button>
        </div>
      </Form>

      <Heading level={2}>{t("invitations.list_title")}</Heading>
      {loaderData.invitations.length === 0 ? (
        <Paragraph>{t("invitations.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("invitations.list_caption")}
          head={[t("invitations.email"), t("invitations.role"), t("invitations.organisation"), t("invitations.status"), t("invitations.expires"), t("invitations.actions")]}
        >
          {loaderData.invitations.map((invitation) => (
            <Row key={invitation.id}>
              <Cell header>{invitation.email}</Cell>
              <Cell>{t(`common:roles.${invitation.role}`)}</Cell>
              <Cell>{invitation.organisationName ?? "—"}</Cell>
              <Cell>
                <span className={`utrecht-status-badge utrecht-status-badge--${statusBadge(invitation.status)}`}>
                  {t(`invitations.statuses.${invitation.status}`)}
                </span>
              </Cell>
              <Cell>{formatDateTime(invitation.expiresAt, i18n.language)}</Cell>
              <Cell>
                {invitation.status === "open" ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <Button appearance="secondary">
                      {t("invitations.revoke")}
                      <span className="visually-hidden"> – {invitation.email}</span>
                    </Button>
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
