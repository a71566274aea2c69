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
}

export interface AuditTables {
  audit_events: AuditEventTable;
}
