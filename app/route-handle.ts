import type { LanguageSet } from "./i18n/languages.ts";

/** What a route module may say about itself in `export const handle`. */
export interface RouteHandle {
  /**
   * false: the page is sent as HTML and CSS only, without React's scripts —
   * for resident pages that must be light and work without JavaScript anyway.
   */
  hydrate?: boolean;
  /**
   * The languages the page is complete in (app/i18n/languages.ts): "resident"
   * and "ambassador" pages in all six, others ("staff", the default) in Dutch
   * and English. A page asked for in another language is shown in English,
   * left to right. The locale test checks that every string such pages use exists.
   */
  languages?: LanguageSet;
}
