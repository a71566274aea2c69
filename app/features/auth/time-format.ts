/** Clock time as people in the municipality read it, in their language. */
export function formatClockTime(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(new Date(iso));
}
