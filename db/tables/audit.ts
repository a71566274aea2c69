import type { Generated } from "kysely";

export interface AuditEventTable {
  /** Insertion order; the log is append-only. */
  id: Generated<number>;
  occurred_at: string;
  municipality_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object with context; never personal data of residents. */
  details: string;
  /** The previous row's hash (null for the first row): the chain npm run audit:verify checks. */
  previous_hash: string | null;
  /** SHA-256 over previous_hash and this row's fields. */
  hash: string | null;
  /** HMAC-SHA-256 of hash with the audit key (outside the database); null on rows from before keys. */
  mac: string | null;
}

export interface AuditTables {
  audit_events: AuditEventTable;
}
