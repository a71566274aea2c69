import type { Kysely } from "kysely";

// Responses to the ambassador who sent a signal, written from a checked
// template (content/response-templates.json), and what the sender thought of
// them (docs/decisions/0230). Whether a response was rated is a flag without
// the answer; the answers exist only as running totals per template and
// phenomenon, so no row holds a person's "helpful" or "not helpful".
// Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("signal_id", "text", (c) => c.notNull().references("signals.id").onDelete("cascade"))
    .addColumn("municipality_id", "text", (c) => c.notNull())
    .addColumn("template_id", "text", (c) => c.notNull())
    // The signal's phenomenon when the response was sent: the key of the totals.
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    // Scrubbed like a signal's text before it is stored.
    .addColumn("body", "text", (c) => c.notNull())
    // 0: the template's own text, shown to each reader in their language; 1: edited by staff, shown as written.
    .addColumn("edited", "integer", (c) => c.notNull())
    // Who sent the signal, copied when the response is sent: the one who is told and may rate it.
    .addColumn("sender_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Rendered into the form: a form sent twice (a double tap, a resend) makes one response.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    // That the sender answered "was this helpful?" (0/1) — never what they answered.
    .addColumn("rated", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("signal_responses_signal_idx").on("signal_responses").columns(["signal_id", "created_at"]).execute();
  await db.schema
    .createTable("signal_response_ratings")
    .addColumn("municipality_id", "text", (c) => c.notNull())
    .addColumn("template_id", "text", (c) => c.notNull())
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("helpful", "integer", (c) => c.notNull())
    .addColumn("not_helpful", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("signal_response_ratings_pk", ["municipality_id", "template_id", "phenomenon"])
    .execute();
  // Ambassadors who asked for an e-mail when one of their signals gets a response (push needs no extra choice).
  await db.schema
    .createTable("signal_response_mail_optins")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signal_response_mail_optins").execute();
  await db.schema.dropTable("signal_response_ratings").execute();
  await db.schema.dropTable("signal_responses").execute();
}
