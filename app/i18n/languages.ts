// Dutch first; English is complete; resident and ambassador pages also in
// Turkish, Arabic, Polish and Ukrainian. Each route says which of these sets
// it is complete in (`handle.languages`); a page is never shown in a language
// outside its set (see pageLanguage). A string missing in a language falls back to Dutch.

export const languages = ["nl", "en", "tr", "ar", "pl", "uk"] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = "nl";

/** The language a page falls back to when none of the languages asked for is available. */
export const fallbackLanguage: Language = "en";

/** Languages the whole app (staff pages included) is translated into. */
export const staffLanguages: readonly Language[] = ["nl", "en"];
/** Languages of the resident-facing pages, flows and tips. */
export const residentLanguages: readonly Language[] = languages;
/** Languages of the pages an ambassador uses (and of logging in and accepting an invitation). */
export const ambassadorLanguages: readonly Language[] = languages;

/** The sets of pages that are translated together; a route declares its set in `handle.languages`. */
export type LanguageSet = "resident" | "ambassador" | "staff";

export const languageSets: Record<LanguageSet, readonly Language[]> = {
  resident: residentLanguages,
  ambassador: ambassadorLanguages,
  staff: staffLanguages,
};

/**
 * The set a page is shown in. Undeclared pages are staff pages. Ambassador
 * pages that staff also use (start, account) show staff their own menu and
 * staff-only parts, which are Dutch and English only: staff get those pages in
 * the staff languages.
 */
export function effectiveLanguageSet(declared: LanguageSet | undefined, role: string | null | undefined): LanguageSet {
  if (declared === "ambassador" && role != null && role !== "ambassador") return "staff";
  return declared ?? "staff";
}

/** The languages the whole app may be saved as someone's preference in, by role. */
export function savableLanguages(role: string): readonly Language[] {
  return role === "ambassador" ? ambassadorLanguages : staffLanguages;
}

/** Each language's name in its own language, for the language switch. */
export const languageNames: Record<Language, string> = {
  nl: "Nederlands",
  en: "English",
  tr: "Türkçe",
  ar: "العربية",
  pl: "Polski",
  uk: "Українська",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function textDirection(language: Language): "ltr" | "rtl" {
  return language === "ar" ? "rtl" : "ltr";
}

/** The language tags of an Accept-Language header, best first (q=0 left out; "*" and tags we do not know kept as asked). */
export function acceptedLanguageTags(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && entry.base !== "")
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.base);
}

/** Picks the best supported language from an Accept-Language header. */
export function languageFromAcceptHeader(header: string | null | undefined): Language | undefined {
  return acceptedLanguageTags(header).find(isLanguage);
}

/**
 * The language of a page, from what the visitor asked for, best first (the
 * URL's ?lang=, a saved preference, the browser's languages — unknown ones
 * included): the first one the page is complete in. When none is, and
 * something was asked for, English (then Dutch, for a page without English);
 * when nothing was asked for, Dutch.
 */
export function pageLanguage(asked: readonly string[], offered: readonly Language[]): Language {
  const wanted = asked.filter((tag) => tag !== "*");
  const found = wanted.find((tag): tag is Language => isLanguage(tag) && offered.includes(tag));
  if (found) return found;
  if (wanted.length > 0 && offered.includes(fallbackLanguage)) return fallbackLanguage;
  return offered.includes(defaultLanguage) ? defaultLanguage : (offered[0] ?? defaultLanguage);
}
