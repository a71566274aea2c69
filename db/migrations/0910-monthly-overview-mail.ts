import type { Kysely } from "kysely";

// The monthly overview by e-mail (issue 19), for those who chose it: who
// chose it, and which month's mail went to whom, so that each goes out once
// however many instances run the job. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("monthly_overview_subscribers")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("monthly_overview_mails")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // YYYY-MM: the month the overview is about.
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("queued_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("monthly_overview_mails_pk", ["user_id", "month"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("monthly_overview_mails").execute();
  await db.schema.dropTable("monthly_overview_subscribers").execute();
}
