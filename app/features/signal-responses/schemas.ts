import { z } from "zod";
import { normaliseText } from "#app/features/signals/schemas.ts";
import { languages } from "#app/i18n/languages.ts";
import { RESPONSE_MAX_LENGTH } from "./options.ts";

// The forms of responses: staff sending one, the sender rating it, the
// sender's choice of e-mail. Messages are translation keys (responses namespace).

const templateId = z.string({ error: "responses:staff.errors.template_required" }).min(1, "responses:staff.errors.template_required").max(60, "responses:staff.errors.unknown_template");

/** Step one (a GET form, so it works without JavaScript): which template, in which language. */
export const templatePickSchema = z.object({
  sjabloon: templateId,
  taal: z.enum(languages, { error: "responses:staff.errors.unknown_language" }),
});

export const responseSchema = z.object({
  /** Rendered into the form by the server: the same form sent twice makes one response. */
  key: z.string({ error: "responses:staff.errors.form_expired" }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "responses:staff.errors.form_expired"),
  templateId,
  language: z.enum(languages, { error: "responses:staff.errors.unknown_language" }),
  body: z
    .string({ error: "responses:staff.errors.body_required" })
    .transform(normaliseText)
    .pipe(z.string().min(1, "responses:staff.errors.body_required").max(RESPONSE_MAX_LENGTH, "responses:staff.errors.body_too_long")),
});

export const rateSchema = z.object({
  responseId: z.string({ error: "responses:errors.rating_required" }).min(1, "responses:errors.rating_required").max(60, "responses:errors.rating_required"),
  helpful: z.enum(["yes", "no"], { error: "responses:errors.rating_required" }),
});

export const mailChoiceSchema = z.object({ mail: z.literal("on").optional().catch(undefined) });
