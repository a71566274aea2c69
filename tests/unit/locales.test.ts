import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dutch is the source; English must be complete. Other languages may be
// partial (they fall back to Dutch) but must not hold keys Dutch lacks.

const root = path.join(import.meta.dirname, "..", "..", "app", "locales");

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

/** i18next plural forms (_one, _other, …) count as one key. */
function normalised(list: string[]): Set<string> {
  return new Set(list.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, "")));
}

function load(language: string, namespace: string): unknown {
  return JSON.parse(readFileSync(path.join(root, language, `${namespace}.json`), "utf8"));
}

const namespaces = readdirSync(path.join(root, "nl")).map((file) => file.replace(/\.json$/, ""));
const languages = readdirSync(root);

describe("UI translations", () => {
  it.each(namespaces)("English has every Dutch key of %s, and no others", (namespace) => {
    const dutch = normalised(keys(load("nl", namespace)));
    const english = normalised(keys(load("en", namespace)));
    expect([...dutch].filter((key) => !english.has(key)), "missing in en").toEqual([]);
    expect([...english].filter((key) => !dutch.has(key)), "only in en").toEqual([]);
  });

  it.each(languages.filter((l) => l !== "nl" && l !== "en"))("%s holds no key that Dutch lacks", (language) => {
    for (const file of readdirSync(path.join(root, language))) {
      const namespace = file.replace(/\.json$/, "");
      expect(namespaces, `${language}/${file} has no Dutch original`).toContain(namespace);
      const dutch = normalised(keys(load("nl", namespace)));
      const extra = [...normalised(keys(load(language, namespace)))].filter((key) => !dutch.has(key));
      expect(extra, `${language}/${file}`).toEqual([]);
    }
  });

  it("every language has the shell strings a resident sees on every page", () => {
    for (const language of languages) {
      const common = normalised(keys(load(language, "common")));
      for (const key of ["shell.skip_to_content", "shell.language_switch", "shell.log_in", "errors.not_found_title", "errors.not_found_body"]) {
        expect(common.has(key), `${language}: ${key}`).toBe(true);
      }
    }
  });
});
