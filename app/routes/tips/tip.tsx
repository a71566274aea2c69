import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/tip";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { FallbackNotice, InLanguage } from "#app/features/flows/help-components.tsx";
import helpStyles from "#app/features/flows/help.css?url";
import { countReferralVisit } from "#app/features/referral-reach/referral-reach.server.ts";
import { TipTags } from "#app/features/tips/tip-components.tsx";
import { findTip, tipView } from "#app/features/tips/tips.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const tip = findTip(services.content, params.tipId);
  if (!tip) throw data(null, { status: 404 });
  countReferralVisit(services, request, { kind: "tip", id: tip.id }, context.get(requestInfoContext).clientAddress);
  const view = tipView(services.content, tip, language);
  const more = services.content.tips.filter((other) => other.phenomenon === tip.phenomenon && other.id !== tip.id).length;
  return { tip: view, more, language };
}

export default function TipPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("tips");
  const localized = useLocalizedPath();
  const { tip, more, language } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{tip.text}</PageTitle>
      {tip.fallback ? <FallbackNotice kind="tip" /> : null}
      <p className="flow-context">{t("tip_label")}</p>
      <InLanguage language={tip.language} page={language} className="stack">
        <Heading level={1} className="content-heading"><RichText text={tip.text} /></Heading>
        <Paragraph lead>
          <span className="tip__why-label">{t("why")}</span> <RichText text={tip.why} />
        </Paragraph>
      </InLanguage>
      <TipTags tip={tip} />
      {tip.flow ? (
        <Paragraph>
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={localized(`/hulp/${tip.flow.id}`)}>
            {t("related_flow", { title: tip.flow.title })}
          </a>
        </Paragraph>
      ) : null}
      <nav className="flow-nav" aria-label={t("navigation")}>
        <ul>
          {more > 0 ? (
            <li>
              <a className="utrecht-link" href={localized(`/tips?fenomeen=${tip.phenomenon}`)}>
                {t("more_about", { phenomenon: tip.phenomenonLabel })}
              </a>
            </li>
          ) : null}
          <li>
            <a className="utrecht-link" href={localized("/tips")}>
              {t("all_tips")}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={localized("/hulp")}>
              {t("to_help")}
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}
