import type { Resource } from "i18next";
import { defaultLanguage, type Language } from "./languages.ts";

// In the browser each language's strings are a separate chunk, loaded once
// before hydration; pages that do not hydrate load none.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json");

export async function loadClientResources(language: Language): Promise<{ resources: Resource; namespaces: string[] }> {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  const wanted = new Set<string>([language, defaultLanguage]);
  await Promise.all(
    Object.entries(loaders).map(async ([file, load]) => {
      const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
      if (!match || !wanted.has(match[1]!)) return;
      const [, lang, namespace] = match as unknown as [string, string, string];
      namespaces.add(namespace);
      (resources[lang] ??= {})[namespace] = (await load()).default;
    }),
  );
  return { resources, namespaces: [...namespaces] };
}
