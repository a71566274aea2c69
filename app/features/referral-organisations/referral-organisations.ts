import { z } from "zod";
import { languages } from "#app/i18n/languages.ts";
import file from "#content/referral-organisations.json" with { type: "json" };

// The organisations residents are referred to (content/referral-organisations.json),
// each defined once so an editor corrects a phone number in one place. Flows
// refer to them by id; the signal scrubber keeps their public numbers.

const translated = z
  .object({ nl: z.string().min(1), en: z.string().min(1) })
  .and(z.partialRecord(z.enum(languages), z.string().min(1)));

export const referralOrganisationFileSchema = z.object({
  $comment: z.string().optional(),
  organisations: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        name: translated,
        phones: z.array(
          z.object({
            /** As people read it: "088-786 73 72". */
            display: z.string().regex(/^[0-9][0-9 -]{1,18}[0-9]$/, "a phone number in digits, spaces and hyphens"),
            /** Digits only, for the tel: link. */
            tel: z.string().regex(/^\+?[0-9]{3,15}$/, "digits only, optionally with a leading +"),
          }),
        ),
        website: z.url({ protocol: /^https$/ }).optional(),
        email: z.email().optional(),
        hours: translated.optional(),
        helpsWith: translated,
        languages: z.array(z.enum(languages)).min(1),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((o) => o.id)).size === list.length, "organisation ids must be unique"),
});

export type ReferralOrganisation = z.infer<typeof referralOrganisationFileSchema>["organisations"][number];

export const referralOrganisations: readonly ReferralOrganisation[] =
  referralOrganisationFileSchema.parse(file).organisations;

/** Every public phone number of a referral organisation, digits only (e.g. "0887867372"). */
export function publicPhoneNumbers(): string[] {
  return referralOrganisations.flatMap((organisation) => organisation.phones.map((phone) => phone.tel));
}
