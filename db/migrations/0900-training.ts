import type { Kysely } from "kysely";

// Training and certification for ambassadors: their attempts at
// the modules in content/training/, each answer, and the certificate that
// passing the basic modules gives. Portable types only (see 0001). A module
// or question is named by its content id: the content is in files, not here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("training_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    // Set when the last question was answered.
    .addColumn("finished_at", "text")
    .addColumn("correct_count", "integer", (c) => c.notNull().defaultTo(0))
    // 1: finished with at least the module's pass score.
    .addColumn("passed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("training_attempts_user_module").on("training_attempts").columns(["user_id", "module_id", "started_at"]).execute();

  await db.schema
    .createTable("training_answers")
    .addColumn("attempt_id", "text", (c) => c.notNull().references("training_attempts.id").onDelete("cascade"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("correct", "integer", (c) => c.notNull())
    .addColumn("answered_at", "text", (c) => c.notNull())
    // One answer per question per attempt: a repeated post (back button, the outbox replaying) changes nothing.
    .addPrimaryKeyConstraint("training_answers_pk", ["attempt_id", "question_id"])
    .execute();

  await db.schema
    .createTable("training_certificates")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("certified_at", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull())
    // When the refresher reminder went out for this validity; cleared when the certificate is renewed.
    .addColumn("reminder_sent_at", "text")
    .execute();
  await db.schema.createIndex("training_certificates_valid_until").on("training_certificates").column("valid_until").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("training_certificates").execute();
  await db.schema.dropTable("training_answers").execute();
  await db.schema.dropTable("training_attempts").execute();
}
