import { useTranslation } from "react-i18next";
import { splitIsoWeek } from "./iso-week.ts";

/** "2026-W48" as people read it ("week 48, 2026"), in the reader's language. */
export function useWeekLabel(): (isoWeek: string) => string {
  const { t } = useTranslation("signals");
  return (isoWeek) => {
    const { year, week } = splitIsoWeek(isoWeek);
    return t("week", { week, year });
  };
}
