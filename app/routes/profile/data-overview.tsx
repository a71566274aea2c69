import { useTranslation } from "react-i18next";
import type { Route } from "./+types/data-overview";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { buildDataExport } from "#app/features/profile/data-export.server.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { RouteHandle } from "#app/route-handle.ts";

// The same data as the download (data-export.ts), as a page a person can
// read: dates as people write them, actions in words.

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const data = await buildDataExport(services, viewer);
  return {
    data,
    phenomena: Object.fromEntries(data.signals.map((signal) => [signal.phenomenon, phenomenonLabel(services.content, signal.phenomenon, language)])),
  };
}

export default function DataOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation(["profile", "auth", "common"]);
  const { data, phenomena } = loaderData;
  const when = (iso: string | null) => (iso ? <bdi>{formatDateTime(iso, i18n.language)}</bdi> : "—");
  const item = (label: string, value: React.ReactNode) => (
    <div className="utrecht-data-list__item">
      <dt className="utrecht-data-list__item-key">{label}</dt>
      <dd className="utrecht-data-list__item-value">{value}</dd>
    </div>
  );
  const actionName = (action: string) => t(`profile:export.actions.${action}`, { defaultValue: t("profile:export.action_unknown", { action }) });
  return (
    <div className="stack">
      <PageTitle>{t("profile:export.page_title")}</PageTitle>
      <Heading level={1}>{t("profile:export.page_title")}</Heading>
      <Paragraph lead>{t("profile:export.page_intro")}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href="/account/mijn-gegevens" download>
          {t("profile:export.download")}
        </a>
      </Paragraph>

      <Heading level={2}>{t("profile:export.account")}</Heading>
      <dl className="utrecht-data-list">
        {item(t("auth:account.display_name"), data.profile.displayName)}
        {item(t("auth:account.email"), <Ltr>{data.profile.email}</Ltr>)}
        {item(t("auth:account.role"), t(`common:roles.${data.profile.role}`))}
        {data.profile.organisation ? item(t("auth:account.organisation"), <bdi>{data.profile.organisation.name}</bdi>) : null}
        {item(t("profile:export.created"), when(data.profile.createdAt))}
        {item(t("profile:export.last_active"), when(data.profile.lastActiveAt))}
      </dl>

      <Heading level={2}>{t("profile:export.devices")}</Heading>
      <ul>
        {data.sessions.map((session, index) => (
          <li key={index}>
            <bdi>{session.device}</bdi> · {when(session.lastSeenAt ?? session.createdAt)}
          </li>
        ))}
      </ul>

      <Heading level={2}>{t("profile:export.signals")}</Heading>
      {data.signals.length === 0 ? (
        <Paragraph>{t("profile:export.signals_none")}</Paragraph>
      ) : (
        <ul className="location-list" data-testid="export-signals">
          {data.signals.map((signal) => (
            <li key={signal.id} className="card">
              <Heading level={3}>{phenomena[signal.phenomenon] ?? signal.phenomenon}</Heading>
              <Paragraph>
                {when(signal.sentAt)} · <bdi>{signal.wijk}</bdi>
              </Paragraph>
              {signal.freeText !== null ? (
                <Paragraph>
                  <bdi>{signal.freeText}</bdi>
                </Paragraph>
              ) : signal.freeTextErasedAt ? (
                <Paragraph className="muted">{t("profile:export.text_erased")}</Paragraph>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <Heading level={2}>{t("profile:export.activity")}</Heading>
      {data.activity.length === 0 ? (
        <Paragraph>{t("profile:export.activity_none")}</Paragraph>
      ) : (
        <ul data-testid="export-activity">
          {data.activity.map((entry, index) => (
            <li key={index}>
              {when(entry.occurredAt)}: {actionName(entry.action)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
