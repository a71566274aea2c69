import type { Kysely } from "kysely";

// What happened to a phenomenon case itself (created, a note, assigned,
// closed, reopened), for its timeline beside the linked signals' status
// changes and feedback. Portable types only (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_case_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("signal_cases.id").onDelete("cascade"))
    // created | note | assigned | closed | reopened
    .addColumn("kind", "text", (c) => c.notNull())
    // The note (scrubbed), or for an assignment who it went to.
    .addColumn("body", "text")
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signal_case_events_case").on("signal_case_events").columns(["case_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signal_case_events").execute();
}
