import { useTranslation } from "react-i18next";
import type { Route } from "./+types/network";
import dashboardStyles from "#app/features/dashboard/dashboard.css?url";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { DashboardFramePage, useRangeLabel } from "#app/features/dashboard/components/dashboard-frame.tsx";
import { ShownValue } from "#app/features/dashboard/components/shown-value.tsx";
import { networkView } from "#app/features/dashboard/dashboard.server.ts";
import { dashboardFrame } from "#app/features/dashboard/page.server.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "dashboard:network");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const { base, frame } = await dashboardFrame(services, viewer.municipalityId, new URL(request.url), language);
  return { frame, network: await networkView(services, viewer.municipalityId, base) };
}

export default function DashboardNetwork({ loaderData: { frame, network } }: Route.ComponentProps) {
  const { t } = useTranslation("dashboard");
  const range = useRangeLabel()(frame.period.first, frame.period.last);
  return (
    <DashboardFramePage frame={frame} title={t("network.title")} table="netwerk" canNetwork>
      <Paragraph>{t("network.intro")}</Paragraph>
      <Heading level={2}>{t("network.per_stadsdeel")}</Heading>
      <Table caption={t("network.per_stadsdeel")} head={[t("network.stadsdeel"), t("network.organisations"), t("network.ambassadors")]}>
        {network.stadsdelen.map((sd) => (
          <Row key={sd.id}>
            <Cell header>{sd.name}</Cell>
            <Cell numeric>{sd.organisations}</Cell>
            <Cell numeric>{sd.activeAmbassadors}</Cell>
          </Row>
        ))}
      </Table>
      <Heading level={2}>{t("network.per_organisation", { range })}</Heading>
      {network.organisations.length === 0 ? (
        <Paragraph>{t("network.empty")}</Paragraph>
      ) : (
        <Table caption={t("network.per_organisation", { range })} head={[t("network.organisation"), t("network.stadsdeel"), t("network.signals")]}>
          {network.organisations.map((o) => (
            <Row key={o.id}>
              <Cell header>{o.name}</Cell>
              <Cell>{o.stadsdeelName}</Cell>
              <Cell numeric>
                <ShownValue shown={o.signals} />
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </DashboardFramePage>
  );
}
