import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import { requiredLanguages, type Flow } from "./schemas.ts";
import { ContentError, loadHelpContent, readContentFiles, validateHelpContent, type ContentFiles, type HelpContent } from "./content.server.ts";

// The content in content/ is what residents read: it must be complete and
// consistent, and every editing mistake must be caught with a message that
// names the file and the field.

const contentDirectory = path.join(import.meta.dirname, "..", "..", "..", "content");

let files: ContentFiles;
let content: HelpContent;

beforeAll(async () => {
  files = await readContentFiles(contentDirectory);
  content = validateHelpContent(files);
});

/** A copy of the content files with one change, validated; returns the issues as "file: field: message" lines. */
function issuesAfter(change: (copy: ContentFiles) => void): string[] {
  const copy = structuredClone(files);
  change(copy);
  try {
    validateHelpContent(copy);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).issues.map((issue) => `${issue.file}: ${issue.field}: ${issue.message}`);
  }
  return [];
}

function flowFile(copy: ContentFiles, id: string): Flow {
  const file = copy.flows.find((f) => f.file === `content/flows/${id}.json`);
  if (!file) throw new Error(`no flow ${id}`);
  return file.data as Flow;
}

describe("help content in content/", () => {
  it("is valid: at least 10 flows and 30 tips, resident content in all six languages", () => {
    expect(content.flows.length).toBeGreaterThanOrEqual(10);
    expect(content.tips.length).toBeGreaterThanOrEqual(30);
    const residentFlows = content.flows.filter((flow) => requiredLanguages(flow.audiences).length === languages.length);
    expect(residentFlows.length).toBeGreaterThanOrEqual(10);
    for (const flow of residentFlows) expect(flow.languages, flow.id).toEqual(expect.arrayContaining([...languages]));
    const residentTips = content.tips.filter((tip) => requiredLanguages(tip.audiences).length === languages.length);
    expect(residentTips.length).toBeGreaterThanOrEqual(30);
  });

  it("covers the phenomena residents meet, each flow ending in steps with a number to call", () => {
    const covered = new Set(content.flows.flatMap((flow) => flow.phenomena));
    for (const id of [
      "phishing",
      "whatsapp-fraud",
      "bank-helpdesk-fraud",
      "fake-webshop",
      "marketplace-fraud",
      "hacked-account",
      "sextortion",
      "identity-fraud",
      "investment-fraud",
      "romance-fraud",
      "business-fraud",
      "online-threats",
    ]) {
      expect(covered, id).toContain(id);
    }
    for (const flow of content.flows) {
      const called = flow.outcomes.flatMap((outcome) => outcome.steps.flatMap((step) => step.organisations));
      const withPhone = called.filter((id) => (content.organisations.find((o) => o.id === id)?.phones.length ?? 0) > 0);
      expect(withPhone.length, `${flow.id} refers to no organisation with a phone number`).toBeGreaterThan(0);
    }
    const tipPhenomena = new Set(content.tips.map((tip) => tip.phenomenon));
    expect(tipPhenomena.size).toBeGreaterThanOrEqual(12);
  });

  it("reads from disk the same content the suite checks", async () => {
    const loaded = await loadHelpContent(contentDirectory);
    expect(loaded.flows.map((flow) => flow.id)).toEqual(content.flows.map((flow) => flow.id));
  });
});

