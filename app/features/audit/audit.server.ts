import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "#db/connection.ts";
import { auditHeadAuthentic, auditRowHash, auditRowMac, macMatches, signAuditHead, type AuditHead, type ChainedFields, type ChainState } from "./audit-chain.ts";
import { auditKeyFor, auditKeyToWrite } from "./audit-key.server.ts";
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
  // Fail closed: an unkeyed row would be indistinguishable from one stripped of its MAC.
  const key = auditKeyToWrite(services.db);
  const append = async (db: Kysely<Database> | Transaction<Database>) => {
    if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(db);
    const previous = await db.selectFrom("audit_events").select("hash").orderBy("id", "desc").limit(1).executeTakeFirst();
    const previousHash = previous?.hash ?? null;
    const hash = auditRowHash(previousHash, fields);
    await db
      .insertInto("audit_events")
      .values({ ...fields, previous_hash: previousHash, hash, mac: auditRowMac(key, hash) })
      .execute();
  };
  if (services.db.isTransaction) await append(services.db);
  else await services.db.transaction().execute(append);
}

/** Any fixed number: the advisory lock's name. */
const AUDIT_CHAIN_LOCK = 7_700_001;

export interface ChainProblem {
  /** The row where the chain stops fitting (for a missing tail: the last row the signed head names). */
  id: number;
  reason:
    | "hash_mismatch"
    | "previous_mismatch"
    | "missing_hash"
    | "mac_mismatch"
    | "mac_missing"
    | "head_mismatch"
    | "truncated"
    | "head_not_authentic";
  /** For head problems: the signed head that does not hold. */
  head?: AuditHead;
}

export interface ChainVerification {
  rows: number;
  problem: ChainProblem | null;
  /** The last row's hash. */
  head: string | null;
  lastId: number;
  /** Rows without a MAC: written before audit keys existed (only ever a first stretch of the log). */
  unkeyedRows: number;
  /** Whether MACs were checked (a key was given). */
  keyed: boolean;
  /** How many signed heads were checked. */
  headsChecked: number;
}

/**
 * Walks the chain in id order and returns the first row that does not fit.
 * With the key, every MAC is checked, and rows without one may only come
 * first (before keys existed). With signed heads (from the server log or a
 * backup), the rows each head counted must still be there, ending in the
 * hash it signed, and every row after the earliest head needs a MAC: so
 * removing the last rows, or removing rows and recomputing the chain, shows.
 */
export async function verifyAuditChain(
  services: { db: Kysely<Database> },
  options: { key?: Buffer | undefined; heads?: readonly AuditHead[] } = {},
): Promise<ChainVerification> {
  const key = "key" in options ? options.key : auditKeyFor(services.db);
  const heads = [...(options.heads ?? [])].sort((a, b) => a.rows - b.rows);
  const result: ChainVerification = { rows: 0, problem: null, head: null, lastId: 0, unkeyedRows: 0, keyed: key !== undefined, headsChecked: 0 };
  const fail = (problem: ChainProblem) => ({ ...result, problem });
  for (const head of heads) {
    if (!key || !auditHeadAuthentic(key, head)) return fail({ id: head.lastId, reason: "head_not_authentic", head });
  }
  const firstAnchor = heads[0]?.rows;
  let nextHead = 0;
  // A head of an empty log is trivially still there.
  while (nextHead < heads.length && heads[nextHead]!.rows === 0) {
    nextHead++;
    result.headsChecked++;
  }
  let previousHash: string | null = null;
  let keyedSeen = false;
  let afterId = 0;
  for (;;) {
    const batch = await services.db.selectFrom("audit_events").selectAll().where("id", ">", afterId).orderBy("id").limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      result.rows++;
      afterId = row.id;
      if (!row.hash) return fail({ id: row.id, reason: "missing_hash" });
      if (row.previous_hash !== previousHash) return fail({ id: row.id, reason: "previous_mismatch" });
      if (auditRowHash(previousHash, row) !== row.hash) return fail({ id: row.id, reason: "hash_mismatch" });
      if (row.mac) {
        keyedSeen = true;
        if (key && !macMatches(auditRowMac(key, row.hash), row.mac)) return fail({ id: row.id, reason: "mac_mismatch" });
      } else if (keyedSeen || (firstAnchor !== undefined && result.rows > firstAnchor)) {
        return fail({ id: row.id, reason: "mac_missing" });
      } else {
        result.unkeyedRows++;
      }
      while (nextHead < heads.length && heads[nextHead]!.rows === result.rows) {
        const head = heads[nextHead]!;
        if (head.lastId !== row.id || head.hash !== row.hash) return fail({ id: row.id, reason: "head_mismatch", head });
        nextHead++;
        result.headsChecked++;
      }
      previousHash = row.hash;
      result.head = row.hash;
      result.lastId = row.id;
    }
  }
  if (nextHead < heads.length) {
    const head = heads[heads.length - 1]!;
    return fail({ id: head.lastId, reason: "truncated", head });
  }
  return result;
}

/** How many rows the log has now and its last one, read consistently (audit writers commit in id order). */
export async function readChainState(db: Kysely<Database>): Promise<ChainState> {
  const last = await db.selectFrom("audit_events").select(["id", "hash"]).orderBy("id", "desc").limit(1).executeTakeFirst();
  if (!last) return { rows: 0, lastId: 0, hash: null };
  const count = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("id", "<=", last.id)
    .executeTakeFirstOrThrow();
  return { rows: Number(count.n), lastId: Number(last.id), hash: last.hash };
}

/** The log's current head, signed with this database's audit key. */
export async function signedAuditHead(services: Pick<AppServices, "db" | "clock">, key: Buffer | undefined = auditKeyFor(services.db)): Promise<string> {
  if (!key) throw new Error("No audit key is registered for this database");
  return signAuditHead(key, await readChainState(services.db), services.clock.now());
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
