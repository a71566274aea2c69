import { publicPhoneNumbers } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import type { ScrubOptions } from "./scrubber.ts";

// What the scrubber must keep, gathered from content and the database: the
// referral organisations' public numbers and addresses, and the names of
// wijken, stadsdelen and organisations (which street and name patterns could
// otherwise take for an address or a person).

export interface PublicNames {
  municipalityName: string;
  stadsdeelNames: readonly string[];
  wijkNames: readonly string[];
  organisationNames: readonly string[];
}

export function scrubOptionsFor(content: HelpContent, names: PublicNames, referenceYear: number): Required<ScrubOptions> {
  const keep = new Set<string>([names.municipalityName, ...names.stadsdeelNames, ...names.organisationNames]);
  for (const wijk of names.wijkNames) {
    keep.add(wijk);
    // "Laakkwartier en Spoorwijk" is two places people name separately; a short
    // part ("Bohemen en Meer en Bos") is a word or a surname on its own.
    for (const part of wijk.split(/,\s*|\s+en\s+/)) if (part.trim().length > 4) keep.add(part.trim());
  }
  for (const organisation of content.organisations) {
    keep.add(organisation.name.nl);
    keep.add(organisation.name.en);
  }
  return {
    publicPhoneNumbers: publicPhoneNumbers(content),
    publicEmailAddresses: content.organisations.flatMap((organisation) => (organisation.email ? [organisation.email] : [])),
    keepTerms: [...keep],
    referenceYear,
  };
}
