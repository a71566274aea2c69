import { randomUUID } from "node:crypto";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import type { Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { listAreas, findWijk } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { listOrganisations, type OrganisationSummary } from "#app/features/organisations/organisations.server.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Database } from "#db/schema.ts";
import type { SignalNoteKind, SignalTable } from "#db/tables/signals.ts";
import { addDays, calendarDateOf, formatCalendarDate, isoWeekOf, parseCalendarDate, type CalendarDate } from "./iso-week.ts";
import { addressedToPolice, type SignalStatus } from "./options.ts";
import type { InboxPeriod, SignalFormInput } from "./schemas.ts";
import { scrubOptionsFor } from "./scrub-options.ts";
import { scrub, type ScrubOptions, type ScrubResult } from "./scrubber.ts";

// Signals from ambassadors to gemeente and police. Every write happens in one
// transaction with its audit row; every read of a single signal is audited.
// Privacy rules 1, 5 and 6 (../shared/DESIGN.md) are enforced here, not in routes.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality">;

/** Today in the municipality, for the form's "this week" and date checks. */
export function today(services: Pick<AppServices, "clock">): CalendarDate {
  return calendarDateOf(services.clock.now());
}

export function isoWeekForChoice(input: Pick<SignalFormInput, "when" | "date">, now: CalendarDate): string {
  if (input.when === "last_week") return isoWeekOf(addDays(now, -7));
  if (input.when === "date" && input.date) return isoWeekOf(parseCalendarDate(input.date) ?? now);
  return isoWeekOf(now);
}

/** What the scrubber keeps in this municipality: its places, organisations and the referral organisations. */
export async function scrubOptions(
  services: Pick<AppServices, "db" | "clock">,
  municipality: { id: string; name: string },
  known: { organisations?: OrganisationSummary[] } = {},
): Promise<Required<ScrubOptions>> {
  const [areas, organisations] = await Promise.all([
    listAreas(services, municipality.id),
    known.organisations ?? listOrganisations(services, municipality.id, { includeArchived: true }),
  ]);
  return scrubOptionsFor(
    {
      municipalityName: municipality.name,
      stadsdeelNames: areas.map((s) => s.name),
      wijkNames: areas.flatMap((s) => s.wijken.map((w) => w.name)),
      organisationNames: organisations.map((o) => o.name),
    },
    calendarDateOf(services.clock.now()).year,
  );
}

export interface SignalFormContext {
  phenomena: { id: string; label: string }[];
  areas: { name: string; wijken: { id: string; name: string }[] }[];
  defaultWijkId: string | null;
  scrubOptions: Required<ScrubOptions>;
  today: string;
  /** A fresh key for this form; the same key on a repeated post means the same signal. */
  idempotencyKey: string;
}

/** What the form needs: phenomena, the municipality's wijken, the organisation's wijk, what the preview keeps. */
export async function signalFormContext(services: Services, viewer: Viewer, language: Language): Promise<SignalFormContext> {
  const [areas, organisations, options] = await Promise.all([
    listAreas(services, viewer.municipalityId),
    listOrganisations(services, viewer.municipalityId),
    scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name }),
  ]);
  const date = today(services);
  return {
    phenomena: activePhenomena.map((p) => ({ id: p.id, label: phenomenonLabel(p.id, language) })),
    areas: areas.map((s) => ({ name: s.name, wijken: s.wijken.map((w) => ({ id: w.id, name: w.name })) })),
    defaultWijkId: organisations.find((o) => o.id === viewer.organisationId)?.wijkId ?? null,
    scrubOptions: options,
    today: formatCalendarDate(date),
    idempotencyKey: randomUUID(),
  };
}

// --- submitting -------------------------------------------------------------

export interface SubmittedSignal {
  id: string;
  status: SignalStatus;
  isoWeek: string;
  receivedAt: string;
}

export type SubmitError =
  | "not_an_ambassador"
  | "organisation_archived"
  | "unknown_wijk"
  | "wijk_other_municipality"
  | "idempotency_key_conflict";

export type SubmitResult =
  | { ok: true; created: boolean; signal: SubmittedSignal }
  | { ok: false; error: SubmitError }
  /** Something was removed that the sender has not seen yet: show them first. */
  | { ok: false; error: "preview_required"; preview: ScrubResult };

