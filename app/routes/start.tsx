import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/start";
import { navigationItems } from "#app/components/app-shell/navigation.ts";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { InstallHint } from "#app/features/pwa/pwa-shell.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { WarningList } from "#app/features/warnings/warning-list.tsx";
import { currentWarningsFor, flowTitle } from "#app/features/warnings/warnings.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "home:view");
  const welcome = new URL(request.url).searchParams.get("welkom") === "1";
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const warnings = viewer.role === "ambassador" ? await currentWarningsFor(services, viewer, language) : [];
  return {
    warnings,
    flowTitles: Object.fromEntries(warnings.flatMap((w) => (w.flowId ? [[w.flowId, flowTitle(services, w.flowId, language) ?? w.flowId]] : []))),
    welcome,
    displayName: viewer.displayName,
    role: viewer.role,
    organisationName: viewer.organisationName,
    destinations: navigationItems
      .filter((item) => item.description && item.to !== "/start" && can(viewer, item.permission))
      .map(({ to, label, description }) => ({ to, label, description: description! })),
  };
}

export default function Start({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageTitle>{t("start.title")}</PageTitle>
      <Heading level={1}>{isolated(t, "start.greeting", { name: loaderData.displayName })}</Heading>
      {loaderData.welcome ? <Alert kind="ok">{t("start.welcome")}</Alert> : null}
      <Paragraph lead>
        {loaderData.organisationName
          ? isolated(t, "start.role_with_organisation", { organisation: loaderData.organisationName }, { role: t(`roles.${loaderData.role}`) })
          : t("start.role", { role: t(`roles.${loaderData.role}`) })}
      </Paragraph>
      <WarningList warnings={loaderData.warnings} flowTitles={loaderData.flowTitles} />
      {loaderData.role === "ambassador" ? <InstallHint /> : null}
      <Heading level={2}>{t("start.what_you_can_do")}</Heading>
      <ul className="card-grid">
        {loaderData.destinations.map((destination) => (
          <li key={destination.to} className="card">
            <Heading level={3}>
              <Link className="utrecht-link" to={destination.to}>
                {t(destination.label)}
              </Link>
            </Heading>
            <Paragraph>{t(destination.description)}</Paragraph>
          </li>
        ))}
      </ul>
    </div>
  );
}
