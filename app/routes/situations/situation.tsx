import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/situation";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { RadioGroup } from "#app/components/ui/choice-fields.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { formatDateTime } from "#app/calendar/format.ts";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { checklistView, type ChecklistItemView } from "#app/features/situations/checklist.server.ts";
import { EVALUATION_MAX, evaluationFields, LOG_MAX, logKinds, situationUrl } from "#app/features/situations/options.ts";
import { HourlyWarnings, PictureTable } from "#app/features/situations/picture-table.tsx";
import { checklistTickSchema, evaluationSchema, linkSignalSchema, logEntrySchema, situationWarningSchema } from "#app/features/situations/schemas.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/content/content.ts";
import { BODY_MAX, TITLE_MAX } from "#app/features/warnings/schemas.ts";
import { SituationFacts } from "#app/features/situations/situation-facts.tsx";
import {
  addLogEntry,
  candidateSignals,
  closeSituation,
  getSituationDetail,
  getSituationSummary,
  linkedSignals,
  linkSignal,
  recordRefusal,
  saveEvaluation,
  sendSituationWarning,
  situationPicture,
  tickChecklistItem,
  type ChangeResult,
  type LogEntryView,
} from "#app/features/situations/situations.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import briefingStyles from "#app/features/situations/briefing.css?url";

export const handle: RouteHandle = { languages: "ambassador" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: briefingStyles }];

// One situation. Ambassadors: its facts only. Staff: the hourly picture, the
// shared log, the mayor's approach, linked signals (coordinators), close and
// evaluate; `?afdrukken=1` is the one-page briefing for the mayor and the driehoek.

const idSchema = z.uuid();

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "situations:view");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  if (!idSchema.safeParse(params.situationId).success) throw data(null, { status: 404 });
  const url = new URL(request.url);
  if (viewer.role === "ambassador") {
    const situation = await getSituationSummary(services, viewer, params.situationId);
    if (!situation) throw data(null, { status: 404 });
    return { mode: "ambassador" as const, situation };
  }
  const situation = await getSituationDetail(services, viewer, params.situationId);
  if (!situation) throw data(null, { status: 404 });
  const manage = can(viewer, "situations:manage");
  const print = url.searchParams.get("afdrukken") === "1";
  const [picture, linked, candidates] = await Promise.all([
    situationPicture(services, viewer, situation),
    manage && !print ? linkedSignals(services, viewer, situation, language) : Promise.resolve([]),
    manage && !print && situation.state === "open" ? candidateSignals(services, viewer, situation, language) : Promise.resolve([]),
  ]);
  const ticked = new Map<string, string>();
  for (const entry of situation.log) if (entry.kind === "checklist" && entry.checklistItem) ticked.set(entry.checklistItem, entry.createdAt);
  const checklist = checklistView(services.situationChecklist, language).map((item) => ({ ...item, tickedAt: ticked.get(item.id) ?? null }));
  return {
    mode: "staff" as const,
    situation,
    picture,
    // The picture's and the warnings' phenomena, retired ones too: old signals name them.
    phenomenonLabels: Object.fromEntries(
      [...picture.phenomena, ...picture.warnings.items.flatMap((item) => (item.phenomenon ? [item.phenomenon] : []))].map((id) => [id, phenomenonLabel(services.content, id, language)]),
    ),
    threshold: services.municipality.suppressionThreshold,
    checklist,
    linked,
    candidates,
    manage,
    warn: manage && can(viewer, "warnings:publish"),
    phenomena: activePhenomena(services.content).map((p) => ({ id: p.id, label: phenomenonLabel(services.content, p.id, language) })),
    print,
    now: services.clock.now().toISOString(),
    saved: url.searchParams.has("opgeslagen") || url.searchParams.has("geopend"),
  };
}

type Answer = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[]; values: Record<string, string> };

