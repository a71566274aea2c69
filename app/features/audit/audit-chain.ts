import { createHash } from "node:crypto";

// The audit log's hash chain (issue 9): each row's hash covers the previous
// row's hash and this row's fields, so changing, removing or reordering a row
// breaks every hash after it. `npm run audit:verify` walks the chain.

export interface ChainedFields {
  occurred_at: string;
  municipality_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
}

export function auditRowHash(previousHash: string | null, row: ChainedFields): string {
  const canonical = JSON.stringify([
    previousHash,
    row.occurred_at,
    row.municipality_id,
    row.actor_user_id,
    row.actor_role,
    row.action,
    row.target_type,
    row.target_id,
    row.details,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
