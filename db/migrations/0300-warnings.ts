import type { Kysely } from "kysely";

// Warnings to ambassadors and push notifications: the warnings a
// coordinator publishes, the push subscriptions of people's devices, and the
// queue of pushes still to deliver. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("warnings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("flow_id", "text")
    // The last day (Europe/Amsterdam) on which the warning shows.
    .addColumn("expires_on", "text", (c) => c.notNull())
    // Kept when the account goes: the warning belongs to the municipality.
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("warnings_current").on("warnings").columns(["municipality_id", "expires_on"]).execute();

  await db.schema
    .createTable("warning_wijken")
    .addColumn("warning_id", "text", (c) => c.notNull().references("warnings.id").onDelete("cascade"))
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addPrimaryKeyConstraint("warning_wijken_pk", ["warning_id", "wijk_id"])
    .execute();
  await db.schema.createIndex("warning_wijken_wijk").on("warning_wijken").column("wijk_id").execute();

  // One row per device that opted in; removed when the push service says it is gone (404/410).
  await db.schema
    .createTable("push_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("endpoint", "text", (c) => c.notNull().unique())
    .addColumn("p256dh", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("push_subscriptions_user").on("push_subscriptions").column("user_id").execute();

  // The delivery queue. A row outlives its subscription (subscription_id set
  // null, status "gone") so that a warning's counts stay whole.
  await db.schema
    .createTable("push_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subscription_id", "text", (c) => c.references("push_subscriptions.id").onDelete("set null"))
    .addColumn("warning_id", "text", (c) => c.references("warnings.id").onDelete("cascade"))
    // The notification as JSON: title, body, url, tag. Never a signal's free text.
    .addColumn("payload", "text", (c) => c.notNull())
    // pending | delivered | gone | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema.createIndex("push_deliveries_due").on("push_deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("push_deliveries_warning").on("push_deliveries").column("warning_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("push_deliveries").execute();
  await db.schema.dropTable("push_subscriptions").execute();
  await db.schema.dropTable("warning_wijken").execute();
  await db.schema.dropTable("warnings").execute();
}
