import type { Resource } from "i18next";
import { languages, type Language } from "./languages.ts";

// UI strings live in app/locales/<language>/<namespace>.json, one namespace
// per capability. The server bundles all of them; the browser loads only the
// current language's, and only on pages that hydrate.

const eager = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json", { eager: true });

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
