import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import type { SignalNoteKind, SignalTable } from "#db/tables/signals.ts";
import { addressedToPolice, type SignalStatus } from "./options.ts";
import { staffScope, inScope } from "./reading.server.ts";
import { allowedTransitions, mayTransition, workflowSide } from "./workflow.ts";
import { scrubOptions } from "./submitting.server.ts";
import { scrub } from "./scrubber.ts";

// Handling a signal: status, forwarding to police, notes and phenomenon cases.
// Every change happens in one transaction with its audit row.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

export type TriageError =
  | "not_found"
  | "forbidden"
  | "unchanged"
  | "already_to_police"
  | "unknown_case"
  | "changed_meanwhile"
  | "assignee_unknown"
  | "assignee_not_allowed"
  | "assignee_cannot_see";
export type TriageResult =
  | { ok: true }
  | { ok: false; error: TriageError }
  /** The workflow does not allow this change for this person (workflow.ts). */
  | { ok: false; error: "transition_refused"; from: SignalStatus; to: SignalStatus };

/**
 * Loads the signal for a change inside the transaction and checks the
 * viewer may make it; the change and its audit row then commit together.
 */
export async function withSignal(
  services: Services,
  viewer: Viewer,
  signalId: string,
  permission: "signals:triage" | "signals:police" | "signals:inbox",
  change: (trx: Transaction<Database>, row: SignalTable, now: string) => Promise<TriageResult>,
): Promise<TriageResult> {
  if (!can(viewer, permission)) return { ok: false, error: "forbidden" };
  const scope = staffScope(viewer);
  if (!scope) return { ok: false, error: "forbidden" };
  const run = async (trx: Transaction<Database>): Promise<TriageResult> => {
    const row = await trx.selectFrom("signals").selectAll().where("id", "=", signalId).executeTakeFirst();
    if (!row || row.municipality_id !== viewer.municipalityId) return { ok: false, error: "not_found" } as const;
    if (!inScope(row, viewer, scope)) return { ok: false, error: "forbidden" } as const;
    return change(trx, row, services.clock.now().toISOString());
  };
  // Inside a caller's transaction (a bulk action: all or nothing) it runs in that one.
  return services.db.isTransaction ? run(services.db as Transaction<Database>) : services.db.transaction().execute(run);
}

export function audit(trx: Transaction<Database>, services: Services, viewer: Viewer, action: string, signalId: string, details?: Record<string, string | number | boolean | null>) {
  return recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action, target: { type: "signal", id: signalId }, ...(details ? { details } : {}) });
}

/**
 * Moves the signal to another status, as the workflow allows. The update only
 * applies while the signal still has the status it was read with, so two
 * people changing it at once (also on two instances) never overwrite each
 * other silently: the second gets "changed_meanwhile".
 */
async function setStatus(trx: Transaction<Database>, services: Services, viewer: Viewer, row: SignalTable, status: SignalStatus, now: string): Promise<TriageResult> {
  const forwarding = status === "forwarded_to_police";
  const updated = await trx
    .updateTable("signals")
    .set({
      status,
      updated_at: now,
      ...(status !== "received" && !row.seen_at ? { seen_at: now } : {}),
      handled_at: status === "handled" ? now : null,
      ...(forwarding ? { forwarded_at: now, ...(addressedToPolice(row.recipients) ? {} : { recipients: "both" as const }) } : {}),
    })
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return { ok: false, error: "changed_meanwhile" };
  await trx
    .insertInto("signal_status_changes")
    .values({ id: randomUUID(), signal_id: row.id, from_status: row.status, to_status: status, actor_id: viewer.id, actor_role: viewer.role, changed_at: now })
    .execute();
  await audit(trx, services, viewer, "signal.status_changed", row.id, { from: row.status, to: status });
  if (forwarding) await audit(trx, services, viewer, "signal.forwarded_to_police", row.id);
  return { ok: true };
}

/** The statuses this person may move a signal in this status to (what the page offers). */
export function nextStatuses(viewer: Viewer, status: SignalStatus): readonly SignalStatus[] {
  const side = workflowSide(viewer);
  return side ? allowedTransitions(side, status) : [];
}

/**
 * A status change by whoever may see the signal, refused (and the refusal
 * audited) unless the workflow allows it for their side. `expected` is the
 * status the person saw: if it changed since, nothing happens.
 */
export function changeStatus(services: Services, viewer: Viewer, signalId: string, status: SignalStatus, expected?: SignalStatus): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:inbox", async (trx, row, now) => {
    if (expected && row.status !== expected) return { ok: false, error: "changed_meanwhile" };
    if (row.status === status) return { ok: false, error: "unchanged" };
    const side = workflowSide(viewer);
    if (!side || !mayTransition(side, row.status, status)) {
      await audit(trx, services, viewer, "signal.status_change_refused", row.id, { from: row.status, to: status });
      return { ok: false, error: "transition_refused", from: row.status, to: status };
    }
    return setStatus(trx, services, viewer, row, status, now);
  });
}

/** Hands the signal to police: the workflow's "forwarded to police", which adds politie as a recipient. */
export function forwardToPolice(services: Services, viewer: Viewer, signalId: string, expected?: SignalStatus): Promise<TriageResult> {
  return changeStatus(services, viewer, signalId, "forwarded_to_police", expected);
}

export async function scrubNote(services: Services, viewer: Viewer, body: string): Promise<string> {
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
    // Someone else moving it on at the same moment is fine: it is seen either way.
    if (row.status === "received") await setStatus(trx, services, viewer, row, "seen", now);
    else await trx.updateTable("signals").set({ updated_at: now }).where("id", "=", row.id).execute();
    return { ok: true };
  });
}

/** A police note on a signal addressed to politie; only police read them. */
export async function writePoliceNote(services: Services, viewer: Viewer, signalId: string, body: string, options: { sharedWithGemeente?: boolean } = {}): Promise<TriageResult> {
  const text = await scrubNote(services, viewer, body);
  const shared = options.sharedWithGemeente === true;
  return withSignal(services, viewer, signalId, "signals:police", async (trx, row, now) => {
    await insertNote(trx, row.id, shared ? "police_shared" : "police_note", viewer, text, now);
    await audit(trx, services, viewer, "signal.police_note_written", row.id, { sharedWithGemeente: shared });
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
      await trx
        .insertInto("signal_case_events")
        .values({ id: randomUUID(), case_id: caseId, kind: "created", body: null, actor_id: viewer.id, actor_role: viewer.role, created_at: now })
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
