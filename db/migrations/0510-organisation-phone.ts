import type { Kysely } from "kysely";

// A place's own phone number for residents, shown on /ambassadeurs; empty
// when the place has none to give out. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").addColumn("phone", "text", (c) => c.notNull().defaultTo("")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("phone").execute();
}
