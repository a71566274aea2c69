import type { Kysely } from "kysely";
import { isPostgres } from "../connection.ts";

// Conventions for every migration (one set for SQLite and PostgreSQL):
// ids are app-generated text, instants are ISO-8601 text, booleans are
// nullable instants ("deactivated_at") or text states — no dialect-specific types.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("municipalities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("official_name", "text", (c) => c.notNull())
    .addColumn("cbs_code", "text")
    .addColumn("suppression_threshold", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("stadsdelen")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addUniqueConstraint("stadsdelen_municipality_name", ["municipality_id", "name"])
    .execute();

  await db.schema
    .createTable("wijken")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("stadsdeel_id", "text", (c) => c.notNull().references("stadsdelen.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("cbs_code", "text")
    .addColumn("population", "integer")
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addUniqueConstraint("wijken_municipality_name", ["municipality_id", "name"])
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("walk_in_hours", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("language", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_active_at", "text")
    .addColumn("deactivated_at", "text")
    .execute();
  await db.schema.createIndex("users_organisation").on("users").column("organisation_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("device", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("email", "text", (c) => c.notNull())
    // Null for staff invitations (coordinator, police, admin).
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("invitations_organisation").on("invitations").column("organisation_id").execute();

  await db.schema
    .createTable("rate_limit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rate_limit_events_lookup")
    .on("rate_limit_events")
    .columns(["bucket", "key_hash", "occurred_at"])
    .execute();

  const postgres = isPostgres(db);
  await db.schema
    .createTable("audit_events")
    .addColumn("id", postgres ? "serial" : "integer", (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("municipality_id", "text")
    .addColumn("actor_user_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("audit_events_action").on("audit_events").columns(["action", "id"]).execute();
  await db.schema.createIndex("audit_events_actor").on("audit_events").columns(["actor_user_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_events",
    "rate_limit_events",
    "invitations",
    "sessions",
    "users",
    "organisations",
    "wijken",
    "stadsdelen",
    "municipalities",
    "app_settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
