import { referralOrganisationFileSchema, type ReferralOrganisation } from "#app/features/content/schemas.ts";
import file from "#content/referral-organisations.json" with { type: "json" };

// A copy of the referral organisations made when the app is built, left only
// for the signal scrubber's options (app/features/signals/scrub-options.ts),
// which does not take services.content yet (tests/unit/layering.test.ts lists
// who may still import it). Everything else reads the organisations from
// services.content (app/features/content/).

export type { ReferralOrganisation };

export const referralOrganisations: readonly ReferralOrganisation[] =
  referralOrganisationFileSchema.parse(file).organisations;

/** Every public phone number of a referral organisation, digits only (e.g. "0887867372"). */
export function publicPhoneNumbers(): string[] {
  return referralOrganisations.flatMap((organisation) => organisation.phones.map((phone) => phone.tel));
}
