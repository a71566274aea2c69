import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/mine";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { Feedback, StatusBadge, UrgencyBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { listOrganisationSignals, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { OutboxList } from "#app/features/pwa/outbox-list.tsx";
import { ResponseCard } from "#app/features/signal-responses/response-card.tsx";
import { listResponsesForAmbassador, responseMailOptIn, setResponseMailOptIn } from "#app/features/signal-responses/responses.server.ts";
import { mailChoiceSchema } from "#app/features/signal-responses/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { language } = context.get(i18nContext);
  const services = context.get(servicesContext);
  const signals = await listOrganisationSignals(services, viewer);
  const [responses, mailOptIn] = await Promise.all([listResponsesForAmbassador(services, viewer, signals.map((s) => s.id), language), responseMailOptIn(services, viewer)]);
  const sent = new URL(request.url).searchParams.get("verstuurd");
  return {
    organisationName: viewer.organisationName,
    signals: signals.map((signal) => ({ ...withPhenomenonLabel(services.content, signal, language), responses: responses.get(signal.id) ?? [] })),
    mailOptIn: mailOptIn === true,
    sentId: sent && signals.some((s) => s.id === sent) ? sent : null,
  };
}

/** Whether to get an e-mail when the gemeente responds to one of my signals (a push comes with push switched on). */
export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { t } = context.get(i18nContext);
  const parsed = parseForm(mailChoiceSchema, await request.formData(), t);
  const on = parsed.success && parsed.data.mail === "on";
  await setResponseMailOptIn(context.get(servicesContext), viewer, on);
  return { ok: true as const, message: t(on ? "responses:ambassador.mail_saved_on" : "responses:ambassador.mail_saved_off") };
}

export default function MySignals({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const { t: tr } = useTranslation("responses");
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
              {signal.responses.length > 0 ? <p className="utrecht-paragraph alert-title">{tr("ambassador.title")}</p> : null}
              {signal.responses.map((response) => (
                <ResponseCard key={response.id} response={response}>
                  {response.rating === "open" ? (
                    <p className="utrecht-paragraph">
                      <Link className="utrecht-link" to={`/mijn-signalen/${signal.id}`}>
                        {tr("ambassador.rate_in_detail")}
                        <span className="visually-hidden"> – {signal.phenomenonLabel}</span>
                      </Link>
                    </p>
                  ) : null}
                </ResponseCard>
              ))}
            </li>
          ))}
        </ul>
      )}
      <Heading level={2}>{tr("ambassador.mail_title")}</Heading>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <Paragraph>{tr("ambassador.mail_intro")}</Paragraph>
      {/* Keyed by the saved choice: the box shows it again after saving. */}
      <Form method="post" className="form-stack" key={String(loaderData.mailOptIn)}>
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <input type="checkbox" id="response-mail" name="mail" value="on" defaultChecked={loaderData.mailOptIn} className="utrecht-checkbox utrecht-checkbox--html-input" />{" "}
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="response-mail">
            {tr("ambassador.mail_label")}
          </label>
        </div>
        <div className="actions">
          <Button appearance="secondary">{tr("ambassador.mail_save")}</Button>
        </div>
      </Form>
    </div>
  );
}
