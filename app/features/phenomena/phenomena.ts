import type { Language } from "#app/i18n/languages.ts";
import { phenomenonFileSchema, type Phenomenon } from "#app/features/content/schemas.ts";
import taxonomyFile from "#content/phenomena.json" with { type: "json" };

// A copy of the phenomenon taxonomy made when the app is built, left only for
// the signals and situations code, which does not take services.content yet
// (tests/unit/layering.test.ts lists who may still import it). Everything
// else reads the taxonomy from services.content (app/features/content/).

export type { Phenomenon };

export const phenomena: readonly Phenomenon[] = phenomenonFileSchema.parse(taxonomyFile).phenomena;

export const phenomenonIds: readonly string[] = phenomena.map((p) => p.id);

/** Phenomena that may be chosen for something new (not retired). */
export const activePhenomena: readonly Phenomenon[] = phenomena.filter((p) => !p.retired);

export function phenomenonLabel(id: string, language: Language): string {
  const phenomenon = phenomena.find((p) => p.id === id);
  if (!phenomenon) return id;
  return phenomenon.labels[language] ?? phenomenon.labels.nl;
}
