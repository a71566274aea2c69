import { useTranslation } from "react-i18next";
import type { Shown } from "#app/features/publication/shown.ts";

/** A protected count as text: the number, "< 5", "×" or "—", with the meaning for screen readers. */
export function ShownValue({ shown }: { shown: Shown }) {
  const { t, i18n } = useTranslation("dashboard");
  if (shown.kind === "count") return <>{shown.value.toLocaleString(i18n.language)}</>;
  if (shown.kind === "suppressed") {
    return (
      <abbr className="shown-suppressed" title={t("disclosure.suppressed", { threshold: shown.below })}>
        {`< ${shown.below}`}
      </abbr>
    );
  }
  if (shown.kind === "unpublished") {
    return (
      <abbr className="shown-unpublished" title={t("disclosure.unpublished")}>
        —
      </abbr>
    );
  }
  return (
    <abbr className="shown-hidden" title={t("disclosure.hidden")}>
      ×
    </abbr>
  );
}

/** The same as plain text, for SVG titles and summaries. */
export function shownText(shown: Shown, language: string): string {
  if (shown.kind === "count") return shown.value.toLocaleString(language);
  if (shown.kind === "suppressed") return `< ${shown.below}`;
  if (shown.kind === "unpublished") return "—";
  return "×";
}
