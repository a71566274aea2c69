import { z } from "zod";

// The coordinator's warning form. Messages are translation keys.

export const TITLE_MAX = 80;
export const BODY_MAX = 400;

export function warningFormSchema(options: { today: string; phenomenonIds: readonly string[]; flowIds: readonly string[] }) {
  return z.object({
    title: z.string({ error: "warnings:errors.title_required" }).trim().min(1, "warnings:errors.title_required").max(TITLE_MAX, "warnings:errors.title_too_long"),
    body: z.string({ error: "warnings:errors.body_required" }).trim().min(1, "warnings:errors.body_required").max(BODY_MAX, "warnings:errors.body_too_long"),
    phenomenon: z
      .string({ error: "warnings:errors.phenomenon_required" })
      .min(1, "warnings:errors.phenomenon_required")
      .refine((id) => options.phenomenonIds.includes(id), "warnings:errors.phenomenon_required"),
    wijkIds: z.array(z.string()).min(1, "warnings:errors.wijken_required"),
    flowId: z
      .string()
      .optional()
      .transform((id) => (id ? id : null))
      .refine((id) => id === null || options.flowIds.includes(id), "warnings:errors.unknown_flow"),
    expiresOn: z
      .string({ error: "warnings:errors.expiry_required" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "warnings:errors.expiry_required")
      .refine((date) => date >= options.today, "warnings:errors.expiry_past"),
  });
}

export type WarningInput = z.infer<ReturnType<typeof warningFormSchema>>;

export const warningsQuerySchema = z.object({ gepubliceerd: z.uuid().optional().catch(undefined), telefoons: z.coerce.number().int().min(0).optional().catch(undefined) });

const base64url = /^[A-Za-z0-9_-]+=*$/;
export const subscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(1000),
  keys: z.object({
    p256dh: z.string().regex(base64url).min(80).max(100),
    auth: z.string().regex(base64url).min(16).max(30),
  }),
});
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

/** What a browser posts to /push-abonnement: its subscription, or the endpoint it gives up. */
export const pushSubscriptionBodySchema = z.union([
  subscriptionSchema.extend({ intent: z.literal("subscribe").optional() }),
  z.object({ intent: z.literal("unsubscribe"), endpoint: z.string().max(1000) }),
]);
