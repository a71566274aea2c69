import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { assignSignal, type Assignee } from "./ownership.server.ts";
import { inScope, staffScope } from "./reading.server.ts";
import { changeStatus, linkToCase, writeFeedback, type TriageResult } from "./triage.server.ts";
import { mayTransition, workflowSide } from "./workflow.ts";

// Bulk actions on a selection of inbox signals: mark seen, assign, link into a
// case, close with one response. Two steps: `prepareBulk` checks the selection
// and says how many signals the action will change (the confirmation), then
// `runBulk` does it — all or nothing, in one transaction, through the same
// functions as the single-signal page (the workflow, ownership and audit rules
// apply unchanged). The selection carries each signal's `updated_at` as the
// confirmation showed it: a signal changed since is "changed meanwhile" and
// nothing happens. A selection with a signal the person may not see is refused
// whole, and the refusal is audited.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

export const BULK_MAX = 100;
export const bulkActionKinds = ["seen", "assign", "link", "close"] as const;
export type BulkActionKind = (typeof bulkActionKinds)[number];

export type BulkAction =
  | { kind: "seen" }
  | { kind: "assign"; assignee: Assignee }
  | { kind: "link"; caseId?: string | undefined; caseTitle?: string | undefined }
  | { kind: "close"; response: string };

export type BulkError = "empty" | "too_many" | "not_found" | "forbidden" | "not_allowed" | "changed_meanwhile";
export type BulkRefusal = { ok: false; error: BulkError } | { ok: false; error: "signal_refused"; signalId: string; result: TriageResult & { ok: false } };

export interface BulkPlan {
  ok: true;
  /** Signals the action changes. */
  changes: string[];
  /** Selected signals it leaves as they are (already seen, already handled). */
  unchanged: number;
  /** Each selected signal's updated_at as read now: the confirmation posts it back. */
  versions: Record<string, string>;
}

/** Which permission each action needs (police may mark seen and assign within police). */
function permitted(viewer: Viewer, kind: BulkActionKind): boolean {
  return kind === "seen" || kind === "assign" ? can(viewer, "signals:inbox") : can(viewer, "signals:triage");
}

/** Whether the action changes this signal (or leaves it: seen already, closed already). */
function changes(kind: BulkActionKind, row: SignalTable): boolean {
  if (kind === "seen") return row.status === "received";
  if (kind === "close") return row.status !== "handled";
  return true;
}

async function loadSelection(db: Kysely<Database> | Transaction<Database>, viewer: Viewer, ids: string[]): Promise<{ ok: true; rows: SignalTable[] } | { ok: false; error: BulkError }> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { ok: false, error: "empty" };
  if (unique.length > BULK_MAX) return { ok: false, error: "too_many" };
  const scope = staffScope(viewer);
  if (!scope) return { ok: false, error: "forbidden" };
  const rows = await db.selectFrom("signals").selectAll().where("id", "in", unique).execute();
  const mine = rows.filter((r) => r.municipality_id === viewer.municipalityId);
  if (mine.length !== unique.length) return { ok: false, error: "not_found" };
  if (mine.some((r) => !inScope(r, viewer, scope))) return { ok: false, error: "forbidden" };
  return { ok: true, rows: mine };
}

async function auditRefusal(services: Services, viewer: Viewer, kind: BulkActionKind, count: number, reason: string) {
  await recordAudit(services, { actor: viewer, action: "signal.bulk_refused", details: { action: kind, count, reason } });
}

/** Step one: what the action would do to the selection, for the confirmation. Changes nothing. */
export async function prepareBulk(services: Services, viewer: Viewer, ids: string[], action: BulkAction): Promise<BulkPlan | BulkRefusal> {
  if (!permitted(viewer, action.kind)) {
    await auditRefusal(services, viewer, action.kind, ids.length, "forbidden");
    return { ok: false, error: "forbidden" };
  }
  const selection = await loadSelection(services.db, viewer, ids);
  if (!selection.ok) {
    if (selection.error === "forbidden" || selection.error === "not_found") await auditRefusal(services, viewer, action.kind, ids.length, selection.error);
    return selection;
  }
  const side = workflowSide(viewer)!;
  const target = action.kind === "seen" ? "seen" : action.kind === "close" ? "handled" : null;
  const changing = selection.rows.filter((r) => changes(action.kind, r));
  // Refused up front when the workflow does not allow the step for one of them.
  const refused = target ? changing.find((r) => !mayTransition(side, r.status, target)) : undefined;
  if (refused && target) return { ok: false, error: "signal_refused", signalId: refused.id, result: { ok: false, error: "transition_refused", from: refused.status, to: target } };
  return {
    ok: true,
    changes: changing.map((r) => r.id),
    unchanged: selection.rows.length - changing.length,
    versions: Object.fromEntries(selection.rows.map((r) => [r.id, r.updated_at])),
  };
}

class Abort extends Error {
  readonly refusal: BulkRefusal;
  constructor(refusal: BulkRefusal) {
    super("bulk action aborted");
    this.refusal = refusal;
  }
}

/**
 * Step two: the action on every signal of the selection, in one transaction.
 * `versions` is what the confirmation showed; any difference refuses the whole.
 */
export async function runBulk(services: Services, viewer: Viewer, versions: Record<string, string>, action: BulkAction): Promise<{ ok: true; changed: number } | BulkRefusal> {
  const ids = Object.keys(versions);
  if (!permitted(viewer, action.kind)) {
    await auditRefusal(services, viewer, action.kind, ids.length, "forbidden");
    return { ok: false, error: "forbidden" };
  }
  try {
    const changed = await services.db.transaction().execute(async (trx) => {
      const selection = await loadSelection(trx, viewer, ids);
      if (!selection.ok) throw new Abort(selection);
      if (selection.rows.some((r) => versions[r.id] !== r.updated_at)) throw new Abort({ ok: false, error: "changed_meanwhile" });
      const inTrx: Services = { ...services, db: trx as unknown as Kysely<Database> };
      const changing = selection.rows.filter((r) => changes(action.kind, r));
      const check = (signalId: string, result: TriageResult) => {
        if (!result.ok && result.error !== "unchanged") throw new Abort({ ok: false, error: "signal_refused", signalId, result });
      };
      if (action.kind === "link") {
        const [first, ...rest] = changing;
        if (first) check(first.id, await linkToCase(inTrx, viewer, first.id, { caseId: action.caseId, caseTitle: action.caseTitle, alsoSignalIds: rest.map((r) => r.id) }));
      } else {
        for (const row of changing) {
          if (action.kind === "seen") check(row.id, await changeStatus(inTrx, viewer, row.id, "seen", row.status));
          if (action.kind === "assign") check(row.id, await assignSignal(inTrx, viewer, row.id, action.assignee));
          if (action.kind === "close") {
            check(row.id, await writeFeedback(inTrx, viewer, row.id, action.response));
            const now = await trx.selectFrom("signals").select("status").where("id", "=", row.id).executeTakeFirstOrThrow();
            check(row.id, await changeStatus(inTrx, viewer, row.id, "handled", now.status));
          }
        }
      }
      await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "signal.bulk_action", details: { action: action.kind, selected: ids.length, changed: changing.length } });
      return changing.length;
    });
    return { ok: true, changed };
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    const reason = error.refusal.error === "signal_refused" ? error.refusal.result.error : error.refusal.error;
    await auditRefusal(services, viewer, action.kind, ids.length, reason);
    return error.refusal;
  }
}
