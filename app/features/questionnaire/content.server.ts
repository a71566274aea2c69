import { z } from "zod";
import { ContentError, readContentJson, type ContentIssue, translatedTexts } from "#app/features/content/content.server.ts";
import { contentIdSchema, translatedTextSchema, type TranslatedText } from "#app/features/content/schemas.ts";
import { languages } from "#app/i18n/languages.ts";

// The ambassadors' questionnaire: content/questionnaire.json, questions and
// their answer scales in six languages, checked at start and in the unit
// suite like the training modules (a problem names the file and the field).
// One question may be the grouping question ("group": true): results can be
// broken down by its answer, which the respondent chose — never by anything
// known about them.

const scaleSchema = z.strictObject({
  id: contentIdSchema,
  options: z
    .array(z.strictObject({ id: contentIdSchema, label: translatedTextSchema }))
    .min(2, "a scale needs at least two options")
    .max(7),
});

const questionSchema = z.strictObject({
  id: contentIdSchema,
  text: translatedTextSchema,
  /** The id of a scale in `scales`. */
  scale: contentIdSchema,
  /** Results may be broken down by this question's answer (at most one question). */
  group: z.boolean().default(false),
});

export const questionnaireSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Changes with every new round: one answer per person per id. */
  id: contentIdSchema,
  languages: z.array(z.enum(languages)),
  title: translatedTextSchema,
  intro: translatedTextSchema,
  /** Answers are taken until this day (inclusive, YYYY-MM-DD, Europe/Amsterdam); results are shown only after it. */
  closes: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
  scales: z.array(scaleSchema).min(1),
  questions: z.array(questionSchema).min(3, "a questionnaire needs at least three questions"),
});

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type QuestionnaireQuestion = Questionnaire["questions"][number];
export type { TranslatedText };

const FILE = "content/questionnaire.json";

/** Checks the questionnaire, or throws a ContentError listing every problem. */
export function validateQuestionnaire(data: unknown, file = FILE): Questionnaire {
  const issues: ContentIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ file, field, message });
  const parsed = questionnaireSchema.safeParse(data);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) issue(problem.path.map(String).join("."), problem.message);
    throw new ContentError(issues);
  }
  const questionnaire = parsed.data;
  const missing = languages.filter((language) => !questionnaire.languages.includes(language));
  if (missing.length) issue("languages", `ambassadors read in six languages; add ${missing.join(", ")} (with a translation of every text)`);
  const scaleIds = new Set<string>();
  questionnaire.scales.forEach((scale, index) => {
    if (scaleIds.has(scale.id)) issue(`scales.${index}.id`, `"${scale.id}" is used twice`);
    scaleIds.add(scale.id);
    const optionIds = scale.options.map((option) => option.id);
    if (new Set(optionIds).size !== optionIds.length) issue(`scales.${index}.options`, "two options have the same id");
  });
  const questionIds = new Set<string>();
  questionnaire.questions.forEach((question, index) => {
    if (questionIds.has(question.id)) issue(`questions.${index}.id`, `"${question.id}" is used twice`);
    questionIds.add(question.id);
    if (!scaleIds.has(question.scale)) issue(`questions.${index}.scale`, `unknown scale "${question.scale}" (one of: ${[...scaleIds].join(", ")})`);
  });
  if (questionnaire.questions.filter((question) => question.group).length > 1) issue("questions", "at most one question can be the grouping question");
  if (Number.isNaN(Date.parse(`${questionnaire.closes}T00:00:00Z`))) issue("closes", `"${questionnaire.closes}" is not a date`);
  for (const { field, text } of translatedTexts(questionnaire)) {
    for (const language of languages) {
      if (typeof text[language] !== "string" || !(text[language] as string).trim()) issue([...field, language].join("."), `missing translation ("${language}")`);
    }
  }
  if (issues.length) throw new ContentError(issues);
  return questionnaire;
}

const loaded = new Map<string, Promise<Questionnaire>>();

/** Reads and checks content/questionnaire.json once per content folder. */
export function loadQuestionnaire(contentDirectory: string): Promise<Questionnaire> {
  let promise = loaded.get(contentDirectory);
  if (!promise) {
    promise = readContentJson(contentDirectory, "questionnaire.json").then((data) => validateQuestionnaire(data));
    promise.catch(() => loaded.delete(contentDirectory));
    loaded.set(contentDirectory, promise);
  }
  return promise;
}
