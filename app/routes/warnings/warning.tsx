import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/warning";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatCalendarDate } from "#app/calendar/format.ts";
import { flowTitle, getWarning, todayInMunicipality } from "#app/features/warnings/warnings.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// One warning: where a push notification leads.

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "warnings:view");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const warning = await getWarning(services, viewer, params.warningId, language);
  if (!warning) throw data(null, { status: 404 });
  return { warning, flowTitle: flowTitle(services, warning.flowId, language), expired: warning.expiresOn < todayInMunicipality(services) };
}

export default function Warning({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("warnings");
  const { warning } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{`${warning.title} – ${t("detail.title")}`}</PageTitle>
      <p className="muted">{t("detail.title")}</p>
      <Heading level={1} dir="auto">
        {warning.title}
      </Heading>
      {loaderData.expired ? <Alert kind="info">{t("detail.expired")}</Alert> : null}
      <Paragraph lead dir="auto">
        {warning.body}
      </Paragraph>
      <dl className="facts">
        <dt>{t("detail.phenomenon")}</dt>
        <dd>{warning.phenomenonLabel}</dd>
        <dt>{t("detail.wijken")}</dt>
        <dd>
          {warning.wijken.map((w, index) => (
            <span key={w.id}>
              {index > 0 ? ", " : null}
              <bdi>{w.name}</bdi>
            </span>
          ))}
        </dd>
        <dt>{t("detail.until")}</dt>
        <dd>{formatCalendarDate(warning.expiresOn, i18n.language)}</dd>
        {warning.flowId && loaderData.flowTitle ? (
          <>
            <dt>{t("detail.flow")}</dt>
            <dd>
              <a className="utrecht-link" href={`/hulp/${warning.flowId}`}>
                {loaderData.flowTitle}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <Paragraph>
        <Link className="utrecht-link" to="/start">
          {t("detail.back")}
        </Link>
      </Paragraph>
    </div>
  );
}
