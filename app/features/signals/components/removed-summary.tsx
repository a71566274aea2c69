import { useTranslation } from "react-i18next";
import { personalDataKinds, type PersonalDataKind } from "../scrubber.ts";

/** "2 telefoonnummers, 1 naam" — what the scrubber removed. */
export function RemovedSummary({ counts }: { counts: Partial<Record<PersonalDataKind, number>> }) {
  const { t } = useTranslation("signals");
  const parts = personalDataKinds.filter((kind) => counts[kind]).map((kind) => t(`removed.${kind}`, { count: counts[kind] }));
  if (parts.length === 0) return <p className="utrecht-paragraph muted">{t("preview.nothing_removed")}</p>;
  return <p className="utrecht-paragraph">{t("preview.removed", { list: parts.join(", ") })}</p>;
}
