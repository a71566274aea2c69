import type { i18n as I18n, Resource } from "i18next";
import { createI18n } from "./i18n.ts";
import type { Language } from "./languages.ts";

// The browser's one i18next instance. It starts with the page's language and
// the namespaces the page used on the server (decision 0012); the others
// follow once the page is interactive, and at the latest before the first
// client-side navigation renders (root.tsx's clientMiddleware). A client-side
// navigation can land on a page in another language (staff logging in on a
// Turkish login page go on to a Dutch/English-only second step): that page's
// strings are loaded before it renders. The loader is handed in by
// entry.client.tsx, so that the server bundle (which has this module through
// root.tsx) never sees the browser's string chunks.

type LoadResources = (language: Language, namespaces?: readonly string[]) => Promise<{ resources: Resource; namespaces: string[] }>;

let instance: I18n | null = null;
let load: LoadResources | null = null;
let remaining: Promise<void> | null = null;

export async function startClientI18n(language: Language, loadResources: LoadResources, namespaces?: readonly string[]): Promise<I18n> {
  load = loadResources;
  const { resources, namespaces: loaded } = await loadResources(language, namespaces);
  instance = createI18n(language, resources, loaded);
  // Everything was loaded at once when the page did not say what it used.
  if (!namespaces) remaining = Promise.resolve();
  return instance;
}

function addResources(resources: Resource) {
  for (const [lang, byNamespace] of Object.entries(resources)) {
    for (const [namespace, strings] of Object.entries(byNamespace)) instance!.addResourceBundle(lang, namespace, strings, true, true);
  }
}

/**
 * Loads the namespaces the first page did not need, once. Never rejects: without
 * a connection (and no service worker yet) the next call tries again.
 */
export function loadRemainingNamespaces(): Promise<void> {
  if (!instance || !load) return Promise.resolve();
  remaining ??= load(instance.language as Language).then(
    ({ resources }) => addResources(resources),
    () => {
      remaining = null;
    },
  );
  return remaining;
}

export async function switchClientLanguage(language: Language): Promise<void> {
  if (!instance || !load || instance.language === language) return;
  const { resources } = await load(language);
  addResources(resources);
  await instance.changeLanguage(language);
}
