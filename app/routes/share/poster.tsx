import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/poster";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { contentLanguage } from "#app/features/content/schemas.ts";
import helpStyles from "#app/features/flows/help.css?url";
import posterStyles from "#app/features/sharing/poster.css?url";
import { PrintButton } from "#app/features/sharing/print-button.tsx";
import { PrintedAddress, printedAddress } from "#app/features/sharing/printed-address.tsx";
import { loadShareTarget } from "#app/features/sharing/share-target.server.ts";
import { isLanguage, languageNames, textDirection, type Language } from "#app/i18n/languages.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

// An A4 poster for the organisation's notice board: the flow or tip in the
// chosen language, its QR code and the address written out. The page around
// it stays in the ambassador's own language.

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: helpStyles },
  { rel: "stylesheet", href: posterStyles },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const target = await loadShareTarget(request, params, context);
  const { language, i18n } = context.get(i18nContext);
  const { municipality } = context.get(servicesContext);
  const posterLanguage: Language = target.residentLanguage ?? (isLanguage(language) ? language : "nl");
  const itemLanguage = contentLanguage(target.item.languages, posterLanguage).language;
  // The poster's own words in the poster's language, made here: the browser holds only the page's language.
  const p = i18n.getFixedT(posterLanguage, "flows");
  const base = `/delen/${target.item.kind}/${target.item.id}`;
  return {
    screenTitle: target.item.title(language),
    posterLanguage,
    itemLanguage,
    poster: {
      kicker: p(target.item.kind === "hulp" ? "poster.kicker_flow" : "poster.kicker_tip"),
      title: target.item.title(posterLanguage),
      text: target.item.text(posterLanguage),
      scan: p("poster.scan"),
      free: p("poster.free"),
      address: p("poster.address"),
      offeredBy: target.organisation
        ? p("poster.offered_by", { organisation: target.organisation.name, municipality: municipality.name })
        : p("poster.offered_by_municipality", { municipality: municipality.name }),
      emergency: p("poster.emergency"),
      qrAlt: p("poster.qr_alt"),
    },
    url: target.url,
    urlLabel: printedAddress(target.url),
    qrSrc: `${base}/qr.svg${target.query}`,
    shareHref: `${base}${target.query}`,
  };
}

export default function Poster({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("flows");
  const { poster, posterLanguage, itemLanguage } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{t("poster_page.title", { title: loaderData.screenTitle })}</PageTitle>
      <div className="no-print stack">
        <Heading level={1}>{isolated(t, "poster_page.title", { title: loaderData.screenTitle })}</Heading>
        <Paragraph>{isolated(t, "poster_page.intro", { language: <bdi lang={posterLanguage}>{languageNames[posterLanguage]}</bdi> })}</Paragraph>
        <div className="actions">
          <PrintButton label={t("poster_page.print")} />
          <Link to={loaderData.shareHref}>{t("poster_page.back")}</Link>
        </div>
      </div>
      <article className="poster" lang={posterLanguage} dir={textDirection(posterLanguage)} aria-label={t("poster_page.preview_label")}>
        <p className="poster__kicker">{poster.kicker}</p>
        <h2 className="poster__title" lang={itemLanguage} dir={textDirection(itemLanguage)}>
          <RichText text={poster.title} call={false} />
        </h2>
        <p className="poster__text" lang={itemLanguage} dir={textDirection(itemLanguage)}>
          <RichText text={poster.text} call={false} />
        </p>
        <img className="poster__qr" src={loaderData.qrSrc} alt={poster.qrAlt} width={320} height={320} />
        <p className="poster__scan">{poster.scan}</p>
        <p className="poster__free">{poster.free}</p>
        <p className="poster__address">
          {poster.address} <PrintedAddress address={loaderData.urlLabel} />
        </p>
        <p className="poster__emergency">
          <RichText text={poster.emergency} call={false} />
        </p>
        <p className="poster__offered">
          <RichText text={poster.offeredBy} call={false} />
        </p>
      </article>
    </div>
  );
}
