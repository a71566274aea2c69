import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/overview";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { networkOverview } from "#app/features/network/overview.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "network:view");
  return networkOverview(context.get(servicesContext), viewer.municipalityId);
}

export default function NetworkOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("network");
  const { totals, stadsdelen, openInvitations } = loaderData;
  const uncovered = stadsdelen.filter((sd) => sd.wijkenWithoutOrganisation.length > 0);
  return (
    <div className="stack">
      <PageTitle>{t("overview.title")}</PageTitle>
      <Heading level={1}>{t("overview.title")}</Heading>
      <Paragraph>{t("overview.intro")}</Paragraph>

      <dl className="utrecht-data-list" data-testid="network-totals">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("overview.organisations")}</dt>
          <dd className="utrecht-data-list__item-value">
            <Link className="utrecht-link" to="/beheer/organisaties">
              {totals.organisations}
            </Link>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("overview.active_ambassadors")}</dt>
          <dd className="utrecht-data-list__item-value">
            <Link className="utrecht-link" to="/beheer/ambassadeurs?toon=actief">
              {totals.activeAmbassadors}
            </Link>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("overview.flagged_inactive")}</dt>
          <dd className="utrecht-data-list__item-value">
            <Link className="utrecht-link" to="/beheer/ambassadeurs?toon=inactief">
              {totals.flaggedInactive}
            </Link>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("overview.open_invitations")}</dt>
          <dd className="utrecht-data-list__item-value">
            <Link className="utrecht-link" to="/beheer/uitnodigingen?status=open">
              {openInvitations.length}
            </Link>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("overview.wijken_without")}</dt>
          <dd className="utrecht-data-list__item-value">{totals.wijkenWithoutOrganisation}</dd>
        </div>
      </dl>

      <Heading level={2}>{t("overview.per_stadsdeel")}</Heading>
      <Table
        caption={t("overview.per_stadsdeel_caption")}
        head={[t("overview.stadsdeel"), t("overview.organisations"), t("overview.active_ambassadors"), t("overview.wijken_covered")]}
      >
        {stadsdelen.map((sd) => (
          <Row key={sd.id}>
            <Cell header>{sd.name}</Cell>
            <Cell numeric>{sd.organisations}</Cell>
            <Cell numeric>{sd.activeAmbassadors}</Cell>
            <Cell numeric>{t("overview.covered_of", { covered: sd.wijken - sd.wijkenWithoutOrganisation.length, total: sd.wijken })}</Cell>
          </Row>
        ))}
      </Table>

      <Heading level={2}>{t("overview.recruit_title")}</Heading>
      {uncovered.length === 0 ? (
        <Paragraph>{t("overview.recruit_empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("overview.recruit_intro")}</Paragraph>
          <dl className="utrecht-data-list" data-testid="uncovered-wijken">
            {uncovered.map((sd) => (
              <div key={sd.id} className="utrecht-data-list__item">
                <dt className="utrecht-data-list__item-key">{sd.name}</dt>
                <dd className="utrecht-data-list__item-value">{sd.wijkenWithoutOrganisation.map((w) => w.name).join(", ")}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <Heading level={2}>{t("overview.pending_title")}</Heading>
      {openInvitations.length === 0 ? (
        <Paragraph>{t("overview.pending_empty")}</Paragraph>
      ) : (
        <Table
          caption={t("overview.pending_caption")}
          head={[t("admin:invitations.email"), t("admin:invitations.organisation"), t("admin:invitations.expires")]}
        >
          {openInvitations.map((invitation) => (
            <Row key={invitation.id}>
              <Cell header>{invitation.email}</Cell>
              <Cell>{invitation.organisationName ?? t(`common:roles.${invitation.role}`)}</Cell>
              <Cell>{formatDateTime(invitation.expiresAt, i18n.language)}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