/** Which form field a submission error belongs to. */
export const submitErrorField: Record<SubmitError, string | null> = {
  not_an_ambassador: null,
  organisation_archived: null,
  unknown_wijk: "wijkId",
  wijk_other_municipality: "wijkId",
  idempotency_key_conflict: null,
};

/**
 * Stores a signal exactly once per idempotency key. A repeat with the same key
 * by the same sender (double tap, retry, an offline outbox replaying) answers
 * with the signal stored the first time and stores nothing. Only the scrubbed
 * text is stored; the raw text is neither stored nor logged.
 */
export interface SubmitOptions {
  /** More work that must happen once per stored signal, in its transaction (e.g. counting it against a rate limit). */
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>;
}

export async function submitSignal(services: Services, viewer: Viewer, input: SignalFormInput, submitOptions: SubmitOptions = {}): Promise<SubmitResult> {
  if (viewer.role !== "ambassador" || !viewer.organisationId) return { ok: false, error: "not_an_ambassador" };

  // A replay is answered before anything else is checked: the form it came
  // from may be older than today's rules, but the signal was accepted then.
  const existing = await findByIdempotencyKey(services.db, input.idempotencyKey);
  if (existing) return replayResult(existing, viewer);

  const wijk = await findWijk(services, input.wijkId);
  if (!wijk) return { ok: false, error: "unknown_wijk" };
  if (wijk.municipalityId !== viewer.municipalityId) return { ok: false, error: "wijk_other_municipality" };
  const organisations = await listOrganisations(services, viewer.municipalityId, { includeArchived: true });
  const organisation = organisations.find((o) => o.id === viewer.organisationId);
  if (!organisation || organisation.archivedAt) return { ok: false, error: "organisation_archived" };

  const options = await scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name }, { organisations });
  const scrubbed = scrub(input.freeText, options);
  if (scrubbed.text !== input.freeText && scrubbed.text !== (input.confirmedText ?? "")) {
    return { ok: false, error: "preview_required", preview: scrubbed };
  }

  const now = services.clock.now();
  const isoWeek = isoWeekForChoice(input, calendarDateOf(now));
  const row: SignalTable = {
    id: randomUUID(),
    municipality_id: viewer.municipalityId,
    organisation_id: organisation.id,
    created_by: viewer.id,
    idempotency_key: input.idempotencyKey,
    phenomenon: input.phenomenon,
    wijk_id: wijk.id,
    iso_week: isoWeek,
    channel: input.channel,
    target_group: input.targetGroup,
    affected: input.affected,
    outcome: input.outcome,
    urgency: input.urgency,
    recipients: input.recipients,
    free_text: scrubbed.text === "" ? null : scrubbed.text,
    free_text_erased_at: null,
    status: "received",
    seen_at: null,
    handled_at: null,
    forwarded_at: null,
    case_id: null,
    received_at: now.toISOString(),
    updated_at: now.toISOString(),
  };

  const result = await services.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("signals")
      .values(row)
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning(["id"])
      .executeTakeFirst();
    if (!inserted) {
      // Another request with this key won the race; answer with its signal.
      const winner = await findByIdempotencyKey(trx, input.idempotencyKey);
      return winner ? replayResult(winner, viewer) : ({ ok: false, error: "idempotency_key_conflict" } as const);
    }
    // Work that must happen exactly once per signal belongs here, in this
    // transaction: a replay never reaches it.
    await addToRollups(trx, row);
    await submitOptions.alsoInTransaction?.(trx);
    return { ok: true, created: true, signal: summary(row) } as const;
  });
  if (result.ok && result.created) {
    services.log.info("signal received", {
      signalId: result.signal.id,
      phenomenon: row.phenomenon,
      urgency: row.urgency,
      removed: Object.values(scrubbed.counts).reduce((a, b) => a + b, 0),
    });
  }
  return result;
}

async function findByIdempotencyKey(db: Services["db"] | Transaction<Database>, key: string): Promise<SignalTable | undefined> {
  return db.selectFrom("signals").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
}

function replayResult(existing: SignalTable, viewer: Viewer): SubmitResult {
  // A key is a capability only for whoever used it first: anyone else gets an
  // error, never someone else's signal.
  if (existing.created_by !== viewer.id) return { ok: false, error: "idempotency_key_conflict" };
  return { ok: true, created: false, signal: summary(existing) };
}

