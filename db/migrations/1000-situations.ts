import type { Kysely } from "kysely";

// The situation room (issue 18, part 2): an announced disturbance or an event
// with its wijken and time window, a shared log of non-personal observations
// and interventions, the signals a coordinator linked to it, and the
// evaluation afterwards. Nothing here names a person: the log keeps the
// author's role and organisation for display, the account only for the audit.
// Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("situations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    // event | disturbance
    .addColumn("kind", "text", (c) => c.notNull())
    // ISO instants (UTC); the window is whole hours.
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    // Comma-separated labels from a fixed list (features/situations/options.ts), never names.
    .addColumn("organisations", "text", (c) => c.notNull())
    // Set when closed by hand; a situation past its window is closed as well.
    .addColumn("closed_at", "text")
    .addColumn("evaluation_what_happened", "text")
    .addColumn("evaluation_interventions", "text")
    .addColumn("evaluation_differently", "text")
    .addColumn("evaluated_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("situations_municipality").on("situations").columns(["municipality_id", "starts_at"]).execute();

  await db.schema
    .createTable("situation_wijken")
    .addColumn("situation_id", "text", (c) => c.notNull().references("situations.id").onDelete("cascade"))
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addPrimaryKeyConstraint("situation_wijken_pk", ["situation_id", "wijk_id"])
    .execute();
  await db.schema.createIndex("situation_wijken_wijk").on("situation_wijken").column("wijk_id").execute();

  await db.schema
    .createTable("situation_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("situation_id", "text", (c) => c.notNull().references("situations.id").onDelete("cascade"))
    // observation | intervention | checklist
    .addColumn("kind", "text", (c) => c.notNull())
    // The checklist item ticked off (content id), for kind = checklist.
    .addColumn("checklist_item", "text")
    // Scrubbed free text; refused when the scrubber finds personal data.
    .addColumn("body", "text", (c) => c.notNull())
    // What the other party sees: the author's role and organisation label, not the person.
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("author_organisation", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("situation_log_situation").on("situation_log").columns(["situation_id", "created_at"]).execute();

  await db.schema
    .createTable("situation_signals")
    .addColumn("situation_id", "text", (c) => c.notNull().references("situations.id").onDelete("cascade"))
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id").onDelete("cascade"))
    .addColumn("linked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("situation_signals_pk", ["situation_id", "signal_id"])
    .execute();
  await db.schema.createIndex("situation_signals_signal").on("situation_signals").column("signal_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("situation_signals").execute();
  await db.schema.dropTable("situation_log").execute();
  await db.schema.dropTable("situation_wijken").execute();
  await db.schema.dropTable("situations").execute();
}
