import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { getOrganisation } from "#app/features/organisations/organisations.server.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { scrub, type PersonalDataKind } from "#app/features/signals/scrubber.ts";
import { signalFactsByIds, signalFactsInWindow, type SignalFacts } from "#app/features/signals/signal-facts.server.ts";
import { scrubOptions } from "#app/features/signals/submitting.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { AttachmentRefusal, SubmissionAttachment } from "#app/features/signals/submission.server.ts";
import type { TFunction } from "i18next";
import type { SituationLogTable, SituationTable } from "#db/tables/situations.ts";
import { checklistItem } from "./checklist.server.ts";
import { authorOrganisation, evaluationFields, HOUR_MS, situationUrl, hoursOf, organisationLabels, type LogKind, type OrganisationLabel } from "./options.ts";
import { hourlyWarnings, protectPicture, type Picture, type PictureCell, type PictureRow, type PictureSignal } from "./picture.ts";
import { csvField } from "#app/features/dashboard/export.server.ts";
import type { EvaluationInput, SituationInput, SituationWarningInput } from "./schemas.ts";
import { publishWarning } from "#app/features/warnings/warnings.server.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";

// The situation room: a coordinator opens a situation for some wijken and a
// time window; gemeente and police keep a shared log of non-personal
// observations and interventions (scrubbed like signals, refused when the
// scrubber finds personal data); coordinators link signals and close and
// evaluate it. Every change and every refusal is audited. Ambassadors see the
// open situations of their organisation's wijk: name, window, wijken — no log,
// no signals, no figures.

type Services = Pick<AppServices, "db" | "clock" | "municipality" | "content" | "situationChecklist">;

export type SituationState = "open" | "closed";

export interface SituationSummary {
  id: string;
  name: string;
  kind: SituationTable["kind"];
  startsAt: string;
  endsAt: string;
  state: SituationState;
  /** Closed by hand (closedAt) or by its window ending. */
  closedAt: string | null;
  organisations: OrganisationLabel[];
  wijken: { id: string; name: string }[];
}

export interface LogEntryView {
  id: string;
  kind: SituationLogTable["kind"];
  checklistItem: string | null;
  body: string;
  authorRole: string;
  authorOrganisation: string;
  createdAt: string;
}

export interface SituationDetail extends SituationSummary {
  log: LogEntryView[];
  /** When the retention job erased the log's and the evaluation's text. */
  textErasedAt: string | null;
  evaluation: { whatHappened: string; interventions: string; differently: string; evaluatedAt: string } | null;
}

function stateOf(row: Pick<SituationTable, "closed_at" | "ends_at">, now: Date): SituationState {
  return row.closed_at !== null || new Date(row.ends_at).getTime() <= now.getTime() ? "closed" : "open";
}

function parseOrganisations(stored: string): OrganisationLabel[] {
  return stored
    .split(",")
    .filter((label): label is OrganisationLabel => (organisationLabels as readonly string[]).includes(label));
}

async function summaries(services: Services, municipalityId: string, rows: SituationTable[]): Promise<SituationSummary[]> {
  if (rows.length === 0) return [];
  const [links, areas] = await Promise.all([
    services.db.selectFrom("situation_wijken").selectAll().where("situation_id", "in", rows.map((r) => r.id)).execute(),
    listAreas(services, municipalityId),
  ]);
  const names = new Map(areas.flatMap((s) => s.wijken.map((w) => [w.id, w.name] as const)));
  const now = services.clock.now();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    state: stateOf(row, now),
    closedAt: row.closed_at,
    organisations: parseOrganisations(row.organisations),
    wijken: links
      .filter((link) => link.situation_id === row.id)
      .map((link) => ({ id: link.wijk_id, name: names.get(link.wijk_id) ?? link.wijk_id }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
  }));
}

/** The wijk an ambassador's organisation is in; ambassadors see situations there only. */
async function ambassadorWijk(services: Services, viewer: Viewer): Promise<string | null> {
  if (!viewer.organisationId) return null;
  const organisation = await getOrganisation(services, viewer.municipalityId, viewer.organisationId);
  return organisation?.wijkId ?? null;
}

