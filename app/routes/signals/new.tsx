import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation, type RouterContextProvider } from "react-router";
import type { Route } from "./+types/new";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { GroupedSelectField, RadioGroup } from "#app/components/ui/choice-fields.tsx";
import { RemovedSummary } from "#app/features/signals/components/removed-summary.tsx";
import {
  affectedCounts,
  FREE_TEXT_MAX_LENGTH,
  IDEMPOTENCY_KEY_PATTERN,
  signalChannels,
  signalOutcomes,
  signalRecipients,
  signalUrgencies,
  targetGroups,
  whenChoices,
} from "#app/features/signals/options.ts";
import { scrub } from "#app/features/signals/scrubber.ts";
import { addToOutbox, removeFromOutbox, requestOutboxSync } from "#app/features/pwa/outbox.ts";
import { signalFormContext } from "#app/features/signals/submitting.server.ts";
import { handleSignalSubmission, readSubmissionFields, type SubmissionAttachment, type SubmissionOutcome } from "#app/features/signals/submission.server.ts";
import { listSituations, signalAttachment } from "#app/features/situations/situations.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { TFunction } from "i18next";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// The signal form. Three ways in, one handling (submission.server.ts):
// a plain form post (JavaScript off; "preview" is a round trip), the enhanced
// form (instant preview in the browser), and JSON for a service worker's
// outbox — POST here with Accept: application/json.

export const headers = forwardHeaders;

export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    if (request.method !== "POST" || !wantsJson(request)) return next();
    return answerInJson(request, context);
  },
];

function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return /\bapplication\/json\b/.test(accept) && !/\btext\/html\b/.test(accept);
}

async function answerInJson(request: Request, context: Readonly<RouterContextProvider>): Promise<Response> {
  const viewer = context.get(viewerContext);
  const { t } = context.get(i18nContext);
  const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  if (!viewer) return json({ ok: false, error: "unauthenticated", message: t("signals:errors.unauthenticated") }, 401);
  if (!can(viewer, "signals:submit")) return json({ ok: false, error: "forbidden", message: t("errors.forbidden_body") }, 403);
  const fields = await readSubmissionFields(request);
  if (!fields) return json({ ok: false, error: "unreadable", message: t("errors.bad_request_body") }, 400);
  const services = context.get(servicesContext);
  const outcome = await handleSignalSubmission(services, viewer, t, fields, await attachmentOf(services, viewer, fields, t));
  switch (outcome.kind) {
    case "stored":
      return json({ ok: true, created: outcome.created, signal: { ...outcome.signal, url: `/mijn-signalen/${outcome.signal.id}` } }, outcome.created ? 201 : 200);
    case "preview":
      return json({ ok: true, preview: outcome.preview }, 200);
    case "preview_required":
      return json({ ok: false, error: "preview_required", message: outcome.message, preview: outcome.preview }, 422);
    case "invalid":
      if (outcome.status === 429) {
        return Response.json(
          { ok: false, error: "rate_limited", message: outcome.formErrors[0], retryAfter: outcome.retryAfter },
          { status: 429, headers: { "Cache-Control": "no-store", "Retry-After": String(outcome.retryAfter) } },
        );
      }
      return json({ ok: false, error: "invalid", fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }, outcome.status);
  }
}