function summary(row: SignalTable): SubmittedSignal {
  return { id: row.id, status: row.status, isoWeek: row.iso_week, receivedAt: row.received_at };
}

// --- reading ------------------------------------------------------------------

export interface SignalNote {
  id: string;
  kind: SignalNoteKind;
  body: string;
  authorName: string | null;
  authorRole: string;
  createdAt: string;
}

export interface SignalListItem {
  id: string;
  phenomenon: string;
  wijkId: string;
  wijkName: string;
  organisationName: string;
  isoWeek: string;
  channel: SignalTable["channel"];
  urgency: SignalTable["urgency"];
  recipients: SignalTable["recipients"];
  status: SignalStatus;
  receivedAt: string;
  caseTitle: string | null;
}

export interface SignalDetail extends SignalListItem {
  targetGroup: SignalTable["target_group"];
  affected: SignalTable["affected"];
  outcome: SignalTable["outcome"];
  freeText: string | null;
  freeTextErased: boolean;
  seenAt: string | null;
  handledAt: string | null;
  forwardedAt: string | null;
  caseId: string | null;
  notes: SignalNote[];
}

async function nameMaps(services: Pick<AppServices, "db">, municipalityId: string) {
  const [areas, organisations] = await Promise.all([
    listAreas(services, municipalityId),
    listOrganisations(services, municipalityId, { includeArchived: true }),
  ]);
  return {
    wijk: new Map(areas.flatMap((s) => s.wijken.map((w) => [w.id, w.name] as const))),
    organisation: new Map(organisations.map((o) => [o.id, o.name] as const)),
  };
}

type Names = Awaited<ReturnType<typeof nameMaps>>;

function listItem(row: SignalTable, names: Names, caseTitles: Map<string, string>): SignalListItem {
  return {
    id: row.id,
    phenomenon: row.phenomenon,
    wijkId: row.wijk_id,
    wijkName: names.wijk.get(row.wijk_id) ?? row.wijk_id,
    organisationName: names.organisation.get(row.organisation_id) ?? "—",
    isoWeek: row.iso_week,
    channel: row.channel,
    urgency: row.urgency,
    recipients: row.recipients,
    status: row.status,
    receivedAt: row.received_at,
    caseTitle: row.case_id ? (caseTitles.get(row.case_id) ?? null) : null,
  };
}

async function caseTitlesFor(services: Pick<AppServices, "db">, rows: SignalTable[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.case_id).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const cases = await services.db.selectFrom("signal_cases").select(["id", "title"]).where("id", "in", ids).execute();
  return new Map(cases.map((c) => [c.id, c.title]));
}

async function notesFor(services: Pick<AppServices, "db">, signalIds: string[], kinds: SignalNoteKind[]): Promise<Map<string, SignalNote[]>> {
  const byId = new Map<string, SignalNote[]>();
  if (signalIds.length === 0 || kinds.length === 0) return byId;
  const rows = await services.db
    .selectFrom("signal_notes")
    .leftJoin("users", "users.id", "signal_notes.author_id")
    .select([
      "signal_notes.id",
      "signal_notes.signal_id",
      "signal_notes.kind",
      "signal_notes.body",
      "signal_notes.author_role",
      "signal_notes.created_at",
      "users.display_name as author_name",
    ])
    .where("signal_notes.signal_id", "in", signalIds)
    .where("signal_notes.kind", "in", kinds)
    .orderBy("signal_notes.created_at")
    .orderBy("signal_notes.id")
    .execute();
  for (const row of rows) {
    const list = byId.get(row.signal_id) ?? [];
    list.push({ id: row.id, kind: row.kind, body: row.body, authorName: row.author_name, authorRole: row.author_role, createdAt: row.created_at });
    byId.set(row.signal_id, list);
  }
  return byId;
}

export interface OwnSignal extends SignalListItem {
  feedback: SignalNote[];
}

