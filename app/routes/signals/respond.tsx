import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/respond";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextAreaField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { formatDateTime } from "#app/calendar/format.ts";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { RESPONSE_MAX_LENGTH } from "#app/features/signal-responses/options.ts";
import { listResponsesForStaff, sendResponse, templateChoices } from "#app/features/signal-responses/responses.server.ts";
import { responseSchema, templatePickSchema } from "#app/features/signal-responses/schemas.ts";
import { openSignal, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { languageNames, languages, textDirection, type Language } from "#app/i18n/languages.ts";

// Responding to the ambassador who sent a signal, with a template for its
// phenomenon. Two steps that work without JavaScript: a GET form picks the
// template and the language (the page then shows its text in a text area),
// the POST sends the text, edited or not.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:triage");
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const opened = await openSignal(services, viewer, params.signalId, "staff");
  if (!opened.ok) {
    if (opened.error === "forbidden") forbidden(context);
    throw data({ message: t("errors.not_found_body") }, { status: 404 });
  }
  const signal = withPhenomenonLabel(services.content, opened.value, language);
  const staffLanguage: Language = language === "en" ? "en" : "nl";
  const search = new URL(request.url).searchParams;
  const asked = search.has("sjabloon") || search.has("taal");
  const pick = templatePickSchema.safeParse({ sjabloon: search.get("sjabloon") ?? undefined, taal: search.get("taal") ?? staffLanguage });
  const textLanguage: Language = pick.success ? pick.data.taal : staffLanguage;
  const choices = templateChoices(services, signal.phenomenon, staffLanguage, textLanguage);
  const chosen = pick.success ? (choices.find((choice) => choice.id === pick.data.sjabloon) ?? null) : null;
  let pickError: string | null = null;
  if (asked && !chosen) {
    if (!pick.success) pickError = t(pick.error.issues[0]?.message ?? "responses:staff.errors.template_required");
    else pickError = t(services.responseTemplates.byId.has(pick.data.sjabloon) ? "responses:staff.errors.template_not_for_phenomenon" : "responses:staff.errors.unknown_template");
  }
  const responses = await listResponsesForStaff(services, viewer, signal.id, staffLanguage);
  const body = {
    signal: { id: signal.id, phenomenonLabel: signal.phenomenonLabel, wijkName: signal.wijkName, isoWeek: signal.isoWeek, organisationName: signal.organisationName },
    choices: choices.map(({ id, title }) => ({ id, title })),
    chosen,
    textLanguage,
    responses,
    pickError,
    // A new key for every form the page renders: the same form sent twice makes one response.
    formKey: crypto.randomUUID(),
  };
  return pickError ? data(body, { status: 400 }) : body;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:triage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const parsed = parseForm(responseSchema, form, t);
  if (!parsed.success) {
    return data({ ok: false as const, message: null, fieldErrors: parsed.fieldErrors, text: parsed.values.body ?? null }, { status: 400 });
  }
  const result = await sendResponse(services, viewer, params.signalId, parsed.data);
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    if (result.error === "not_found") throw data({ message: t("errors.not_found_body") }, { status: 404 });
    if (result.error === "check_redaction") {
      return data({ ok: false as const, message: t("responses:staff.check_redaction"), fieldErrors: {}, text: result.text }, { status: 422 });
    }
    return data({ ok: false as const, message: t(`responses:staff.errors.${result.error}`), fieldErrors: {}, text: parsed.data.body }, { status: 400 });
  }
  return { ok: true as const, message: t("responses:staff.sent"), fieldErrors: {}, text: null };
}

