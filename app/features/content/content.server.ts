import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import type { Language } from "#app/i18n/languages.ts";
import {
  flowFileSchema,
  phenomenonFileSchema,
  referralOrganisationFileSchema,
  requiredLanguages,
  tipFileSchema,
  urgencies,
  type Flow,
  type HelpContent,
  type Tip,
} from "./schemas.ts";

// Reads and checks all help content at once, when the server starts: the
// phenomenon taxonomy, the referral organisations, every flow
// (content/flows/<id>.json) and every tip file (content/tips/<phenomenon>.json).
// The result is services.content; nothing else reads these files. The test
// suite and the server's start both go through validateHelpContent, so an
// editor sees the same message, naming the file and the field, in either place.

/** Organisations whose number the app's translated texts interpolate (see organisationPhone in content.ts). */
export const organisationsNamedInText = ["politie"] as const;

const phonePlaceholder = /\{\{phone:([a-z0-9-]+)\}\}/g;

export type { HelpContent };

export interface ContentFile {
  /** As shown in messages, e.g. "content/flows/phishing.json". */
  file: string;
  data: unknown;
  /** Set when the file is not valid JSON. */
  syntaxError?: string;
}

export interface ContentFiles {
  phenomena: ContentFile;
  organisations: ContentFile;
  flows: ContentFile[];
  tips: ContentFile[];
}

export interface ContentIssue {
  file: string;
  /** Dotted path of the field, e.g. "outcomes.0.steps.1.organisations.0"; empty for the whole file. */
  field: string;
  message: string;
}

export class ContentError extends Error {
  readonly issues: readonly ContentIssue[];
  constructor(issues: readonly ContentIssue[]) {
    super(
      [
        `The help content is not valid (${issues.length} ${issues.length === 1 ? "problem" : "problems"}):`,
        ...issues.map((issue) => `  ${formatIssue(issue)}`),
      ].join("\n"),
    );
    this.name = "ContentError";
    this.issues = issues;
  }
}

