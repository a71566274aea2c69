import type { Kysely } from "kysely";

// The daily digest of overdue and new signals to each team
// (app/features/signals/digest.server.ts): one row per municipality, team and
// day claims that day's digest, so it goes out once however many instances
// run the job; and the staff who switched it off. Portable types only
// (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_digests")
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id").onDelete("cascade"))
    .addColumn("team", "text", (c) => c.notNull())
    // The calendar day in the municipality's time zone, "2026-12-07".
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("overdue", "integer", (c) => c.notNull())
    .addColumn("new", "integer", (c) => c.notNull())
    .addColumn("recipients", "integer", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("signal_digests_pk", ["municipality_id", "team", "day"])
    .execute();
  await db.schema
    .createTable("signal_digest_optouts")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signal_digest_optouts").execute();
  await db.schema.dropTable("signal_digests").execute();
}
