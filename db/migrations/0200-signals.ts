import type { Kysely } from "kysely";

// Signals, phenomenon cases and notes (see db/tables/signals.ts). Portable
// types only (docs/decisions/0002): text ids and instants, text states.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signal_cases_municipality").on("signal_cases").columns(["municipality_id", "created_at"]).execute();

  await db.schema
    .createTable("signals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    // An ambassador may delete their account: their signals stay, anonymised.
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addColumn("iso_week", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("target_group", "text", (c) => c.notNull())
    .addColumn("affected", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("recipients", "text", (c) => c.notNull())
    .addColumn("free_text", "text")
    .addColumn("free_text_erased_at", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("seen_at", "text")
    .addColumn("handled_at", "text")
    .addColumn("forwarded_at", "text")
    .addColumn("case_id", "text", (c) => c.references("signal_cases.id").onDelete("set null"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("signals_idempotency_key", ["idempotency_key"])
    .execute();
  await db.schema.createIndex("signals_municipality_received").on("signals").columns(["municipality_id", "received_at"]).execute();
  await db.schema.createIndex("signals_organisation_received").on("signals").columns(["organisation_id", "received_at"]).execute();
  await db.schema.createIndex("signals_open_urgent").on("signals").columns(["municipality_id", "urgency", "status"]).execute();
  await db.schema.createIndex("signals_case").on("signals").column("case_id").execute();
  await db.schema.createIndex("signals_created_by").on("signals").column("created_by").execute();

  await db.schema
    .createTable("signal_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("signal_notes_signal").on("signal_notes").columns(["signal_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signal_notes").execute();
  await db.schema.dropTable("signals").execute();
  await db.schema.dropTable("signal_cases").execute();
}