/** "My signals": the ambassador's organisation's signals, newest first, with the gemeente's feedback. */
export async function listOrganisationSignals(services: Services, viewer: Viewer, options: { limit?: number } = {}): Promise<OwnSignal[]> {
  if (viewer.role !== "ambassador" || !viewer.organisationId) return [];
  const rows = await services.db
    .selectFrom("signals")
    .selectAll()
    .where("organisation_id", "=", viewer.organisationId)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(options.limit ?? 100)
    .execute();
  const [names, notes] = await Promise.all([nameMaps(services, viewer.municipalityId), notesFor(services, rows.map((r) => r.id), ["feedback"])]);
  // Phenomenon cases are the gemeente's working files: not shown to ambassadors.
  return rows.map((row) => ({ ...listItem(row, names, new Map()), feedback: notes.get(row.id) ?? [] }));
}

/**
 * The signals this person sent themselves, for their data export: what they
 * chose and typed (the free text as stored, i.e. scrubbed, or null once erased
 * after the retention term), never the gemeente's notes about them.
 */
export async function listOwnSentSignals(services: Pick<AppServices, "db">, viewer: Viewer) {
  const rows = await services.db
    .selectFrom("signals")
    .leftJoin("wijken", "wijken.id", "signals.wijk_id")
    .select([
      "signals.id",
      "signals.received_at",
      "signals.phenomenon",
      "signals.wijk_id",
      "wijken.name as wijk_name",
      "signals.iso_week",
      "signals.channel",
      "signals.target_group",
      "signals.affected",
      "signals.outcome",
      "signals.urgency",
      "signals.recipients",
      "signals.status",
      "signals.free_text",
      "signals.free_text_erased_at",
    ])
    .where("signals.created_by", "=", viewer.id)
    .orderBy("signals.received_at")
    .orderBy("signals.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sentAt: row.received_at,
    phenomenon: row.phenomenon,
    wijk: row.wijk_name ?? row.wijk_id,
    week: row.iso_week,
    channel: row.channel,
    targetGroup: row.target_group,
    affected: row.affected,
    outcome: row.outcome,
    urgency: row.urgency,
    recipients: row.recipients,
    status: row.status,
    freeText: row.free_text,
    freeTextErasedAt: row.free_text_erased_at,
  }));
}

/** Who may see which signals: an ambassador their organisation's, police those addressed to politie. */
type Scope = { kind: "organisation"; organisationId: string } | { kind: "municipality" } | { kind: "police" };

function staffScope(viewer: Viewer): Scope | null {
  if (can(viewer, "signals:triage")) return { kind: "municipality" };
  if (can(viewer, "signals:police")) return { kind: "police" };
  return null;
}

function ambassadorScope(viewer: Viewer): Scope | null {
  return can(viewer, "signals:own") && viewer.organisationId ? { kind: "organisation", organisationId: viewer.organisationId } : null;
}

function inScope(row: SignalTable, viewer: Viewer, scope: Scope): boolean {
  if (row.municipality_id !== viewer.municipalityId) return false;
  if (scope.kind === "organisation") return row.organisation_id === scope.organisationId;
  if (scope.kind === "police") return addressedToPolice(row.recipients);
  return true;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: "not_found" | "forbidden" };

/**
 * One signal for someone allowed to see it, audited as a view. A signal
 * outside the viewer's scope is "forbidden" (and the refusal is audited).
 */
export async function openSignal(services: Services, viewer: Viewer, signalId: string, as: "ambassador" | "staff"): Promise<ReadResult<SignalDetail>> {
  const scope = as === "ambassador" ? ambassadorScope(viewer) : staffScope(viewer);
  if (!scope) return { ok: false, error: "forbidden" };
  const row = await services.db.selectFrom("signals").selectAll().where("id", "=", signalId).executeTakeFirst();
  if (!row || row.municipality_id !== viewer.municipalityId) return { ok: false, error: "not_found" };
  if (!inScope(row, viewer, scope)) {
    await recordAudit(services, { actor: viewer, action: "signal.view_refused", target: { type: "signal", id: row.id } });
    return { ok: false, error: "forbidden" };
  }
  const noteKinds: SignalNoteKind[] = scope.kind === "police" ? ["feedback", "police_note"] : ["feedback"];
  const [names, cases, notes] = await Promise.all([nameMaps(services, viewer.municipalityId), caseTitlesFor(services, [row]), notesFor(services, [row.id], noteKinds)]);
  await recordAudit(services, { actor: viewer, action: "signal.viewed", target: { type: "signal", id: row.id } });
  const value = detail(row, names, cases, notes.get(row.id) ?? []);
  // Phenomenon cases are the gemeente's working files: not shown to ambassadors.
  return { ok: true, value: scope.kind === "organisation" ? { ...value, caseId: null, caseTitle: null } : value };
}

