import { listAreas } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import type { SignalNoteKind, SignalTable } from "#db/tables/signals.ts";
import { addressedToPolice, publicStatus, type SignalStatus } from "./options.ts";
import { ageOf, isOverdue } from "./targets.ts";

// Reading signals: who may see which (scopes), the ambassador's own list, the
// staff inbox and one signal's detail. Every read of a single signal and every
// inbox listing is audited; privacy rules 5 and 6 are enforced here, not in routes.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality">;

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
  caseId: string | null;
  caseTitle: string | null;
  /** Who works on it; staff only (ambassadors never see who at the gemeente or police). */
  assignedTeam: SignalTable["assigned_team"];
  assignedToId: string | null;
  assigneeName: string | null;
  /** The deadline from the urgency's target; overdue once past it while not handled. */
  dueAt: string | null;
  overdue: boolean;
  age: { unit: "hours" | "days"; count: number };
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

export async function nameMaps(services: Pick<AppServices, "db" | "clock">, municipalityId: string) {
  const [areas, organisations, staff] = await Promise.all([
    listAreas(services, municipalityId),
    listOrganisations(services, municipalityId, { includeArchived: true }),
    services.db.selectFrom("users").select(["id", "display_name"]).where("municipality_id", "=", municipalityId).where("role", "!=", "ambassador").execute(),
  ]);
  return {
    areas,
    organisations,
    wijk: new Map(areas.flatMap((s) => s.wijken.map((w) => [w.id, w.name] as const))),
    organisation: new Map(organisations.map((o) => [o.id, o.name] as const)),
    staff: new Map(staff.map((u) => [u.id, u.display_name] as const)),
    /** One "now" for every row of a page, for ages and overdue marks. */
    now: services.clock.now(),
  };
}

export type Names = Awaited<ReturnType<typeof nameMaps>>;

export function listItem(row: SignalTable, names: Names, caseTitles: Map<string, string>): SignalListItem {
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
    caseId: row.case_id,
    caseTitle: row.case_id ? (caseTitles.get(row.case_id) ?? null) : null,
    assignedTeam: row.assigned_team,
    assignedToId: row.assigned_to,
    assigneeName: row.assigned_to ? (names.staff.get(row.assigned_to) ?? null) : null,
    dueAt: row.due_at,
    overdue: isOverdue(row.due_at, row.status, names.now),
    age: ageOf(row.received_at, names.now),
  };
}

export async function caseTitlesFor(services: Pick<AppServices, "db">, rows: SignalTable[]): Promise<Map<string, string>> {
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

/**
 * What the sending organisation sees of a signal: not the gemeente's working
 * files (cases), not who works on it, and the public status only.
 */
function forAmbassador<T extends SignalListItem>(item: T): T {
  return { ...item, status: publicStatus(item.status), caseId: null, caseTitle: null, assignedTeam: null, assignedToId: null, assigneeName: null, dueAt: null, overdue: false };
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
  return rows.map((row) => ({ ...forAmbassador(listItem(row, names, new Map())), feedback: notes.get(row.id) ?? [] }));
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

export function staffScope(viewer: Viewer): Scope | null {
  if (can(viewer, "signals:triage")) return { kind: "municipality" };
  if (can(viewer, "signals:police")) return { kind: "police" };
  return null;
}

function ambassadorScope(viewer: Viewer): Scope | null {
  return can(viewer, "signals:own") && viewer.organisationId ? { kind: "organisation", organisationId: viewer.organisationId } : null;
}

export function inScope(row: SignalTable, viewer: Viewer, scope: Scope): boolean {
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
  // Behind the wall: police notes stay with police unless the officer shared them with the gemeente.
  const noteKinds: SignalNoteKind[] = scope.kind === "police" ? ["feedback", "police_note", "police_shared"] : scope.kind === "municipality" ? ["feedback", "police_shared"] : ["feedback"];
  const [names, cases, notes] = await Promise.all([nameMaps(services, viewer.municipalityId), caseTitlesFor(services, [row]), notesFor(services, [row.id], noteKinds)]);
  await recordAudit(services, { actor: viewer, action: "signal.viewed", target: { type: "signal", id: row.id } });
  const value = detail(row, names, cases, notes.get(row.id) ?? []);
  // Phenomenon cases are the gemeente's working files: not shown to ambassadors.
  return { ok: true, value: scope.kind === "organisation" ? forAmbassador(value) : value };
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

/** Adds the phenomenon's label in the reader's language (labels are looked up at render time, ids are stored). */
export function withPhenomenonLabel<T extends { phenomenon: string }>(content: HelpContent, row: T, language: Language): T & { phenomenonLabel: string } {
  return { ...row, phenomenonLabel: phenomenonLabel(content, row.phenomenon, language) };
}
