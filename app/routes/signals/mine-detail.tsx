import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/mine-detail";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary } from "#app/components/ui/error-summary.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { Facts, Feedback, StatusBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { openSignal, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { ResponseCard } from "#app/features/signal-responses/response-card.tsx";
import { listResponsesForAmbassador, rateResponse } from "#app/features/signal-responses/responses.server.ts";
import { rateSchema } from "#app/features/signal-responses/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
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
  const responses = await listResponsesForAmbassador(context.get(servicesContext), viewer, [result.value.id], language);
  return {
    signal: withPhenomenonLabel(context.get(servicesContext).content, result.value, language),
    responses: responses.get(result.value.id) ?? [],
    // The page says below how many answers the gemeente sees a split at all.
    threshold: context.get(servicesContext).municipality.suppressionThreshold,
  };
}

/** "Was this helpful?" on a response: once, by the one who sent the signal. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { t } = context.get(i18nContext);
  const parsed = parseForm(rateSchema, await request.formData(), t);
  if (!parsed.success) return data({ ok: false as const, message: t("responses:errors.rating_required") }, { status: 400 });
  const result = await rateResponse(context.get(servicesContext), viewer, params.signalId, parsed.data.responseId, parsed.data.helpful === "yes");
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    if (result.error === "not_found") return data({ ok: false as const, message: t("responses:errors.not_found") }, { status: 404 });
    return data({ ok: false as const, message: t("responses:errors.already_rated") }, { status: 409 });
  }
  return { ok: true as const, message: t("responses:ambassador.helpful_thanks") };
}

export default function MySignal({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const { t: tr } = useTranslation("responses");
  const navigation = useNavigation();
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
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary items={actionData?.ok === false ? [{ message: actionData.message }] : []} answer={actionData} />
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
      {signal.notes.length === 0 && loaderData.responses.length === 0 ? <Paragraph>{t("detail.no_feedback")}</Paragraph> : <Feedback notes={signal.notes} />}
      {loaderData.responses.map((response) => (
        <ResponseCard key={response.id} response={response}>
          {response.rating === "open" ? (
            <Form method="post" className="form-stack">
              <input type="hidden" name="responseId" value={response.id} />
              <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
                <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">{tr("ambassador.helpful_question")}</legend>
                <p className="utrecht-paragraph muted">{tr("ambassador.helpful_privacy", { threshold: loaderData.threshold })}</p>
                <div className="actions">
                  <Button name="helpful" value="yes" disabled={navigation.state !== "idle"}>
                    {tr("ambassador.helpful_yes")}
                  </Button>
                  <Button name="helpful" value="no" appearance="secondary" disabled={navigation.state !== "idle"}>
                    {tr("ambassador.helpful_no")}
                  </Button>
                </div>
              </fieldset>
            </Form>
          ) : response.rating === "done" ? (
            <p className="utrecht-paragraph" data-testid="rating-done">
              {tr("ambassador.helpful_done")}
            </p>
          ) : null}
        </ResponseCard>
      ))}
    </div>
  );
}