export async function action({ request, params, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "situations:log");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  if (!idSchema.safeParse(params.situationId).success) throw data(null, { status: 404 });
  const id = params.situationId;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const refused = (fieldErrors: Record<string, string[]>, formErrors: string[] = [], status = 400) =>
    data<Answer>({ intent, fieldErrors, formErrors, values }, { status });
  const answer = (result: ChangeResult, field: string, anchor: string) => {
    if (result.ok) return redirect(`${situationUrl(id)}?opgeslagen=1#${anchor}`);
    if (result.error === "not_found") throw data(null, { status: 404 });
    const message =
      result.error === "personal_data"
        ? t("situations:errors.personal_data", { kinds: (result.kinds ?? []).map((k) => t(`situations:kinds.${k}`)).join(", ") })
        : t(`situations:errors.${result.error}`);
    return result.error === "personal_data" || result.error === "checklist_unknown" || result.error === "signal_unknown"
      ? refused({ [field]: [message] }, [], 400)
      : refused({}, [message], 409);
  };

  switch (intent) {
    case "log": {
      const parsed = parseForm(logEntrySchema, form, t);
      if (!parsed.success) {
        await recordRefusal(services, viewer, "situation.log_added_refused", Object.keys(parsed.fieldErrors).sort().join(","), { type: "situation", id });
        return refused(parsed.fieldErrors, parsed.formErrors);
      }
      return answer(await addLogEntry(services, viewer, id, parsed.data), "body", "logboek");
    }
    case "checklist": {
      const parsed = parseForm(checklistTickSchema, form, t);
      if (!parsed.success) return refused(parsed.fieldErrors, parsed.formErrors);
      const result = await tickChecklistItem(services, viewer, id, parsed.data);
      return answer(result, `note-${parsed.data.item}`, "aanpak");
    }
    case "link": {
      requirePermission(request, context, "situations:manage");
      const parsed = parseForm(linkSignalSchema, form, t);
      if (!parsed.success) return refused(parsed.fieldErrors, parsed.formErrors);
      return answer(await linkSignal(services, viewer, id, parsed.data.signalId), "signalId", "signalen");
    }
    case "warn": {
      requirePermission(request, context, "situations:manage");
      requirePermission(request, context, "warnings:publish");
      const parsed = parseForm(situationWarningSchema(activePhenomena(services.content).map((p) => p.id)), form, t);
      if (!parsed.success) {
        await recordRefusal(services, viewer, "situation.warning_sent_refused", Object.keys(parsed.fieldErrors).sort().join(","), { type: "situation", id });
        return refused(parsed.fieldErrors, parsed.formErrors);
      }
      const result = await sendSituationWarning(services, viewer, id, parsed.data);
      return answer(result, result.ok ? "title" : (result.field ?? "title"), "waarschuwing");
    }
    case "close": {
      requirePermission(request, context, "situations:manage");
      return answer(await closeSituation(services, viewer, id), "close", "evaluatie");
    }
    case "evaluate": {
      requirePermission(request, context, "situations:manage");
      const parsed = parseForm(evaluationSchema, form, t);
      if (!parsed.success) return refused(parsed.fieldErrors, parsed.formErrors);
      const result = await saveEvaluation(services, viewer, id, parsed.data);
      return answer(result, result.ok ? "whatHappened" : (result.field ?? "whatHappened"), "evaluatie");
    }
    default:
      return refused({}, [t("situations:errors.intent")]);
  }
}

function Author({ entry }: { entry: LogEntryView }) {
  const { t } = useTranslation("situations");
  return <>{t("log.author", { role: t(`log.role.${entry.authorRole}`), organisation: t(`log.org.${entry.authorOrganisation}`) })}</>;
}