/** Staff: every situation of the municipality, newest first. Ambassadors: the open ones for their organisation's wijk. */
export async function listSituations(services: Services, viewer: Viewer): Promise<SituationSummary[]> {
  let query = services.db.selectFrom("situations").selectAll().where("municipality_id", "=", viewer.municipalityId);
  if (viewer.role === "ambassador") {
    const wijk = await ambassadorWijk(services, viewer);
    if (!wijk) return [];
    query = query
      .where("closed_at", "is", null)
      .where("ends_at", ">", services.clock.now().toISOString())
      .where("id", "in", (qb) => qb.selectFrom("situation_wijken").select("situation_id").where("wijk_id", "=", wijk));
  }
  const rows = await query.orderBy("starts_at", "desc").limit(200).execute();
  return summaries(services, viewer.municipalityId, rows);
}

async function findRow(services: Services, viewer: Viewer, id: string): Promise<SituationTable | undefined> {
  return services.db.selectFrom("situations").selectAll().where("municipality_id", "=", viewer.municipalityId).where("id", "=", id).executeTakeFirst();
}

/** One situation as the viewer may see it; undefined when it is not theirs to see. */
export async function getSituationSummary(services: Services, viewer: Viewer, id: string): Promise<SituationSummary | undefined> {
  if (viewer.role === "ambassador") return (await listSituations(services, viewer)).find((s) => s.id === id);
  const row = await findRow(services, viewer, id);
  return row ? (await summaries(services, viewer.municipalityId, [row]))[0] : undefined;
}

/** Staff only: the situation with its log and evaluation. */
export async function getSituationDetail(services: Services, viewer: Viewer, id: string): Promise<SituationDetail | undefined> {
  const row = await findRow(services, viewer, id);
  if (!row) return undefined;
  const [summary] = await summaries(services, viewer.municipalityId, [row]);
  const log = await services.db.selectFrom("situation_log").selectAll().where("situation_id", "=", id).orderBy("created_at", "asc").orderBy("id", "asc").execute();
  return {
    ...summary!,
    log: log.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      checklistItem: entry.checklist_item,
      body: entry.body,
      authorRole: entry.author_role,
      authorOrganisation: entry.author_organisation,
      createdAt: entry.created_at,
    })),
    textErasedAt: row.text_erased_at,
    evaluation:
      row.evaluated_at !== null
        ? {
            whatHappened: row.evaluation_what_happened ?? "",
            interventions: row.evaluation_interventions ?? "",
            differently: row.evaluation_differently ?? "",
            evaluatedAt: row.evaluated_at,
          }
        : null,
  };
}

/** What the open form offers: the municipality's wijken per stadsdeel. */
export async function situationFormContext(services: Services, viewer: Viewer) {
  const areas = await listAreas(services, viewer.municipalityId);
  return { areas: areas.map((s) => ({ id: s.id, name: s.name, wijken: s.wijken.map((w) => ({ id: w.id, name: w.name })) })) };
}

/** A refused attempt, audited with its reason (never the text that was refused). */
export async function recordRefusal(
  services: Services,
  viewer: Viewer,
  action: string,
  reason: string,
  target: { type: string; id: string } | null = null,
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await recordAudit(services, { actor: viewer, action, target, details: { reason, ...details } });
}

export type OpenResult = { ok: true; id: string } | { ok: false; error: "unknown_wijk" } | { ok: false; error: "personal_data"; kinds: PersonalDataKind[] };

export async function openSituation(services: Services, viewer: Viewer, input: SituationInput): Promise<OpenResult> {
  const areas = await listAreas(services, viewer.municipalityId);
  const known = new Set(areas.flatMap((s) => s.wijken.map((w) => w.id)));
  const wijkIds = [...new Set(input.wijkIds)];
  if (wijkIds.some((id) => !known.has(id))) {
    await recordRefusal(services, viewer, "situation.open_refused", "unknown_wijk");
    return { ok: false, error: "unknown_wijk" };
  }
  // The name is read by everyone in the room and on the briefing: like the log, it may not name a person.
  const name = await checkFreeText(services, input.name);
  if (!name.ok) {
    await recordRefusal(services, viewer, "situation.open_refused", "personal_data", undefined, { kinds: name.kinds.join(",") });
    return { ok: false, error: "personal_data", kinds: name.kinds };
  }
  const id = randomUUID();
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("situations")
      .values({
        id,
        municipality_id: viewer.municipalityId,
        name: name.text,
        kind: input.kind,
        starts_at: input.startsAt.toISOString(),
        ends_at: input.endsAt.toISOString(),
        organisations: [...new Set(input.organisations)].join(","),
        closed_at: null,
        evaluation_what_happened: null,
        evaluation_interventions: null,
        evaluation_differently: null,
        evaluated_at: null,
        text_erased_at: null,
        created_by: viewer.id,
        created_at: now,
      })
      .execute();
    await trx.insertInto("situation_wijken").values(wijkIds.map((wijkId) => ({ situation_id: id, wijk_id: wijkId }))).execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "situation.opened", target: { type: "situation", id }, details: { wijken: wijkIds.length } });
  });
  return { ok: true, id };
}

