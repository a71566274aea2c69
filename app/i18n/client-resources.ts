import type { Resource } from "i18next";
import { defaultLanguage, type Language } from "./languages.ts";

// In the browser each language's namespaces are separate chunks. A page loads
// the namespaces it used on the server (app/i18n/used-namespaces.tsx) in its
// own language before it hydrates, and the rest afterwards; pages that do not
// hydrate load none. Mails are written on the server only: their strings never
// go to the browser.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(["../locales/*/*.json", "!../locales/*/mail.json"]);

const files = new Map<string, Map<string, () => Promise<{ default: Record<string, unknown> }>>>();
for (const [file, load] of Object.entries(loaders)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  let byNamespace = files.get(language);
  if (!byNamespace) files.set(language, (byNamespace = new Map()));
  byNamespace.set(namespace, load);
}

/** Every namespace the browser can load. */
export const clientNamespaces: string[] = [...(files.get(defaultLanguage)?.keys() ?? [])];

/**
 * The strings of `namespaces` (all when not given) in `language`. A namespace
 * the language does not have (a staff-only one in Turkish, say) comes in
 * Dutch, the fallback language, as the server would show it.
 */
export async function loadClientResources(language: Language, namespaces: readonly string[] = clientNamespaces): Promise<{ resources: Resource; namespaces: string[] }> {
  const resources: Resource = {};
  const loaded: string[] = [];
  await Promise.all(
    namespaces.map(async (namespace) => {
      const own = files.get(language)?.get(namespace);
      const fallback = files.get(defaultLanguage)?.get(namespace);
      const [lang, load] = own ? [language, own] : [defaultLanguage, fallback];
      if (!load) return;
      (resources[lang] ??= {})[namespace] = (await load()).default;
      loaded.push(namespace);
    }),
  );
  return { resources, namespaces: loaded };
}
