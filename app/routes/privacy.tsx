import { useTranslation } from "react-i18next";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

// The privacy statement in plain language, for residents (in their six
// languages) and ambassadors: what is stored, for how long, who sees it.

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export default function Privacy() {
  const { t } = useTranslation("privacy");
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
      <Heading level={2}>{t("privacy.rights_title")}</Heading>
      <Paragraph>{t("privacy.rights")}</Paragraph>
      <Paragraph className="muted">{t("privacy.security")}</Paragraph>
    </div>
  );
}