export type ScrubCheck = { ok: true; text: string } | { ok: false; kinds: PersonalDataKind[] };

/** Free text of the situation room: refused outright when the signal scrubber finds personal data in it. */
export async function checkFreeText(services: Services, text: string): Promise<ScrubCheck> {
  const result = scrub(text, await scrubOptions(services, services.municipality));
  if (result.detections.length > 0) return { ok: false, kinds: [...new Set(result.detections.map((d) => d.kind))] };
  return { ok: true, text: result.text };
}

export type ChangeError = "not_found" | "closed" | "open" | "personal_data" | "checklist_unknown" | "signal_unknown";
export type ChangeResult = { ok: true } | { ok: false; error: ChangeError; kinds?: PersonalDataKind[] };

async function refuse(services: Services, viewer: Viewer, action: string, id: string, error: ChangeError, kinds?: PersonalDataKind[]): Promise<ChangeResult> {
  await recordRefusal(services, viewer, action, error, { type: "situation", id }, kinds ? { kinds: kinds.join(",") } : {});
  return kinds ? { ok: false, error, kinds } : { ok: false, error };
}

/** A log entry, its author as role and organisation, audited in the same transaction. */
async function appendLogEntry(
  services: Services,
  viewer: Viewer,
  id: string,
  entry: { kind: SituationLogTable["kind"]; checklistItem: string | null; body: string },
  audit: (entryId: string) => { action: string; details: Record<string, string | number | null> },
): Promise<void> {
  const entryId = randomUUID();
  const { action, details } = audit(entryId);
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("situation_log")
      .values({
        id: entryId,
        situation_id: id,
        kind: entry.kind,
        checklist_item: entry.checklistItem,
        body: entry.body,
        author_role: viewer.role,
        author_organisation: authorOrganisation(viewer.role),
        created_by: viewer.id,
        created_at: services.clock.now().toISOString(),
      })
      .execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action, target: { type: "situation", id }, details });
  });
}

async function writeLog(services: Services, viewer: Viewer, id: string, entry: { kind: SituationLogTable["kind"]; checklistItem: string | null; body: string }, action: string): Promise<ChangeResult> {
  const row = await findRow(services, viewer, id);
  if (!row) return refuse(services, viewer, `${action}_refused`, id, "not_found");
  if (stateOf(row, services.clock.now()) === "closed") return refuse(services, viewer, `${action}_refused`, id, "closed");
  let body = "";
  if (entry.body) {
    const checked = await checkFreeText(services, entry.body);
    if (!checked.ok) return refuse(services, viewer, `${action}_refused`, id, "personal_data", checked.kinds);
    body = checked.text;
  }
  await appendLogEntry(services, viewer, id, { kind: entry.kind, checklistItem: entry.checklistItem, body }, (entryId) => ({
    action,
    details: { entry: entryId, kind: entry.kind, item: entry.checklistItem },
  }));
  return { ok: true };
}

export function addLogEntry(services: Services, viewer: Viewer, id: string, input: { kind: LogKind; body: string }): Promise<ChangeResult> {
  return writeLog(services, viewer, id, { kind: input.kind, checklistItem: null, body: input.body }, "situation.log_added");
}

export async function tickChecklistItem(services: Services, viewer: Viewer, id: string, input: { item: string; body: string }): Promise<ChangeResult> {
  if (!checklistItem(services.situationChecklist, input.item)) return refuse(services, viewer, "situation.checklist_ticked_refused", id, "checklist_unknown");
  return writeLog(services, viewer, id, { kind: "checklist", checklistItem: input.item, body: input.body }, "situation.checklist_ticked");
}

export async function closeSituation(services: Services, viewer: Viewer, id: string): Promise<ChangeResult> {
  const row = await findRow(services, viewer, id);
  if (!row) return refuse(services, viewer, "situation.close_refused", id, "not_found");
  if (row.closed_at !== null) return refuse(services, viewer, "situation.close_refused", id, "closed");
  await services.db.transaction().execute(async (trx) => {
    await trx.updateTable("situations").set({ closed_at: services.clock.now().toISOString() }).where("id", "=", id).execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "situation.closed", target: { type: "situation", id } });
  });
  return { ok: true };
}

