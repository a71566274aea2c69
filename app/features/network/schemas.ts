import { z } from "zod";
import { MAX_INVITATIONS_AT_ONCE } from "#app/features/auth/schemas.ts";
import { roles } from "#db/tables/auth.ts";
import { parseAddressList } from "./address-list.ts";
import { rosterFilters, trainingFilters } from "./roster-filters.ts";

// Form schemas of the network pages; messages are translation keys.

export const invitationsSchema = z.object({
  emails: z
    .string({ error: "errors.required" })
    .transform((text) => parseAddressList(text))
    .superRefine((list, ctx) => {
      if (list.invalid.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: "network:invitations.errors.invalid_addresses",
          params: { count: list.invalid.length, addresses: list.invalid.join(", ") },
        });
      } else if (list.valid.length === 0) {
        ctx.addIssue({ code: "custom", message: "errors.required" });
      } else if (list.valid.length > MAX_INVITATIONS_AT_ONCE) {
        ctx.addIssue({ code: "custom", message: "network:invitations.errors.too_many", params: { count: MAX_INVITATIONS_AT_ONCE } });
      }
    })
    .transform((list) => list.valid),
  role: z.enum(roles, { error: "errors.invalid_choice" }).default("ambassador"),
  organisationId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || null),
});

export const rosterChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("deactivate"), userId: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("reactivate"), userId: z.string().min(1).max(100) }),
  z.object({
    intent: z.literal("move"),
    userId: z.string().min(1).max(100),
    organisationId: z.string({ error: "network:roster.errors.organisation_required" }).min(1, "network:roster.errors.organisation_required").max(100),
  }),
]);

export const rosterQuerySchema = z.object({
  organisatie: z.string().max(100).optional().catch(undefined),
  toon: z.enum(rosterFilters).optional().catch(undefined),
  training: z.enum(trainingFilters).optional().catch(undefined),
});

export const findAmbassadorQuerySchema = z.object({
  wijk: z.string().max(100).optional().catch(undefined),
  taal: z.string().max(10).optional().catch(undefined),
  // The organisation whose share link the resident followed: its place is shown first.
  via: z.string().max(40).optional().catch(undefined),
});
