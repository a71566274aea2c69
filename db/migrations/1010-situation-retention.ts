import type { Kysely } from "kysely";

// Situations follow the retention rules: after the retention period their free
// text (log entries, checklist notes, the evaluation) is erased, and this says
// when. The counts (linked signals) stay, as a signal's structured fields do.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("situations").addColumn("text_erased_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("situations").dropColumn("text_erased_at").execute();
}
