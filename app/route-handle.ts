/** What a route module may say about itself in `export const handle`. */
export interface RouteHandle {
  /**
   * false: the page is sent as HTML and CSS only, without React's scripts —
   * for resident pages that must be light and work without JavaScript anyway.
   */
  hydrate?: boolean;
  /** Which languages the language switch offers: all six on resident pages. */
  languages?: "resident" | "staff";
}
