import { z } from "zod";
import { contentIdSchema, translatedTextSchema, type TranslatedText } from "#app/features/content/schemas.ts";
import { languages, type Language } from "#app/i18n/languages.ts";

// The shape of a training module in content/training/<id>.json. Shape only:
// whether ids resolve (the right answer among the options, referral
// organisations, help flows) and whether every language is really there is
// checked in training-content.server.ts, which names the file and the field.

/** Ambassadors read in all six languages, so every module is written in all six. */
export const trainingLanguages: readonly Language[] = languages;

const optionSchema = z.strictObject({
  id: contentIdSchema,
  label: translatedTextSchema,
});

const questionSchema = z.strictObject({
  id: contentIdSchema,
  text: translatedTextSchema,
  options: z.array(optionSchema).min(2, "a question needs at least two options").max(5),
  /** The id of the right option. */
  answer: contentIdSchema.optional(),
  /** Shown after the ambassador answered, right or wrong: why this is the answer. */
  explanation: translatedTextSchema,
});

export const trainingModuleSchema = z.strictObject({
  $comment: z.string().optional(),
  id: contentIdSchema,
  /** Place in the list: lower comes first. */
  order: z.number().int().min(0),
  /** Basic modules together make an ambassador "gecertificeerd". */
  basic: z.boolean(),
  /** How many questions must be answered right to pass. */
  passScore: z.number().int().min(1),
  languages: z.array(z.enum(languages)),
  title: translatedTextSchema,
  summary: translatedTextSchema,
  /** The lesson: short paragraphs, read before the questions. */
  lesson: z.array(translatedTextSchema).min(1, "a module needs a lesson"),
  /** Referral organisations the lesson is about (content/referral-organisations.json). */
  organisations: z.array(contentIdSchema).default([]),
  /** Help flows to practise with (content/flows/). */
  flows: z.array(contentIdSchema).default([]),
  questions: z.array(questionSchema).min(5, "a module needs at least five questions"),
});

export type TrainingModule = z.infer<typeof trainingModuleSchema>;
export type TrainingQuestion = TrainingModule["questions"][number];

/** The text in a language, or Dutch when it has none. */
export function textIn(value: TranslatedText, language: Language): string {
  return value[language] ?? value.nl;
}
