import { z } from "zod";
import { isCallableNumber } from "#app/components/ui/ltr-runs.ts";
import { nameField } from "#app/text/name-field.ts";
import { organisationKinds } from "#db/tables/organisations.ts";
import { spokenLanguages } from "./languages.ts";
import { ORGANISATION_CODE_PATTERN } from "./organisation-code.ts";

// Messages are translation keys (see app/forms/parse-form.ts).

const text = (max: number) =>
  z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");

export { ORGANISATION_CODE_PATTERN };

export const organisationSchema = z.object({
  name: nameField(120),
  kind: z.enum(organisationKinds, { error: "errors.invalid_choice" }),
  wijkId: z.string({ error: "network:organisations.errors.wijk_required" }).trim().min(1, "network:organisations.errors.wijk_required").max(100),
  address: text(200),
  walkInHours: text(200),
  phone: z
    .string()
    .trim()
    .max(30, "errors.too_long")
    .refine((value) => value === "" || isCallableNumber(value), "network:organisations.errors.phone_format")
    .default(""),
  languages: z
    .array(z.enum(spokenLanguages, { error: "errors.invalid_choice" }))
    .min(1, "network:organisations.errors.languages_required"),
  description: z.string().trim().max(600, "errors.too_long").default(""),
});

// The field carries the name of the share-link parameter (?via=code).
export const newOrganisationSchema = organisationSchema.extend({
  via: z
    .string()
    .trim()
    .toLowerCase()
    .max(40, "errors.too_long")
    .refine((value) => value === "" || ORGANISATION_CODE_PATTERN.test(value), "network:organisations.errors.code_format")
    .default(""),
});

export type OrganisationInput = z.output<typeof organisationSchema>;
export type NewOrganisationInput = z.output<typeof newOrganisationSchema>;

export const organisationNotices = ["aangemaakt", "opgeslagen", "gearchiveerd", "heropend"] as const;
export const organisationQuerySchema = z.object({ melding: z.enum(organisationNotices).optional().catch(undefined) });

export const organisationListQuerySchema = z.object({ archief: z.enum(["1"]).optional().catch(undefined) });
