import type { Kysely } from "kysely";

// Outgoing e-mail: every mail is first written to this outbox, in
// the transaction that causes it, and a background worker delivers it over
// SMTP. See docs/decisions/0800. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    // What the mail is for (invitation, password_reset, …): for the mailbox page and the logs.
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    // The sender's display name; the address comes from MAIL_FROM when it is sent.
    .addColumn("from_name", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // Null once erased (retention, or at delivery for a mail that carries a key).
    .addColumn("text_body", "text")
    .addColumn("html_body", "text")
    // 1: the mail holds a link that works as a key (a password reset); its bodies are erased once delivered.
    .addColumn("carries_key", "integer", (c) => c.notNull().defaultTo(0))
    // The Message-ID header, fixed when queued: a retry is recognisably the same mail.
    .addColumn("message_id", "text", (c) => c.notNull())
    // pending | sent | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // When the next attempt is due; a claim moves it a lease ahead.
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("erased_at", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_due").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("mail_outbox_created").on("mail_outbox").column("created_at").execute();

  // A password reset link's token is shown only in the mail; the database keeps its SHA-256.
  await db.schema
    .createTable("password_reset_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("password_reset_tokens_user").on("password_reset_tokens").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_reset_tokens").execute();
  await db.schema.dropTable("mail_outbox").execute();
}
