import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/audit";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { servicesContext } from "#app/context.server.ts";
import { listAuditActions, listAuditEvents } from "#app/features/audit/audit.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { auditQuerySchema } from "#app/features/audit/schemas.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "audit:read");
  const services = context.get(servicesContext);
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [page, actions] = await Promise.all([
    listAuditEvents(services, { municipalityId: viewer.municipalityId, action: query.actie || undefined, beforeId: query.voor }),
    listAuditActions(services, viewer.municipalityId),
  ]);
  return { ...page, actions, action: query.actie ?? "", paged: Boolean(query.voor) };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("admin");
  const actionParam = loaderData.action ? `actie=${encodeURIComponent(loaderData.action)}&` : "";
  return (
    <div className="stack">
      <PageTitle>{t("audit.title")}</PageTitle>
      <Heading level={1}>{t("audit.title")}</Heading>
      <Paragraph>{t("audit.intro")}</Paragraph>
      <Form method="get" className="actions">
        <SelectField
          label={t("audit.filter_action")}
          name="actie"
          defaultValue={loaderData.action}
          placeholder={t("audit.all_actions")}
          options={loaderData.actions.map((action) => ({ value: action, label: t(`audit.actions.${action}`, { defaultValue: action }) }))}
        />
        <Button appearance="secondary">{t("audit.filter")}</Button>
      </Form>
      {loaderData.rows.length === 0 ? (
        <Paragraph>{t("audit.empty")}</Paragraph>
      ) : (
        <Table caption={t("audit.caption")} head={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.target"), t("audit.details")]}>
          {loaderData.rows.map((row) => (
            <Row key={row.id}>
              <Cell>{formatDateTime(row.occurredAt, i18n.language)}</Cell>
              <Cell>
                {row.actorName ?? (row.actorId ? t("audit.removed_user") : t("audit.anonymous"))}
                {row.actorRole ? <span className="muted"> ({t(`common:roles.${row.actorRole}`)})</span> : null}
              </Cell>
              <Cell>
                <span data-action={row.action}>{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</span>
              </Cell>
              <Cell>{row.targetType ? `${row.targetType} ${row.targetId?.slice(0, 8) ?? ""}` : "—"}</Cell>
              <Cell>
                {Object.keys(row.details).length ? (
                  <span className="muted">
                    {Object.entries(row.details)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(", ")}
                  </span>
                ) : (
                  "—"
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <div className="actions">
        {loaderData.paged ? <Link to={loaderData.action ? `?actie=${encodeURIComponent(loaderData.action)}` : "?"}>{t("audit.newest")}</Link> : null}
        {loaderData.nextBeforeId ? <Link to={`?${actionParam}voor=${loaderData.nextBeforeId}`}>{t("audit.older")}</Link> : null}
      </div>
    </div>
  );
}