function detail(row: SignalTable, names: Names, cases: Map<string, string>, notes: SignalNote[]): SignalDetail {
  return {
    ...listItem(row, names, cases),
    targetGroup: row.target_group,
    affected: row.affected,
    outcome: row.outcome,
    freeText: row.free_text,
    freeTextErased: row.free_text_erased_at !== null,
    seenAt: row.seen_at,
    handledAt: row.handled_at,
    forwardedAt: row.forwarded_at,
    caseId: row.case_id,
    notes,
  };
}

export interface InboxFilters {
  phenomenon?: string | undefined;
  wijkId?: string | undefined;
  urgency?: SignalTable["urgency"] | undefined;
  status?: SignalStatus | undefined;
  period?: InboxPeriod | undefined;
  page?: number | undefined;
}

export const INBOX_PAGE_SIZE = 50;

const periodWeeks: Record<InboxPeriod, number | null> = { week: 0, "4w": 3, "13w": 12, all: null };

/**
 * The staff inbox: urgent signals that are not handled first, then newest
 * first. Police see only signals addressed to politie. Listing is audited.
 */
export async function listInbox(
  services: Services,
  viewer: Viewer,
  filters: InboxFilters,
): Promise<{ rows: SignalListItem[]; hasMore: boolean; page: number } | null> {
  const scope = staffScope(viewer);
  if (!scope) return null;
  const page = filters.page ?? 1;
  let query = services.db.selectFrom("signals").selectAll().where("municipality_id", "=", viewer.municipalityId);
  if (scope.kind === "police") query = query.where("recipients", "in", ["politie", "both"]);
  if (filters.phenomenon) query = query.where("phenomenon", "=", filters.phenomenon);
  if (filters.wijkId) query = query.where("wijk_id", "=", filters.wijkId);
  if (filters.urgency) query = query.where("urgency", "=", filters.urgency);
  if (filters.status) query = query.where("status", "=", filters.status);
  const weeks = periodWeeks[filters.period ?? "all"];
  // ISO weeks sort as text ("2026-W09" < "2026-W10" < "2027-W01").
  if (weeks !== null) query = query.where("iso_week", ">=", isoWeekOf(addDays(today(services), -7 * weeks)));
  const rows = await query
    .orderBy((eb) => eb.case().when(eb.and([eb("urgency", "=", "urgent"), eb("status", "!=", "handled")])).then(0).else(1).end())
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .execute();
  const visible = rows.slice(0, INBOX_PAGE_SIZE);
  const [names, cases] = await Promise.all([nameMaps(services, viewer.municipalityId), caseTitlesFor(services, visible)]);
  await recordAudit(services, {
    actor: viewer,
    action: "signal.list_viewed",
    details: {
      count: visible.length,
      page,
      phenomenon: filters.phenomenon ?? null,
      wijk: filters.wijkId ?? null,
      urgency: filters.urgency ?? null,
      status: filters.status ?? null,
      period: filters.period ?? null,
    },
  });
  return { rows: visible.map((row) => listItem(row, names, cases)), hasMore: rows.length > INBOX_PAGE_SIZE, page };
}

