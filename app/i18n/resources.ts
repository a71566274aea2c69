import type { Resource } from "i18next";
import { languages, type Language } from "./languages.ts";

// UI strings live in app/locales/<language>/<namespace>.json, one namespace
// per capability. The server bundles all of them; the browser loads only the
// current language's, and only on pages that hydrate.

// Under Vite (the app, its tests) the files are bundled; plain Node (scripts,
// the benchmark, the server's own start-up code) reads the same files from disk.
const eager: Record<string, { default: Record<string, unknown> }> = import.meta.env
  ? import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json", { eager: true })
  : readLocalesFromDisk();

function readLocalesFromDisk(): Record<string, { default: Record<string, unknown> }> {
  const fs = process.getBuiltinModule("node:fs");
  const path = process.getBuiltinModule("node:path");
  const root = path.join(import.meta.dirname, "..", "locales");
  const files: Record<string, { default: Record<string, unknown> }> = {};
  for (const language of fs.readdirSync(root)) {
    for (const file of fs.readdirSync(path.join(root, language))) {
      if (file.endsWith(".json")) files[`../locales/${language}/${file}`] = { default: JSON.parse(fs.readFileSync(path.join(root, language, file), "utf8")) };
    }
  }
  return files;
}

function collect(): Resource {
  const resources: Resource = {};
  for (const [file, module] of Object.entries(eager)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = module.default;
  }
  return resources;
}

export const allResources: Resource = collect();

export const namespaces: string[] = [
  ...new Set(Object.values(allResources).flatMap((byNamespace) => Object.keys(byNamespace))),
];

export function resourcesFor(language: Language): Resource {
  return { [language]: allResources[language] ?? {}, nl: allResources.nl ?? {} };
}

export { languages };