export async function saveEvaluation(services: Services, viewer: Viewer, id: string, input: EvaluationInput): Promise<ChangeResult & { field?: keyof EvaluationInput }> {
  const row = await findRow(services, viewer, id);
  if (!row) return refuse(services, viewer, "situation.evaluation_refused", id, "not_found");
  if (stateOf(row, services.clock.now()) === "open") return refuse(services, viewer, "situation.evaluation_refused", id, "open");
  const texts: Partial<EvaluationInput> = {};
  for (const { name: field } of evaluationFields) {
    const checked = await checkFreeText(services, input[field]);
    if (!checked.ok) return { ...(await refuse(services, viewer, "situation.evaluation_refused", id, "personal_data", checked.kinds)), field };
    texts[field] = checked.text;
  }
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("situations")
      .set({
        evaluation_what_happened: texts.whatHappened!,
        evaluation_interventions: texts.interventions!,
        evaluation_differently: texts.differently!,
        evaluated_at: services.clock.now().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "situation.evaluated", target: { type: "situation", id } });
  });
  return { ok: true };
}

// Linked signals: their facts (phenomenon, wijk, urgency, time) come from the
// signals feature's read functions, never the free text.

export interface CandidateSignal {
  id: string;
  phenomenon: string;
  phenomenonLabel: string;
  wijkName: string;
  urgent: boolean;
  receivedAt: string;
}

async function linkedIds(services: Services, situationId: string): Promise<string[]> {
  const rows = await services.db.selectFrom("situation_signals").select("signal_id").where("situation_id", "=", situationId).execute();
  return rows.map((r) => r.signal_id);
}

function toListed(content: HelpContent, signals: readonly SignalFacts[], situation: SituationSummary, language: Language): CandidateSignal[] {
  const names = new Map(situation.wijken.map((w) => [w.id, w.name] as const));
  return signals
    .map((signal) => ({
      id: signal.id,
      phenomenon: signal.phenomenon,
      phenomenonLabel: phenomenonLabel(content, signal.phenomenon, language),
      wijkName: names.get(signal.wijkId) ?? signal.wijkId,
      urgent: signal.urgent,
      receivedAt: signal.receivedAt,
    }))
    .sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.receivedAt.localeCompare(b.receivedAt));
}

/** Signals in the situation's wijken and window not yet linked to it, urgent first: what a coordinator may link. No free text. */
export async function candidateSignals(services: Services, viewer: Viewer, situation: SituationSummary, language: Language): Promise<CandidateSignal[]> {
  if (situation.wijken.length === 0) return [];
  const signals = await signalFactsInWindow(services, viewer.municipalityId, {
    wijkIds: situation.wijken.map((w) => w.id),
    from: situation.startsAt,
    before: situation.endsAt,
    excluding: await linkedIds(services, situation.id),
    limit: 100,
  });
  if (signals.length > 0) {
    await recordAudit(services, { actor: viewer, action: "situation.signals_listed", target: { type: "situation", id: situation.id }, details: { signals: signals.length } });
  }
  return toListed(services.content, signals, situation, language);
}

export async function linkSignal(services: Services, viewer: Viewer, id: string, signalId: string): Promise<ChangeResult> {
  const row = await findRow(services, viewer, id);
  if (!row) return refuse(services, viewer, "situation.signal_link_refused", id, "not_found");
  if (stateOf(row, services.clock.now()) === "closed") return refuse(services, viewer, "situation.signal_link_refused", id, "closed");
  const [signal] = await signalFactsByIds(services, viewer.municipalityId, [signalId]);
  if (!signal) return refuse(services, viewer, "situation.signal_link_refused", id, "signal_unknown");
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("situation_signals")
      .values({ situation_id: id, signal_id: signalId, linked_by: viewer.id, linked_at: services.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(["situation_id", "signal_id"]).doNothing())
      .execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "situation.signal_linked", target: { type: "situation", id }, details: { signal: signalId } });
  });
  return { ok: true };
}

export interface LinkedSignal extends CandidateSignal {}

async function linkedSignalFacts(services: Services, viewer: Viewer, situationId: string): Promise<SignalFacts[]> {
  return signalFactsByIds(services, viewer.municipalityId, await linkedIds(services, situationId));
}

