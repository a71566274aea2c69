import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/mine";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { Feedback, StatusBadge, UrgencyBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { listOrganisationSignals, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { OutboxList } from "#app/features/pwa/outbox-list.tsx";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { language } = context.get(i18nContext);
  const signals = await listOrganisationSignals(context.get(servicesContext), viewer);
  const sent = new URL(request.url).searchParams.get("verstuurd");
  return {
    organisationName: viewer.organisationName,
    signals: signals.map((signal) => withPhenomenonLabel(signal, language)),
    sentId: sent && signals.some((s) => s.id === sent) ? sent : null,
  };
}

export default function MySignals({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  return (
    <div className="stack">
      <PageTitle>{t("mine.title")}</PageTitle>
      <Heading level={1}>{t("mine.title")}</Heading>
      {loaderData.sentId ? (
        <Alert kind="ok" title={t("mine.sent_title")}>
          <Paragraph>{t("mine.sent_body")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{isolated(t, "mine.intro", { organisation: loaderData.organisationName ?? "" })}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/signalen/nieuw">
          {t("mine.new")}
        </Link>
      </Paragraph>
      <OutboxList />
      {loaderData.signals.length === 0 ? (
        <Paragraph>{t("mine.empty")}</Paragraph>
      ) : (
        <ul className="signal-list" aria-label={t("mine.list_label")}>
          {loaderData.signals.map((signal) => (
            <li
              key={signal.id}
              className={`card ${signal.id === loaderData.sentId ? "signal-highlight" : ""}`}
              data-testid="own-signal"
            >
              <Heading level={2}>
                <Link className="utrecht-link" to={`/mijn-signalen/${signal.id}`}>
                  {signal.phenomenonLabel}
                </Link>
              </Heading>
              <p className="utrecht-paragraph actions">
                <StatusBadge status={signal.status} /> <UrgencyBadge urgency={signal.urgency} />
                <span>
                  <bdi>{signal.wijkName}</bdi> · {weekLabel(signal.isoWeek)}
                </span>
              </p>
              <p className="utrecht-paragraph muted">{t("mine.sent_at", { when: formatDateTime(signal.receivedAt, i18n.language) })}</p>
              <Feedback notes={signal.feedback} heading={<p className="utrecht-paragraph alert-title">{t("mine.feedback")}</p>} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
