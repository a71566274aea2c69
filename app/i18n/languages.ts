// Dutch first; English is complete; resident-facing pages also in Turkish,
// Arabic, Polish and Ukrainian. Anything missing falls back to Dutch.

export const languages = ["nl", "en", "tr", "ar", "pl", "uk"] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = "nl";

/** Languages the whole app (staff pages included) is translated into. */
export const staffLanguages: readonly Language[] = ["nl", "en"];
/** Languages of the resident-facing pages, flows and tips. */
export const residentLanguages: readonly Language[] = languages;

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

/** Picks the best supported language from an Accept-Language header. */
export function languageFromAcceptHeader(header: string | null | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage);
}