/** Urgent signals not yet handled, as the viewer's inbox counts them (the navigation badge). */
export async function countUrgentOpen(services: Pick<AppServices, "db">, viewer: Viewer): Promise<number> {
  const scope = staffScope(viewer);
  if (!scope) return 0;
  let query = services.db
    .selectFrom("signals")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("municipality_id", "=", viewer.municipalityId)
    .where("urgency", "=", "urgent")
    .where("status", "!=", "handled");
  if (scope.kind === "police") query = query.where("recipients", "in", ["politie", "both"]);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** Signals like this one (same phenomenon, last eight weeks), to link into a case. */
export async function listSimilarSignals(services: Services, viewer: Viewer, signal: SignalDetail): Promise<SignalListItem[]> {
  if (!can(viewer, "signals:triage")) return [];
  const since = new Date(services.clock.now().getTime() - 56 * 24 * 60 * 60 * 1000).toISOString();
  const rows = await services.db
    .selectFrom("signals")
    .selectAll()
    .where("municipality_id", "=", viewer.municipalityId)
    .where("phenomenon", "=", signal.phenomenon)
    .where("id", "!=", signal.id)
    .where("received_at", ">=", since)
    .orderBy("received_at", "desc")
    .limit(20)
    .execute();
  const [names, cases] = await Promise.all([nameMaps(services, viewer.municipalityId), caseTitlesFor(services, rows)]);
  return rows.filter((row) => !signal.caseId || row.case_id !== signal.caseId).map((row) => listItem(row, names, cases));
}

export interface SignalCase {
  id: string;
  title: string;
  signalCount: number;
}

export async function listCases(services: Pick<AppServices, "db">, municipalityId: string): Promise<SignalCase[]> {
  const rows = await services.db
    .selectFrom("signal_cases")
    .leftJoin("signals", "signals.case_id", "signal_cases.id")
    .select((eb) => ["signal_cases.id", "signal_cases.title", eb.fn.count<number>("signals.id").as("count")])
    .where("signal_cases.municipality_id", "=", municipalityId)
    .groupBy(["signal_cases.id", "signal_cases.title", "signal_cases.created_at"])
    .orderBy("signal_cases.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, signalCount: Number(r.count) }));
}

export async function listCaseSignals(services: Services, viewer: Viewer, caseId: string): Promise<SignalListItem[]> {
  const scope = staffScope(viewer);
  if (!scope) return [];
  let query = services.db.selectFrom("signals").selectAll().where("municipality_id", "=", viewer.municipalityId).where("case_id", "=", caseId);
  if (scope.kind === "police") query = query.where("recipients", "in", ["politie", "both"]);
  const rows = await query.orderBy("received_at", "desc").limit(200).execute();
  const [names, cases] = await Promise.all([nameMaps(services, viewer.municipalityId), caseTitlesFor(services, rows)]);
  return rows.map((row) => listItem(row, names, cases));
}

// --- triage ---------------------------------------------------------------------

export type TriageError = "not_found" | "forbidden" | "unchanged" | "already_to_police" | "unknown_case";
export type TriageResult = { ok: true } | { ok: false; error: TriageError };

/**
 * Loads the signal for a change inside the transaction and checks the
 * viewer may make it; the change and its audit row then commit together.
 */
async function withSignal(
  services: Services,
  viewer: Viewer,
  signalId: string,
  permission: "signals:triage" | "signals:police",
  change: (trx: Transaction<Database>, row: SignalTable, now: string) => Promise<TriageResult>,
): Promise<TriageResult> {
  if (!can(viewer, permission)) return { ok: false, error: "forbidden" };
  const scope = staffScope(viewer);
  if (!scope) return { ok: false, error: "forbidden" };
  return services.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("signals").selectAll().where("id", "=", signalId).executeTakeFirst();
    if (!row || row.municipality_id !== viewer.municipalityId) return { ok: false, error: "not_found" } as const;
    if (!inScope(row, viewer, scope)) return { ok: false, error: "forbidden" } as const;
    return change(trx, row, services.clock.now().toISOString());
  });
}

function audit(trx: Transaction<Database>, services: Services, viewer: Viewer, action: string, signalId: string, details?: Record<string, string | number | boolean | null>) {
  return recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action, target: { type: "signal", id: signalId }, ...(details ? { details } : {}) });
}

async function setStatus(trx: Transaction<Database>, services: Services, viewer: Viewer, row: SignalTable, status: SignalStatus, now: string) {
  await trx
    .updateTable("signals")
    .set({
      status,
      updated_at: now,
      ...(status !== "received" && !row.seen_at ? { seen_at: now } : {}),
      handled_at: status === "handled" ? now : null,
    })
    .where("id", "=", row.id)
    .execute();
  await audit(trx, services, viewer, "signal.status_changed", row.id, { from: row.status, to: status });
}

export function changeStatus(services: Services, viewer: Viewer, signalId: string, status: SignalStatus): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    if (row.status === status) return { ok: false, error: "unchanged" };
    await setStatus(trx, services, viewer, row, status, now);
    return { ok: true };
  });
}

