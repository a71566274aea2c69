import type { i18n as I18n, Resource } from "i18next";
import { createI18n } from "./i18n.ts";
import type { Language } from "./languages.ts";

// The browser's one i18next instance. It starts with the page's language;
// a client-side navigation can land on a page in another language (staff
// logging in on a Turkish login page go on to a Dutch/English-only second
// step): that page's strings are loaded before it renders. The loader is
// handed in by entry.client.tsx, so that the server bundle (which has this
// module through root.tsx) never sees the browser's string chunks.

type LoadResources = (language: Language) => Promise<{ resources: Resource; namespaces: string[] }>;

let instance: I18n | null = null;
let load: LoadResources | null = null;

export async function startClientI18n(language: Language, loadResources: LoadResources): Promise<I18n> {
  load = loadResources;
  const { resources, namespaces } = await loadResources(language);
  instance = createI18n(language, resources, namespaces);
  return instance;
}

export async function switchClientLanguage(language: Language): Promise<void> {
  if (!instance || !load || instance.language === language) return;
  const { resources } = await load(language);
  for (const [lang, byNamespace] of Object.entries(resources)) {
    for (const [namespace, strings] of Object.entries(byNamespace)) instance.addResourceBundle(lang, namespace, strings, true, true);
  }
  await instance.changeLanguage(language);
}