export function formatIssue(issue: ContentIssue): string {
  return issue.field ? `${issue.file}: ${issue.field}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

export async function loadHelpContent(contentDirectory: string): Promise<HelpContent> {
  return validateHelpContent(await readContentFiles(contentDirectory));
}

/**
 * Reads one JSON file of the content folder for a loader that checks it on its
 * own (response templates, questionnaire, situations checklist); a file that
 * is not JSON is a ContentError naming it as content/<relativePath>.
 */
export async function readContentJson(contentDirectory: string, relativePath: string): Promise<unknown> {
  const raw = await readFile(path.join(contentDirectory, ...relativePath.split("/")), "utf8");
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ContentError([{ file: `content/${relativePath}`, field: "", message: `is not valid JSON: ${(error as Error).message}` }]);
  }
}

export async function readContentFiles(contentDirectory: string): Promise<ContentFiles> {
  const label = (...parts: string[]) => [path.basename(contentDirectory), ...parts].join("/");
  const read = async (...parts: string[]): Promise<ContentFile> => {
    const file = label(...parts);
    let raw: string;
    try {
      raw = await readFile(path.join(contentDirectory, ...parts), "utf8");
    } catch (error) {
      return { file, data: undefined, syntaxError: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    try {
      return { file, data: JSON.parse(raw) };
    } catch (error) {
      return { file, data: undefined, syntaxError: `is not valid JSON: ${(error as Error).message}` };
    }
  };
  const folder = async (name: string): Promise<ContentFile[]> => {
    let names: string[];
    try {
      names = (await readdir(path.join(contentDirectory, name))).filter((entry) => entry.endsWith(".json")).sort();
    } catch {
      names = [];
    }
    return Promise.all(names.map((entry) => read(name, entry)));
  };
  const [phenomena, organisations, flows, tips] = await Promise.all([
    read("phenomena.json"),
    read("referral-organisations.json"),
    folder("flows"),
    folder("tips"),
  ]);
  return { phenomena, organisations, flows, tips };
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1).replace(/\.json$/, "");
}

function parseFile<S extends z.ZodType>(schema: S, content: ContentFile, issues: ContentIssue[]): z.output<S> | undefined {
  if (content.syntaxError) {
    issues.push({ file: content.file, field: "", message: content.syntaxError });
    return undefined;
  }
  const result = schema.safeParse(content.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file: content.file, field: issue.path.map(String).join("."), message: issue.message });
  }
  return undefined;
}

/** Every translated text (an object with nl and en) inside a value, with its dotted path. */
export function translatedTexts(value: unknown, at: string[] = []): { field: string[]; text: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => translatedTexts(item, [...at, String(index)]));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.nl === "string" && typeof record.en === "string") return [{ field: at, text: record }];
    return Object.entries(record).flatMap(([key, child]) => translatedTexts(child, [...at, key]));
  }
  return [];
}

function checkTranslations(
  value: unknown,
  wanted: readonly Language[],
  file: string,
  prefix: string[],
  issues: ContentIssue[],
): void {
  for (const { field, text } of translatedTexts(value, prefix)) {
    for (const language of wanted) {
      if (typeof text[language] !== "string") {
        issues.push({
          file,
          field: [...field, language].join("."),
          message: `missing translation ("${language}" is listed in languages)`,
        });
      }
    }
  }
}

function checkLanguages(
  listed: readonly Language[],
  audienceList: Flow["audiences"],
  file: string,
  field: string,
  issues: ContentIssue[],
): void {
  const missing = requiredLanguages(audienceList).filter((language) => !listed.includes(language));
  if (missing.length) {
    issues.push({
      file,
      field,
      message: `content for residents must be written in every resident language; add ${missing.join(", ")} (with a translation of every text)`,
    });
  }
}

function checkFlow(
  flow: Flow,
  file: string,
  known: { phenomena: ReadonlySet<string>; organisations: ReadonlySet<string> },
  issues: ContentIssue[],
): void {
  const issue = (field: string, message: string) => issues.push({ file, field, message });
  if (flow.id !== baseName(file)) issue("id", `must be "${baseName(file)}", the file's name`);
  flow.phenomena.forEach((id, index) => {
    if (!known.phenomena.has(id)) issue(`phenomena.${index}`, `unknown phenomenon "${id}" (see content/phenomena.json)`);
  });
  checkLanguages(flow.languages, flow.audiences, file, "languages", issues);

  const nodes = new Map<string, { field: string; answers: { next: string; field: string }[] }>();
  flow.questions.forEach((question, index) => {
    if (nodes.has(question.id)) issue(`questions.${index}.id`, `"${question.id}" is used twice in this flow`);
    nodes.set(question.id, {
      field: `questions.${index}`,
      answers: question.answers.map((answer, a) => ({ next: answer.next, field: `questions.${index}.answers.${a}.next` })),
    });
  });
  flow.outcomes.forEach((outcome, index) => {
    if (nodes.has(outcome.id)) issue(`outcomes.${index}.id`, `"${outcome.id}" is used twice in this flow`);
    nodes.set(outcome.id, { field: `outcomes.${index}`, answers: [] });
    let highest = 0;
    outcome.steps.forEach((step, s) => {
      const rank = urgencies.indexOf(step.urgency);
      if (rank < highest) {
        issue(`outcomes.${index}.steps.${s}.urgency`, `"${step.urgency}" comes after a later step: order the steps now → today → later`);
      }
      highest = Math.max(highest, rank);
      step.organisations.forEach((id, o) => {
        if (!known.organisations.has(id)) {
          issue(`outcomes.${index}.steps.${s}.organisations.${o}`, `unknown organisation "${id}" (see content/referral-organisations.json)`);
        }
      });
    });
  });

  if (!flow.questions.some((question) => question.id === flow.start)) {
    issue("start", `"${flow.start}" is not a question of this flow`);
    return;
  }
  // Every answer leads somewhere, the flow never goes round in circles, and
  // every question and outcome can be reached from the start.
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string) => {
    state.set(id, "visiting");
    for (const answer of nodes.get(id)?.answers ?? []) {
      if (!nodes.has(answer.next)) issue(answer.field, `"${answer.next}" is neither a question nor an outcome of this flow (a dead end)`);
      else if (state.get(answer.next) === "visiting") issue(answer.field, `"${answer.next}" leads back to an earlier question: a flow must not go round in circles`);
      else if (!state.has(answer.next)) visit(answer.next);
    }
    state.set(id, "done");
  };
  visit(flow.start);
  for (const [id, node] of nodes) {
    if (!state.has(id)) issue(node.field, `"${id}" cannot be reached from the start question`);
  }
  checkTranslations(flow, flow.languages, file, [], issues);
}

/**
 * A phone number is written once, at its organisation: a text names it as
 * {{phone:<organisation id>}}, replaced here by the organisation's first number.
 */
function withPhones<T>(value: T, phoneOf: ReadonlyMap<string, string>, file: string, at: string[], issues: ContentIssue[]): T {
  const fill = (item: unknown, where: string[]): unknown => {
    if (typeof item === "string") {
      return item.replace(phonePlaceholder, (_, id: string) => {
        const phone = phoneOf.get(id);
        if (phone) return phone;
        issues.push({ file, field: where.join("."), message: `{{phone:${id}}}: no organisation "${id}" with a phone number (see content/referral-organisations.json)` });
        return "";
      });
    }
    if (Array.isArray(item)) return item.map((child, index) => fill(child, [...where, String(index)]));
    if (item && typeof item === "object") return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, fill(child, [...where, key])]));
    return item;
  };
  return fill(value, at) as T;
}