/** The signals linked to the situation, urgent first (coordinators only; no free text). */
export async function linkedSignals(services: Services, viewer: Viewer, situation: SituationSummary, language: Language): Promise<LinkedSignal[]> {
  const signals = await linkedSignalFacts(services, viewer, situation.id);
  if (signals.length > 0) {
    await recordAudit(services, { actor: viewer, action: "situation.linked_signals_listed", target: { type: "situation", id: situation.id }, details: { signals: signals.length } });
  }
  return toListed(services.content, signals, situation, language);
}

/** The protected hourly picture of the linked signals over the situation's window, with its early warnings. */
export async function situationPicture(services: Services, viewer: Viewer, situation: SituationSummary): Promise<SituationPicture> {
  const signals = await linkedSignalFacts(services, viewer, situation.id);
  const hours = hoursOf(situation.startsAt, situation.endsAt);
  const threshold = services.municipality.suppressionThreshold;
  const { picture } = await protectPicture(hours, signals.map(pictureSignal), threshold);
  return { ...picture, warnings: hourlyWarnings(picture, hours, threshold) };
}

export type SituationPicture = Picture & { warnings: ReturnType<typeof hourlyWarnings> };

function pictureSignal(signal: SignalFacts): PictureSignal {
  return { hour: new Date(Math.floor(new Date(signal.receivedAt).getTime() / HOUR_MS) * HOUR_MS).toISOString(), phenomenon: signal.phenomenon, urgent: signal.urgent };
}

// Attaching from the ambassador's signal form: the signal and its link are
// stored in one transaction, so a refused attachment stores no signal either.

export type AttachError = "attach_closed" | "attach_not_yours";

/**
 * The attachment of a new signal to a situation, for the signal form. The
 * situation must be open and concern the ambassador's organisation's wijk;
 * checked in the signal's transaction, on the situation's row itself, so a
 * situation closed at the same moment either gets the signal before it closed
 * or refuses it.
 */
export async function signalAttachment(services: Services, viewer: Viewer, situationId: string, t: TFunction): Promise<SubmissionAttachment> {
  const wijk = viewer.role === "ambassador" ? await ambassadorWijk(services, viewer) : null;
  const refusal = (error: AttachError): AttachmentRefusal => ({
    field: "situationId",
    message: t(error === "attach_closed" ? "situations:public.attach.closed" : "situations:public.attach.not_yours"),
    status: error === "attach_closed" ? 409 : 400,
    reason: error,
  });
  return {
    async inTransaction(trx, signal) {
      if (!wijk || !/^[0-9a-f-]{36}$/i.test(situationId)) return refusal("attach_not_yours");
      const now = services.clock.now().toISOString();
      const inWijk = trx.selectFrom("situation_wijken").select("situation_id").where("wijk_id", "=", wijk);
      // A write that changes nothing, to hold the row until the signal is stored.
      const held = await trx
        .updateTable("situations")
        .set((eb) => ({ name: eb.ref("name") }))
        .where("id", "=", situationId)
        .where("municipality_id", "=", viewer.municipalityId)
        .where("id", "in", inWijk)
        .where("closed_at", "is", null)
        .where("ends_at", ">", now)
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) {
        const known = await trx
          .selectFrom("situations")
          .select("id")
          .where("id", "=", situationId)
          .where("municipality_id", "=", viewer.municipalityId)
          .where("id", "in", inWijk)
          .executeTakeFirst();
        return refusal(known ? "attach_closed" : "attach_not_yours");
      }
      await trx.insertInto("situation_signals").values({ situation_id: situationId, signal_id: signal.id, linked_by: viewer.id, linked_at: now }).execute();
      await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "situation.signal_attached", target: { type: "situation", id: situationId }, details: { signal: signal.id } });
      return null;
    },
    async refused(refused) {
      await recordRefusal(services, viewer, "situation.signal_attach_refused", refused.reason, /^[0-9a-f-]{36}$/i.test(situationId) ? { type: "situation", id: situationId } : null);
    },
  };
}

// A warning to the ambassadors of the situation's wijken, from inside the
// situation: the warnings capability stores and pushes it (and audits it as
// every warning); the situation's log records that it went out.