describe("phone numbers are written once, at their organisation", () => {
  it("a tip names an organisation's number, which the content fills in for every language", () => {
    const tip = content.tips.find((t) => t.id === "public-order-report-not-share")!;
    for (const language of languages) {
      expect(tip.text[language], language).toContain("(0800-7000)");
      expect(tip.text[language], language).not.toContain("{{");
    }
  });

  it("follows a changed number, and no text in content/ or app/locales/ types a referral organisation's number itself", () => {
    const copy = structuredClone(files);
    const organisations = (copy.organisations.data as { organisations: { id: string; phones: { display: string; tel: string }[] }[] }).organisations;
    organisations.find((o) => o.id === "mma")!.phones[0] = { display: "0800-1234", tel: "08001234" };
    expect(validateHelpContent(copy).tips.find((t) => t.id === "public-order-report-not-share")!.text.nl).toContain("(0800-1234)");
    const numbers = content.organisations.flatMap((o) => o.phones.map((p) => p.display)).filter((n) => n.replace(/\D/g, "").length > 4);
    for (const file of [...files.flows, ...files.tips]) {
      const raw = JSON.stringify(file.data);
      for (const number of numbers) expect(raw.includes(number), `${file.file} types ${number}: write {{phone:<organisation>}}`).toBe(false);
    }
    // The app's own sentences get a number by interpolation from the loader (organisationPhone).
    const locales = path.join(contentDirectory, "..", "app", "locales");
    for (const language of readdirSync(locales)) {
      for (const name of readdirSync(path.join(locales, language))) {
        const raw = readFileSync(path.join(locales, language, name), "utf8");
        for (const number of numbers) expect(raw.includes(number), `app/locales/${language}/${name} types ${number}: interpolate it`).toBe(false);
      }
    }
  });
});

