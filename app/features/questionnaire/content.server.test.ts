import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "#app/features/content/content.server.ts";
import { languages } from "#app/i18n/languages.ts";
import { loadQuestionnaire, validateQuestionnaire } from "./content.server.ts";

// The content check over the questionnaire: the shipped file passes in all
// six languages, and each kind of mistake is named by file and field.

const contentDirectory = path.join(import.meta.dirname, "..", "..", "..", "content");

async function shipped() {
  return structuredClone(await loadQuestionnaire(contentDirectory)) as unknown as Record<string, any>;
}

function problems(data: unknown): string[] {
  try {
    validateQuestionnaire(data);
  } catch (error) {
    if (error instanceof ContentError) return error.issues.map((issue) => `${issue.file}: ${issue.field}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe("the questionnaire content", () => {
  it("is complete in every language, with one grouping question and every scale known", async () => {
    const questionnaire = await loadQuestionnaire(contentDirectory);
    expect(questionnaire.languages).toEqual(expect.arrayContaining([...languages]));
    expect(questionnaire.questions.length).toBeGreaterThanOrEqual(3);
    expect(questionnaire.questions.filter((question) => question.group)).toHaveLength(1);
    for (const question of questionnaire.questions) {
      for (const language of languages) expect(question.text[language], `${question.id} ${language}`).toBeTruthy();
    }
  });

  it("names a question whose scale does not exist", async () => {
    const data = await shipped();
    data.questions[1].scale = "agree7";
    expect(problems(data)).toContainEqual(expect.stringMatching(/^content\/questionnaire\.json: questions\.1\.scale: unknown scale "agree7"/));
  });

  it("names a missing translation", async () => {
    const data = await shipped();
    delete data.questions[2].text.uk;
    expect(problems(data)).toContain('content/questionnaire.json: questions.2.text.uk: missing translation ("uk")');
  });

  it("refuses two grouping questions, a duplicate id, a bad date and a scale option twice", async () => {
    const data = await shipped();
    data.questions[1].group = true;
    data.questions[3].id = data.questions[2].id;
    data.closes = "31-01-2027";
    data.scales[1].options[1].id = data.scales[1].options[0].id;
    const found = problems(data);
    expect(found).toContainEqual(expect.stringContaining("closes: a date as YYYY-MM-DD"));
    data.closes = "2027-01-31";
    const again = problems(data);
    expect(again).toContain("content/questionnaire.json: questions: at most one question can be the grouping question");
    expect(again).toContainEqual(expect.stringContaining(`questions.3.id: "${data.questions[2].id}" is used twice`));
    expect(again).toContain("content/questionnaire.json: scales.1.options: two options have the same id");
  });
});
