import { z } from "zod";

/** content/areas/<municipality>.json: a municipality's stadsdelen and wijken. */
export const areaFileSchema = z.object({
  municipality: z.object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    officialName: z.string().min(1),
    cbsCode: z.string().regex(/^GM\d{4}$/).nullable(),
    /** Where ambassadors and staff get help with their account (shown when a login is locked). */
    coordinatorContact: z
      .object({
        email: z.email().optional(),
        phone: z.string().regex(/^\+?[0-9][0-9 -]{1,18}[0-9]$/, "a phone number in digits, spaces and hyphens").optional(),
      })
      .optional(),
    /**
     * Whether the public "find an ambassador" page says "gecertificeerd" at a place where a
     * certified ambassador helps (the municipality chooses; off unless set).
     */
    showCertifiedPublicly: z.boolean().optional(),
    /** The municipality's data protection officer, named on the privacy page: an address, a web page, or both. */
    privacyOfficer: z
      .object({
        email: z.email().optional(),
        url: z.url({ protocol: /^https$/ }).optional(),
      })
      .optional(),
  }),
  provenance: z.string().min(1),
  stadsdelen: z
    .array(
      z.object({
        name: z.string().min(1),
        wijken: z
          .array(
            z.object({
              name: z.string().min(1),
              cbs: z.string().regex(/^WK\d{6}$/).nullable(),
              population: z.number().int().positive().optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type AreaFile = z.infer<typeof areaFileSchema>;

export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function stadsdeelId(municipalitySlug: string, name: string): string {
  return `${municipalitySlug}-sd-${slugify(name)}`;
}

export function wijkId(municipalitySlug: string, name: string): string {
  return `${municipalitySlug}-wk-${slugify(name)}`;
}