describe("content validation catches editing mistakes, naming the file and the field", () => {
  it("a flow step that refers to an unknown organisation", () => {
    const issues = issuesAfter((copy) => {
      flowFile(copy, "phishing").outcomes[1]!.steps[0]!.organisations = ["fraudehelpdsk"];
    });
    expect(issues).toEqual([
      'content/flows/phishing.json: outcomes.1.steps.0.organisations.0: unknown organisation "fraudehelpdsk" (see content/referral-organisations.json)',
    ]);
  });

  it("an answer that leads nowhere (a dead end), a question nobody reaches, and a loop", () => {
    const deadEnd = issuesAfter((copy) => {
      flowFile(copy, "phishing").questions[0]!.answers[0]!.next = "bestaat-niet";
    });
    expect(deadEnd).toContain(
      'content/flows/phishing.json: questions.0.answers.0.next: "bestaat-niet" is neither a question nor an outcome of this flow (a dead end)',
    );
    // The outcome that answer led to is now unreachable.
    expect(deadEnd.some((line) => line.startsWith("content/flows/phishing.json: outcomes.0: ") && line.endsWith("cannot be reached from the start question"))).toBe(true);

    const loop = issuesAfter((copy) => {
      const flow = flowFile(copy, "phishing");
      flow.questions[1]!.answers[0]!.next = flow.start;
    });
    expect(loop.some((line) => line.includes("questions.1.answers.0.next") && line.includes("round in circles"))).toBe(true);
  });

  it("a missing translation in a flow that lists the language", () => {
    const issues = issuesAfter((copy) => {
      delete (flowFile(copy, "phishing").questions[0]!.text as Record<string, string>).ar;
    });
    expect(issues).toEqual(['content/flows/phishing.json: questions.0.text.ar: missing translation ("ar" is listed in languages)']);
  });

  it("resident content without all resident languages", () => {
    const issues = issuesAfter((copy) => {
      flowFile(copy, "phishing").languages = ["nl", "en"];
    });
    expect(issues).toEqual([
      "content/flows/phishing.json: languages: content for residents must be written in every resident language; add tr, ar, pl, uk (with a translation of every text)",
    ]);
  });

  it("an organisation a flow shows that lacks a translation the flow needs", () => {
    const issues = issuesAfter((copy) => {
      const organisations = (copy.organisations.data as { organisations: { id: string; helpsWith: Record<string, string> }[] }).organisations;
      delete organisations.find((o) => o.id === "fraudehelpdesk")!.helpsWith.uk;
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^content\/referral-organisations\.json: organisations\.\d+\.helpsWith\.uk: missing translation \(needed by content\/flows\/.+\.json, which is written in "uk"\)$/);
  });

  it("a malformed phone number or website of an organisation", () => {
    const issues = issuesAfter((copy) => {
      const organisations = (copy.organisations.data as { organisations: { phones: { display: string }[]; website?: string }[] }).organisations;
      organisations[2]!.phones[0]!.display = "bel ons";
      organisations[1]!.website = "http://www.politie.nl";
    });
    expect(issues).toContain("content/referral-organisations.json: organisations.2.phones.0.display: a phone number in digits, spaces and hyphens");
    expect(issues.some((line) => line.startsWith("content/referral-organisations.json: organisations.1.website: "))).toBe(true);
  });

  it("steps out of order of urgency, an unknown phenomenon and a misspelt key", () => {
    const issues = issuesAfter((copy) => {
      const flow = flowFile(copy, "phishing");
      flow.outcomes[1]!.steps[0]!.urgency = "later";
      flow.phenomena = ["fising"];
      (flow.outcomes[0]! as unknown as Record<string, unknown>).stappen = [];
    });
    expect(issues).toContain('content/flows/phishing.json: outcomes.0: Unrecognized key: "stappen"');
    const parsedIssues = issuesAfter((copy) => {
      const flow = flowFile(copy, "phishing");
      flow.outcomes[1]!.steps[0]!.urgency = "later";
      flow.phenomena = ["fising"];
    });
    expect(parsedIssues).toContain('content/flows/phishing.json: phenomena.0: unknown phenomenon "fising" (see content/phenomena.json)');
    expect(parsedIssues).toContain('content/flows/phishing.json: outcomes.1.steps.1.urgency: "now" comes after a later step: order the steps now → today → later');
  });

  it("a tip with an unknown flow, a duplicate id, or in the wrong file", () => {
    const issues = issuesAfter((copy) => {
      const tipFile = copy.tips.find((f) => f.file === "content/tips/phishing.json")!.data as { phenomenon: string; tips: { id: string; flow?: string }[] };
      tipFile.tips[0]!.flow = "bestaat-niet";
      tipFile.tips[1]!.id = tipFile.tips[2]!.id;
      tipFile.phenomenon = "sextortion";
    });
    expect(issues).toContain('content/tips/phishing.json: tips.0.flow: unknown flow "bestaat-niet" (see content/flows/)');
    expect(issues.some((line) => line.startsWith("content/tips/phishing.json: tips.2.id: ") && line.includes("unique"))).toBe(true);
    expect(issues).toContain('content/tips/phishing.json: phenomenon: must be "phishing", the file\'s name');
  });

  it("a phone number named by an organisation that has none, or that does not exist", () => {
    const issues = issuesAfter((copy) => {
      const tipFile = copy.tips.find((f) => f.file === "content/tips/public-order-calls.json")!.data as { tips: { text: Record<string, string> }[] };
      tipFile.tips[0]!.text.nl = "Bel {{phone:bestaat-niet}}.";
      tipFile.tips[0]!.text.en = "Call {{phone:ncsc}}.";
    });
    expect(issues).toContain('content/tips/public-order-calls.json: tips.0.text.nl: {{phone:bestaat-niet}}: no organisation "bestaat-niet" with a phone number (see content/referral-organisations.json)');
    expect(issues).toContain('content/tips/public-order-calls.json: tips.0.text.en: {{phone:ncsc}}: no organisation "ncsc" with a phone number (see content/referral-organisations.json)');
  });

  it("a file that is not valid JSON, read from disk", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-content-"));
    try {
      const copy = path.join(directory, "content");
      cpSync(contentDirectory, copy, { recursive: true });
      writeFileSync(path.join(copy, "flows", "phishing.json"), '{ "id": "phishing", ');
      const error = await loadHelpContent(copy).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).message).toContain("content/flows/phishing.json: is not valid JSON");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});


describe("organisations the app's own texts name", () => {
  it("must be there with a phone number, or the content is refused at start", () => {
    const copy = structuredClone(files);
    const data = copy.organisations.data as { organisations: { id: string; phones: unknown[] }[] };
    data.organisations.find((o) => o.id === "politie")!.phones = [];
    expect(() => validateHelpContent(copy)).toThrow(/needs "politie" with a phone number/);
  });
});