export async function sendSituationWarning(
  services: AppServices,
  viewer: Viewer,
  id: string,
  input: SituationWarningInput,
): Promise<ChangeResult & { field?: "title" | "body"; queued?: number }> {
  const action = "situation.warning_sent_refused";
  const row = await findRow(services, viewer, id);
  if (!row) return refuse(services, viewer, action, id, "not_found");
  if (stateOf(row, services.clock.now()) === "closed") return refuse(services, viewer, action, id, "closed");
  // Nothing in a situation names a person: the warning's text is refused like a log entry's.
  for (const field of ["title", "body"] as const) {
    const checked = await checkFreeText(services, input[field]);
    if (!checked.ok) return { ...(await refuse(services, viewer, action, id, "personal_data", checked.kinds)), field };
  }
  const [summary] = await summaries(services, viewer.municipalityId, [row]);
  const published = await publishWarning(services, viewer, {
    title: input.title,
    body: input.body,
    phenomenon: input.phenomenon,
    wijkIds: summary!.wijken.map((w) => w.id),
    flowId: null,
    // Until the end of the window, in the municipality's calendar.
    expiresOn: toIsoDate(calendarDateOf(new Date(row.ends_at))),
  });
  if (!published.ok) return refuse(services, viewer, action, id, "not_found");
  await appendLogEntry(services, viewer, id, { kind: "warning", checklistItem: null, body: input.title }, (entryId) => ({
    action: "situation.warning_sent",
    details: { entry: entryId, warning: published.id, devices: published.queued },
  }));
  return { ok: true, queued: published.queued };
}

// The export for the evaluating researchers, after the close: the hourly
// picture as protected on the page ("< t" and "×" as shown, never the value
// behind them) and the log (times, kinds, roles and organisation labels, the
// scrubbed text). CSV, one file each. Never a signal, never a name.

export const exportParts = ["beeld", "logboek"] as const;
export type ExportPart = (typeof exportParts)[number];

export type ExportResult = { ok: true; filename: string; body: string } | { ok: false; error: "not_found" | "open" };

export async function situationExport(services: Services, viewer: Viewer, id: string, part: ExportPart, t: TFunction, language: Language): Promise<ExportResult> {
  const detail = await getSituationDetail(services, viewer, id);
  if (!detail) {
    await recordRefusal(services, viewer, "situation.export_refused", "not_found", { type: "situation", id });
    return { ok: false, error: "not_found" };
  }
  if (detail.state === "open") {
    await recordRefusal(services, viewer, "situation.export_refused", "open", { type: "situation", id });
    return { ok: false, error: "open" };
  }
  const line = (values: readonly string[]) => values.map(csvField).join(";");
  let lines: string[];
  if (part === "beeld") {
    const picture = await situationPicture(services, viewer, detail);
    const hours = hoursOf(detail.startsAt, detail.endsAt);
    const byHour = new Map(picture.rows.map((row) => [row.hour!, row] as const));
    const cell = (shown: PictureCell) => (shown.kind === "count" ? String(shown.value) : shown.kind === "small" ? `< ${shown.threshold}` : "×");
    const zero: PictureCell = { kind: "count", value: 0 };
    const rowCells = (row: PictureRow | undefined) =>
      row ? [cell(row.urgent), cell(row.notUrgent), ...row.phenomena.map(cell), cell(row.total)] : [cell(zero), cell(zero), ...picture.phenomena.map(() => cell(zero)), cell(zero)];
    lines = [
      line([
        t("situations:export.column_hour"),
        t("situations:export.urgent"),
        t("situations:export.not_urgent"),
        ...picture.phenomena.map((p) => phenomenonLabel(services.content, p, language)),
        t("situations:export.all"),
      ]),
      ...hours.map((hour) => line([hour, ...rowCells(byHour.get(hour))])),
      line([t("situations:export.window"), ...rowCells(picture.totals)]),
    ];
  } else {
    lines = [
      line(["time", "kind", "role", "organisation", "item", "text"].map((column) => t(`situations:export.column_${column}`))),
      ...detail.log.map((entry) =>
        line([
          entry.createdAt,
          t(`situations:log.kind.${entry.kind}`),
          t(`situations:log.role.${entry.authorRole}`),
          t(`situations:log.org.${entry.authorOrganisation}`),
          entry.checklistItem ?? "",
          entry.body,
        ]),
      ),
    ];
  }
  await recordAudit(services, { actor: viewer, action: "situation.exported", target: { type: "situation", id }, details: { part } });
  const date = detail.startsAt.slice(0, 10);
  return { ok: true, filename: `situatie-${date}-${id.slice(0, 8)}-${part}.csv`, body: `\uFEFF${lines.join("\r\n")}\r\n` };
}