function LogTable({ log, checklist }: { log: LogEntryView[]; checklist: ChecklistItemView[] }) {
  const { t, i18n } = useTranslation("situations");
  if (log.length === 0) return <Paragraph>{t("log.empty")}</Paragraph>;
  const titles = new Map(checklist.map((item) => [item.id, item.title] as const));
  return (
    <Table caption={t("log.caption")} head={[t("log.column_time"), t("log.column_kind"), t("log.column_author"), t("log.column_text")]}>
      {log.map((entry) => (
        <Row key={entry.id}>
          <Cell>{formatDateTime(entry.createdAt, i18n.language)}</Cell>
          <Cell>{t(`log.kind.${entry.kind}`)}</Cell>
          <Cell>
            <Author entry={entry} />
          </Cell>
          <Cell>
            {entry.checklistItem ? <strong>{titles.get(entry.checklistItem) ?? entry.checklistItem}</strong> : null}
            {entry.checklistItem && entry.body ? ": " : null}
            <span dir="auto" data-testid="log-text">
              {entry.body}
            </span>
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

function OpenChecklistItems({ checklist }: { checklist: (ChecklistItemView & { tickedAt: string | null })[] }) {
  const { t } = useTranslation("situations");
  const open = checklist.filter((item) => !item.tickedAt);
  if (open.length === 0) return <Paragraph>{t("checklist.all_done")}</Paragraph>;
  return (
    <ul className="briefing-checklist">
      {open.map((item) => (
        <li key={item.id}>
          {t(`checklist.kind.${item.kind}`)}: {item.title}
          {item.legalBasis ? ` (${item.legalBasis})` : null}
        </li>
      ))}
    </ul>
  );
}

type StaffData = Extract<Route.ComponentProps["loaderData"], { mode: "staff" }>;

/** The latest log entries on the briefing: what the mayor needs in a minute, and it keeps the briefing to one page. */
const BRIEFING_LOG_ENTRIES = 10;

function Briefing({ loaderData }: { loaderData: StaffData }) {
  const { t, i18n } = useTranslation("situations");
  const { situation } = loaderData;
  return (
    <div className="stack briefing">
      <PageTitle>{t("briefing.title", { name: situation.name })}</PageTitle>
      <p className="no-print">
        <Link className="utrecht-link" to={situationUrl(situation.id)}>
          {t("briefing.back")}
        </Link>
      </p>
      <div className="no-print">
        <Alert kind="info">{t("briefing.print_hint")}</Alert>
      </div>
      <Heading level={1}>{t("briefing.title", { name: situation.name })}</Heading>
      <Paragraph>{t("briefing.intro", { time: formatDateTime(loaderData.now, i18n.language) })}</Paragraph>
      <SituationFacts situation={situation} />
      <Heading level={2}>{t("picture.title")}</Heading>
      <PictureTable picture={loaderData.picture} threshold={loaderData.threshold} labels={loaderData.phenomenonLabels} />
      <HourlyWarnings warnings={loaderData.picture.warnings} labels={loaderData.phenomenonLabels} />
      <Heading level={2}>{t("log.title")}</Heading>
      <LogTable log={situation.log.slice(-BRIEFING_LOG_ENTRIES)} checklist={loaderData.checklist} />
      {situation.log.length > BRIEFING_LOG_ENTRIES ? <Paragraph>{t("briefing.earlier", { count: situation.log.length - BRIEFING_LOG_ENTRIES })}</Paragraph> : null}
      <Heading level={2}>{t("checklist.open_items")}</Heading>
      <OpenChecklistItems checklist={loaderData.checklist} />
    </div>
  );
}

function AmbassadorView({ situation }: { situation: Extract<Route.ComponentProps["loaderData"], { mode: "ambassador" }>["situation"] }) {
  const { t } = useTranslation("situations");
  return (
    <div className="stack">
      <PageTitle>{situation.name}</PageTitle>
      <p>
        <Link className="utrecht-link" to="/situaties">
          {t("public.back")}
        </Link>
      </p>
      <Heading level={1} dir="auto">
        {situation.name}
      </Heading>
      <Paragraph>{t("public.intro_ambassador")}</Paragraph>
      <SituationFacts situation={situation} />
      <p>
        <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" to={`/signalen/nieuw?situatie=${situation.id}`}>
          {t("public.send_signal")}
        </Link>
      </p>
    </div>
  );
}

export default function Situation({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.mode === "ambassador") return <AmbassadorView situation={loaderData.situation} />;
  if (loaderData.print) return <Briefing loaderData={loaderData} />;
  return <StaffView loaderData={loaderData} actionData={actionData as Answer | undefined} />;
}

function StaffView({ loaderData, actionData }: { loaderData: StaffData; actionData: Answer | undefined }) {
  const { t, i18n } = useTranslation("situations");
  const { situation, checklist, manage } = loaderData;
  const open = situation.state === "open";
  const answerFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const logAnswer = answerFor("log");
  const evalAnswer = answerFor("evaluate");
  const warnAnswer = answerFor("warn");
  const otherAnswer = actionData && !["log", "evaluate", "warn"].includes(actionData.intent) ? actionData : undefined;
  return (
    <div className="stack">
      <PageTitle>{situation.name}</PageTitle>
      <p>
        <Link className="utrecht-link" to="/situaties">
          {t("detail.back")}
        </Link>
      </p>
      <Heading level={1} dir="auto">
        {situation.name}
      </Heading>
      {loaderData.saved && !actionData ? <Alert kind="ok">{t("detail.saved")}</Alert> : null}
      {otherAnswer ? (
        <ErrorSummary title={t("log.error_summary")} items={errorSummaryItems(otherAnswer, { signalId: "signals-title", ...Object.fromEntries(checklist.map((i) => [`note-${i.id}`, `note-${i.id}`])) })} answer={otherAnswer} />
      ) : null}
      <SituationFacts situation={situation} />
      {situation.state === "closed" ? (
        <Paragraph>{situation.closedAt ? t("detail.closed_by_hand", { time: formatDateTime(situation.closedAt, i18n.language) }) : t("detail.closed_by_window")}</Paragraph>
      ) : null}
      {situation.textErasedAt ? <Paragraph>{t("retention.erased", { time: formatDateTime(situation.textErasedAt, i18n.language) })}</Paragraph> : null}
      <p>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${situationUrl(situation.id)}?afdrukken=1`}>
          {t("detail.briefing_link")}
        </a>
      </p>

      <Heading level={2}>{t("picture.title")}</Heading>
      <PictureTable picture={loaderData.picture} threshold={loaderData.threshold} labels={loaderData.phenomenonLabels} />
      <HourlyWarnings warnings={loaderData.picture.warnings} labels={loaderData.phenomenonLabels} />

      <Heading level={2} id="logboek">
        {t("log.title")}
      </Heading>
      <Paragraph>{t("log.intro")}</Paragraph>
      <LogTable log={situation.log} checklist={checklist} />
      <ErrorSummary title={t("log.error_summary")} items={errorSummaryItems(logAnswer, { kind: "log-kind", body: "log-body" })} answer={logAnswer} />
      {open ? (
        <>
          <Heading level={3}>{t("log.new_title")}</Heading>
          <Form method="post" className="form-stack" noValidate>
            <input type="hidden" name="intent" value="log" />
            <RadioGroup
              id="log-kind"
              legend={t("log.field_kind")}
              name="kind"
              options={logKinds.map((kind) => ({ value: kind, label: t(`log.kind.${kind}`) }))}
              defaultValue={logAnswer?.values.kind ?? "observation"}
              errors={logAnswer?.fieldErrors.kind}
            />
            <TextAreaField
              id="log-body"
              label={t("log.field_body")}
              description={t("log.field_body_hint", { count: LOG_MAX })}
              name="body"
              rows={3}
              maxLength={LOG_MAX}
              defaultValue={logAnswer?.values.body ?? ""}
              errors={logAnswer?.fieldErrors.body}
            />
            <div className="actions">
              <Button>{t("log.add")}</Button>
            </div>
          </Form>
        </>
      ) : (
        <Paragraph>{t("log.closed")}</Paragraph>
      )}

      <Heading level={2} id="aanpak">
        {t("checklist.title")}
      </Heading>
      <Paragraph>{t("checklist.intro")}</Paragraph>
      <ol className="stack checklist">
        {checklist.map((item) => (
          <li key={item.id} className="stack">
            <Heading level={3}>
              {t(`checklist.kind.${item.kind}`)}: {item.title}
            </Heading>
            <Paragraph>{item.text}</Paragraph>
            {item.legalBasis ? <Paragraph className="muted">{t("checklist.legal_basis", { basis: item.legalBasis })}</Paragraph> : null}
            {item.tickedAt ? (
              <Paragraph>
                <strong>{t("checklist.done", { time: formatDateTime(item.tickedAt, i18n.language) })}</strong>
              </Paragraph>
            ) : open ? (
              <Form method="post" className="form-stack">
                <input type="hidden" name="intent" value="checklist" />
                <input type="hidden" name="item" value={item.id} />
                <TextField
                  id={`note-${item.id}`}
                  name="body"
                  label={t("checklist.note")}
                  maxLength={LOG_MAX}
                  defaultValue={otherAnswer?.intent === "checklist" && otherAnswer.values.item === item.id ? (otherAnswer.values.body ?? "") : ""}
                  errors={otherAnswer?.intent === "checklist" && otherAnswer.values.item === item.id ? otherAnswer.fieldErrors[`note-${item.id}`] : undefined}
                />
                <div className="actions">
                  <Button appearance="secondary" aria-label={t("checklist.tick_label", { title: item.title })}>
                    {t("checklist.tick")}
                  </Button>
                </div>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>

      {manage ? (
        <>
          <Heading level={2} id="signalen">
            {t("signals.title")}
          </Heading>
          <span id="signals-title" />
          {loaderData.linked.length > 0 ? (
            <Table caption={t("signals.linked_caption")} head={[t("signals.column_signal"), t("signals.column_wijk"), t("signals.column_received")]}>
              {loaderData.linked.map((signal) => (
                <Row key={signal.id}>
                  <Cell>
                    <Link className="utrecht-link" to={`/signalen/${signal.id}`}>
                      {signal.phenomenonLabel}
                    </Link>
                    {signal.urgent ? <span className="utrecht-status-badge utrecht-status-badge--danger"> {t("signals.urgent")}</span> : null}
                  </Cell>
                  <Cell>{signal.wijkName}</Cell>
                  <Cell>{formatDateTime(signal.receivedAt, i18n.language)}</Cell>
                </Row>
              ))}
            </Table>
          ) : null}
          {open ? (
            loaderData.candidates.length === 0 ? (
              <Paragraph>{t("signals.candidates_empty")}</Paragraph>
            ) : (
              <Table caption={t("signals.candidates_caption")} head={[t("signals.column_signal"), t("signals.column_wijk"), t("signals.column_received"), t("signals.column_action")]}>
                {loaderData.candidates.map((signal) => (
                  <Row key={signal.id}>
                    <Cell>
                      <Link className="utrecht-link" to={`/signalen/${signal.id}`}>
                        {signal.phenomenonLabel}
                      </Link>
                      {signal.urgent ? <span className="utrecht-status-badge utrecht-status-badge--danger"> {t("signals.urgent")}</span> : null}
                    </Cell>
                    <Cell>{signal.wijkName}</Cell>
                    <Cell>{formatDateTime(signal.receivedAt, i18n.language)}</Cell>
                    <Cell>
                      <Form method="post">
                        <input type="hidden" name="intent" value="link" />
                        <input type="hidden" name="signalId" value={signal.id} />
                        <Button appearance="secondary" aria-label={t("signals.link_label", { phenomenon: signal.phenomenonLabel, wijk: signal.wijkName })}>
                          {t("signals.link")}
                        </Button>
                      </Form>
                    </Cell>
                  </Row>
                ))}
              </Table>
            )
          ) : null}

          {open && loaderData.warn ? (
            <>
              <Heading level={2} id="waarschuwing">
                {t("warn.title")}
              </Heading>
              <Paragraph>{t("warn.intro", { wijken: situation.wijken.map((w) => w.name).join(", ") })}</Paragraph>
              <ErrorSummary title={t("warn.error_summary")} items={errorSummaryItems(warnAnswer, { title: "warn-title", body: "warn-body", phenomenon: "warn-phenomenon" })} answer={warnAnswer} />
              <Form method="post" className="form-stack" noValidate>
                <input type="hidden" name="intent" value="warn" />
                <TextField id="warn-title" name="title" label={t("warn.field_title")} maxLength={TITLE_MAX} defaultValue={warnAnswer?.values.title ?? ""} errors={warnAnswer?.fieldErrors.title} />
                <TextAreaField id="warn-body" name="body" label={t("warn.field_body")} rows={3} maxLength={BODY_MAX} defaultValue={warnAnswer?.values.body ?? ""} errors={warnAnswer?.fieldErrors.body} />
                <SelectField
                  id="warn-phenomenon"
                  name="phenomenon"
                  label={t("warn.field_phenomenon")}
                  placeholder={t("warn.choose")}
                  options={loaderData.phenomena.map((p) => ({ value: p.id, label: p.label }))}
                  defaultValue={warnAnswer?.values.phenomenon ?? ""}
                  errors={warnAnswer?.fieldErrors.phenomenon}
                />
                <div className="actions">
                  <Button>{t("warn.send")}</Button>
                </div>
              </Form>
            </>
          ) : null}

          {open ? (
            <>
              <Heading level={2}>{t("close.title")}</Heading>
              <Paragraph>{t("close.intro")}</Paragraph>
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <Button appearance="danger">{t("close.submit")}</Button>
              </Form>
            </>
          ) : null}

          <Heading level={2} id="export">
            {t("export.title")}
          </Heading>
          {open ? (
            <Paragraph>{t("export.after_close")}</Paragraph>
          ) : (
            <>
              <Paragraph>{t("export.intro")}</Paragraph>
              <ul className="stack">
                <li>
                  <a className="utrecht-link" href={`${situationUrl(situation.id)}/export/beeld`} download>
                    {t("export.picture")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href={`${situationUrl(situation.id)}/export/logboek`} download>
                    {t("export.log")}
                  </a>
                </li>
              </ul>
            </>
          )}

          <Heading level={2} id="evaluatie">
            {t("evaluation.title")}
          </Heading>
          {open ? (
            <Paragraph>{t("evaluation.after_close")}</Paragraph>
          ) : (
            <>
              <Paragraph>{t("evaluation.intro")}</Paragraph>
              {situation.evaluation ? <Paragraph>{t("evaluation.saved_at", { time: formatDateTime(situation.evaluation.evaluatedAt, i18n.language) })}</Paragraph> : null}
              <ErrorSummary
                title={t("evaluation.error_summary")}
                items={errorSummaryItems(evalAnswer, Object.fromEntries(evaluationFields.map((field) => [field.name, field.id])))}
                answer={evalAnswer}
              />
              <Form method="post" className="form-stack" noValidate>
                <input type="hidden" name="intent" value="evaluate" />
                {evaluationFields.map((field) => (
                  <TextAreaField
                    key={field.name}
                    id={field.id}
                    label={t(field.label)}
                    name={field.name}
                    rows={4}
                    maxLength={EVALUATION_MAX}
                    defaultValue={evalAnswer?.values[field.name] ?? situation.evaluation?.[field.name] ?? ""}
                    errors={evalAnswer?.fieldErrors[field.name]}
                  />
                ))}
                <div className="actions">
                  <Button>{t("evaluation.save")}</Button>
                </div>
              </Form>
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
