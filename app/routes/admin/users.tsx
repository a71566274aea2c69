import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/users";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { isStaff } from "#app/features/auth/authorization.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { changeUserRole, listUsers, setUserActive } from "#app/features/auth/users.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { accountActiveSchema, roleChangeSchema, userIdSchema } from "#app/features/auth/schemas.ts";
import { resetSecondFactor } from "#app/features/second-factor/reset.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { roles } from "#db/tables/auth.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "users:manage");
  const services = context.get(servicesContext);
  const [users, organisations] = await Promise.all([
    listUsers(services, viewer.municipalityId),
    listOrganisations(services, viewer.municipalityId),
  ]);
  return {
    viewerId: viewer.id,
    users,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "users:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "reset-second-factor") {
    const parsed = parseForm(userIdSchema, form, t);
    const result = parsed.success ? await resetSecondFactor(services, viewer, parsed.data.userId) : ({ ok: false, error: "not_found" } as const);
    if (!result.ok) return data({ ok: false, message: t(`security:reset.${result.error}`) }, { status: result.error === "self" ? 400 : 404 });
    return { ok: true, message: t("security:reset.done") };
  }
  if (intent === "change-role") {
    const parsed = parseForm(roleChangeSchema, form, t);
    if (!parsed.success) return data({ ok: false, message: t("errors.bad_request_body") }, { status: 400 });
    const result = await changeUserRole(services, viewer, parsed.data.userId, parsed.data.role, parsed.data.organisationId);
    if (!result.ok) return data({ ok: false, message: t(`admin:users.error.${result.error}`) }, { status: 400 });
    return { ok: true, message: t("admin:users.role_changed") };
  }
  const parsed = parseForm(accountActiveSchema, form, t);
  if (!parsed.success) return data({ ok: false, message: t("errors.bad_request_body") }, { status: 400 });
  const result = await setUserActive(services, viewer, parsed.data.userId, parsed.data.intent === "reactivate");
  if (!result.ok) return data({ ok: false, message: t(`admin:users.error.${result.error}`) }, { status: 400 });
  return { ok: true, message: t(parsed.data.intent === "deactivate" ? "admin:ambassadors.deactivated" : "admin:ambassadors.reactivated") };
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("admin");
  return (
    <div className="stack">
      <PageTitle>{t("users.title")}</PageTitle>
      <Heading level={1}>{t("users.title")}</Heading>
      <Paragraph>{t("users.intro")}</Paragraph>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary items={errorSummaryItems(actionData?.ok === false ? { formError: actionData.message } : null, [])} answer={actionData} />
      <Table caption={t("users.caption")} head={[t("users.name"), t("users.email"), t("users.role"), t("users.status"), t("users.actions")]}>
        {loaderData.users.map((user) => {
          const self = user.id === loaderData.viewerId;
          return (
            <Row key={user.id}>
              <Cell header>{user.displayName}</Cell>
              <Cell>{user.email}</Cell>
              <Cell>
                {self ? (
                  t(`common:roles.${user.role}`)
                ) : (
                  <Form method="post" className="actions">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      {t("users.role_for", { name: user.displayName })}
                    </label>
                    <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="utrecht-select utrecht-select--html-select">
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(`common:roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <label className="visually-hidden" htmlFor={`org-${user.id}`}>
                      {t("users.organisation_for", { name: user.displayName })}
                    </label>
                    <select id={`org-${user.id}`} name="organisationId" defaultValue={user.organisationId ?? ""} className="utrecht-select utrecht-select--html-select">
                      <option value="">{t("users.no_organisation")}</option>
                      {loaderData.organisations.map((organisation) => (
                        <option key={organisation.id} value={organisation.id}>
                          {organisation.name}
                        </option>
                      ))}
                    </select>
                    <Button appearance="secondary">{t("users.change_role")}</Button>
                  </Form>
                )}
              </Cell>
              <Cell>{user.deactivatedAt ? t("ambassadors.inactive") : t("ambassadors.active")}</Cell>
              <Cell>
                {self ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={user.id} />
                    {isStaff(user.role) ? (
                      <Button name="intent" value="reset-second-factor" appearance="secondary">
                        {t("security:reset.button")}
                        <span className="visually-hidden"> – {user.displayName}</span>
                      </Button>
                    ) : null}
                    {user.deactivatedAt ? (
                      <Button name="intent" value="reactivate" appearance="secondary">
                        {t("ambassadors.reactivate")}
                        <span className="visually-hidden"> – {user.displayName}</span>
                      </Button>
                    ) : (
                      <Button name="intent" value="deactivate" appearance="danger">
                        {t("ambassadors.deactivate")}
                        <span className="visually-hidden"> – {user.displayName}</span>
                      </Button>
                    )}
                  </Form>
                )}
              </Cell>
            </Row>
          );
        })}
      </Table>
    </div>
  );
}
