import type { Kysely } from "kysely";

// Who may see that the other side (gemeente or police) is also busy with the
// same phenomenon in the same wijk (app/features/signals/wall.server.ts):
// "none", "gemeente", "police" or "both". A setting of the municipality, beside
// its targets (migration 0212). Portable types only (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipalities").addColumn("signal_wall_indicator", "text", (c) => c.notNull().defaultTo("both")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipalities").dropColumn("signal_wall_indicator").execute();
}
