import type { Kysely } from "kysely";

// Each audit row written from now on carries a MAC of its hash, keyed with a
// key that lives outside the database (AUDIT_KEY or APP_SECRET from the
// environment): rows cannot be removed or rewritten and the chain recomputed
// without that key. Rows written before this migration have none; the signed
// heads in the log and in backups cover them (docs/decisions/0722).
// Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("mac", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").dropColumn("mac").execute();
}