/** Adds politie as a recipient. */
export function forwardToPolice(services: Services, viewer: Viewer, signalId: string): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    if (addressedToPolice(row.recipients)) return { ok: false, error: "already_to_police" };
    await trx.updateTable("signals").set({ recipients: "both", forwarded_at: now, updated_at: now }).where("id", "=", row.id).execute();
    await audit(trx, services, viewer, "signal.forwarded_to_police", row.id);
    return { ok: true };
  });
}

async function scrubNote(services: Services, viewer: Viewer, body: string): Promise<string> {
  return scrub(body, await scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name })).text;
}

/**
 * Feedback to the sending organisation ("thanks — 12 similar signals this
 * week"). Scrubbed like a signal. A received signal counts as seen from then on.
 */
export async function writeFeedback(services: Services, viewer: Viewer, signalId: string, body: string): Promise<TriageResult> {
  const text = await scrubNote(services, viewer, body);
  return withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    await insertNote(trx, row.id, "feedback", viewer, text, now);
    await audit(trx, services, viewer, "signal.feedback_written", row.id);
    if (row.status === "received") await setStatus(trx, services, viewer, row, "seen", now);
    else await trx.updateTable("signals").set({ updated_at: now }).where("id", "=", row.id).execute();
    return { ok: true };
  });
}

/** A police note on a signal addressed to politie; only police read them. */
export async function writePoliceNote(services: Services, viewer: Viewer, signalId: string, body: string): Promise<TriageResult> {
  const text = await scrubNote(services, viewer, body);
  return withSignal(services, viewer, signalId, "signals:police", async (trx, row, now) => {
    await insertNote(trx, row.id, "police_note", viewer, text, now);
    await audit(trx, services, viewer, "signal.police_note_written", row.id);
    return { ok: true };
  });
}

async function insertNote(trx: Transaction<Database>, signalId: string, kind: SignalNoteKind, viewer: Viewer, body: string, now: string) {
  await trx
    .insertInto("signal_notes")
    .values({ id: randomUUID(), signal_id: signalId, kind, author_id: viewer.id, author_role: viewer.role, body, created_at: now })
    .execute();
}

/**
 * Links the signal, and any similar ones chosen with it, to a phenomenon case:
 * an existing one or a new one with a title.
 */
export function linkToCase(
  services: Services,
  viewer: Viewer,
  signalId: string,
  input: { caseId?: string | undefined; caseTitle?: string | undefined; alsoSignalIds: string[] },
): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    let caseId = input.caseId;
    if (caseId) {
      const found = await trx.selectFrom("signal_cases").select("id").where("id", "=", caseId).where("municipality_id", "=", viewer.municipalityId).executeTakeFirst();
      if (!found) return { ok: false, error: "unknown_case" };
    } else {
      caseId = randomUUID();
      await trx
        .insertInto("signal_cases")
        .values({ id: caseId, municipality_id: viewer.municipalityId, title: input.caseTitle!, created_by: viewer.id, created_at: now })
        .execute();
      await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "signal_case.created", target: { type: "signal_case", id: caseId } });
    }
    const others = input.alsoSignalIds.length
      ? await trx
          .selectFrom("signals")
          .select("id")
          .where("id", "in", input.alsoSignalIds)
          .where("municipality_id", "=", viewer.municipalityId)
          .where("id", "!=", row.id)
          .execute()
      : [];
    for (const id of [row.id, ...others.map((o) => o.id)]) {
      await trx.updateTable("signals").set({ case_id: caseId, updated_at: now }).where("id", "=", id).execute();
      await audit(trx, services, viewer, "signal.case_linked", id, { caseId });
    }
    return { ok: true };
  });
}

export function unlinkFromCase(services: Services, viewer: Viewer, signalId: string): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    if (!row.case_id) return { ok: false, error: "unchanged" };
    await trx.updateTable("signals").set({ case_id: null, updated_at: now }).where("id", "=", row.id).execute();
    await audit(trx, services, viewer, "signal.case_unlinked", row.id, { caseId: row.case_id });
    return { ok: true };
  });
}

/** Adds the phenomenon's label in the reader's language (labels are looked up at render time, ids are stored). */
export function withPhenomenonLabel<T extends { phenomenon: string }>(row: T, language: Language): T & { phenomenonLabel: string } {
  return { ...row, phenomenonLabel: phenomenonLabel(row.phenomenon, language) };
}
