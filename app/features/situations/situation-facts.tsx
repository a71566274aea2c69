import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/calendar/format.ts";
import type { SituationSummary } from "./situations.server.ts";

// The facts of a situation as everyone who may see it reads them: kind,
// window, wijken, organisations (labels), state. Dates isolated left to right.

export function SituationWindow({ situation }: { situation: Pick<SituationSummary, "startsAt" | "endsAt"> }) {
  const { t, i18n } = useTranslation("situations");
  return (
    <>
      {t("public.window", { start: "\u2068" + formatDateTime(situation.startsAt, i18n.language) + "\u2069", end: "\u2068" + formatDateTime(situation.endsAt, i18n.language) + "\u2069" })}
    </>
  );
}

export function SituationFacts({ situation }: { situation: SituationSummary }) {
  const { t } = useTranslation("situations");
  return (
    <dl className="facts">
      <dt>{t("public.field_kind")}</dt>
      <dd>{t(`public.kind.${situation.kind}`)}</dd>
      <dt>{t("public.field_window")}</dt>
      <dd>
        <SituationWindow situation={situation} />
      </dd>
      <dt>{t("public.field_wijken")}</dt>
      <dd dir="auto">{situation.wijken.map((w) => w.name).join(", ")}</dd>
      <dt>{t("public.field_organisations")}</dt>
      <dd>{situation.organisations.length === 0 ? t("public.none") : situation.organisations.map((o) => t(`public.org.${o}`)).join(", ")}</dd>
      <dt>{t("public.field_state")}</dt>
      <dd>{t(`public.state.${situation.state}`)}</dd>
    </dl>
  );
}
