import type { Kysely } from "kysely";

// Published dashboard figures (docs/decisions/0403). A signal keeps the week
// it is counted in (the week it happened, or the week it arrived when that
// week's figures were already published); the rollups count by it. Each
// publication of a municipality's ISO year is stored whole, with the state of
// every cell, so the next one keeps what was shown shown and what was hidden
// hidden. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signals").addColumn("counted_week", "text").execute();
  await db.schema
    .createTable("dashboard_publications")
    .addColumn("municipality_id", "text", (c) => c.notNull())
    .addColumn("iso_year", "integer", (c) => c.notNull())
    // The last week included: the publication covers the year's weeks up to it.
    .addColumn("through_week", "text", (c) => c.notNull())
    .addColumn("threshold", "integer", (c) => c.notNull())
    // JSON: { keys: string[], values: number[], states: number[] } — never sent to a browser as such.
    .addColumn("cells", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dashboard_publications_pk", ["municipality_id", "iso_year", "through_week"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dashboard_publications").execute();
  await db.schema.alterTable("signals").dropColumn("counted_week").execute();
}
