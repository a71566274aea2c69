import { randomUUID } from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import type { SignalCaseEventKind, SignalCaseStatus, SignalCaseTable } from "#db/tables/signals.ts";
import type { SignalStatus } from "./options.ts";
import { parseAssignee, type Assignee } from "./ownership.server.ts";
import { listCaseSignals, type SignalListItem } from "./reading.server.ts";
import { scrubNote } from "./triage.server.ts";
import { workflowSide, type WorkflowSide } from "./workflow.ts";

// Phenomenon cases as pages of their own: a title, an owner (a team or a
// person), open or closed, the linked signals and one timeline of what
// happened — to the case (notes, assignment, closing) and to its signals
// (status changes, feedback). The gemeente's working files ("cases:manage"):
// not shown to ambassadors or police. Every change is audited in its transaction.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

export interface CaseSummary {
  id: string;
  title: string;
  status: SignalCaseStatus;
  ownerTeam: WorkflowSide | null;
  ownerName: string | null;
  signalCount: number;
  createdAt: string;
}

export type TimelineEntry =
  | { kind: "case"; event: SignalCaseEventKind; at: string; actorName: string | null; body: string | null }
  | { kind: "status"; at: string; actorName: string | null; signalId: string; from: SignalStatus; to: SignalStatus }
  | { kind: "feedback"; at: string; actorName: string | null; signalId: string; body: string }
  /** A police note the officer shared with the gemeente. */
  | { kind: "police_shared"; at: string; actorName: string | null; signalId: string; body: string };

export interface CaseDetail extends CaseSummary {
  ownerId: string | null;
  signals: SignalListItem[];
  timeline: TimelineEntry[];
}

export type CaseResult<T> = { ok: true; value: T } | { ok: false; error: "forbidden" | "not_found" | "unchanged" | "changed_meanwhile" | "assignee_unknown" | "assignee_not_allowed" };

async function staffNames(services: Pick<AppServices, "db">, municipalityId: string): Promise<Map<string, string>> {
  const rows = await services.db.selectFrom("users").select(["id", "display_name"]).where("municipality_id", "=", municipalityId).where("role", "!=", "ambassador").execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function listCaseSummaries(services: Pick<AppServices, "db">, viewer: Viewer, filter: { status?: SignalCaseStatus | undefined } = {}): Promise<CaseSummary[] | null> {
  if (!can(viewer, "cases:manage")) return null;
  let query = services.db
    .selectFrom("signal_cases")
    .leftJoin("signals", "signals.case_id", "signal_cases.id")
    .select((eb) => [
      "signal_cases.id",
      "signal_cases.title",
      "signal_cases.status",
      "signal_cases.assigned_team",
      "signal_cases.assigned_to",
      "signal_cases.created_at",
      eb.fn.count<number>("signals.id").as("count"),
    ])
    .where("signal_cases.municipality_id", "=", viewer.municipalityId);
  if (filter.status) query = query.where("signal_cases.status", "=", filter.status);
  const [rows, names] = await Promise.all([
    query
      .groupBy(["signal_cases.id", "signal_cases.title", "signal_cases.status", "signal_cases.assigned_team", "signal_cases.assigned_to", "signal_cases.created_at"])
      .orderBy("signal_cases.created_at", "desc")
      .limit(200)
      .execute(),
    staffNames(services, viewer.municipalityId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    ownerTeam: r.assigned_team,
    ownerName: r.assigned_to ? (names.get(r.assigned_to) ?? null) : null,
    signalCount: Number(r.count),
    createdAt: r.created_at,
  }));
}

/** One case with its signals and timeline, audited as a view. */
export async function openCase(services: Services, viewer: Viewer, caseId: string): Promise<CaseResult<CaseDetail>> {
  if (!can(viewer, "cases:manage")) return { ok: false, error: "forbidden" };
  const row = await services.db.selectFrom("signal_cases").selectAll().where("id", "=", caseId).executeTakeFirst();
  if (!row || row.municipality_id !== viewer.municipalityId) return { ok: false, error: "not_found" };
  const [signals, names, events] = await Promise.all([
    listCaseSignals(services, viewer, caseId),
    staffNames(services, viewer.municipalityId),
    services.db.selectFrom("signal_case_events").selectAll().where("case_id", "=", caseId).execute(),
  ]);
  const ids = signals.map((s) => s.id);
  const [changes, feedback] = ids.length
    ? await Promise.all([
        services.db.selectFrom("signal_status_changes").selectAll().where("signal_id", "in", ids).execute(),
        // Police notes stay with police unless the officer shared them with the gemeente.
        services.db.selectFrom("signal_notes").selectAll().where("signal_id", "in", ids).where("kind", "in", ["feedback", "police_shared"]).execute(),
      ])
    : [[], []];
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const timeline: TimelineEntry[] = [
    ...events.map((e): TimelineEntry => ({ kind: "case", event: e.kind, at: e.created_at, actorName: name(e.actor_id), body: e.kind === "assigned" ? assigneeLabel(e.body, names) : e.body })),
    ...changes.map((c): TimelineEntry => ({ kind: "status", at: c.changed_at, actorName: name(c.actor_id), signalId: c.signal_id, from: c.from_status, to: c.to_status })),
    ...feedback.map((n): TimelineEntry => ({ kind: n.kind === "police_shared" ? "police_shared" : "feedback", at: n.created_at, actorName: name(n.author_id), signalId: n.signal_id, body: n.body })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  await recordAudit(services, { actor: viewer, action: "signal_case.viewed", target: { type: "signal_case", id: caseId } });
  return {
    ok: true,
    value: {
      id: row.id,
      title: row.title,
      status: row.status,
      ownerTeam: row.assigned_team,
      ownerId: row.assigned_to,
      ownerName: name(row.assigned_to),
      signalCount: signals.length,
      createdAt: row.created_at,
      signals,
      timeline,
    },
  };
}

/** For the timeline: "team:police" stays a code the page translates; a person becomes their name. */
function assigneeLabel(body: string | null, names: Map<string, string>): string | null {
  const assignee = body ? parseAssignee(body) : null;
  if (assignee?.kind === "person") return `person:${names.get(assignee.userId) ?? ""}`;
  return body;
}

async function withCase(
  services: Services,
  viewer: Viewer,
  caseId: string,
  change: (trx: Transaction<Database>, row: Selectable<SignalCaseTable>, now: string) => Promise<CaseResult<null>>,
): Promise<CaseResult<null>> {
  if (!can(viewer, "cases:manage")) return { ok: false, error: "forbidden" };
  return services.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("signal_cases").selectAll().where("id", "=", caseId).executeTakeFirst();
    if (!row || row.municipality_id !== viewer.municipalityId) return { ok: false, error: "not_found" } as const;
    return change(trx, row, services.clock.now().toISOString());
  });
}

async function caseEvent(trx: Transaction<Database>, services: Services, viewer: Viewer, caseId: string, kind: SignalCaseEventKind, now: string, body: string | null = null) {
  await trx.insertInto("signal_case_events").values({ id: randomUUID(), case_id: caseId, kind, body, actor_id: viewer.id, actor_role: viewer.role, created_at: now }).execute();
  await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: `signal_case.${kind}`, target: { type: "signal_case", id: caseId }, ...(kind === "assigned" ? { details: { to: body } } : {}) });
}

