import { useTranslation } from "react-i18next";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import { InLanguage } from "#app/features/flows/help-components.tsx";
import type { Language } from "#app/i18n/languages.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { TipView } from "./tips.ts";

/** The phenomenon and audiences of a tip, as small labels. */
export function TipTags({ tip }: { tip: TipView }) {
  const { t } = useTranslation("tips");
  return (
    <ul className="tag-list" aria-label={t("tags")}>
      <li className="tag">{tip.phenomenonLabel}</li>
      {tip.audiences.map((audience) => (
        <li key={audience} className="tag">
          {t(`audiences.${audience}`)}
        </li>
      ))}
    </ul>
  );
}

/** A tip in a list: the tip as a link to its own page, why it helps, and where to go when it already happened. */
export function TipCard({ tip, page, headingLevel = 2 }: { tip: TipView; page: Language; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("tips");
  const localized = useLocalizedPath();
  return (
    <li className="card tip" data-tip={tip.id}>
      <InLanguage language={tip.language} page={page} className="stack">
        <Heading level={headingLevel}>
          <a className="utrecht-link" href={localized(`/tips/${tip.id}`)}>
            <RichText text={tip.text} call={false} />
          </a>
        </Heading>
        <Paragraph>
          <span className="tip__why-label">{t("why")}</span> <RichText text={tip.why} />
        </Paragraph>
      </InLanguage>
      {tip.fallback ? <Paragraph className="muted">{t("fallback_item")}</Paragraph> : null}
      <TipTags tip={tip} />
      {tip.flow ? (
        <Paragraph>
          <a className="utrecht-link" href={localized(`/hulp/${tip.flow.id}`)}>
            {t("related_flow", { title: tip.flow.title })}
          </a>
        </Paragraph>
      ) : null}
    </li>
  );
}
