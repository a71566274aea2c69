import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languageSets, type Language } from "#app/i18n/languages.ts";
import { isSelected, namespacesOf, pageStrings } from "#app/i18n/page-strings.ts";

// Dutch is the source; English must be complete. The pages residents and
// ambassadors use must be complete in all six languages (the strings they
// show are listed in app/i18n/page-strings.ts); other strings may be missing
// in the other languages (they fall back to Dutch), but no language may hold
// keys Dutch lacks, and a plural needs every form its language has.

const root = path.join(import.meta.dirname, "..", "..", "app", "locales");

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** i18next plural forms (_one, _other, …) count as one key. */
function normalised(list: string[]): Set<string> {
  return new Set(list.map((key) => key.replace(pluralSuffix, "")));
}

function load(language: string, namespace: string): unknown {
  const file = path.join(root, language, `${namespace}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

/** The keys Dutch writes as plurals (key_one, key_other), without their suffix: those with an _other form. */
function dutchPlurals(namespace: string): Set<string> {
  return new Set(keys(load("nl", namespace)).filter((key) => key.endsWith("_other")).map((key) => key.replace(pluralSuffix, "")));
}

/** Dutch keys, each plural once (without its suffix). */
function dutchKeys(namespace: string): string[] {
  const plurals = dutchPlurals(namespace);
  return [...new Set(keys(load("nl", namespace)).map((key) => (plurals.has(key.replace(pluralSuffix, "")) ? key.replace(pluralSuffix, "") : key)))];
}

/** What i18next (with Intl.PluralRules) looks up for a plural in this language: key_one, key_few, … */
function pluralForms(language: string, key: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((category) => `${key}_${category}`);
}

/** The keys a language lacks of those given (Dutch keys, plurals unsuffixed): a plural lacks any of its language's forms. */
function missingIn(language: string, namespace: string, wanted: Iterable<string>): string[] {
  const present = new Set(keys(load(language, namespace)));
  const plurals = dutchPlurals(namespace);
  return [...wanted].flatMap((key) => (plurals.has(key) ? pluralForms(language, key) : [key]).filter((form) => !present.has(form)));
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

  it.each(languages.filter((l) => l !== "nl"))("%s has every plural form its language needs, for every plural it translates", (language) => {
    for (const file of readdirSync(path.join(root, language))) {
      const namespace = file.replace(/\.json$/, "");
      const translated = normalised(keys(load(language, namespace)));
      const plurals = [...dutchPlurals(namespace)].filter((key) => translated.has(key));
      expect(missingIn(language, namespace, plurals), `${language}/${file}`).toEqual([]);
    }
  });
});

/** The {{placeholders}} of every string in a namespace, by key (plural forms under their unsuffixed key). */
function placeholders(language: string, namespace: string): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  const walk = (value: unknown, key: string) => {
    if (value && typeof value === "object") {
      for (const [child, inner] of Object.entries(value)) walk(inner, key ? `${key}.${child}` : child);
    } else if (typeof value === "string") {
      const names = [...value.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]!);
      byKey.set(key, new Set(names));
    }
  };
  walk(load(language, namespace), "");
  return byKey;
}

describe("placeholders", () => {
  it.each(languages.filter((l) => l !== "nl"))("%s uses the placeholders Dutch uses, and no others", (language) => {
    const wrong: string[] = [];
    for (const file of readdirSync(path.join(root, language))) {
      const namespace = file.replace(/\.json$/, "");
      const dutch = new Map<string, Set<string>>();
      for (const [key, names] of placeholders("nl", namespace)) {
        const base = key.replace(pluralSuffix, "");
        dutch.set(base, new Set([...(dutch.get(base) ?? []), ...names]));
      }
      for (const [key, names] of placeholders(language, namespace)) {
        const wanted = dutch.get(key.replace(pluralSuffix, "")) ?? new Set<string>();
        // A plural form may say its number in words ("دقيقتين", two minutes) instead of {{count}}.
        const optional = pluralSuffix.test(key) ? new Set(["count"]) : new Set<string>();
        const missing = [...wanted].filter((name) => !names.has(name) && !optional.has(name));
        const extra = [...names].filter((name) => !wanted.has(name));
        if (missing.length || extra.length) wrong.push(`${namespace}:${key} missing [${missing}] extra [${extra}]`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("pages in every language they are offered in", () => {
  for (const set of ["resident", "ambassador"] as const) {
    const others = languageSets[set].filter((language): language is Language => language !== "nl");
    for (const namespace of namespacesOf(set)) {
      it.each(others)(`${set} pages: every string of ${namespace} is there in %s`, (language) => {
        const shown = dutchKeys(namespace).filter((key) => isSelected(pageStrings[set][namespace]!, key));
        expect(shown.length, `no ${set} strings in ${namespace}`).toBeGreaterThan(0);
        expect(missingIn(language, namespace, shown)).toEqual([]);
      });
    }
  }
});
