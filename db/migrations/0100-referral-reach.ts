import type { Kysely } from "kysely";

// Referral reach: one counter per flow or tip × organisation × ISO
// week. The primary key is what the counter increments on conflict.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("referral_visits")
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("iso_week", "text", (c) => c.notNull())
    .addColumn("visits", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("referral_visits_pk", ["target_kind", "target_id", "organisation_id", "iso_week"])
    .execute();
  await db.schema.createIndex("referral_visits_organisation_week").on("referral_visits").columns(["organisation_id", "iso_week"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("referral_visits").execute();
}
