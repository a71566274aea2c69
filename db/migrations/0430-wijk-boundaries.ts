import type { Kysely } from "kysely";

// The CBS 2024 area data (docs/decisions/0410): each wijk keeps its CBS wijk
// number (the map's key) and its boundary as GeoJSON text, and the
// municipality the credit line its area data must be shown with. Written from
// content/areas/<municipality>.json at every start. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("wijken").addColumn("cbs_number", "integer").execute();
  await db.schema.alterTable("wijken").addColumn("boundary", "text").execute();
  await db.schema.alterTable("municipalities").addColumn("area_credit", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipalities").dropColumn("area_credit").execute();
  await db.schema.alterTable("wijken").dropColumn("boundary").execute();
  await db.schema.alterTable("wijken").dropColumn("cbs_number").execute();
}
