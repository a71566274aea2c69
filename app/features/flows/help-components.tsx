import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useRouteLoaderData } from "react-router";
import { ORGANISATION_CODE_PATTERN } from "#app/features/organisations/organisation-code.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr, RichText } from "#app/components/ui/rich-text.tsx";
import { languageNames, textDirection, type Language } from "#app/i18n/languages.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { Urgency } from "#app/features/content/schemas.ts";
import type { OrganisationView, StepView } from "./flows.ts";

// Building blocks of the resident pages (flows and tips). They render plain
// HTML: these pages are sent without React's scripts.

/** A GET form on a resident page keeps a language chosen in the URL, as links do. */
export function LanguageField() {
  const root = useRouteLoaderData("root") as { language: Language; languageFromUrl: boolean } | undefined;
  return root?.languageFromUrl ? <input type="hidden" name="lang" value={root.language} /> : null;
}

/**
 * Content shown in another language than the page (Dutch for want of a
 * translation) is marked up as such, so that screen readers pronounce it
 * right and an Arabic page shows it left-to-right.
 */
export function InLanguage({ language, page, children, className }: { language: Language; page: Language; children: ReactNode; className?: string }) {
  if (language === page) return <div className={className}>{children}</div>;
  return (
    <div lang={language} dir={textDirection(language)} className={className}>
      {children}
    </div>
  );
}

export function FallbackNotice({ kind }: { kind: "flow" | "tip" | "tips" }) {
  const { t } = useTranslation("flows");
  return (
    <div className="fallback-notice" data-testid="fallback-notice">
      <Alert kind="info">
        <Paragraph>{t(`fallback.${kind}`)}</Paragraph>
      </Alert>
    </div>
  );
}

export function UrgencyLabel({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation("flows");
  return <span className={`urgency urgency--${urgency}`}>{t(`flow.urgency.${urgency}`)}</span>;
}

export function OrganisationCard({ organisation, language, printable }: { organisation: OrganisationView; language: Language; printable?: boolean }) {
  const { t } = useTranslation("flows");
  return (
    <div className="organisation" data-organisation={organisation.id}>
      <p className="organisation__name">
        <RichText text={organisation.name} call={false} />
      </p>
      <p className="organisation__helps">
        <RichText text={organisation.helpsWith} call={!printable} />
      </p>
      {organisation.phones.length > 0 ? (
        <ul className="organisation__phones">
          {organisation.phones.map((phone) => (
            <li key={phone.tel}>
              {printable ? (
                <span className="organisation__phone">
                  <RichText text={t("flow.phone", { number: phone.display })} call={false} />
                </span>
              ) : (
                <a
                  className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action tel-link"
                  href={`tel:${phone.tel}`}
                >
                  <RichText text={t("flow.call", { number: phone.display })} call={false} />
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="organisation__facts">
        {organisation.hours ? (
          <div>
            <dt>{t("flow.hours")}</dt>
            <dd>
              <RichText text={organisation.hours} call={!printable} />
            </dd>
          </div>
        ) : null}
        {organisation.website ? (
          <div>
            <dt>{t("flow.website")}</dt>
            <dd>
              <a className="utrecht-link" href={organisation.website} rel="noreferrer">
                <Ltr className="ltr-address">{printable ? organisation.website : organisation.websiteLabel}</Ltr>
              </a>
            </dd>
          </div>
        ) : null}
        {organisation.email ? (
          <div>
            <dt>{t("flow.email")}</dt>
            <dd>
              <a className="utrecht-link" href={`mailto:${organisation.email}`}>
                <Ltr className="ltr-address">{organisation.email}</Ltr>
              </a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("flow.languages_served")}</dt>
          <dd>
            {organisation.languages.map((code, index) => (
              <span key={code} lang={code}>
                {index > 0 ? ", " : ""}
                {languageNames[code]}
              </span>
            ))}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The steps of an outcome, each with the organisations to call or visit. */
export function OutcomeSteps({ steps, language, printable }: { steps: StepView[]; language: Language; printable: boolean }) {
  return (
    <ol className="flow-steps">
      {steps.map((step, index) => (
        <li key={index} className={`flow-step flow-step--${step.urgency}`}>
          <UrgencyLabel urgency={step.urgency} />
          <p className="flow-step__text">
            <RichText text={step.text} call={!printable} />
          </p>
          {step.organisations.map((organisation) => (
            <OrganisationCard key={organisation.id} organisation={organisation} language={language} printable={printable} />
          ))}
        </li>
      ))}
    </ol>
  );
}

/** On every outcome: the way to a person nearby (the public ambassador finder). */
export function AmbassadorCallout() {
  const { t } = useTranslation("flows");
  const localized = useLocalizedPath();
  // Opened through an organisation's share link: the finder shows that organisation's place first.
  const via = new URLSearchParams(useLocation().search).get("via");
  const finder = via && ORGANISATION_CODE_PATTERN.test(via) ? `/ambassadeurs?via=${via}` : "/ambassadeurs";
  return (
    <section className="callout" aria-labelledby="ambassador-callout-title">
      <Heading level={2} id="ambassador-callout-title">
        {t("flow.ambassador_title")}
      </Heading>
      <Paragraph>
        <RichText text={t("flow.ambassador_body")} />
      </Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={localized(finder)}>
          {t("flow.ambassador_link")}
        </a>
      </Paragraph>
    </section>
  );
}
