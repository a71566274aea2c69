import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Table } from "#app/components/ui/table.tsx";
import { servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { listCaseSummaries } from "#app/features/signals/cases.server.ts";
import { casesQuerySchema } from "#app/features/signals/schemas.ts";
import { signalCaseStatuses } from "#db/tables/signals.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "cases:manage");
  const services = context.get(servicesContext);
  const query = casesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { cases: (await listCaseSummaries(services, viewer, { status: query.status })) ?? [], status: query.status ?? "" };
}

export default function Cases({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  return (
    <div className="stack">
      <PageTitle>{t("cases.title")}</PageTitle>
      <Heading level={1}>{t("cases.title")}</Heading>
      <Paragraph>{t("cases.intro")}</Paragraph>
      <Form method="get" className="filter-form" aria-label={t("cases.filters")}>
        <SelectField
          label={t("cases.status")}
          name="status"
          defaultValue={loaderData.status}
          placeholder={t("cases.all")}
          options={signalCaseStatuses.map((value) => ({ value, label: t(`cases.statuses.${value}`) }))}
        />
        <div className="actions">
          <Button appearance="secondary">{t("inbox.filter")}</Button>
        </div>
      </Form>
      {loaderData.cases.length === 0 ? (
        <Paragraph>{t("cases.empty")}</Paragraph>
      ) : (
        <Table caption={t("cases.caption")} head={[t("cases.case"), t("cases.status"), t("cases.owner"), t("cases.signals"), t("cases.created")]}>
          {loaderData.cases.map((c) => (
            <tr key={c.id} className="utrecht-table__row" data-testid="case-row">
              <th scope="row" className="utrecht-table__cell">
                <Link className="utrecht-link" to={`/zaken/${c.id}`}>
                  {c.title}
                </Link>
              </th>
              <td className="utrecht-table__cell">{t(`cases.statuses.${c.status}`)}</td>
              <td className="utrecht-table__cell">{c.ownerName ?? (c.ownerTeam ? t(`triage.teams.${c.ownerTeam}`) : "—")}</td>
              <td className="utrecht-table__cell">{c.signalCount}</td>
              <td className="utrecht-table__cell">{formatDateTime(c.createdAt, i18n.language)}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
