/** Clock time as people in the municipality read it, in their language. */
export function formatClockTime(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

/** Dates are written out as people write them ("21 december 2026"), never as 2026-12-21 or 21 dec. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(new Date(iso));
}

/** A calendar date ("2026-12-21", no time of day) as people write it: "21 december 2026". */
export function formatCalendarDate(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)),
  );
}
