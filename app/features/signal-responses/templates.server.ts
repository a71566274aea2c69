import { z } from "zod";
import { ContentError, readContentJson, type ContentIssue } from "#app/features/content/content.server.ts";
import { contentIdSchema } from "#app/features/content/schemas.ts";
import { activePhenomena, phenomenonIds } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/content.server.ts";
import { languages, type Language } from "#app/i18n/languages.ts";
import { RESPONSE_MAX_LENGTH } from "./options.ts";

// The response templates (content/response-templates.json): what staff pick
// from when they answer the ambassador who sent a signal. Checked at start and
// in the unit suite like the other content files: a problem names the file
// and the field. Loading lives here, in the feature, so it can move as one.

const text = z.string().trim().min(1, "must not be empty");

/** Every text in all six languages: the ambassador reads the response in theirs. */
const sixLanguages = z.strictObject({ nl: text, en: text, tr: text, ar: text, pl: text, uk: text });

const templateSchema = z.strictObject({
  id: contentIdSchema,
  phenomena: z.array(contentIdSchema).min(1, "a template answers at least one phenomenon"),
  title: sixLanguages,
  body: z.strictObject({
    nl: text.max(RESPONSE_MAX_LENGTH),
    en: text.max(RESPONSE_MAX_LENGTH),
    tr: text.max(RESPONSE_MAX_LENGTH),
    ar: text.max(RESPONSE_MAX_LENGTH),
    pl: text.max(RESPONSE_MAX_LENGTH),
    uk: text.max(RESPONSE_MAX_LENGTH),
  }),
});

export const responseTemplateFileSchema = z.strictObject({
  $comment: z.string().optional(),
  templates: z.array(templateSchema).min(1),
});

export type ResponseTemplate = z.infer<typeof templateSchema>;

export interface ResponseTemplates {
  all: readonly ResponseTemplate[];
  byId: ReadonlyMap<string, ResponseTemplate>;
}

const FILE = "content/response-templates.json";

/** Checks the templates, or throws a ContentError listing every problem. */
export function validateResponseTemplates(data: unknown, content: HelpContent, file = FILE): ResponseTemplates {
  const issues: ContentIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ file, field, message });
  const parsed = responseTemplateFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) issue(problem.path.map(String).join("."), problem.message);
    throw new ContentError(issues);
  }
  const known = new Set(phenomenonIds(content));
  const ids = new Set<string>();
  parsed.data.templates.forEach((template, index) => {
    if (ids.has(template.id)) issue(`templates.${index}.id`, `"${template.id}" is used twice`);
    ids.add(template.id);
    if (new Set(template.phenomena).size !== template.phenomena.length) issue(`templates.${index}.phenomena`, "lists a phenomenon twice");
    template.phenomena.forEach((id, at) => {
      if (!known.has(id)) issue(`templates.${index}.phenomena.${at}`, `unknown phenomenon "${id}" (content/phenomena.json)`);
    });
  });
  // Staff always have something to pick: every phenomenon a signal can have today.
  for (const phenomenon of activePhenomena(content)) {
    if (!parsed.data.templates.some((template) => template.phenomena.includes(phenomenon.id))) {
      issue("templates", `no template answers the phenomenon "${phenomenon.id}"`);
    }
  }
  if (issues.length) throw new ContentError(issues);
  return { all: parsed.data.templates, byId: new Map(parsed.data.templates.map((template) => [template.id, template])) };
}

const loaded = new Map<string, Promise<ResponseTemplates>>();

/** Reads and checks content/response-templates.json once per content folder. */
export function loadResponseTemplates(contentDirectory: string, content: HelpContent): Promise<ResponseTemplates> {
  let promise = loaded.get(contentDirectory);
  if (!promise) {
    promise = readContentJson(contentDirectory, "response-templates.json").then((data) => validateResponseTemplates(data, content));
    promise.catch(() => loaded.delete(contentDirectory));
    loaded.set(contentDirectory, promise);
  }
  return promise;
}

/** The templates that answer this phenomenon, in file order. */
export function templatesFor(templates: ResponseTemplates, phenomenon: string): ResponseTemplate[] {
  return templates.all.filter((template) => template.phenomena.includes(phenomenon));
}

export function templateText(template: ResponseTemplate, part: "title" | "body", language: Language): string {
  return template[part][language];
}

export { languages };
