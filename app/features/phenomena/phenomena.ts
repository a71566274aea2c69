import { z } from "zod";
import { languages, type Language } from "#app/i18n/languages.ts";
import taxonomyFile from "#content/phenomena.json" with { type: "json" };

// The phenomenon taxonomy (content/phenomena.json): what flows, tips, signals
// and the dashboard classify by. Ids are stable; labels are translated.

export const phenomenonFileSchema = z.object({
  $comment: z.string().optional(),
  phenomena: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/, "ids are lower-case words joined by hyphens"),
        retired: z.boolean().optional(),
        labels: z
          .object({ nl: z.string().min(1), en: z.string().min(1) })
          .and(z.partialRecord(z.enum(languages), z.string().min(1))),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "phenomenon ids must be unique"),
});

export type Phenomenon = z.infer<typeof phenomenonFileSchema>["phenomena"][number];

export const phenomena: readonly Phenomenon[] = phenomenonFileSchema.parse(taxonomyFile).phenomena;

export const phenomenonIds: readonly string[] = phenomena.map((p) => p.id);

/** Phenomena that may be chosen for something new (not retired). */
export const activePhenomena: readonly Phenomenon[] = phenomena.filter((p) => !p.retired);

export function isPhenomenonId(value: unknown): value is string {
  return typeof value === "string" && phenomenonIds.includes(value);
}

export function phenomenonLabel(id: string, language: Language): string {
  const phenomenon = phenomena.find((p) => p.id === id);
  if (!phenomenon) return id;
  return phenomenon.labels[language] ?? phenomenon.labels.nl;
}
