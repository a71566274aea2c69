import type { Generated } from "kysely";

export const organisationKinds = [
  "library",
  "sports_club",
  "business_association",
  "community_centre",
  "other",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export interface OrganisationTable {
  id: string;
  municipality_id: string;
  name: string;
  kind: OrganisationKind;
  wijk_id: string;
  address: string;
  walk_in_hours: string;
  /** Short public code carried in share links (?via=code) to count referral reach. */
  code: string;
  /** Languages spoken at the walk-in, as comma-separated codes ("nl,en,tr"); see features/organisations/languages.ts. */
  languages: Generated<string>;
  /** A phone number residents may call, as the place writes it ("070-353 30 00"); may be empty. */
  phone: Generated<string>;
  /** A short public text for residents; may be empty. */
  description: Generated<string>;
  created_at: string;
  archived_at: string | null;
}

export interface OrganisationTables {
  organisations: OrganisationTable;
}
