import { useTranslation } from "react-i18next";
import type { Route } from "./+types/home";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { viewerContext } from "#app/context.server.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export async function loader({ context }: Route.LoaderArgs) {
  return { loggedIn: context.get(viewerContext) !== null };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalizedPath();
  return (
    <div className="stack">
      <PageTitle>{t("home.title")}</PageTitle>
      <Heading level={1}>{t("home.title")}</Heading>
      <Paragraph lead>{t("home.intro")}</Paragraph>
      <Heading level={2}>{t("flows:home.help_title")}</Heading>
      <Paragraph>{t("flows:home.help_intro")}</Paragraph>
      <div className="actions">
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={localized("/hulp")}>
          {t("flows:home.to_help")}
        </a>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={localized("/tips")}>
          {t("flows:home.to_tips")}
        </a>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={localized("/ambassadeurs")}>
          {t("flows:home.to_ambassadors")}
        </a>
      </div>
      <Heading level={2}>{t("home.for_ambassadors_title")}</Heading>
      <Paragraph>{t("home.for_ambassadors")}</Paragraph>
      <Paragraph>
        {loaderData.loggedIn ? (
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/start">
            {t("home.to_start")}
          </a>
        ) : (
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={localized("/inloggen")}>
            {t("shell.log_in")}
          </a>
        )}
      </Paragraph>
    </div>
  );
}
