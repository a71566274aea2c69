import { sql, type Kysely } from "kysely";

// The dashboard's rollups (db/tables/dashboard.ts), filled from the signals
// already stored. From here on submitSignal adds to them in the same
// transaction as the signal; scripts/rebuild-rollups.ts recomputes them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_rollups")
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("wijk_id", "text", (c) => c.notNull().references("wijken.id"))
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("iso_week", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("target_group", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("signals", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("signal_rollups_pk", ["wijk_id", "phenomenon", "iso_week", "channel", "target_group", "urgency"])
    .execute();
  // The dashboard's one access path: a facet slice over a range of weeks.
  await db.schema
    .createIndex("signal_rollups_slice")
    .on("signal_rollups")
    .columns(["municipality_id", "channel", "target_group", "urgency", "iso_week"])
    .execute();

  await db.schema
    .createTable("signal_organisation_weeks")
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("iso_week", "text", (c) => c.notNull())
    .addColumn("signals", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("signal_organisation_weeks_pk", ["organisation_id", "iso_week"])
    .execute();
  await db.schema
    .createIndex("signal_organisation_weeks_week")
    .on("signal_organisation_weeks")
    .columns(["municipality_id", "iso_week"])
    .execute();

  await backfill(db);
}

/** The same statements as rebuildRollups (app/features/dashboard/rollups.server.ts), frozen here. */
async function backfill(db: Kysely<any>): Promise<void> {
  for (const grouped of facetGroupings()) {
    // PostgreSQL refuses a constant in GROUP BY: group by the real columns only.
    const select = facetColumns.map((column) => (grouped.includes(column) ? sql.ref(column) : sql.lit("*")));
    const groupBy = ["municipality_id", "wijk_id", "phenomenon", "iso_week", ...grouped].map((column) => sql.ref(column));
    await sql`
      insert into signal_rollups (municipality_id, wijk_id, phenomenon, iso_week, channel, target_group, urgency, signals)
      select municipality_id, wijk_id, phenomenon, iso_week, ${sql.join(select)}, count(*)
      from signals
      group by ${sql.join(groupBy)}
    `.execute(db);
  }
  await sql`
    insert into signal_organisation_weeks (municipality_id, organisation_id, iso_week, signals)
    select municipality_id, organisation_id, iso_week, count(*) from signals
    group by municipality_id, organisation_id, iso_week
  `.execute(db);
}

const facetColumns = ["channel", "target_group", "urgency"] as const;

/** The eight subsets of the facet columns. */
function facetGroupings(): string[][] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => facetColumns.filter((_, index) => mask & (1 << index)));
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signal_organisation_weeks").execute();
  await db.schema.dropTable("signal_rollups").execute();
}
