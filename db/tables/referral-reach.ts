export const referralTargetKinds = ["flow", "tip"] as const;
export type ReferralTargetKind = (typeof referralTargetKinds)[number];

/**
 * Visits that came through an organisation's share link (?via=<code>), one
 * counter per flow or tip, per organisation, per ISO week — nothing about the
 * visitor: no address, no user agent, no cookie, no time of day (privacy rule 3).
 */
export interface ReferralVisitTable {
  target_kind: ReferralTargetKind;
  /** A flow id (content/flows/<id>.json) or a tip id. */
  target_id: string;
  organisation_id: string;
  /** ISO 8601 week in the Netherlands' time zone, e.g. "2026-W48". */
  iso_week: string;
  visits: number;
}

export interface ReferralReachTables {
  referral_visits: ReferralVisitTable;
}
