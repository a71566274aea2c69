import type { Kysely } from "kysely";

// Coordinators' newsletters to ambassadors (issue 19): the letter, its
// audience (all, or one stadsdeel), and the mails it queued, so that its
// delivery can be counted from the outbox. Pushes are counted by their tag.
// Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("newsletters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    // Null: every ambassador of the municipality.
    .addColumn("stadsdeel_id", "text", (c) => c.references("stadsdelen.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("recipients", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("newsletters_municipality_created").on("newsletters").columns(["municipality_id", "created_at"]).execute();
  await db.schema
    .createTable("newsletter_mails")
    .addColumn("newsletter_id", "text", (c) => c.notNull().references("newsletters.id").onDelete("cascade"))
    .addColumn("mail_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("newsletter_mails_pk", ["newsletter_id", "mail_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("newsletter_mails").execute();
  await db.schema.dropTable("newsletters").execute();
}
