import type { Kysely } from "kysely";

// Staff who switched off a notification about their signal work
// (app/features/signals/notifications.server.ts): one row per person and
// channel ("assigned_mail", "assigned_push"). Portable types only
// (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("staff_notification_optouts")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("staff_notification_optouts_pk", ["user_id", "channel"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("staff_notification_optouts").execute();
}
