import { sql, type Kysely } from "kysely";

// The signal workflow (app/features/signals/workflow.ts): every status change
// is kept as a row (the timeline of a signal and of its case), and signals a
// coordinator forwarded before the workflow existed get the status that says
// so. Portable types only (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_status_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id").onDelete("cascade"))
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signal_status_changes_signal").on("signal_status_changes").columns(["signal_id", "changed_at"]).execute();

  // Before the workflow a forwarded signal kept "received" or "seen"; now
  // forwarding is a status. Handled signals stay handled.
  await sql`update signals set status = 'forwarded_to_police' where forwarded_at is not null and status in ('received', 'seen')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update signals set status = 'seen' where status in ('in_progress', 'forwarded_to_police', 'reopened')`.execute(db);
  await db.schema.dropTable("signal_status_changes").execute();
}
