import { z } from "zod";
import { audiences, contentLanguage, inLanguage, type Audience, type Tip } from "#app/features/content/schemas.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { rankByQuery } from "#app/features/flows/search.ts";
import { languages, type Language } from "#app/i18n/languages.ts";

// Tips as residents and ambassadors see them: in the reader's language where
// the tip is translated, in Dutch (marked as such) where it is not.

export interface TipView {
  id: string;
  text: string;
  why: string;
  phenomenon: string;
  phenomenonLabel: string;
  audiences: Audience[];
  language: Language;
  fallback: boolean;
  languages: Language[];
  flow: { id: string; title: string } | null;
}

export function tipView(content: HelpContent, tip: Tip, wanted: Language): TipView {
  const shown = contentLanguage(tip.languages, wanted);
  const flow = tip.flow ? content.flows.find((f) => f.id === tip.flow) : undefined;
  const flowShown = flow ? contentLanguage(flow.languages, wanted) : undefined;
  return {
    id: tip.id,
    text: inLanguage(tip.text, shown.language),
    why: inLanguage(tip.why, shown.language),
    phenomenon: tip.phenomenon,
    // The label belongs to the page around the tip, so it follows the reader's language.
    phenomenonLabel: phenomenonLabel(content, tip.phenomenon, wanted),
    audiences: tip.audiences,
    language: shown.language,
    fallback: shown.fallback,
    languages: [...tip.languages],
    flow: flow && flowShown ? { id: flow.id, title: inLanguage(flow.title, flowShown.language) } : null,
  };
}

export function findTip(content: HelpContent, id: string): Tip | undefined {
  return content.tips.find((tip) => tip.id === id);
}

/** Filters from a GET form; an unknown value is an error on that field, not an empty list. */
export function tipFilterSchema(content: HelpContent) {
  return helpFilterSchema(new Set(content.tips.map((tip) => tip.phenomenon)));
}

/** The filters tips and the library share: search text, a phenomenon (one of `phenomenonIds`), an audience. */
export function helpFilterSchema(phenomenonIds: ReadonlySet<string>) {
  return z.object({
    q: z.string().trim().max(100, "errors.too_long").optional().default(""),
    fenomeen: z
      .string()
      .optional()
      .default("")
      .refine((value) => value === "" || phenomenonIds.has(value), "errors.invalid_choice"),
    doelgroep: z
      .string()
      .optional()
      .default("")
      .refine((value) => value === "" || (audiences as readonly string[]).includes(value), "errors.invalid_choice"),
  });
}

export interface TipFilter {
  query?: string;
  phenomenon?: string;
  audience?: string;
}

function describeTip(content: HelpContent, tip: Tip) {
  const all = (text: Partial<Record<Language, string>>) => languages.map((language) => text[language] ?? "");
  const phenomenon = content.phenomena.find((p) => p.id === tip.phenomenon);
  return { strong: [...all(tip.text), ...(phenomenon ? all(phenomenon.labels) : [])], weak: all(tip.why) };
}

export function filterTips(content: HelpContent, filter: TipFilter): Tip[] {
  const selected = content.tips.filter(
    (tip) =>
      (!filter.phenomenon || tip.phenomenon === filter.phenomenon) &&
      (!filter.audience || tip.audiences.includes(filter.audience as Audience)),
  );
  return filter.query ? rankByQuery(selected, (tip) => describeTip(content, tip), filter.query) : selected;
}

/** The phenomena that have tips, for the filter, labelled in the reader's language. */
export function tipPhenomena(content: HelpContent, language: Language): { value: string; label: string }[] {
  const ids = [...new Set(content.tips.map((tip) => tip.phenomenon))];
  return ids.map((id) => ({ value: id, label: phenomenonLabel(content, id, language) }));
}

/** Tips grouped by phenomenon, in the order they come in (the taxonomy's, or best match first). */
export function groupByPhenomenon(tips: readonly TipView[]): { phenomenon: string; label: string; tips: TipView[] }[] {
  const groups = new Map<string, { phenomenon: string; label: string; tips: TipView[] }>();
  for (const tip of tips) {
    const group = groups.get(tip.phenomenon) ?? { phenomenon: tip.phenomenon, label: tip.phenomenonLabel, tips: [] };
    group.tips.push(tip);
    groups.set(tip.phenomenon, group);
  }
  return [...groups.values()];
}
