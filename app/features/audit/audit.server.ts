import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "#db/connection.ts";
import { auditRowHash, type ChainedFields } from "./audit-chain.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";

// Append-only: this module inserts and reads, nothing updates or deletes.
// Details carry identifiers and outcomes, never personal data of residents.

export interface AuditActor {
  id: string;
  role: string;
  municipalityId?: string | null;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: string;
  target?: { type: string; id: string } | null;
  details?: Record<string, string | number | boolean | null>;
  municipalityId?: string | null;
}

export async function recordAudit(
  services: Pick<AppServices, "clock"> & { db: Kysely<Database> | Transaction<Database> },
  entry: AuditEntry,
): Promise<void> {
  const fields: ChainedFields = {
    occurred_at: services.clock.now().toISOString(),
    municipality_id: entry.municipalityId ?? entry.actor?.municipalityId ?? null,
    actor_user_id: entry.actor?.id ?? null,
    actor_role: entry.actor?.role ?? null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  // The chain needs "the last row" to stay the last until this one is in: on
  // PostgreSQL a transaction-scoped advisory lock serialises audit writers
  // (SQLite serialises every write already). Held until the surrounding
  // transaction commits, so an audit row and the change it records stay one.
  const append = async (db: Kysely<Database> | Transaction<Database>) => {
    if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(db);
    const previous = await db.selectFrom("audit_events").select("hash").orderBy("id", "desc").limit(1).executeTakeFirst();
    const previousHash = previous?.hash ?? null;
    await db
      .insertInto("audit_events")
      .values({ ...fields, previous_hash: previousHash, hash: auditRowHash(previousHash, fields) })
      .execute();
  };
  if (services.db.isTransaction) await append(services.db);
  else await services.db.transaction().execute(append);
}

/** Any fixed number: the advisory lock's name. */
const AUDIT_CHAIN_LOCK = 7_700_001;

export interface ChainProblem {
  id: number;
  reason: "hash_mismatch" | "previous_mismatch" | "missing_hash";
}

/** Walks the chain in id order; the first row that does not fit, or null when all do. */
export async function verifyAuditChain(services: { db: Kysely<Database> }): Promise<{ rows: number; problem: ChainProblem | null; head: string | null }> {
  let previousHash: string | null = null;
  let rows = 0;
  let afterId = 0;
  for (;;) {
    const batch = await services.db.selectFrom("audit_events").selectAll().where("id", ">", afterId).orderBy("id").limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      rows++;
      afterId = row.id;
      if (!row.hash) return { rows, problem: { id: row.id, reason: "missing_hash" }, head: previousHash };
      if (row.previous_hash !== previousHash) return { rows, problem: { id: row.id, reason: "previous_mismatch" }, head: previousHash };
      if (auditRowHash(previousHash, row) !== row.hash) return { rows, problem: { id: row.id, reason: "hash_mismatch" }, head: previousHash };
      previousHash = row.hash;
    }
  }
  return { rows, problem: null, head: previousHash };
}

export interface AuditQuery {
  municipalityId: string;
  action?: string | undefined;
  actorId?: string | undefined;
  /** Show events with an id below this (the next page). */
  beforeId?: number | undefined;
  pageSize?: number;
}

export interface AuditRow {
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export async function listAuditEvents(
  services: Pick<AppServices, "db">,
  query: AuditQuery,
): Promise<{ rows: AuditRow[]; nextBeforeId: number | null }> {
  const pageSize = query.pageSize ?? 50;
  let q = services.db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_user_id")
    .select([
      "audit_events.id",
      "audit_events.occurred_at",
      "audit_events.actor_user_id",
      "audit_events.actor_role",
      "audit_events.action",
      "audit_events.target_type",
      "audit_events.target_id",
      "audit_events.details",
      "users.display_name as actor_name",
    ])
    .where((eb) =>
      eb.or([eb("audit_events.municipality_id", "=", query.municipalityId), eb("audit_events.municipality_id", "is", null)]),
    )
    .orderBy("audit_events.id", "desc")
    .limit(pageSize + 1);
  if (query.action) q = q.where("audit_events.action", "=", query.action);
  if (query.actorId) q = q.where("audit_events.actor_user_id", "=", query.actorId);
  if (query.beforeId) q = q.where("audit_events.id", "<", query.beforeId);
  const rows = await q.execute();
  const page = rows.slice(0, pageSize);
  return {
    rows: page.map((row) => ({
      id: Number(row.id),
      occurredAt: row.occurred_at,
      actorId: row.actor_user_id,
      actorName: row.actor_name,
      actorRole: row.actor_role,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: safeJson(row.details),
    })),
    nextBeforeId: rows.length > pageSize ? Number(page[page.length - 1]!.id) : null,
  };
}

export async function listAuditActions(services: Pick<AppServices, "db">, municipalityId: string): Promise<string[]> {
  const rows = await services.db
    .selectFrom("audit_events")
    .select("action")
    .distinct()
    .where((eb) => eb.or([eb("municipality_id", "=", municipalityId), eb("municipality_id", "is", null)]))
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}

/** What a person did, by action and time only: targets and details may name other people. */
export async function listActionsByActor(
  services: Pick<AppServices, "db">,
  actorId: string,
): Promise<{ action: string; occurredAt: string }[]> {
  const rows = await services.db
    .selectFrom("audit_events")
    .select(["action", "occurred_at"])
    .where("actor_user_id", "=", actorId)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ action: row.action, occurredAt: row.occurred_at }));
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
