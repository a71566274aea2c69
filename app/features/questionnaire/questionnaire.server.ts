import { sql } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Questionnaire } from "./content.server.ts";

// The ambassadors' anonymous, opt-in questionnaire (decision 0903).
// - Answering records, in one transaction, a flag that this person took part
//   (no answers, no time) and adds one to the running totals of the options
//   they chose. No row holds a person's answers, so none can be linked back.
// - Results are shown only after the questionnaire has closed (totals
//   compared before and after one person answered would show their answers),
//   and only for groups of at least the municipality's threshold. A breakdown
//   by the grouping question is shown only when every group in it is large
//   enough: otherwise a small group would follow from the total minus the rest.

type Services = Pick<AppServices, "db" | "clock" | "questionnaire">;

const textIn = (value: Record<string, string | undefined>, language: Language) => value[language] ?? value.nl!;

function today(services: Pick<AppServices, "clock">): string {
  const date = calendarDateOf(services.clock.now());
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function isOpen(services: Pick<AppServices, "clock" | "questionnaire">): boolean {
  return today(services) <= services.questionnaire.closes;
}

export function groupQuestion(questionnaire: Questionnaire) {
  return questionnaire.questions.find((question) => question.group) ?? null;
}

function scaleOf(questionnaire: Questionnaire, scaleId: string) {
  return questionnaire.scales.find((scale) => scale.id === scaleId)!;
}

export async function hasAnswered(services: Services, userId: string): Promise<boolean> {
  const row = await services.db
    .selectFrom("questionnaire_participants")
    .select("user_id")
    .where("questionnaire_id", "=", services.questionnaire.id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The questionnaire as a form in one language. */
export function questionnaireForm(services: Pick<AppServices, "questionnaire">, language: Language) {
  const questionnaire = services.questionnaire;
  return {
    title: textIn(questionnaire.title, language),
    intro: textIn(questionnaire.intro, language),
    closes: questionnaire.closes,
    questions: questionnaire.questions.map((question) => ({
      id: question.id,
      text: textIn(question.text, language),
      options: scaleOf(questionnaire, question.scale).options.map((option) => ({ id: option.id, label: textIn(option.label, language) })),
    })),
  };
}

export type AnswerOutcome =
  | { ok: true }
  | { ok: false; error: "closed" | "already_answered" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, "choose" | "unknown_option"> };

/**
 * Checks a whole set of answers (every question answered with one of its
 * scale's options) and records it, or nothing at all.
 */
export async function answerQuestionnaire(services: Services, userId: string, answers: Record<string, string | undefined>): Promise<AnswerOutcome> {
  const questionnaire = services.questionnaire;
  if (!isOpen(services)) return { ok: false, error: "closed" };
  const fieldErrors: Record<string, "choose" | "unknown_option"> = {};
  for (const question of questionnaire.questions) {
    const answer = answers[question.id];
    if (!answer) fieldErrors[question.id] = "choose";
    else if (!scaleOf(questionnaire, question.scale).options.some((option) => option.id === answer)) fieldErrors[question.id] = "unknown_option";
  }
  if (Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors };
  const group = groupQuestion(questionnaire);
  const groupOption = group ? answers[group.id]! : "";
  return services.db.transaction().execute(async (trx) => {
    const first = await trx
      .insertInto("questionnaire_participants")
      .values({ questionnaire_id: questionnaire.id, user_id: userId })
      .onConflict((oc) => oc.columns(["questionnaire_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!first) return { ok: false as const, error: "already_answered" as const };
    await trx
      .insertInto("questionnaire_group_sizes")
      .values({ questionnaire_id: questionnaire.id, group_option: groupOption, respondents: 1 })
      .onConflict((oc) => oc.columns(["questionnaire_id", "group_option"]).doUpdateSet({ respondents: sql<number>`questionnaire_group_sizes.respondents + 1` }))
      .execute();
    for (const question of questionnaire.questions) {
      await trx
        .insertInto("questionnaire_tallies")
        .values({ questionnaire_id: questionnaire.id, group_option: groupOption, question_id: question.id, option_id: answers[question.id]!, answers: 1 })
        .onConflict((oc) =>
          oc.columns(["questionnaire_id", "group_option", "question_id", "option_id"]).doUpdateSet({ answers: sql<number>`questionnaire_tallies.answers + 1` }),
        )
        .execute();
    }
    return { ok: true as const };
  });
}

export interface QuestionResult {
  id: string;
  text: string;
  options: { id: string; label: string; answers: number; percent: number }[];
}

export type ResultsOutcome =
  | { kind: "not_closed"; closes: string }
  | { kind: "unknown_group" }
  /** The chosen group (or everyone) has fewer respondents than the threshold. */
  | { kind: "too_small"; threshold: number }
  /** The chosen group is large enough, but another group is not: it would follow from the total. */
  | { kind: "other_group_too_small"; threshold: number }
  | { kind: "shown"; respondents: number; questions: QuestionResult[] };

export interface QuestionnaireResults {
  title: string;
  closes: string;
  threshold: number;
  /** The groups one may ask for: the grouping question's options. */
  groups: { id: string; label: string }[];
  groupQuestion: string | null;
  group: string | null;
  outcome: ResultsOutcome;
}

/** Results for everyone or for one group (an option of the grouping question). */
export async function questionnaireResults(
  services: Services & Pick<AppServices, "municipality">,
  language: Language,
  groupId: string | undefined,
): Promise<QuestionnaireResults> {
  const questionnaire = services.questionnaire;
  const threshold = services.municipality.suppressionThreshold;
  const grouping = groupQuestion(questionnaire);
  const groups = grouping ? scaleOf(questionnaire, grouping.scale).options.map((option) => ({ id: option.id, label: textIn(option.label, language) })) : [];
  const base = {
    title: textIn(questionnaire.title, language),
    closes: questionnaire.closes,
    threshold,
    groups,
    groupQuestion: grouping ? textIn(grouping.text, language) : null,
    group: groupId ?? null,
  };
  if (groupId !== undefined && !groups.some((group) => group.id === groupId)) return { ...base, outcome: { kind: "unknown_group" } };
  if (isOpen(services)) return { ...base, outcome: { kind: "not_closed", closes: questionnaire.closes } };
  const sizes = await services.db.selectFrom("questionnaire_group_sizes").select(["group_option", "respondents"]).where("questionnaire_id", "=", questionnaire.id).execute();
  const sizeOf = new Map(sizes.map((row) => [row.group_option, Number(row.respondents)]));
  const total = [...sizeOf.values()].reduce((a, b) => a + b, 0);
  const respondents = groupId === undefined ? total : (sizeOf.get(groupId) ?? 0);
  if (respondents < threshold) return { ...base, outcome: { kind: "too_small", threshold } };
  if (groupId !== undefined && [...sizeOf.entries()].some(([group, size]) => group !== groupId && size > 0 && size < threshold)) {
    return { ...base, outcome: { kind: "other_group_too_small", threshold } };
  }
  let query = services.db
    .selectFrom("questionnaire_tallies")
    .select(["question_id", "option_id", (eb) => eb.fn.sum<number | string>("answers").as("answers")])
    .where("questionnaire_id", "=", questionnaire.id)
    .groupBy(["question_id", "option_id"]);
  if (groupId !== undefined) query = query.where("group_option", "=", groupId);
  const tallies = await query.execute();
  const questions = questionnaire.questions
    .filter((question) => groupId === undefined || !question.group)
    .map((question) => ({
      id: question.id,
      text: textIn(question.text, language),
      options: scaleOf(questionnaire, question.scale).options.map((option) => {
        const answers = Number(tallies.find((row) => row.question_id === question.id && row.option_id === option.id)?.answers ?? 0);
        return { id: option.id, label: textIn(option.label, language), answers, percent: Math.round((answers / respondents) * 100) };
      }),
    }));
  return { ...base, outcome: { kind: "shown", respondents, questions } };
}

/** For the volunteer's data export: which questionnaire rounds they took part in (their answers are not kept with them). */
export async function ownQuestionnaireRounds(services: Pick<AppServices, "db">, userId: string): Promise<string[]> {
  const rows = await services.db.selectFrom("questionnaire_participants").select("questionnaire_id").where("user_id", "=", userId).orderBy("questionnaire_id").execute();
  return rows.map((row) => row.questionnaire_id);
}
