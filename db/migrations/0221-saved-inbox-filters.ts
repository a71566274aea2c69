import type { Kysely } from "kysely";

// A person's saved inbox filters: a name and the inbox's query string
// (app/features/signals/saved-filters.server.ts). Portable types only
// (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("saved_inbox_filters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saved_inbox_filters_user").on("saved_inbox_filters").columns(["user_id", "name"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saved_inbox_filters").execute();
}
