import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/mine-detail";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { Facts, Feedback, StatusBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { openSignal, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { t, language } = context.get(i18nContext);
  const result = await openSignal(context.get(servicesContext), viewer, params.signalId, "ambassador");
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    throw data({ message: t("errors.not_found_body") }, { status: 404 });
  }
  return { signal: withPhenomenonLabel(result.value, language) };
}

export default function MySignal({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  const { signal } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{`${t("detail.title")}: ${signal.phenomenonLabel}`}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn-signalen">
          {t("detail.back_to_mine")}
        </Link>
      </Paragraph>
      <Heading level={1}>{signal.phenomenonLabel}</Heading>
      <p className="utrecht-paragraph">
        <StatusBadge status={signal.status} />
      </p>
      <Facts
        items={[
          { label: t("form.wijk"), value: <bdi>{signal.wijkName}</bdi> },
          { label: t("detail.week"), value: weekLabel(signal.isoWeek) },
          { label: t("form.channel"), value: t(`channel.${signal.channel}`) },
          { label: t("form.target_group"), value: t(`target_group.${signal.targetGroup}`) },
          { label: t("form.affected"), value: t(`affected.${signal.affected}`) },
          { label: t("form.outcome"), value: t(`outcome.${signal.outcome}`) },
          { label: t("form.urgency"), value: t(`urgency.${signal.urgency}`) },
          { label: t("form.recipients"), value: t(`recipients.${signal.recipients}`) },
          { label: t("detail.sent_at"), value: formatDateTime(signal.receivedAt, i18n.language) },
        ]}
      />
      <Heading level={2}>{t("detail.text")}</Heading>
      {signal.freeText ? (
        <p className="utrecht-paragraph signal-text" dir="auto">
          {signal.freeText}
        </p>
      ) : (
        <Paragraph className="muted">{signal.freeTextErased ? t("detail.text_erased") : t("detail.no_text")}</Paragraph>
      )}
      <Heading level={2}>{t("mine.feedback")}</Heading>
      {signal.notes.length === 0 ? <Paragraph>{t("detail.no_feedback")}</Paragraph> : <Feedback notes={signal.notes} />}
    </div>
  );
}
