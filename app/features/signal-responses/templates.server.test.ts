import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, loadHelpContent } from "#app/features/content/content.server.ts";
import { activePhenomena } from "#app/features/content/content.ts";
import { scrubOptionsFor } from "#app/features/signals/scrub-options.ts";
import { scrub } from "#app/features/signals/scrubber.ts";
import { languages } from "#app/i18n/languages.ts";
import { loadResponseTemplates, templatesFor, validateResponseTemplates } from "./templates.server.ts";

// The response templates as content: the shipped file passes, answers every
// phenomenon in all six languages, survives the personal-data scrubber as it
// is, and each kind of mistake is named by file and field.

const contentDirectory = path.join(import.meta.dirname, "..", "..", "..", "content");
const content = await loadHelpContent(contentDirectory);

async function shipped() {
  return structuredClone((await loadResponseTemplates(contentDirectory, content)).all) as unknown as Record<string, any>[];
}

function problems(templates: unknown): string[] {
  try {
    validateResponseTemplates({ templates }, content);
  } catch (error) {
    if (error instanceof ContentError) return error.issues.map((issue) => `${issue.file}: ${issue.field}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe("the response templates", () => {
  it("answer every phenomenon, in all six languages", async () => {
    const templates = await loadResponseTemplates(contentDirectory, content);
    for (const phenomenon of activePhenomena(content)) expect(templatesFor(templates, phenomenon.id).length, phenomenon.id).toBeGreaterThan(0);
    for (const template of templates.all) {
      for (const language of languages) {
        expect(template.title[language], `${template.id} title ${language}`).toBeTruthy();
        expect(template.body[language], `${template.id} body ${language}`).toBeTruthy();
      }
    }
  });

  it("pass the personal-data scrubber unchanged, so an unedited template is sent as written", async () => {
    const options = scrubOptionsFor(content, { municipalityName: "Den Haag", stadsdeelNames: [], wijkNames: [], organisationNames: [] }, 2026);
    const changed: string[] = [];
    for (const template of (await loadResponseTemplates(contentDirectory, content)).all) {
      for (const language of languages) {
        const body = template.body[language];
        if (scrub(body, options).text !== body) changed.push(`${template.id} ${language}: ${scrub(body, options).text}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it("names a missing translation, an unknown phenomenon, a repeated id and a phenomenon nobody answers", async () => {
    const templates = await shipped();
    delete templates[1]!.body.uk;
    templates[2]!.phenomena.push("ransomware");
    templates[3]!.id = templates[0]!.id;
    expect(problems(templates)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^content\/response-templates\.json: templates\.1\.body\.uk: /)]),
    );
    const fixed = await shipped();
    fixed[2]!.phenomena.push("ransomware");
    fixed[3]!.id = fixed[0]!.id;
    expect(problems(fixed)).toEqual(
      expect.arrayContaining([
        'content/response-templates.json: templates.2.phenomena.2: unknown phenomenon "ransomware" (content/phenomena.json)',
        `content/response-templates.json: templates.3.id: "${fixed[0]!.id}" is used twice`,
      ]),
    );
    const general = (await shipped()).filter((template) => template.id !== "thanks-general");
    expect(problems(general)).toContainEqual('content/response-templates.json: templates: no template answers the phenomenon "other"');
  });

  it("refuses a text longer than a response may be", async () => {
    const templates = await shipped();
    templates[0]!.body.nl = "Dank u wel. ".repeat(100);
    expect(problems(templates)).toContainEqual(expect.stringMatching(/^content\/response-templates\.json: templates\.0\.body\.nl: /));
  });
});
