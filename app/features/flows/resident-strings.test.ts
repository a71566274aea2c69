import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";

// Residents read the flow and tip pages, and the poster, in any of the six
// languages: every string on those pages must exist in each (the general
// locale test only demands Dutch and English everywhere).

const root = path.join(import.meta.dirname, "..", "..", "locales");

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

const pluralForms = /_(zero|one|two|few|many|other)$/;
function load(language: string, namespace: string): Set<string> {
  const json = JSON.parse(readFileSync(path.join(root, language, `${namespace}.json`), "utf8")) as unknown;
  return new Set(keys(json).map((key) => key.replace(pluralForms, "")));
}

const residentSections: Record<string, (key: string) => boolean> = {
  flows: (key) => ["home.", "help.", "flow.", "fallback.", "poster."].some((section) => key.startsWith(section)),
  tips: () => true,
};

describe("strings on resident pages", () => {
  for (const [namespace, isResident] of Object.entries(residentSections)) {
    it.each(languages.filter((language) => language !== "nl"))(`${namespace} is complete in %s`, (language) => {
      const wanted = [...load("nl", namespace)].filter(isResident);
      const present = load(language, namespace);
      expect(wanted.filter((key) => !present.has(key))).toEqual([]);
    });
  }
});
