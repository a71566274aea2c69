import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "#db/schema.ts";
import { ANY } from "#db/tables/dashboard.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { countedWeek } from "#app/features/publication/counting.ts";

// The dashboard's aggregates (db/tables/dashboard.ts). addToRollups runs in
// the transaction that stores a signal, so a signal and its counts are
// written together or not at all; rebuildRollups recomputes everything from
// the signals (after a bulk load, or to check the running counts).

type Db = Kysely<Database> | Transaction<Database>;

export const facetColumns = ["channel", "target_group", "urgency"] as const;
export type FacetColumn = (typeof facetColumns)[number];

/** The eight subsets of the facet columns: each a way a signal is counted. */
export function facetGroupings(): FacetColumn[][] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => facetColumns.filter((_, index) => mask & (1 << index)));
}

type RollupSource = Pick<SignalTable, "municipality_id" | "organisation_id" | "wijk_id" | "phenomenon" | "iso_week" | "counted_week" | "received_at" | "channel" | "target_group" | "urgency">;

/** Counts one new signal in the week it is counted in: eight rollup rows and its organisation's week. */
export async function addToRollups(db: Db, signal: RollupSource): Promise<void> {
  const week = signal.counted_week ?? countedWeek(signal.iso_week, signal.received_at);
  const rows = facetGroupings().map((grouped) => ({
    municipality_id: signal.municipality_id,
    wijk_id: signal.wijk_id,
    phenomenon: signal.phenomenon,
    iso_week: week,
    channel: grouped.includes("channel") ? signal.channel : ANY,
    target_group: grouped.includes("target_group") ? signal.target_group : ANY,
    urgency: grouped.includes("urgency") ? signal.urgency : ANY,
    signals: 1,
  }));
  await db
    .insertInto("signal_rollups")
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(["wijk_id", "phenomenon", "iso_week", "channel", "target_group", "urgency"])
        .doUpdateSet((eb) => ({ signals: eb("signal_rollups.signals", "+", 1) })),
    )
    .execute();
  await db
    .insertInto("signal_organisation_weeks")
    .values({ municipality_id: signal.municipality_id, organisation_id: signal.organisation_id, iso_week: week, signals: 1 })
    .onConflict((oc) => oc.columns(["organisation_id", "iso_week"]).doUpdateSet((eb) => ({ signals: eb("signal_organisation_weeks.signals", "+", 1) })))
    .execute();
}

/** Recomputes every rollup from the stored signals, in one transaction. */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("signal_rollups").execute();
    await trx.deleteFrom("signal_organisation_weeks").execute();
    for (const grouped of facetGroupings()) {
      // PostgreSQL refuses a constant in GROUP BY: group by the real columns only.
      const select = facetColumns.map((column) => (grouped.includes(column) ? sql.ref(column) : sql.lit(ANY)));
      const groupBy = [sql.ref("municipality_id"), sql.ref("wijk_id"), sql.ref("phenomenon"), sql`coalesce(counted_week, iso_week)`, ...grouped.map((column) => sql.ref(column))];
      await sql`
        insert into signal_rollups (municipality_id, wijk_id, phenomenon, iso_week, channel, target_group, urgency, signals)
        select municipality_id, wijk_id, phenomenon, coalesce(counted_week, iso_week), ${sql.join(select)}, count(*)
        from signals
        group by ${sql.join(groupBy)}
      `.execute(trx);
    }
    await sql`
      insert into signal_organisation_weeks (municipality_id, organisation_id, iso_week, signals)
      select municipality_id, organisation_id, coalesce(counted_week, iso_week), count(*) from signals
      group by municipality_id, organisation_id, coalesce(counted_week, iso_week)
    `.execute(trx);
  });
}

export interface SliceFilter {
  channel?: string | undefined;
  targetGroup?: string | undefined;
  urgency?: string | undefined;
}

export interface RollupCount {
  wijkId: string;
  phenomenon: string;
  week: string;
  signals: number;
}

/** One facet slice over the given weeks: a row per wijk × phenomenon × week with signals. */
export async function readSlice(
  db: Kysely<Database>,
  municipalityId: string,
  filter: SliceFilter,
  weeks: { from: string; to: string },
): Promise<RollupCount[]> {
  const rows = await db
    .selectFrom("signal_rollups")
    .select(["wijk_id", "phenomenon", "iso_week", "signals"])
    .where("municipality_id", "=", municipalityId)
    .where("channel", "=", filter.channel ?? ANY)
    .where("target_group", "=", filter.targetGroup ?? ANY)
    .where("urgency", "=", filter.urgency ?? ANY)
    .where("iso_week", ">=", weeks.from)
    .where("iso_week", "<=", weeks.to)
    .execute();
  return rows.map((row) => ({ wijkId: row.wijk_id, phenomenon: row.phenomenon, week: row.iso_week, signals: Number(row.signals) }));
}

/** Signals per organisation over the given weeks. */
export async function readOrganisationCounts(
  db: Kysely<Database>,
  municipalityId: string,
  weeks: { from: string; to: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("signal_organisation_weeks")
    .select(["organisation_id", (eb) => eb.fn.sum<number | string>("signals").as("signals")])
    .where("municipality_id", "=", municipalityId)
    .where("iso_week", ">=", weeks.from)
    .where("iso_week", "<=", weeks.to)
    .groupBy("organisation_id")
    .execute();
  return new Map(rows.map((row) => [row.organisation_id, Number(row.signals)]));
}

/**
 * One facet split into its values, the other facets "any": a row per value ×
 * wijk × phenomenon × week, for protecting the values together (disclosure.ts).
 */
export async function readFacetSplit(
  db: Kysely<Database>,
  municipalityId: string,
  facet: FacetColumn,
  values: readonly string[],
  weeks: { from: string; to: string },
): Promise<(RollupCount & { value: string })[]> {
  let query = db
    .selectFrom("signal_rollups")
    .select(["wijk_id", "phenomenon", "iso_week", "signals", facet])
    .where("municipality_id", "=", municipalityId)
    .where("iso_week", ">=", weeks.from)
    .where("iso_week", "<=", weeks.to);
  // "in" the known values, not "!= '*'": each value is then an index probe of its own slice,
  // where "!=" would scan every rollup row of the municipality (and grow with the signals).
  for (const column of facetColumns) query = column === facet ? query.where(column, "in", [...values]) : query.where(column, "=", ANY);
  const rows = await query.execute();
  return rows.map((row) => ({
    wijkId: row.wijk_id,
    phenomenon: row.phenomenon,
    week: row.iso_week,
    signals: Number(row.signals),
    value: (row as Record<FacetColumn, string>)[facet],
  }));
}
