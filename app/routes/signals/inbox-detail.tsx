import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/inbox-detail";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { AgeAndDeadline, Facts, Feedback, StatusBadge, UrgencyBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { CASE_TITLE_MAX_LENGTH, NOTE_MAX_LENGTH } from "#app/features/signals/options.ts";
import { assignSchema, caseLinkSchema, noteSchema, policeNoteSchema, statusSchema } from "#app/features/signals/schemas.ts";
import { listCases, listCaseSignals, listSimilarSignals, openSignal, withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import {
  changeStatus,
  forwardToPolice,
  linkToCase,
  nextStatuses,
  unlinkFromCase,
  writeFeedback,
  writePoliceNote,
  type TriageResult,
} from "#app/features/signals/triage.server.ts";
import { assigneeChoices, assignSignal, parseAssignee } from "#app/features/signals/ownership.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { otherSideBusy } from "#app/features/signals/wall.server.ts";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:inbox");
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const result = await openSignal(services, viewer, params.signalId, "staff");
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    throw data({ message: t("errors.not_found_body") }, { status: 404 });
  }
  const signal = result.value;
  const triage = can(viewer, "signals:triage");
  const [similar, cases, caseSignals, assignees, otherSide] = await Promise.all([
    triage ? listSimilarSignals(services, viewer, signal) : [],
    triage ? listCases(services, viewer.municipalityId) : [],
    signal.caseId ? listCaseSignals(services, viewer, signal.caseId) : [],
    assigneeChoices(services, viewer),
    otherSideBusy(services, viewer, signal),
  ]);
  return {
    otherSide,
    triage,
    nextStatuses: nextStatuses(viewer, signal.status),
    assignees,
    police: can(viewer, "signals:police"),
    caseLink: can(viewer, "cases:manage"),
    signal: withPhenomenonLabel(services.content, signal, language),
    similar: similar.map((s) => withPhenomenonLabel(services.content, s, language)),
    cases,
    caseSignals: caseSignals.filter((s) => s.id !== signal.id).map((s) => withPhenomenonLabel(services.content, s, language)),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:inbox");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = params.signalId;

  // Police add notes and move signals through their side of the workflow; the
  // feature checks each again (the workflow decides which status changes).
  const needed = intent === "note" ? "signals:police" : intent === "status" || intent === "assign" ? "signals:inbox" : "signals:triage";
  if (!can(viewer, needed)) forbidden(context);

  let result: TriageResult;
  let done: string;
  switch (intent) {
    case "status": {
      const parsed = parseForm(statusSchema, form, t);
      if (!parsed.success) return data({ ok: false as const, message: t("errors.invalid_choice"), fieldErrors: {} }, { status: 400 });
      result = await changeStatus(services, viewer, id, parsed.data.status, parsed.data.from);
      done = `status_${parsed.data.status}`;
      break;
    }
    case "assign": {
      const parsed = parseForm(assignSchema, form, t);
      const assignee = parsed.success ? parseAssignee(parsed.data.assignee) : null;
      if (!assignee) {
        return data({ ok: false as const, message: null, fieldErrors: { assignee: [t("signals:triage.error.assignee_required")] } }, { status: 400 });
      }
      result = await assignSignal(services, viewer, id, assignee);
      done = "assigned";
      break;
    }
    case "forward":
      result = await forwardToPolice(services, viewer, id);
      done = "status_forwarded_to_police";
      break;
    case "feedback":
    case "note": {
      const parsed = parseForm(intent === "feedback" ? noteSchema : policeNoteSchema, form, t);
      if (!parsed.success) {
        return data({ ok: false as const, message: null, fieldErrors: { [intent]: parsed.fieldErrors.body ?? [] } }, { status: 400 });
      }
      result =
        intent === "feedback"
          ? await writeFeedback(services, viewer, id, parsed.data.body)
          : await writePoliceNote(services, viewer, id, parsed.data.body, { sharedWithGemeente: "shared" in parsed.data && parsed.data.shared === "on" });
      done = intent === "feedback" ? "feedback_written" : "note_written";
      break;
    }
    case "link": {
      const parsed = parseForm(caseLinkSchema, form, t, { arrayFields: ["alsoSignalIds"] });
      if (!parsed.success) {
        return data({ ok: false as const, message: null, fieldErrors: { caseTitle: parsed.fieldErrors.caseTitle ?? parsed.fieldErrors.caseId ?? [] } }, { status: 400 });
      }
      result = await linkToCase(services, viewer, id, parsed.data);
      done = "case_linked";
      break;
    }
    case "unlink":
      result = await unlinkFromCase(services, viewer, id);
      done = "case_unlinked";
      break;
    default:
      throw data({ message: t("errors.unknown_intent") }, { status: 400 });
  }
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    if (result.error === "not_found") throw data({ message: t("errors.not_found_body") }, { status: 404 });
    const message =
      result.error === "transition_refused"
        ? t("signals:triage.error.transition_refused", { from: t(`signals:status.${result.from}`), to: t(`signals:status.${result.to}`) })
        : t(`signals:triage.error.${result.error}`);
    return data({ ok: false as const, message, fieldErrors: {} }, { status: 409 });
  }
  return { ok: true as const, message: t(`signals:triage.done.${done}`), fieldErrors: {} };
}

