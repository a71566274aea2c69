import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/ambassadors";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { userIdSchema } from "#app/features/auth/schemas.ts";
import { formatDateTime } from "#app/features/auth/time-format.ts";
import { listUsers, setUserActive } from "#app/features/auth/users.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "ambassadors:manage");
  const ambassadors = await listUsers(context.get(servicesContext), viewer.municipalityId, { role: "ambassador" });
  return { ambassadors };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "ambassadors:manage");
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = form.get("intent");
  const parsed = parseForm(userIdSchema, form, t);
  if (!parsed.success || (intent !== "deactivate" && intent !== "reactivate")) {
    return data({ ok: false, message: t("errors.bad_request_body") }, { status: 400 });
  }
  const result = await setUserActive(context.get(servicesContext), viewer, parsed.data.userId, intent === "reactivate");
  if (!result.ok) {
    return data({ ok: false, message: t(`admin:users.error.${result.error}`) }, { status: result.error === "not_found" ? 404 : 403 });
  }
  return { ok: true, message: t(intent === "deactivate" ? "admin:ambassadors.deactivated" : "admin:ambassadors.reactivated") };
}

export default function Ambassadors({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("admin");
  return (
    <div className="stack">
      <PageTitle>{t("ambassadors.title")}</PageTitle>
      <Heading level={1}>{t("ambassadors.title")}</Heading>
      <Paragraph>{t("ambassadors.intro")}</Paragraph>
      {actionData ? <Alert kind={actionData.ok ? "ok" : "error"}>{actionData.message}</Alert> : null}
      {loaderData.ambassadors.length === 0 ? (
        <Paragraph>{t("ambassadors.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("ambassadors.caption")}
          head={[t("ambassadors.name"), t("ambassadors.email"), t("ambassadors.organisation"), t("ambassadors.last_active"), t("ambassadors.status"), t("ambassadors.actions")]}
        >
          {loaderData.ambassadors.map((ambassador) => (
            <Row key={ambassador.id}>
              <Cell header>{ambassador.displayName}</Cell>
              <Cell>{ambassador.email}</Cell>
              <Cell>{ambassador.organisationName ?? "—"}</Cell>
              <Cell>{ambassador.lastActiveAt ? formatDateTime(ambassador.lastActiveAt, i18n.language) : t("ambassadors.never")}</Cell>
              <Cell>
                <span className={`utrecht-status-badge utrecht-status-badge--${ambassador.deactivatedAt ? "inactive" : "active"}`}>
                  {ambassador.deactivatedAt ? t("ambassadors.inactive") : t("ambassadors.active")}
                </span>
              </Cell>
              <Cell>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={ambassador.id} />
                  {ambassador.deactivatedAt ? (
                    <Button name="intent" value="reactivate" appearance="secondary">
                      {t("ambassadors.reactivate")}
                      <span className="visually-hidden"> – {ambassador.displayName}</span>
                    </Button>
                  ) : (
                    <Button name="intent" value="deactivate" appearance="danger">
                      {t("ambassadors.deactivate")}
                      <span className="visually-hidden"> – {ambassador.displayName}</span>
                    </Button>
                  )}
                </Form>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
