import { z } from "zod";
import { languages, type Language } from "#app/i18n/languages.ts";

// The shape of the content in content/: the phenomenon taxonomy, the referral
// organisations, the flows (content/flows/*.json) and the tips
// (content/tips/*.json). Shape only: whether ids resolve, every node is
// reachable and every listed language is really there is checked in
// content.server.ts, which knows all files at once and names the file and
// field of each error.

export const audiences = ["residents", "elderly", "young-people", "entrepreneurs"] as const;
export type Audience = (typeof audiences)[number];

/** How soon a step must be done; the steps of an outcome are ordered now → today → later. */
export const urgencies = ["now", "today", "later"] as const;
export type Urgency = (typeof urgencies)[number];

const text = z.string().trim().min(1, "must not be empty");

/**
 * A text in Dutch and English and optionally the other resident languages. A
 * strict object, so that a misspelt language code ("ua") is an error rather
 * than a translation that silently never shows.
 */
export const translatedTextSchema = z.strictObject({
  nl: text,
  en: text,
  tr: text.optional(),
  ar: text.optional(),
  pl: text.optional(),
  uk: text.optional(),
});
export type TranslatedText = z.infer<typeof translatedTextSchema>;

/** A translated label: Dutch and English, and any of the other languages. */
const labelSchema = z
  .object({ nl: z.string().min(1), en: z.string().min(1) })
  .and(z.partialRecord(z.enum(languages), z.string().min(1)));

/** content/phenomena.json: what flows, tips, signals and the dashboard classify by. Ids are stable; labels are translated. */
export const phenomenonFileSchema = z.object({
  $comment: z.string().optional(),
  phenomena: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/, "ids are lower-case words joined by hyphens"),
        retired: z.boolean().optional(),
        labels: labelSchema,
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "phenomenon ids must be unique"),
});

export type Phenomenon = z.infer<typeof phenomenonFileSchema>["phenomena"][number];

/**
 * content/referral-organisations.json: the organisations residents are referred
 * to, each defined once so an editor corrects a phone number in one place.
 * Flows refer to them by id, tips and translated sentences name their number
 * with a placeholder, and the signal scrubber keeps their public numbers.
 */
export const referralOrganisationFileSchema = z.object({
  $comment: z.string().optional(),
  organisations: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        name: labelSchema,
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
        hours: labelSchema.optional(),
        helpsWith: labelSchema,
        languages: z.array(z.enum(languages)).min(1),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((o) => o.id)).size === list.length, "organisation ids must be unique"),
});

export type ReferralOrganisation = z.infer<typeof referralOrganisationFileSchema>["organisations"][number];

export const contentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and hyphens (they appear in web addresses)")
  .max(60);

const languageListSchema = z
  .array(z.enum(languages))
  .refine((list) => list.includes("nl") && list.includes("en"), "must include at least nl and en")
  .refine((list) => new Set(list).size === list.length, "lists a language twice");

const stepSchema = z.strictObject({
  urgency: z.enum(urgencies),
  text: translatedTextSchema,
  /** Referral organisations by id (content/referral-organisations.json), shown with phone and website. */
  organisations: z.array(contentIdSchema).default([]),
});

const answerSchema = z.strictObject({
  label: translatedTextSchema,
  /** The id of the next question or of an outcome in the same flow. */
  next: contentIdSchema,
});

const questionSchema = z.strictObject({
  id: contentIdSchema,
  text: translatedTextSchema,
  hint: translatedTextSchema.optional(),
  answers: z.array(answerSchema).min(2, "a question needs at least two answers").max(6),
});

const outcomeSchema = z.strictObject({
  id: contentIdSchema,
  title: translatedTextSchema,
  intro: translatedTextSchema.optional(),
  steps: z.array(stepSchema).min(1, "an outcome needs at least one step"),
});

export const flowFileSchema = z.strictObject({
  $comment: z.string().optional(),
  id: contentIdSchema,
  /** Place in the list of flows: lower comes first (the most common situations on top). */
  order: z.number().int().min(0),
  phenomena: z.array(contentIdSchema).min(1),
  audiences: z.array(z.enum(audiences)).min(1),
  /** The languages every text of this flow is written in; other languages see Dutch with a notice. */
  languages: languageListSchema,
  title: translatedTextSchema,
  summary: translatedTextSchema,
  /** Extra words people might type when they search ("sms", "betaald", "link"). */
  keywords: translatedTextSchema,
  start: contentIdSchema,
  questions: z.array(questionSchema).min(1),
  outcomes: z.array(outcomeSchema).min(1),
});

export type Flow = z.infer<typeof flowFileSchema>;
export type FlowQuestion = Flow["questions"][number];
export type FlowOutcome = Flow["outcomes"][number];
export type FlowStep = FlowOutcome["steps"][number];

export const tipSchema = z.strictObject({
  id: contentIdSchema,
  audiences: z.array(z.enum(audiences)).min(1),
  languages: languageListSchema,
  /** The tip itself: one short, actionable sentence. */
  text: translatedTextSchema,
  /** One line: why this helps. */
  why: translatedTextSchema,
  /** A flow for when it already happened. */
  flow: contentIdSchema.optional(),
});

export const tipFileSchema = z.strictObject({
  $comment: z.string().optional(),
  phenomenon: contentIdSchema,
  tips: z.array(tipSchema).min(1),
});

export type Tip = z.infer<typeof tipSchema> & { phenomenon: string };

/** Everything in content/ that help pages, signals and the dashboard use: services.content, read and checked at start. */
export interface HelpContent {
  phenomena: readonly Phenomenon[];
  organisations: readonly ReferralOrganisation[];
  flows: readonly Flow[];
  tips: readonly Tip[];
}

/** Content for residents only in the resident languages: entrepreneurs' content may be Dutch and English only. */
export function requiredLanguages(audienceList: readonly Audience[]): readonly Language[] {
  return audienceList.every((audience) => audience === "entrepreneurs") ? ["nl", "en"] : languages;
}

/** The text in a language, or Dutch when it has none. */
export function inLanguage(value: TranslatedText, language: Language): string {
  return value[language] ?? value.nl;
}

/**
 * Which language to show a piece of content in: the wanted one when the
 * content is complete in it, otherwise Dutch (and the page says so).
 */
export function contentLanguage(available: readonly Language[], wanted: Language): { language: Language; fallback: boolean } {
  return available.includes(wanted) ? { language: wanted, fallback: false } : { language: "nl", fallback: true };
}
