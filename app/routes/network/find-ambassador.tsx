import { useTranslation } from "react-i18next";
import type { Route } from "./+types/find-ambassador";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { organisationPhone } from "#app/features/content/content.ts";
import { addressLinks, findLocations, type PublicLocation } from "#app/features/network/find-ambassador.server.ts";
import { GroupedSelectField } from "#app/components/ui/choice-fields.tsx";
import { isSpokenLanguage, languageName, languageOptions } from "#app/features/organisations/languages.ts";
import type { Language } from "#app/i18n/languages.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { findAmbassadorQuerySchema } from "#app/features/network/schemas.ts";

// Public: residents find the nearest place to walk in with a question. No
// account, no cookies, no scripts, nothing loaded from elsewhere.
export const handle: RouteHandle = { hydrate: false, languages: "resident" };

type LocationView = ReturnType<typeof locationView>;

function locationView(location: PublicLocation, language: Language, municipalityName: string) {
  return {
    id: location.id,
    code: location.code,
    name: location.name,
    kind: location.kind,
    address: location.address,
    walkInHours: location.walkInHours,
    phone: location.phone,
    description: location.description,
    languages: location.languages.map((code) => languageName(code, language)),
    links: addressLinks(location.address, municipalityName),
    certified: location.certified === true,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  const { language, fromUrl } = context.get(i18nContext);
  const query = findAmbassadorQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const spoken = query.taal && isSpokenLanguage(query.taal) ? query.taal : undefined;
  const search = await findLocations(services, services.municipality.id, { wijkId: query.wijk || undefined, language: spoken, via: query.via || undefined });
  const wijkId = search.areas.some((sd) => sd.wijken.some((w) => w.id === query.wijk)) ? query.wijk! : "";
  return {
    // A GET form drops the query string of the page: carry the language on as a field.
    carryLanguage: fromUrl ? language : null,
    // Places write their own texts, in Dutch: visitors reading another language are told so.
    dutchOnlyNotice: language !== "nl",
    // The police's number as the referral organisations list it: written once, in content/.
    policePhone: organisationPhone(services.content, "politie"),
    via: search.via ? locationView(search.via, language, services.municipality.name) : null,
    filter: { wijkId, language: spoken ?? "" },
    count: search.count,
    nearbyInsteadOf: search.nearbyInsteadOf,
    areas: search.areas,
    languageOptions: languageOptions(search.languages, language),
    groups: search.groups.map((group) => ({
      ...group,
      wijken: group.wijken.map((wijk) => ({
        ...wijk,
        locations: wijk.locations.map((location) => locationView(location, language, services.municipality.name)),
      })),
    })),
  };
}

export default function FindAmbassador({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const localized = useLocalizedPath();
  const filtered = Boolean(loaderData.filter.wijkId || loaderData.filter.language);
  const { via } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{t("find.title")}</PageTitle>
      <Heading level={1}>{t("find.title")}</Heading>
      <Paragraph lead>{t("find.intro")}</Paragraph>
      <Paragraph>
        <RichText text={t("find.emergency", { policePhone: loaderData.policePhone })} />
      </Paragraph>

      {via ? (
        <section className="stack" aria-labelledby="via-title" data-testid="via">
          <Heading level={2} id="via-title">
            {t("find.via_title", { name: via.name })}
          </Heading>
          <Paragraph>{t("find.via_intro")}</Paragraph>
          <ul className="location-list">
            <LocationCard location={via} headingLevel={3} highlighted />
          </ul>
        </section>
      ) : null}

      <form method="get" action="/ambassadeurs" className="filter-form" role="search" aria-label={t("find.search_label")}>
        {loaderData.carryLanguage ? <input type="hidden" name="lang" value={loaderData.carryLanguage} /> : null}
        {via ? <input type="hidden" name="via" value={via.code} /> : null}
        <GroupedSelectField
          label={t("find.wijk")}
          name="wijk"
          defaultValue={loaderData.filter.wijkId}
          placeholder={t("find.all_wijken")}
          groups={loaderData.areas.map((sd) => ({ label: sd.name, options: sd.wijken.map((w) => ({ value: w.id, label: w.name })) }))}
        />
        <SelectField
          label={t("find.language")}
          name="taal"
          defaultValue={loaderData.filter.language}
          placeholder={t("find.all_languages")}
          options={loaderData.languageOptions}
        />
        <Button>{t("find.search")}</Button>
      </form>

      <Heading level={2} data-testid="result-count">
        {t("find.count", { count: loaderData.count })}
      </Heading>
      {loaderData.dutchOnlyNotice && loaderData.count > 0 ? <Paragraph data-testid="dutch-only">{t("find.dutch_only")}</Paragraph> : null}
      {loaderData.nearbyInsteadOf ? (
        <Paragraph>{t("find.nearby", { wijk: loaderData.nearbyInsteadOf.wijkName, stadsdeel: loaderData.nearbyInsteadOf.stadsdeelName })}</Paragraph>
      ) : null}
      {loaderData.count === 0 ? (
        <>
          <Paragraph>{t(filtered ? "find.empty_filtered" : "find.empty")}</Paragraph>
          {filtered ? (
            <Paragraph>
              <a className="utrecht-link" href={localized("/ambassadeurs")}>
                {t("find.show_all")}
              </a>
            </Paragraph>
          ) : null}
        </>
      ) : null}

      {loaderData.groups.map((stadsdeel) => (
        <section key={stadsdeel.id} className="stack" aria-labelledby={`sd-${stadsdeel.id}`}>
          <Heading level={2} id={`sd-${stadsdeel.id}`}>
            {t("find.stadsdeel", { name: stadsdeel.name })}
          </Heading>
          {stadsdeel.wijken.map((wijk) => (
            <div key={wijk.id} className="stack">
              <Heading level={3}>{wijk.name}</Heading>
              <ul className="location-list">
                {wijk.locations.map((location) => (
                  <LocationCard key={location.id} location={location} headingLevel={4} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** One place: its address with links to a maps app, when to walk in, its phone number, the languages spoken. */
function LocationCard({ location, headingLevel, highlighted = false }: { location: LocationView; headingLevel: 3 | 4; highlighted?: boolean }) {
  const { t } = useTranslation("network");
  return (
    <li className={highlighted ? "card card--highlighted" : "card"} data-testid="location">
      <Heading level={headingLevel}>{location.name}</Heading>
      <Paragraph className="muted">{t(`kinds.${location.kind}`)}</Paragraph>
      {location.certified ? (
        <Paragraph data-testid="certified">
          <span className="utrecht-status-badge utrecht-status-badge--success">{t("find.certified")}</span> {t("find.certified_explained")}
        </Paragraph>
      ) : null}
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("find.address")}</dt>
          <dd className="utrecht-data-list__item-value">
            <span lang="nl">
              <RichText text={location.address} call={false} />
            </span>
            <br />
            <a className="utrecht-link" href={location.links.geo}>
              {t("find.open_in_maps")}
              <span className="visually-hidden"> – {location.name}</span>
            </a>
            {" · "}
            <a className="utrecht-link" href={location.links.search} rel="noreferrer">
              {t("find.open_street_map")}
              <span className="visually-hidden"> – {location.name}</span>
            </a>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("find.walk_in")}</dt>
          <dd className="utrecht-data-list__item-value" lang="nl">
            <RichText text={location.walkInHours} />
          </dd>
        </div>
        {location.phone ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t("find.phone")}</dt>
            <dd className="utrecht-data-list__item-value">
              <RichText text={location.phone} />
            </dd>
          </div>
        ) : null}
        {location.languages.length > 0 ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t("find.languages")}</dt>
            <dd className="utrecht-data-list__item-value">{location.languages.join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      {location.description ? (
        <Paragraph lang="nl">
          <RichText text={location.description} />
        </Paragraph>
      ) : null}
    </li>
  );
}
