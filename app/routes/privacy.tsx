import { useTranslation } from "react-i18next";
import type { Route } from "./+types/privacy";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { servicesContext } from "#app/context.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";

// The privacy statement in plain language, for residents (in their six
// languages) and ambassadors: what is stored, for how long, who sees it, who
// is responsible and where to turn.

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

/** The Dutch supervisory authority for personal data (AVG art. 77): fixed, the same for every municipality. */
const DATA_PROTECTION_AUTHORITY_URL = "https://www.autoriteitpersoonsgegevens.nl/";

export async function loader({ context }: Route.LoaderArgs) {
  const { municipality } = context.get(servicesContext);
  return {
    municipality: municipality.name,
    officer: municipality.privacyOfficer ?? { email: null, url: null },
  };
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("privacy");
  const { municipality, officer } = loaderData;
  const sections = [
    ["residents_title", "residents"],
    ["ambassadors_title", "ambassadors"],
    ["who_title", "who"],
  ] as const;
  return (
    <div className="stack">
      <PageTitle>{t("privacy.title")}</PageTitle>
      <Heading level={1}>{t("privacy.title")}</Heading>
      <Paragraph lead>{t("privacy.intro")}</Paragraph>
      {sections.map(([title, body]) => (
        <section key={title} className="stack">
          <Heading level={2}>{t(`privacy.${title}`)}</Heading>
          <Paragraph>{t(`privacy.${body}`)}</Paragraph>
        </section>
      ))}
      <Paragraph>{t("privacy.retention")}</Paragraph>
      <section className="stack" aria-labelledby="privacy-controller">
        <Heading level={2} id="privacy-controller">
          {t("privacy.controller_title")}
        </Heading>
        <Paragraph>{t("privacy.controller", { municipality })}</Paragraph>
        {officer.email || officer.url ? (
          <>
            <Paragraph>{t("privacy.officer")}</Paragraph>
            <ul>
              {officer.email ? (
                <li>
                  <a className="utrecht-link" href={`mailto:${officer.email}`}>
                    <Ltr>{officer.email}</Ltr>
                  </a>
                </li>
              ) : null}
              {officer.url ? (
                <li>
                  <a className="utrecht-link" href={officer.url} rel="noreferrer">
                    {t("privacy.officer_page", { municipality })}
                  </a>
                </li>
              ) : null}
            </ul>
          </>
        ) : (
          <Paragraph>{t("privacy.officer_none", { municipality })}</Paragraph>
        )}
        <Paragraph>{t("privacy.authority")}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={DATA_PROTECTION_AUTHORITY_URL} rel="noreferrer">
            {t("privacy.authority_link")}
          </a>
        </Paragraph>
      </section>
      <Heading level={2}>{t("privacy.rights_title")}</Heading>
      <Paragraph>{t("privacy.rights")}</Paragraph>
      <Paragraph className="muted">{t("privacy.security")}</Paragraph>
    </div>
  );
}
