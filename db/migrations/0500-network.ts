import type { Kysely } from "kysely";

// The ambassador network: what residents see of an organisation,
// which wijken an ambassador wants warnings for, and the bookkeeping of the
// inactivity check. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  // Comma-separated language codes ("nl,en,tr") and a short public text. Both
  // default to empty so that rows written before this migration stay valid.
  await db.schema
    .alterTable("organisations")
    .addColumn("languages", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("organisations")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  // No rows for a user means "my organisation's wijk"; a saved choice has at
  // least one wijk (switching notifications off is a separate toggle).
  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "wijk_id"])
    .execute();
  await db.schema
    .createIndex("notification_preferences_wijk")
    .on("notification_preferences")
    .column("wijk_id")
    .execute();

  await db.schema
    .createTable("ambassador_inactivity")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    // The inactivity clock restarts here after a reactivation, whatever the last login was.
    .addColumn("counted_from", "text")
    .addColumn("warned_at", "text")
    // Set when the inactivity check switched the account off (not a coordinator).
    .addColumn("deactivated_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ambassador_inactivity").execute();
  await db.schema.dropTable("notification_preferences").execute();
  await db.schema.alterTable("organisations").dropColumn("description").execute();
  await db.schema.alterTable("organisations").dropColumn("languages").execute();
}
