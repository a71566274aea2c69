import type { AppServices } from "#app/services.server.ts";

// Reading the stored visit counters (referral_visits) for the published
// figures: per target ("flow:<id>" or "tip:<id>"), organisation and week.

export interface StoredVisits {
  target: string;
  organisation: string;
  week: string;
  visits: number;
}

export async function readVisits(services: Pick<AppServices, "db">, organisationIds: readonly string[], weeks: { first: string; last: string }): Promise<StoredVisits[]> {
  if (organisationIds.length === 0) return [];
  const rows = await services.db
    .selectFrom("referral_visits")
    .select(["target_kind", "target_id", "organisation_id", "iso_week", "visits"])
    .where("organisation_id", "in", [...organisationIds])
    .where("iso_week", ">=", weeks.first)
    .where("iso_week", "<=", weeks.last)
    .execute();
  return rows.map((r) => ({ target: `${r.target_kind}:${r.target_id}`, organisation: r.organisation_id, week: r.iso_week, visits: Number(r.visits) }));
}