export default function InboxSignal({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { signal } = loaderData;
  const fieldErrors: Record<string, string[]> = actionData?.fieldErrors ?? {};
  const feedback = signal.notes.filter((n) => n.kind === "feedback");
  const policeNotes = signal.notes.filter((n) => n.kind === "police_note" || n.kind === "police_shared");
  const sharedByPolice = signal.notes.filter((n) => n.kind === "police_shared");
  return (
    <div className="stack">
      <PageTitle>{`${t("detail.title")}: ${signal.phenomenonLabel}`}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/signalen">
          {t("detail.back_to_inbox")}
        </Link>
      </Paragraph>
      <Heading level={1}>{signal.phenomenonLabel}</Heading>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary
        items={errorSummaryItems(actionData?.ok === false ? { fieldErrors, formError: actionData.message } : null, { feedback: "signal-feedback", note: "signal-note", caseTitle: "signal-case-title", assignee: "signal-assignee" })}
        answer={actionData}
      />
      {loaderData.otherSide ? (
        <Alert kind="info">
          <span data-testid="wall-indicator">{t(`wall.${loaderData.otherSide}`)}</span>
        </Alert>
      ) : null}
      <p className="utrecht-paragraph actions">
        <StatusBadge status={signal.status} /> <UrgencyBadge urgency={signal.urgency} /> <AgeAndDeadline age={signal.age} overdue={signal.overdue} />
      </p>
      <Facts
        items={[
          { label: t("inbox.organisation"), value: signal.organisationName },
          { label: t("form.wijk"), value: signal.wijkName },
          { label: t("detail.week"), value: weekLabel(signal.isoWeek) },
          { label: t("form.channel"), value: t(`channel.${signal.channel}`) },
          { label: t("form.target_group"), value: t(`target_group.${signal.targetGroup}`) },
          { label: t("form.affected"), value: t(`affected.${signal.affected}`) },
          { label: t("form.outcome"), value: t(`outcome.${signal.outcome}`) },
          { label: t("form.urgency"), value: t(`urgency.${signal.urgency}`) },
          { label: t("form.recipients"), value: t(`recipients.${signal.recipients}`) },
          { label: t("inbox.received"), value: formatDateTime(signal.receivedAt, i18n.language) },
          ...(signal.dueAt ? [{ label: t("inbox.due"), value: formatDateTime(signal.dueAt, i18n.language) }] : []),
          ...(signal.forwardedAt ? [{ label: t("detail.forwarded_at"), value: formatDateTime(signal.forwardedAt, i18n.language) }] : []),
          ...(signal.caseTitle ? [{ label: t("inbox.case"), value: signal.caseTitle }] : []),
        ]}
      />
      <Heading level={2}>{t("detail.text")}</Heading>
      {signal.freeText ? (
        <p className="utrecht-paragraph signal-text" data-testid="signal-text">
          {signal.freeText}
        </p>
      ) : (
        <Paragraph className="muted">{signal.freeTextErased ? t("detail.text_erased") : t("detail.no_text")}</Paragraph>
      )}

      <Heading level={2}>{t("triage.status_title")}</Heading>
      {loaderData.nextStatuses.length === 0 ? (
        <Paragraph>{t("triage.no_transitions")}</Paragraph>
      ) : (
        <div className="actions">
          {loaderData.nextStatuses.map((status) => (
            <Form method="post" key={status} className="inline-form">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={status} />
              {/* The status this page showed: if someone changed it meanwhile, the server says so and changes nothing. */}
              <input type="hidden" name="from" value={signal.status} />
              <Button appearance={status === "handled" ? "primary" : "secondary"} disabled={busy}>
                {t(`triage.mark.${status}`)}
              </Button>
            </Form>
          ))}
        </div>
      )}

      {loaderData.assignees.teams.length > 0 ? (
        <>
          <Heading level={2}>{t("triage.assign_title")}</Heading>
          <Paragraph>
            {signal.assigneeName || signal.assignedTeam
              ? t("triage.assign_current", {
                  who: signal.assigneeName
                    ? t("triage.assign_person", { name: signal.assigneeName, team: t(`triage.teams.${signal.assignedTeam ?? "gemeente"}`) })
                    : t(`triage.teams.${signal.assignedTeam!}`),
                })
              : t("triage.assign_none")}
          </Paragraph>
          {/* Keyed by the assignee: the choice shows the new one once saved. */}
          <Form method="post" className="form-stack" noValidate key={`assign-${signal.assignedTeam}-${signal.assignedToId}`}>
            <input type="hidden" name="intent" value="assign" />
            <SelectField
              id="signal-assignee"
              label={t("triage.assign_label")}
              name="assignee"
              defaultValue={signal.assignedToId ? `person:${signal.assignedToId}` : signal.assignedTeam ? `team:${signal.assignedTeam}` : ""}
              placeholder={t("triage.assign_choose")}
              errors={fieldErrors.assignee}
              options={[
                ...loaderData.assignees.teams.map((team) => ({ value: `team:${team}`, label: t(`triage.teams.${team}`) })),
                ...loaderData.assignees.people.map((p) => ({ value: `person:${p.id}`, label: t("triage.assign_person", { name: p.name, team: t(`triage.teams.${p.team}`) }) })),
                ...(loaderData.triage ? [{ value: "nobody", label: t("triage.assign_nobody") }] : []),
              ]}
            />
            <div className="actions">
              <Button appearance="secondary" disabled={busy}>
                {t("triage.assign")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}

      <Heading level={2}>{t("triage.feedback_title")}</Heading>
      {feedback.length === 0 ? <Paragraph>{t("detail.no_feedback")}</Paragraph> : <Feedback notes={feedback} />}
      {loaderData.triage ? (
        <Paragraph>
          <Link className="utrecht-link" to={`/signalen/${signal.id}/antwoord`}>
            {t("responses:staff.respond_link")}
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.triage ? (
        // Keyed by the number of notes: the form starts empty again once one is saved.
        <Form method="post" className="form-stack" noValidate key={`feedback-${feedback.length}`}>
          <input type="hidden" name="intent" value="feedback" />
          <TextAreaField
            id="signal-feedback"
            label={t("triage.feedback_label")}
            description={t("triage.feedback_hint")}
            name="body"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            errors={fieldErrors.feedback}
          />
          <div className="actions">
            <Button disabled={busy}>{t("triage.feedback_send")}</Button>
          </div>
        </Form>
      ) : null}

      {loaderData.police ? (
        <>
          <Heading level={2}>{t("triage.notes_title")}</Heading>
          {policeNotes.length === 0 ? <Paragraph>{t("triage.no_notes")}</Paragraph> : <Feedback notes={policeNotes} />}
          <Form method="post" className="form-stack" noValidate key={`note-${policeNotes.length}`}>
            <input type="hidden" name="intent" value="note" />
            <TextAreaField id="signal-note" label={t("triage.note_label")} description={t("triage.note_hint")} name="body" rows={3} maxLength={NOTE_MAX_LENGTH} errors={fieldErrors.note} />
            <div className="utrecht-form-field utrecht-form-field--checkbox">
              <input type="checkbox" id="signal-note-shared" name="shared" value="on" className="utrecht-checkbox utrecht-checkbox--html-input" />{" "}
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="signal-note-shared">
                {t("triage.note_shared")}
              </label>
            </div>
            <div className="actions">
              <Button disabled={busy}>{t("triage.note_save")}</Button>
            </div>
          </Form>
        </>
      ) : null}

      {!loaderData.police && sharedByPolice.length > 0 ? (
        <>
          <Heading level={2}>{t("triage.from_police_title")}</Heading>
          <Feedback notes={sharedByPolice} />
        </>
      ) : null}

      {signal.caseTitle ? (
        <>
          <Heading level={2}>
            {loaderData.caseLink && signal.caseId ? (
              <Link className="utrecht-link" to={`/zaken/${signal.caseId}`}>
                {t("triage.case_title", { title: signal.caseTitle })}
              </Link>
            ) : (
              t("triage.case_title", { title: signal.caseTitle })
            )}
          </Heading>
          {loaderData.caseSignals.length === 0 ? (
            <Paragraph>{t("triage.case_alone")}</Paragraph>
          ) : (
            <ul className="utrecht-unordered-list">
              {loaderData.caseSignals.map((s) => (
                <li key={s.id}>
                  <Link className="utrecht-link" to={`/signalen/${s.id}`}>
                    {s.phenomenonLabel}
                  </Link>{" "}
                  – {s.wijkName}, {weekLabel(s.isoWeek)}
                </li>
              ))}
            </ul>
          )}
          {loaderData.triage ? (
            <Form method="post">
              <input type="hidden" name="intent" value="unlink" />
              <Button appearance="secondary" disabled={busy}>
                {t("triage.unlink")}
              </Button>
            </Form>
          ) : null}
        </>
      ) : null}

      {loaderData.triage ? (
        <>
          <Heading level={2}>{signal.caseTitle ? t("triage.move_title") : t("triage.link_title")}</Heading>
          <Paragraph>{t("triage.link_intro")}</Paragraph>
          <Form method="post" className="form-stack" noValidate>
            <input type="hidden" name="intent" value="link" />
            {loaderData.cases.length > 0 ? (
              <SelectField
                label={t("triage.existing_case")}
                name="caseId"
                defaultValue=""
                placeholder={t("triage.new_case_placeholder")}
                options={loaderData.cases.filter((c) => c.id !== signal.caseId).map((c) => ({ value: c.id, label: t("triage.case_option", { title: c.title, count: c.signalCount }) }))}
              />
            ) : null}
            <TextField
              id="signal-case-title"
              label={t("triage.new_case_title")}
              description={t("triage.new_case_hint")}
              name="caseTitle"
              maxLength={CASE_TITLE_MAX_LENGTH}
              errors={fieldErrors.caseTitle}
            />
            {loaderData.similar.length > 0 ? (
              <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
                <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">{t("triage.similar_title")}</legend>
                {loaderData.similar.map((s) => (
                  <div key={s.id} className="utrecht-form-field utrecht-form-field--checkbox">
                    <input type="checkbox" id={`similar-${s.id}`} name="alsoSignalIds" value={s.id} className="utrecht-checkbox utrecht-checkbox--html-input" />{" "}
                    <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`similar-${s.id}`}>
                      {t("triage.similar_option", { wijk: s.wijkName, week: weekLabel(s.isoWeek), organisation: s.organisationName })}
                      {s.caseTitle ? ` (${t("inbox.case")}: ${s.caseTitle})` : ""}
                    </label>{" "}
                    <Link className="utrecht-link" to={`/signalen/${s.id}`}>
                      {t("triage.open")}
                      <span className="visually-hidden"> – {s.wijkName}, {weekLabel(s.isoWeek)}</span>
                    </Link>
                  </div>
                ))}
              </fieldset>
            ) : (
              <Paragraph className="muted">{t("triage.no_similar")}</Paragraph>
            )}
            <div className="actions">
              <Button appearance="secondary" disabled={busy}>
                {t("triage.link")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </div>
  );
}
