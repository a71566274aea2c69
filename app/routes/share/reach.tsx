import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { Route } from "./+types/reach";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { toIsoDate } from "#app/calendar/dates.ts";
import { mondayOf } from "#app/calendar/iso-week.ts";
import { lastPublishedWeeks, publishedReach } from "#app/features/referral-reach/referral-reach.server.ts";
import { publicationThreshold } from "#app/features/publication/publication.server.ts";
import { findShareItem } from "#app/features/sharing/share.server.ts";
import helpStyles from "#app/features/flows/help.css?url";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

const WEEKS_SHOWN = 8;

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "reach:view");
  const services = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const all = can(viewer, "reach:view-all");
  const organisations = all
    ? (await listOrganisations(services, viewer.municipalityId, { includeArchived: true })).map((o) => ({ id: o.id, name: o.name }))
    : viewer.organisationId
      ? [{ id: viewer.organisationId, name: viewer.organisationName ?? "" }]
      : [];
  const chosen = all ? (new URL(request.url).searchParams.get("organisatie") ?? "") : "";
  const chosenValid = chosen === "" || organisations.some((o) => o.id === chosen);
  const scope = chosen && chosenValid ? organisations.filter((o) => o.id === chosen) : organisations;
  const weeks = lastPublishedWeeks(services.clock.now(), WEEKS_SHOWN);
  const threshold = publicationThreshold(services);
  const rows = await publishedReach(services, viewer.municipalityId, { organisationIds: scope.map((o) => o.id), weeks });
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const titled = rows
    .map((row) => ({
      ...row,
      title: findShareItem(services.content, row.kind === "flow" ? "hulp" : "tips", row.targetId)?.title(language) ?? row.targetId,
      organisationName: names.get(row.organisationId) ?? "",
    }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName) || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title));
  return {
    all,
    organisations,
    chosen: chosenValid ? chosen : "",
    chosenError: chosenValid ? null : t("errors.invalid_choice"),
    weeks: weeks.map((week) => ({ week, number: Number(week.slice(6)), monday: toIsoDate(mondayOf(week)) })),
    rows: titled,
    threshold,
    ownOrganisation: all ? null : (viewer.organisationName ?? null),
  };
}

export default function Reach({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("flows");
  const { all, organisations, chosen, chosenError, weeks, rows, threshold, ownOrganisation } = loaderData;
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <div className="stack">
      <PageTitle>{t("reach.title")}</PageTitle>
      <Heading level={1}>{t("reach.title")}</Heading>
      <Paragraph lead>{all ? t("reach.intro_all") : isolated(t, "reach.intro_own", { organisation: ownOrganisation ?? "" })}</Paragraph>
      <Paragraph>{t("reach.privacy", { threshold })}</Paragraph>
      {all ? (
        <Form method="get" className="actions">
          <SelectField
            label={t("reach.filter_organisation")}
            name="organisatie"
            defaultValue={chosen}
            placeholder={t("reach.all_organisations")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            errors={chosenError ? [chosenError] : undefined}
          />
          <Button appearance="secondary">{t("reach.filter_submit")}</Button>
        </Form>
      ) : null}
      {rows.length === 0 ? (
        <Paragraph role="status">{t("reach.empty", { weeks: weeks.length })}</Paragraph>
      ) : (
        <Table
          caption={t("reach.caption", { weeks: weeks.length })}
          head={[
            t("reach.item"),
            ...(all ? [t("reach.organisation")] : []),
            ...weeks.map((week) => (
              <span key={week.week}>
                {t("reach.week", { number: week.number })}
                <span className="reach-week-date"> {dateFormat.format(new Date(week.monday))}</span>
              </span>
            )),
          ]}
        >
          {rows.map((row) => (
            <Row key={`${row.kind}-${row.targetId}-${row.organisationId}`}>
              <Cell header>
                <span className="muted">{`${t(row.kind === "flow" ? "reach.kind_flow" : "reach.kind_tip")}: `}</span>
                <bdi>{row.title}</bdi>
              </Cell>
              {all ? <Cell>{row.organisationName}</Cell> : null}
              {row.cells.map((cell, index) => (
                <Cell key={weeks[index]!.week} numeric>
                  {cell.kind === "suppressed"
                    ? t("reach.suppressed", { threshold: cell.below })
                    : cell.kind === "hidden"
                      ? t("reach.hidden")
                      : cell.kind === "unpublished"
                        ? "—"
                        : cell.value}
                </Cell>
              ))}
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
