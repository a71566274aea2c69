import { z } from "zod";

export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;

export const newsletterFormSchema = z.object({
  subject: z.string({ error: "newsletter:errors.subject_required" }).trim().min(1, "newsletter:errors.subject_required").max(SUBJECT_MAX, "newsletter:errors.subject_too_long"),
  body: z.string({ error: "newsletter:errors.body_required" }).trim().min(1, "newsletter:errors.body_required").max(BODY_MAX, "newsletter:errors.body_too_long"),
  /** "" for every ambassador. */
  stadsdeelId: z.string().max(100).default(""),
});
export type NewsletterForm = z.infer<typeof newsletterFormSchema>;

export const newsletterQuerySchema = z.object({ verstuurd: z.coerce.number().int().min(0).optional().catch(undefined) });
