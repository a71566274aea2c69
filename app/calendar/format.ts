import { MUNICIPAL_TIME_ZONE } from "./time-zone.ts";

// Dates and times as people in the municipality read them, in their language:
// written out ("21 december 2026"), never as 2026-12-21 or 21 dec; Latin
// digits in Arabic too. Formatters are made once per language and kept:
// creating one costs far more than using it.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${name}\u0000${language}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : language, options);
    formats.set(key, format);
  }
  return format;
}

/** Clock time ("14:30"). */
export function formatClockTime(date: Date, language: string): string {
  return formatter(language, "clock", { hour: "2-digit", minute: "2-digit", timeZone: MUNICIPAL_TIME_ZONE }).format(date);
}

/** An instant with its time ("21 december 2026 om 14:30"). */
export function formatDateTime(iso: string, language: string): string {
  return formatter(language, "date-time", { dateStyle: "long", timeStyle: "short", timeZone: MUNICIPAL_TIME_ZONE }).format(new Date(iso));
}

/** The day of an instant ("7 december 2026"). */
export function formatDay(iso: string, language: string): string {
  return formatter(language, "day", { dateStyle: "long", timeZone: MUNICIPAL_TIME_ZONE }).format(new Date(iso));
}

/** A calendar date ("2026-12-21", no time of day) written out: "21 december 2026"; anything else as it is. */
export function formatCalendarDate(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return formatter(language, "calendar-date", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)),
  );
}
