import { z } from "zod";

/** A position in WGS84 (EPSG:4326): longitude, latitude. */
const positionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A closed linear ring: at least four positions, the last equal to the first. */
const ringSchema = z
  .array(positionSchema)
  .min(4)
  .refine((ring) => ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1], "a ring must end where it starts");

/** A wijk's boundary as GeoJSON (RFC 7946): a polygon or a multipolygon, outer ring first. */
export const boundarySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(ringSchema).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ringSchema).min(1)).min(1) }),
]);

export type Boundary = z.infer<typeof boundarySchema>;

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
  /** The credit line shown wherever the boundaries or the population figures are shown or exported. */
  credit: z.string().min(1).optional(),
  stadsdelen: z
    .array(
      z.object({
        name: z.string().min(1),
        wijken: z
          .array(
            z.object({
              name: z.string().min(1),
              cbs: z.string().regex(/^WK\d{6}$/).nullable(),
              /** The CBS wijk number (the last two digits of the code), used as the map's key. */
              number: z.number().int().positive().optional(),
              /** Residents (CBS); 0 where (almost) nobody lives — no rate is shown there. */
              population: z.number().int().nonnegative().optional(),
              boundary: boundarySchema.optional(),
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
