import type { Kysely } from "kysely";

// The ambassadors' anonymous questionnaire (issue 19, decision 0903). No
// table holds an answer next to a person: who took part is a flag without
// answers or time (so nobody answers twice), and the answers exist only as
// running totals per question and option (and per answer to the grouping
// question). There is no answer row whose order, id or time could be lined
// up with a participant row. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("questionnaire_participants")
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("questionnaire_participants_pk", ["questionnaire_id", "user_id"])
    .execute();
  await db.schema
    .createTable("questionnaire_group_sizes")
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    // The respondents' answer to the grouping question ("" when there is none).
    .addColumn("group_option", "text", (c) => c.notNull())
    .addColumn("respondents", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("questionnaire_group_sizes_pk", ["questionnaire_id", "group_option"])
    .execute();
  await db.schema
    .createTable("questionnaire_tallies")
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("group_option", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("answers", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("questionnaire_tallies_pk", ["questionnaire_id", "group_option", "question_id", "option_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("questionnaire_tallies").execute();
  await db.schema.dropTable("questionnaire_group_sizes").execute();
  await db.schema.dropTable("questionnaire_participants").execute();
}
