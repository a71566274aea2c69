import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/case";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextAreaField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { assignCase, openCase, setCaseStatus, writeCaseNote, type CaseResult } from "#app/features/signals/cases.server.ts";
import { AgeAndDeadline, Facts, StatusBadge } from "#app/features/signals/components/signal-parts.tsx";
import { useWeekLabel } from "#app/calendar/use-week-label.ts";
import { NOTE_MAX_LENGTH } from "#app/features/signals/options.ts";
import { assigneeChoices, parseAssignee } from "#app/features/signals/ownership.server.ts";
import { withPhenomenonLabel } from "#app/features/signals/reading.server.ts";
import { assignSchema, caseStatusSchema, noteSchema } from "#app/features/signals/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "cases:manage");
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const result = await openCase(services, viewer, params.caseId);
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    throw data({ message: t("errors.not_found_body") }, { status: 404 });
  }
  const choices = await assigneeChoices(services, viewer);
  return {
    case: { ...result.value, signals: result.value.signals.map((s) => withPhenomenonLabel(services.content, s, language)) },
    // Cases are the gemeente's files: owned within the gemeente.
    people: choices.people.filter((p) => p.team === "gemeente"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "cases:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  let result: CaseResult<null>;
  let done: string;
  switch (intent) {
    case "status": {
      const parsed = parseForm(caseStatusSchema, form, t);
      if (!parsed.success) return data({ ok: false as const, message: t("errors.invalid_choice"), fieldErrors: {} }, { status: 400 });
      result = await setCaseStatus(services, viewer, params.caseId, parsed.data.status, parsed.data.from);
      done = parsed.data.status === "closed" ? "closed" : "reopened";
      break;
    }
    case "note": {
      const parsed = parseForm(noteSchema, form, t);
      if (!parsed.success) return data({ ok: false as const, message: null, fieldErrors: { note: parsed.fieldErrors.body ?? [] } }, { status: 400 });
      result = await writeCaseNote(services, viewer, params.caseId, parsed.data.body);
      done = "note_written";
      break;
    }
    case "assign": {
      const parsed = parseForm(assignSchema, form, t);
      const assignee = parsed.success ? parseAssignee(parsed.data.assignee) : null;
      if (!assignee) return data({ ok: false as const, message: null, fieldErrors: { assignee: [t("signals:triage.error.assignee_required")] } }, { status: 400 });
      result = await assignCase(services, viewer, params.caseId, assignee);
      done = "assigned";
      break;
    }
    default:
      throw data({ message: t("errors.unknown_intent") }, { status: 400 });
  }
  if (!result.ok) {
    if (result.error === "forbidden") forbidden(context);
    if (result.error === "not_found") throw data({ message: t("errors.not_found_body") }, { status: 404 });
    return data({ ok: false as const, message: t(`signals:triage.error.${result.error}`), fieldErrors: {} }, { status: 409 });
  }
  return { ok: true as const, message: t(`signals:cases.done.${done}`), fieldErrors: {} };
}

export default function Case({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("signals");
  const weekLabel = useWeekLabel();
  const busy = useNavigation().state === "submitting";
  const c = loaderData.case;
  const fieldErrors: Record<string, string[]> = actionData?.fieldErrors ?? {};
  const owner = c.ownerName ?? (c.ownerTeam ? t(`triage.teams.${c.ownerTeam}`) : t("cases.no_owner"));
  const signalLabel = (id: string) => {
    const s = c.signals.find((x) => x.id === id);
    return s ? `${s.phenomenonLabel}, ${s.wijkName}` : t("cases.signal");
  };
  return (
    <div className="stack">
      <PageTitle>{`${t("cases.case")}: ${c.title}`}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/zaken">
          {t("cases.back")}
        </Link>
      </Paragraph>
      <Heading level={1}>{c.title}</Heading>
      {actionData?.ok ? <Alert kind="ok">{actionData.message}</Alert> : null}
      <ErrorSummary
        items={errorSummaryItems(actionData?.ok === false ? { fieldErrors, formError: actionData.message } : null, { note: "case-note", assignee: "case-assignee" })}
        answer={actionData}
      />
      <Facts
        items={[
          { label: t("cases.status"), value: t(`cases.statuses.${c.status}`) },
          { label: t("cases.owner"), value: owner },
          { label: t("cases.signals"), value: String(c.signalCount) },
          { label: t("cases.created"), value: formatDateTime(c.createdAt, i18n.language) },
        ]}
      />
      <div className="actions">
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="from" value={c.status} />
          <input type="hidden" name="status" value={c.status === "open" ? "closed" : "open"} />
          <Button appearance="secondary" disabled={busy}>
            {c.status === "open" ? t("cases.close") : t("cases.reopen")}
          </Button>
        </Form>
        <Link className="utrecht-link" to={`/signalen?zaak=${c.id}`}>
          {t("cases.in_inbox")}
        </Link>
      </div>

      <Heading level={2}>{t("cases.owner")}</Heading>
      <Form method="post" className="form-stack" noValidate key={`assign-${c.ownerTeam}-${c.ownerId}`}>
        <input type="hidden" name="intent" value="assign" />
        <SelectField
          id="case-assignee"
          label={t("triage.assign_label")}
          name="assignee"
          defaultValue={c.ownerId ? `person:${c.ownerId}` : c.ownerTeam ? `team:${c.ownerTeam}` : ""}
          placeholder={t("triage.assign_choose")}
          errors={fieldErrors.assignee}
          options={[
            { value: "team:gemeente", label: t("triage.teams.gemeente") },
            ...loaderData.people.map((p) => ({ value: `person:${p.id}`, label: t("triage.assign_person", { name: p.name, team: t(`triage.teams.${p.team}`) }) })),
            { value: "nobody", label: t("triage.assign_nobody") },
          ]}
        />
        <div className="actions">
          <Button appearance="secondary" disabled={busy}>
            {t("triage.assign")}
          </Button>
        </div>
      </Form>

      <Heading level={2}>{t("cases.signals")}</Heading>
      {c.signals.length === 0 ? (
        <Paragraph>{t("cases.no_signals")}</Paragraph>
      ) : (
        <Table caption={t("cases.signals_caption", { title: c.title })} head={[t("form.phenomenon"), t("form.wijk"), t("detail.week"), t("inbox.status"), t("inbox.age"), t("inbox.assignee")]}>
          {c.signals.map((s) => (
            <tr key={s.id} className="utrecht-table__row" data-testid="case-signal">
              <th scope="row" className="utrecht-table__cell">
                <Link className="utrecht-link" to={`/signalen/${s.id}`}>
                  {s.phenomenonLabel}
                </Link>
              </th>
              <td className="utrecht-table__cell">{s.wijkName}</td>
              <td className="utrecht-table__cell">{weekLabel(s.isoWeek)}</td>
              <td className="utrecht-table__cell">
                <StatusBadge status={s.status} />
              </td>
              <td className="utrecht-table__cell">
                <AgeAndDeadline age={s.age} overdue={s.overdue} />
              </td>
              <td className="utrecht-table__cell">{s.assigneeName ?? (s.assignedTeam ? t(`triage.teams.${s.assignedTeam}`) : "—")}</td>
            </tr>
          ))}
        </Table>
      )}

      <Heading level={2}>{t("cases.timeline")}</Heading>
      {c.timeline.length === 0 ? (
        <Paragraph>{t("cases.no_timeline")}</Paragraph>
      ) : (
        <ol className="utrecht-ordered-list timeline" data-testid="case-timeline">
          {c.timeline.map((entry, index) => (
            <li key={index} className="utrecht-ordered-list__item">
              <span className="muted">{formatDateTime(entry.at, i18n.language)}</span>
              {" – "}
              {entry.kind === "status"
                ? t("cases.timeline_status", { signal: signalLabel(entry.signalId), from: t(`status.${entry.from}`), to: t(`status.${entry.to}`) })
                : entry.kind === "feedback" || entry.kind === "police_shared"
                  ? t(`cases.timeline_${entry.kind}`, { signal: signalLabel(entry.signalId) })
                  : entry.event === "assigned"
                    ? t("cases.timeline_assigned", {
                        who: entry.body?.startsWith("person:")
                          ? entry.body.slice("person:".length)
                          : entry.body?.startsWith("team:")
                            ? t(`triage.teams.${entry.body.slice("team:".length) as "gemeente" | "police"}`)
                            : t("cases.no_owner"),
                      })
                    : t(`cases.timeline_${entry.event}`)}
              {entry.actorName ? ` (${entry.actorName})` : ""}
              {entry.kind === "feedback" || entry.kind === "police_shared" || (entry.kind === "case" && entry.event === "note") ? (
                <blockquote className="feedback utrecht-blockquote">
                  <p className="utrecht-paragraph feedback__text" dir="auto">
                    {entry.body}
                  </p>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Form method="post" className="form-stack" noValidate key={`note-${c.timeline.length}`}>
        <input type="hidden" name="intent" value="note" />
        <TextAreaField id="case-note" label={t("cases.note_label")} description={t("cases.note_hint")} name="body" rows={3} maxLength={NOTE_MAX_LENGTH} errors={fieldErrors.note} />
        <div className="actions">
          <Button disabled={busy}>{t("cases.note_save")}</Button>
        </div>
      </Form>
    </div>
  );
}
