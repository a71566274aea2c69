// How one published figure reads: the only shapes a count leaves the server in.

export type Shown =
  | { kind: "count"; value: number }
  /** Primary suppression: fewer than `below` (the threshold), at least 1. */
  | { kind: "suppressed"; below: number }
  /** Secondary suppression: hidden so that a small number elsewhere cannot be computed back; any number, 0 included. */
  | { kind: "hidden" }
  /** Not a figure that is published: a period not complete yet, or a level that is not published (a wijk per week). */
  | { kind: "unpublished" };

/** How a shown cell reads on the page and in the CSV. */
export function formatShown(shown: Shown, formatNumber: (value: number) => string = String): string {
  if (shown.kind === "count") return formatNumber(shown.value);
  if (shown.kind === "suppressed") return `< ${shown.below}`;
  if (shown.kind === "hidden") return "×";
  return "—";
}
