import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError, type ContentFile, type ContentIssue, translatedTexts } from "#app/features/content/content.server.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { trainingLanguages, trainingModuleSchema, type TrainingModule } from "./content-schema.ts";

// Reads and checks the training modules in content/training/*.json against
// the help content they refer to. The server's start and the test suite both
// go through validateTrainingContent, so an editor sees the same message,
// naming the file and the field, in either place.

export interface TrainingContent {
  modules: readonly TrainingModule[];
}

export async function readTrainingFiles(contentDirectory: string): Promise<ContentFile[]> {
  const folder = path.join(contentDirectory, "training");
  let names: string[];
  try {
    names = (await readdir(folder)).filter((entry) => entry.endsWith(".json")).sort();
  } catch {
    names = [];
  }
  return Promise.all(
    names.map(async (name): Promise<ContentFile> => {
      const file = `${path.basename(contentDirectory)}/training/${name}`;
      const raw = await readFile(path.join(folder, name), "utf8");
      try {
        return { file, data: JSON.parse(raw) };
      } catch (error) {
        return { file, data: undefined, syntaxError: `is not valid JSON: ${(error as Error).message}` };
      }
    }),
  );
}

export async function loadTrainingContent(contentDirectory: string, help: HelpContent): Promise<TrainingContent> {
  return validateTrainingContent(await readTrainingFiles(contentDirectory), help);
}

/** Checks every module and returns them in order, or throws a ContentError listing every problem. */
export function validateTrainingContent(files: readonly ContentFile[], help: Pick<HelpContent, "flows" | "organisations">): TrainingContent {
  const issues: ContentIssue[] = [];
  const flows = new Set(help.flows.map((flow) => flow.id));
  const organisations = new Set(help.organisations.map((organisation) => organisation.id));
  const modules: TrainingModule[] = [];
  for (const content of files) {
    const issue = (field: string, message: string) => issues.push({ file: content.file, field, message });
    if (content.syntaxError) {
      issue("", content.syntaxError);
      continue;
    }
    const parsed = trainingModuleSchema.safeParse(content.data);
    if (!parsed.success) {
      for (const problem of parsed.error.issues) issue(problem.path.map(String).join("."), problem.message);
      continue;
    }
    const module = parsed.data;
    const before = issues.length;
    const name = content.file.slice(content.file.lastIndexOf("/") + 1).replace(/\.json$/, "");
    if (module.id !== name) issue("id", `must be "${name}", the file's name`);
    const missing = trainingLanguages.filter((language) => !module.languages.includes(language));
    if (missing.length) issue("languages", `ambassadors read in six languages; add ${missing.join(", ")} (with a translation of every text)`);
    if (module.passScore > module.questions.length) {
      issue("passScore", `${module.passScore} right answers are needed but the module has only ${module.questions.length} questions`);
    }
    module.organisations.forEach((id, index) => {
      if (!organisations.has(id)) issue(`organisations.${index}`, `unknown organisation "${id}" (see content/referral-organisations.json)`);
    });
    module.flows.forEach((id, index) => {
      if (!flows.has(id)) issue(`flows.${index}`, `unknown flow "${id}" (see content/flows/)`);
    });
    const questionIds = new Set<string>();
    module.questions.forEach((question, index) => {
      if (questionIds.has(question.id)) issue(`questions.${index}.id`, `"${question.id}" is used twice in this module`);
      questionIds.add(question.id);
      const optionIds = question.options.map((option) => option.id);
      if (new Set(optionIds).size !== optionIds.length) issue(`questions.${index}.options`, "two options have the same id");
      if (!question.answer) issue(`questions.${index}.answer`, "the question has no right answer: name the id of the right option");
      else if (!optionIds.includes(question.answer)) {
        issue(`questions.${index}.answer`, `"${question.answer}" is not one of this question's options (${optionIds.join(", ")})`);
      }
    });
    for (const { field, text } of translatedTexts(module)) {
      for (const language of trainingLanguages) {
        if (typeof text[language] !== "string") issue([...field, language].join("."), `missing translation ("${language}")`);
      }
    }
    if (issues.length === before) modules.push(module);
  }
  if (files.length === 0) issues.push({ file: "content/training", field: "", message: "holds no training modules" });
  const ids = new Map<string, string>();
  for (const content of files) {
    const id = (content.data as { id?: unknown } | undefined)?.id;
    if (typeof id !== "string") continue;
    const other = ids.get(id);
    if (other) issues.push({ file: content.file, field: "id", message: `"${id}" is also the id of ${other}` });
    ids.set(id, content.file);
  }
  if (!modules.some((module) => module.basic) && issues.length === 0) {
    issues.push({ file: "content/training", field: "", message: "no module is basic: certification needs at least one" });
  }
  if (issues.length) throw new ContentError(issues);
  modules.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { modules };
}