export default function RespondToSignal({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("responses");
  const weekLabel = useWeekLabel();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { signal, chosen } = loaderData;
  const fieldErrors: Record<string, readonly string[]> = actionData?.fieldErrors ?? {};
  const failed = actionData?.ok === false ? actionData : null;
  const text = failed?.text ?? chosen?.body ?? "";
  return (
    <div className="stack">
      <PageTitle>{`${t("staff.title")}: ${signal.phenomenonLabel}`}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={`/signalen/${signal.id}`}>
          {t("staff.back")}
        </Link>
      </Paragraph>
      <Heading level={1}>{t("staff.title")}</Heading>
      <Paragraph>
        {signal.phenomenonLabel} – <bdi>{signal.wijkName}</bdi>, {weekLabel(signal.isoWeek)} – <bdi>{signal.organisationName}</bdi>
      </Paragraph>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary
        items={[
          ...(loaderData.pickError ? [{ message: loaderData.pickError, fieldId: "response-template" }] : []),
          ...errorSummaryItems(failed ? { fieldErrors, formError: failed.message } : null, { body: "response-body", templateId: "response-template", language: "response-language", key: "response-body" }),
        ]}
        answer={actionData ?? loaderData.pickError}
      />
      <Paragraph>{t("staff.intro")}</Paragraph>

      <Heading level={2}>{t("staff.pick_title")}</Heading>
      <Form method="get" className="form-stack" noValidate>
        <SelectField
          id="response-template"
          label={t("staff.template_label")}
          name="sjabloon"
          defaultValue={chosen?.id ?? loaderData.choices[0]?.id ?? ""}
          errors={loaderData.pickError ? [loaderData.pickError] : undefined}
          options={loaderData.choices.map((choice) => ({ value: choice.id, label: choice.title }))}
        />
        <SelectField
          id="response-language"
          label={t("staff.language_label")}
          description={t("staff.language_hint")}
          name="taal"
          defaultValue={loaderData.textLanguage}
          options={languages.map((code) => ({ value: code, label: languageNames[code] }))}
        />
        <div className="actions">
          <Button appearance="secondary">{t("staff.use_template")}</Button>
        </div>
      </Form>

      {chosen ? (
        <>
          <Heading level={2}>{t("staff.write_title")}</Heading>
          <Paragraph>{t("staff.chosen", { title: loaderData.choices.find((c) => c.id === chosen.id)?.title ?? chosen.id })}</Paragraph>
          {/* Keyed by what it shows: a new template, a redaction to check, or empty again after sending. */}
          <Form method="post" className="form-stack" noValidate key={`${chosen.id}-${loaderData.textLanguage}-${loaderData.responses.length}-${failed?.text ?? ""}`}>
            <input type="hidden" name="key" value={loaderData.formKey} />
            <input type="hidden" name="templateId" value={chosen.id} />
            <input type="hidden" name="language" value={loaderData.textLanguage} />
            <TextAreaField
              id="response-body"
              label={t("staff.body_label")}
              description={t("staff.body_hint")}
              name="body"
              rows={6}
              maxLength={RESPONSE_MAX_LENGTH}
              defaultValue={text}
              lang={loaderData.textLanguage}
              dir={textDirection(loaderData.textLanguage)}
              errors={fieldErrors.body}
            />
            <div className="actions">
              <Button disabled={busy}>{t("staff.send")}</Button>
            </div>
          </Form>
        </>
      ) : null}

      <Heading level={2}>{t("staff.sent_title")}</Heading>
      {loaderData.responses.length === 0 ? (
        <Paragraph>{t("staff.none_sent")}</Paragraph>
      ) : (
        loaderData.responses.map((response) => (
          <blockquote key={response.id} className="feedback utrecht-blockquote" data-testid="sent-response">
            <p className="utrecht-paragraph alert-title">{response.templateTitle}</p>
            <p className="utrecht-paragraph feedback__text" lang={response.language} dir="auto">
              {response.body}
            </p>
            <p className="utrecht-paragraph muted">
              {t("staff.sent_meta", {
                when: formatDateTime(response.createdAt, i18n.language),
                language: languageNames[response.language as Language] ?? response.language,
                kind: response.edited ? t("staff.edited") : t("staff.unedited"),
              })}
            </p>
          </blockquote>
        ))
      )}
      <Paragraph>
        <Link className="utrecht-link" to="/signalen/antwoorden">
          {t("staff.totals_link")}
        </Link>
      </Paragraph>
    </div>
  );
}
