import type { Kysely } from "kysely";
import { shiftWeek } from "#app/calendar/iso-week.ts";
import type { Database } from "#db/schema.ts";
import type { ReferralTargetKind } from "#db/tables/referral-reach.ts";
import { seededRandom } from "./synthetic-signals.ts";

// Synthetic referral reach for the demo: visits through the organisations'
// share links, per flow or tip and week, as the counter would have stored
// them. Most organisations share a few flows now and then, so many weekly
// counts are small — what the protection of /bereik and the dashboard has to
// deal with. Deterministic for a given seed.

export interface SyntheticReachOptions {
  organisationIds: readonly string[];
  targets: readonly { kind: ReferralTargetKind; id: string }[];
  /** The last week to fill (inclusive). */
  endWeek: string;
  weeks: number;
  seed?: number;
}

export async function insertSyntheticReach(db: Kysely<Database>, options: SyntheticReachOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 11);
  const rows: { target_kind: ReferralTargetKind; target_id: string; organisation_id: string; iso_week: string; visits: number }[] = [];
  for (const organisationId of options.organisationIds) {
    // Each organisation shares a handful of targets, some often, some rarely.
    const shared = options.targets.filter(() => random() < 0.35);
    for (const target of shared) {
      const often = random() < 0.3;
      for (let i = 0; i < options.weeks; i++) {
        if (random() > (often ? 0.7 : 0.25)) continue;
        const visits = often ? 1 + Math.floor(random() * 12) : 1 + Math.floor(random() * 3);
        rows.push({ target_kind: target.kind, target_id: target.id, organisation_id: organisationId, iso_week: shiftWeek(options.endWeek, -i), visits });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto("referral_visits").values(rows.slice(i, i + 500)).execute();
  return rows.length;
}