/** The optional situation field: attach the new signal to an open situation of the ambassador's wijk. */
async function attachmentOf(
  services: Parameters<typeof signalAttachment>[0],
  viewer: Viewer,
  fields: URLSearchParams,
  t: TFunction,
): Promise<SubmissionAttachment | undefined> {
  const situationId = fields.get("situationId")?.trim() ?? "";
  return situationId ? signalAttachment(services, viewer, situationId, t) : undefined;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:submit");
  const services = context.get(servicesContext);
  const [form, situations] = await Promise.all([signalFormContext(services, viewer, context.get(i18nContext).language), listSituations(services, viewer)]);
  const chosen = new URL(request.url).searchParams.get("situatie");
  return {
    ...form,
    situations: situations.map((s) => ({ id: s.id, name: s.name })),
    defaultSituationId: situations.some((s) => s.id === chosen) ? chosen : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:submit");
  const { t } = context.get(i18nContext);
  const fields = await readSubmissionFields(request);
  if (!fields) throw data({ message: t("errors.bad_request_body") }, { status: 400 });
  const services = context.get(servicesContext);
  const outcome: SubmissionOutcome = await handleSignalSubmission(services, viewer, t, fields, await attachmentOf(services, viewer, fields, t));
  if (outcome.kind === "stored") return redirect(`/mijn-signalen?verstuurd=${outcome.signal.id}`);
  if (outcome.kind === "invalid") {
    return data(outcome, { status: outcome.status, ...(outcome.retryAfter ? { headers: { "Retry-After": String(outcome.retryAfter) } } : {}) });
  }
  if (outcome.kind === "preview_required") return data(outcome, { status: 422 });
  return outcome;
}

/** Where each field's error summary entry leads. */
const fieldIds: Record<string, string> = {
  phenomenon: "signal-phenomenon",
  wijkId: "signal-wijk",
  when: "signal-when",
  date: "signal-date",
  channel: "signal-channel",
  targetGroup: "signal-target-group",
  affected: "signal-affected",
  outcome: "signal-outcome",
  urgency: "signal-urgency",
  recipients: "signal-recipients",
  freeText: "signal-text",
  situationId: "signal-situation",
};

export default function NewSignal({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("signals");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const values: Record<string, string> = actionData && "values" in actionData ? actionData.values : {};
  const invalid = actionData?.kind === "invalid" ? actionData : null;
  const errors: Record<string, string[]> = invalid?.fieldErrors ?? {};
  const [text, setText] = useState(values.freeText ?? "");
  // Text typed before the page hydrated is in the field but not yet in state.
  useEffect(() => {
    const field = document.getElementById("signal-text");
    if (field instanceof HTMLTextAreaElement) setText(field.value);
  }, []);
  // The browser shows what the server will store: the same scrubber with the same options.
  const preview = useMemo(() => scrub(text.replace(/\r\n?/g, "\n").normalize("NFC").trim(), loaderData.scrubOptions), [text, loaderData.scrubOptions]);
  const idempotencyKey = values.idempotencyKey && IDEMPOTENCY_KEY_PATTERN.test(values.idempotencyKey) ? values.idempotencyKey : loaderData.idempotencyKey;
  const summary = errorSummaryItems(invalid, fieldIds);
  const options = (list: readonly string[], prefix: string) => list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const { t: tPwa } = useTranslation("pwa");
  const { t: tSituations } = useTranslation("situations");
  const [keptOffline, setKeptOffline] = useState(false);

  // A signal being sent is kept in the outbox on this device until the server
  // has it: without a connection it waits there, and if the connection drops
  // half-way (a phone showing bars that carry nothing) it is sent later. Its
  // idempotency key makes any number of attempts store it once. A form the
  // server answers with errors is taken out again: the ambassador fixes it here.
  const queuedKey = useRef<string | null>(null);
  useEffect(() => {
    // The action answers only when it did not store the signal (storing redirects).
    if (queuedKey.current && actionData) {
      void removeFromOutbox(queuedKey.current).catch(() => undefined);
      queuedKey.current = null;
    }
  }, [actionData]);

  function outboxEntry(form: HTMLFormElement, submitter: HTMLElement | null) {
    const fields: Record<string, string> = {};
    for (const [key, value] of new FormData(form, submitter).entries()) if (typeof value === "string") fields[key] = value;
    const phenomenon = loaderData.phenomena.find((p) => p.id === fields.phenomenon)?.label ?? t("form.phenomenon");
    const wijk = loaderData.areas.flatMap((area) => area.wijken).find((w) => w.id === fields.wijkId)?.name;
    return { key: fields.idempotencyKey ?? crypto.randomUUID(), fields, label: wijk ? `${phenomenon} · ${wijk}` : phenomenon };
  }

  if (keptOffline) {
    return (
      <div className="stack">
        <PageTitle>{tPwa("outbox.saved_title")}</PageTitle>
        <Heading level={1}>{t("form.title")}</Heading>
        <Alert kind="ok" title={tPwa("outbox.saved_title")}>
          <Paragraph>{tPwa("outbox.saved_body")}</Paragraph>
        </Alert>
        <Paragraph>
          <a className="utrecht-link" href="/mijn-signalen">
            {tPwa("outbox.to_mine")}
          </a>
        </Paragraph>
      </div>
    );
  }

  return (
    <div className="stack">
      <PageTitle>{t("form.title")}</PageTitle>
      <Heading level={1}>{t("form.title")}</Heading>
      <Paragraph>{t("form.intro")}</Paragraph>

      <ErrorSummary id="signal-errors" items={summary} answer={actionData} />
      {actionData?.kind === "preview_required" ? (
        <Alert kind="warning" title={t("form.preview_required_title")}>
          <Paragraph>{actionData.message}</Paragraph>
        </Alert>
      ) : null}

      <Form
        method="post"
        className="form-stack"
        noValidate
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          if (submitter?.getAttribute("value") !== "send" || typeof indexedDB === "undefined") return;
          const entry = outboxEntry(event.currentTarget, submitter);
          if (navigator.onLine) {
            queuedKey.current = entry.key;
            void addToOutbox(entry).catch(() => undefined);
            return;
          }
          event.preventDefault();
          // Offline, this form may be the device's copy, whose key an earlier signal used already:
          // each signal kept offline gets a key of its own (its retries keep it).
          const key = crypto.randomUUID();
          void addToOutbox({ ...entry, key, fields: { ...entry.fields, idempotencyKey: key } })
            .then(requestOutboxSync)
            .then(() => setKeptOffline(true));
        }}
      >
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SelectField
          id="signal-phenomenon"
          label={t("form.phenomenon")}
          name="phenomenon"
          defaultValue={values.phenomenon ?? ""}
          placeholder={t("form.choose")}
          options={loaderData.phenomena.map((p) => ({ value: p.id, label: p.label }))}
          errors={errors.phenomenon}
        />
        <GroupedSelectField
          id="signal-wijk"
          label={t("form.wijk")}
          description={t("form.wijk_hint")}
          name="wijkId"
          defaultValue={values.wijkId ?? loaderData.defaultWijkId ?? ""}
          placeholder={t("form.choose")}
          groups={loaderData.areas.map((area) => ({ label: area.name, options: area.wijken.map((w) => ({ value: w.id, label: w.name })) }))}
          errors={errors.wijkId}
        />
        <RadioGroup
          id="signal-when"
          legend={t("form.when")}
          name="when"
          defaultValue={values.when ?? "this_week"}
          options={options(whenChoices, "when")}
          errors={errors.when}
        />
        <TextField
          id="signal-date"
          label={t("form.date")}
          description={t("form.date_hint")}
          name="date"
          type="date"
          max={loaderData.today}
          defaultValue={values.date ?? ""}
          errors={errors.date}
        />
        <SelectField
          id="signal-channel"
          label={t("form.channel")}
          name="channel"
          defaultValue={values.channel ?? ""}
          placeholder={t("form.choose")}
          options={options(signalChannels, "channel")}
          errors={errors.channel}
        />
        <RadioGroup
          id="signal-target-group"
          legend={t("form.target_group")}
          name="targetGroup"
          defaultValue={values.targetGroup}
          options={options(targetGroups, "target_group")}
          errors={errors.targetGroup}
        />
        <RadioGroup
          id="signal-affected"
          legend={t("form.affected")}
          name="affected"
          defaultValue={values.affected}
          options={options(affectedCounts, "affected")}
          errors={errors.affected}
        />
        <RadioGroup
          id="signal-outcome"
          legend={t("form.outcome")}
          name="outcome"
          defaultValue={values.outcome}
          options={options(signalOutcomes, "outcome")}
          errors={errors.outcome}
        />
        <RadioGroup
          id="signal-urgency"
          legend={t("form.urgency")}
          description={t("form.urgency_hint")}
          name="urgency"
          defaultValue={values.urgency ?? "normal"}
          options={options(signalUrgencies, "urgency")}
          errors={errors.urgency}
        />
        <RadioGroup
          id="signal-recipients"
          legend={t("form.recipients")}
          name="recipients"
          defaultValue={values.recipients ?? "gemeente"}
          options={options(signalRecipients, "recipients")}
          errors={errors.recipients}
        />
        {loaderData.situations.length > 0 || values.situationId ? (
          <SelectField
            id="signal-situation"
            label={tSituations("public.attach.label")}
            description={tSituations("public.attach.hint")}
            name="situationId"
            defaultValue={values.situationId ?? loaderData.defaultSituationId ?? ""}
            placeholder={tSituations("public.attach.none")}
            options={loaderData.situations.map((s) => ({ value: s.id, label: s.name }))}
            errors={errors.situationId}
          />
        ) : null}
        <TextAreaField
          id="signal-text"
          label={t("form.text")}
          description={t("form.text_hint", { count: FREE_TEXT_MAX_LENGTH })}
          name="freeText"
          rows={5}
          maxLength={FREE_TEXT_MAX_LENGTH}
          defaultValue={values.freeText ?? ""}
          onChange={(event) => setText(event.target.value)}
          errors={errors.freeText}
        />

        <section className="scrub-preview" aria-labelledby="signal-preview-title">
          <Heading level={2} id="signal-preview-title">
            {t("preview.title")}
          </Heading>
          {preview.text ? (
            <p className="utrecht-paragraph scrub-preview__text" data-testid="signal-preview">
              {preview.text}
            </p>
          ) : (
            <p className="utrecht-paragraph muted">{t("preview.empty")}</p>
          )}
          {preview.text ? <RemovedSummary counts={preview.counts} /> : null}
        </section>
        {/* What the sender saw; the server stores its own scrub, and asks again when they differ. */}
        <input type="hidden" name="confirmedText" value={preview.text} />

        <div className="actions">
          <Button name="intent" value="preview" appearance="secondary" disabled={busy}>
            {t("form.preview")}
          </Button>
          <Button name="intent" value="send" busy={busy} disabled={busy}>
            {busy ? t("form.sending") : t("form.send")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