/** Closes or reopens the case; `expected` is the status the page showed. */
export function setCaseStatus(services: Services, viewer: Viewer, caseId: string, status: SignalCaseStatus, expected?: SignalCaseStatus): Promise<CaseResult<null>> {
  return withCase(services, viewer, caseId, async (trx, row, now) => {
    if (expected && row.status !== expected) return { ok: false, error: "changed_meanwhile" };
    if (row.status === status) return { ok: false, error: "unchanged" };
    const updated = await trx.updateTable("signal_cases").set({ status }).where("id", "=", row.id).where("status", "=", row.status).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, error: "changed_meanwhile" };
    await caseEvent(trx, services, viewer, row.id, status === "closed" ? "closed" : "reopened", now);
    return { ok: true, value: null };
  });
}

/** A note on the case, scrubbed like every note. */
export async function writeCaseNote(services: Services, viewer: Viewer, caseId: string, body: string): Promise<CaseResult<null>> {
  const text = await scrubNote(services, viewer, body);
  return withCase(services, viewer, caseId, async (trx, row, now) => {
    await caseEvent(trx, services, viewer, row.id, "note", now, text);
    return { ok: true, value: null };
  });
}

/** The case's owner: a gemeente team or person (cases are the gemeente's files), or nobody. */
export function assignCase(services: Services, viewer: Viewer, caseId: string, assignee: Assignee): Promise<CaseResult<null>> {
  return withCase(services, viewer, caseId, async (trx, row, now) => {
    let team: WorkflowSide | null = null;
    let person: string | null = null;
    if (assignee.kind === "team") team = assignee.team;
    if (assignee.kind === "person") {
      const target = await trx.selectFrom("users").select(["role", "deactivated_at"]).where("id", "=", assignee.userId).where("municipality_id", "=", viewer.municipalityId).executeTakeFirst();
      team = target && target.deactivated_at === null ? workflowSide({ role: target.role }) : null;
      if (!team) return { ok: false, error: "assignee_unknown" };
      person = assignee.userId;
    }
    if (team === "police") {
      await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "signal_case.assignment_refused", target: { type: "signal_case", id: row.id }, details: { team, person } });
      return { ok: false, error: "assignee_not_allowed" };
    }
    if (row.assigned_team === team && row.assigned_to === person) return { ok: false, error: "unchanged" };
    await trx.updateTable("signal_cases").set({ assigned_team: team, assigned_to: person }).where("id", "=", row.id).execute();
    await caseEvent(trx, services, viewer, row.id, "assigned", now, assignee.kind === "person" ? `person:${assignee.userId}` : assignee.kind === "team" ? `team:${assignee.team}` : "nobody");
    return { ok: true, value: null };
  });
}
