import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import { ContentError, loadHelpContent, type ContentFile, type HelpContent } from "#app/features/content/content.server.ts";
import type { TrainingModule } from "./content-schema.ts";
import { readTrainingFiles, validateTrainingContent, type TrainingContent } from "./training-content.server.ts";

// The training modules are what ambassadors learn from: complete in all six
// languages, every question with one right answer among its options, every
// organisation and flow they mention really there.

const contentDirectory = path.join(import.meta.dirname, "..", "..", "..", "content");

let help: HelpContent;
let files: ContentFile[];
let training: TrainingContent;

beforeAll(async () => {
  help = await loadHelpContent(contentDirectory);
  files = await readTrainingFiles(contentDirectory);
  training = validateTrainingContent(files, help);
});

function issuesAfter(change: (module: TrainingModule) => void, id = "recognise-phishing"): string[] {
  const copy = structuredClone(files);
  const file = copy.find((f) => f.file === `content/training/${id}.json`);
  if (!file) throw new Error(`no module ${id}`);
  change(file.data as TrainingModule);
  try {
    validateTrainingContent(copy, help);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).issues.map((issue) => `${issue.file}: ${issue.field}: ${issue.message}`);
  }
  return [];
}

describe("training modules in content/training/", () => {
  it("are valid: at least six modules of five or more questions, in all six languages, some of them basic", () => {
    expect(training.modules.length).toBeGreaterThanOrEqual(6);
    for (const module of training.modules) {
      expect(module.questions.length, module.id).toBeGreaterThanOrEqual(5);
      expect(module.languages, module.id).toEqual(expect.arrayContaining([...languages]));
      for (const question of module.questions) {
        for (const language of languages) {
          expect(question.text[language], `${module.id}.${question.id}.${language}`).toBeTruthy();
          expect(question.explanation[language], `${module.id}.${question.id}.${language}`).toBeTruthy();
        }
      }
    }
    expect(training.modules.filter((m) => m.basic).map((m) => m.id)).toEqual([
      "recognise-phishing",
      "whatsapp-fraud",
      "sending-signals",
      "privacy-and-role",
    ]);
    const all = new Set(training.modules.map((m) => m.id));
    for (const id of ["referring-residents", "taking-care-of-yourself"]) expect(all).toContain(id);
  });

  it("refuses a question without a right answer, naming the file and the field", () => {
    expect(issuesAfter((m) => delete m.questions[2]!.answer)).toEqual([
      "content/training/recognise-phishing.json: questions.2.answer: the question has no right answer: name the id of the right option",
    ]);
  });

  it("refuses a right answer that is not one of the options", () => {
    expect(issuesAfter((m) => (m.questions[0]!.answer = "logo-x"))).toEqual([
      'content/training/recognise-phishing.json: questions.0.answer: "logo-x" is not one of this question\'s options (haste, logo, name)',
    ]);
  });

  it("refuses a broken reference to an organisation or a flow", () => {
    expect(
      issuesAfter((m) => {
        m.organisations.push("fraud-desk");
        m.flows = ["phising"];
      }),
    ).toEqual([
      'content/training/recognise-phishing.json: organisations.2: unknown organisation "fraud-desk" (see content/referral-organisations.json)',
      'content/training/recognise-phishing.json: flows.0: unknown flow "phising" (see content/flows/)',
    ]);
  });

  it("refuses a missing translation and a module without all six languages", () => {
    expect(issuesAfter((m) => delete (m.questions[1]!.explanation as Record<string, string>).ar)).toEqual([
      'content/training/recognise-phishing.json: questions.1.explanation.ar: missing translation ("ar")',
    ]);
    expect(issuesAfter((m) => (m.languages = ["nl", "en"]))).toEqual([
      "content/training/recognise-phishing.json: languages: ambassadors read in six languages; add tr, ar, pl, uk (with a translation of every text)",
    ]);
  });

  it("refuses too few questions and a pass score above the number of questions", () => {
    expect(issuesAfter((m) => m.questions.splice(4))).toEqual([
      "content/training/recognise-phishing.json: questions: a module needs at least five questions",
    ]);
    expect(issuesAfter((m) => (m.passScore = 6))).toEqual([
      "content/training/recognise-phishing.json: passScore: 6 right answers are needed but the module has only 5 questions",
    ]);
  });

  it("refuses a module whose id is not its file name", () => {
    expect(issuesAfter((m) => (m.id = "phishing-module"))).toEqual([
      'content/training/recognise-phishing.json: id: must be "recognise-phishing", the file\'s name',
    ]);
  });
});
