import i18next, { type i18n as I18n } from "i18next";
import { defaultLanguage, type Language } from "./languages.ts";
import type { Resource } from "i18next";

/** A fresh i18next instance for one request (server) or one page (browser). */
export function createI18n(language: Language, resources: Resource, namespaces: string[]): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: false,
    ns: namespaces,
    defaultNS: "common",
    fallbackNS: "common",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  return instance;
}
