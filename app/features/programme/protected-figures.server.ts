import type { AppServices } from "#app/services.server.ts";
import type { Shown } from "#app/features/publication/shown.ts";

// The one gate every figure about signals (and the people and organisations
// around them) passes before a coordinator or researcher sees it. Today it
// applies the municipality's suppression threshold cell by cell: a count from
// 1 to threshold − 1 is shown as "< threshold". Keeping it in one function lets
// the dashboard's protected publication (decision 0401) replace the rule in
// one place.

/** A count after primary suppression only. */
export type PrimaryFigure = { shown: true; value: number } | { shown: false; threshold: number };
export type ProtectedFigure = PrimaryFigure | Withheld;
/**
 * Not small itself, but hidden so that a small count beside it cannot be
 * worked out from a total (secondary suppression); reads "×".
 */
export type Withheld = { shown: false; withheld: true };

export function protectFigure(services: Pick<AppServices, "municipality">, count: number): PrimaryFigure {
  const threshold = services.municipality.suppressionThreshold;
  return count > 0 && count < threshold ? { shown: false, threshold } : { shown: true, value: count };
}

/**
 * A statistic computed over `basis` items (a median response time over the
 * responded signals): shown only when the basis itself could be shown and is
 * at least the threshold, so that it never describes one or two cases.
 */
export function protectStatistic(services: Pick<AppServices, "municipality">, basis: number, value: number | null): { shown: true; value: number | null } | { shown: false; threshold: number } {
  const threshold = services.municipality.suppressionThreshold;
  if (basis === 0) return { shown: true, value: null };
  return basis < threshold ? { shown: false, threshold } : { shown: true, value };
}

/** How a protected figure reads in a table or an export cell. */
export function figureText(figure: { shown: true; value: number | null } | { shown: false; threshold: number } | Withheld): string {
  if (!figure.shown) return "withheld" in figure ? "×" : `< ${figure.threshold}`;
  return figure.value === null ? "" : String(figure.value);
}

/** A figure read from the dashboard's publication, in this module's shapes ("unpublished" reads as withheld). */
export function figureFromShown(shown: Shown): ProtectedFigure {
  if (shown.kind === "count") return { shown: true, value: shown.value };
  if (shown.kind === "suppressed") return { shown: false, threshold: shown.below };
  return { shown: false, withheld: true };
}