/** Checks everything and returns the content, or throws a ContentError listing every problem. */
export function validateHelpContent(files: ContentFiles): HelpContent {
  const issues: ContentIssue[] = [];
  const phenomena = parseFile(phenomenonFileSchema, files.phenomena, issues)?.phenomena ?? [];
  const organisations = parseFile(referralOrganisationFileSchema, files.organisations, issues)?.organisations ?? [];
  const known = {
    phenomena: new Set(phenomena.map((p) => p.id)),
    organisations: new Set(organisations.map((o) => o.id)),
  };
  const phoneOf = new Map(organisations.flatMap((o) => (o.phones[0] ? [[o.id, o.phones[0].display] as const] : [])));
  // Translated sentences of the app name these organisations' numbers (e.g. network:find.emergency).
  for (const id of organisationsNamedInText) {
    if (organisations.length > 0 && !phoneOf.has(id)) {
      issues.push({ file: files.organisations.file, field: "organisations", message: `needs "${id}" with a phone number: the app's own texts give it` });
    }
  }

  const flows: Flow[] = [];
  for (const content of files.flows) {
    const flow = parseFile(flowFileSchema, content, issues);
    if (!flow) continue;
    const before = issues.length;
    checkFlow(flow, content.file, known, issues);
    const filled = withPhones(flow, phoneOf, content.file, [], issues);
    if (issues.length === before) flows.push(filled);
  }
  if (files.flows.length === 0) issues.push({ file: "content/flows", field: "", message: "holds no flows" });

  // An organisation shown on a flow's outcome must be readable in every language the flow is in.
  const needed = new Map<string, { languages: Set<Language>; file: string }>();
  for (const content of files.flows) {
    const flow = flows.find((f) => f.id === baseName(content.file));
    if (!flow) continue;
    for (const id of new Set(flow.outcomes.flatMap((outcome) => outcome.steps.flatMap((step) => step.organisations)))) {
      const entry = needed.get(id) ?? { languages: new Set<Language>(), file: content.file };
      flow.languages.forEach((language) => entry.languages.add(language));
      needed.set(id, entry);
    }
  }
  organisations.forEach((organisation, index) => {
    const need = needed.get(organisation.id);
    if (!need) return;
    for (const key of ["name", "helpsWith", "hours"] as const) {
      const text = organisation[key] as Record<string, string> | undefined;
      if (!text) continue;
      for (const language of need.languages) {
        if (!text[language]) {
          issues.push({
            file: files.organisations.file,
            field: `organisations.${index}.${key}.${language}`,
            message: `missing translation (needed by ${need.file}, which is written in "${language}")`,
          });
        }
      }
    }
  });

  const flowIds = new Set(flows.map((flow) => flow.id));
  const tips: Tip[] = [];
  const tipFiles = new Map<string, string>();
  for (const content of files.tips) {
    const parsed = parseFile(tipFileSchema, content, issues);
    if (!parsed) continue;
    const issue = (field: string, message: string) => issues.push({ file: content.file, field, message });
    if (parsed.phenomenon !== baseName(content.file)) issue("phenomenon", `must be "${baseName(content.file)}", the file's name`);
    if (!known.phenomena.has(parsed.phenomenon)) issue("phenomenon", `unknown phenomenon "${parsed.phenomenon}" (see content/phenomena.json)`);
    parsed.tips.forEach((tip, index) => {
      const before = issues.length;
      const other = tipFiles.get(tip.id);
      if (other) issue(`tips.${index}.id`, `"${tip.id}" is also the id of a tip in ${other}; tip ids must be unique`);
      tipFiles.set(tip.id, content.file);
      if (tip.flow && !flowIds.has(tip.flow) && !files.flows.some((f) => baseName(f.file) === tip.flow)) {
        issue(`tips.${index}.flow`, `unknown flow "${tip.flow}" (see content/flows/)`);
      }
      checkLanguages(tip.languages, tip.audiences, content.file, `tips.${index}.languages`, issues);
      checkTranslations(tip, tip.languages, content.file, ["tips", String(index)], issues);
      const filled = withPhones(tip, phoneOf, content.file, ["tips", String(index)], issues);
      if (issues.length === before) tips.push({ ...filled, phenomenon: parsed.phenomenon });
    });
  }
  if (files.tips.length === 0) issues.push({ file: "content/tips", field: "", message: "holds no tips" });

  if (issues.length) throw new ContentError(issues);
  flows.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  // Tips follow the taxonomy's order, so that a list grouped by phenomenon reads the same everywhere.
  const rank = new Map(phenomena.map((p, index) => [p.id, index]));
  tips.sort((a, b) => (rank.get(a.phenomenon) ?? 0) - (rank.get(b.phenomenon) ?? 0));
  return { phenomena, organisations, flows, tips };
}
