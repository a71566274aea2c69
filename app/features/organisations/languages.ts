// Languages an organisation's ambassadors speak at the walk-in. Codes are
// BCP 47 tags; their names come from the runtime's CLDR data in the reader's
// language (Intl.DisplayNames), so no list of names has to be translated.
// Residents' languages first, then languages often asked for in Dutch cities.

export const spokenLanguages = [
  "nl",
  "en",
  "tr",
  "ar",
  "pl",
  "uk",
  "zgh",
  "pap",
  "srn",
  "so",
  "ti",
  "fa",
  "prs",
  "ku",
  "ru",
  "bg",
  "ro",
  "es",
  "pt",
  "fr",
  "de",
  "it",
  "zh",
  "hi",
  "ur",
  "am",
] as const;
export type SpokenLanguage = (typeof spokenLanguages)[number];

export function isSpokenLanguage(value: unknown): value is SpokenLanguage {
  return typeof value === "string" && (spokenLanguages as readonly string[]).includes(value);
}

/** "nl,en,tr" → ["nl", "en", "tr"]; unknown codes (from an older list) are dropped. */
export function parseLanguages(stored: string): SpokenLanguage[] {
  return stored.split(",").map((code) => code.trim()).filter(isSpokenLanguage);
}

/** Stored in the order of spokenLanguages, without duplicates. */
export function serialiseLanguages(codes: readonly string[]): string {
  const wanted = new Set(codes);
  return spokenLanguages.filter((code) => wanted.has(code)).join(",");
}

export function languageName(code: string, uiLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([uiLanguage], { type: "language", fallback: "none" }).of(code);
    if (!name) return code;
    // Some languages write names in lower case ("turecki"); as a label it starts with a capital.
    return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
  } catch {
    return code;
  }
}

/** Options for a language field or filter, sorted by name in the reader's language. */
export function languageOptions(codes: readonly string[], uiLanguage: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(uiLanguage);
  return codes
    .map((code) => ({ value: code, label: languageName(code, uiLanguage) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
