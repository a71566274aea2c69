import { z } from "zod";
import { contentLanguage, inLanguage, type Audience } from "#app/features/content/schemas.ts";
import { searchFlows } from "#app/features/flows/flows.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import { filterTips, helpFilterSchema } from "#app/features/tips/tips.ts";
import type { Language } from "#app/i18n/languages.ts";

// The ambassadors' library: every flow and tip, to find the right one during
// a conversation and share it.

export function libraryFilterSchema(content: HelpContent) {
  const phenomenonIds = new Set([...content.flows.flatMap((flow) => flow.phenomena), ...content.tips.map((tip) => tip.phenomenon)]);
  return helpFilterSchema(phenomenonIds).extend({
    soort: z.enum(["", "hulp", "tips"], { message: "errors.invalid_choice" }).optional().default(""),
  });
}

export type LibraryFilter = z.output<ReturnType<typeof libraryFilterSchema>>;

export interface LibraryItem {
  kind: "hulp" | "tips";
  id: string;
  title: string;
  text: string;
  phenomena: string[];
  audiences: Audience[];
  languages: Language[];
}

export function searchLibrary(content: HelpContent, filter: LibraryFilter, language: Language): { flows: LibraryItem[]; tips: LibraryItem[] } {
  const flowMatches = (filter.q ? searchFlows(content, filter.q, language).map((item) => item.id) : content.flows.map((flow) => flow.id))
    .map((id) => content.flows.find((flow) => flow.id === id)!)
    .filter(
      (flow) =>
        (!filter.fenomeen || flow.phenomena.includes(filter.fenomeen)) &&
        (!filter.doelgroep || flow.audiences.includes(filter.doelgroep as Audience)),
    );
  const flows: LibraryItem[] =
    filter.soort === "tips"
      ? []
      : flowMatches.map((flow) => {
          const shown = contentLanguage(flow.languages, language).language;
          return {
            kind: "hulp",
            id: flow.id,
            title: inLanguage(flow.title, shown),
            text: inLanguage(flow.summary, shown),
            phenomena: flow.phenomena.map((id) => phenomenonLabel(content, id, language)),
            audiences: flow.audiences,
            languages: [...flow.languages],
          };
        });
  const tips: LibraryItem[] =
    filter.soort === "hulp"
      ? []
      : filterTips(content, { query: filter.q, phenomenon: filter.fenomeen, audience: filter.doelgroep }).map((tip) => {
          const shown = contentLanguage(tip.languages, language).language;
          return {
            kind: "tips",
            id: tip.id,
            title: inLanguage(tip.text, shown),
            text: inLanguage(tip.why, shown),
            phenomena: [phenomenonLabel(content, tip.phenomenon, language)],
            audiences: tip.audiences,
            languages: [...tip.languages],
          };
        });
  return { flows, tips };
}

/** Phenomena that have a flow or a tip, for the filter. */
export function libraryPhenomena(content: HelpContent, language: Language): { value: string; label: string }[] {
  const ids = [...new Set([...content.flows.flatMap((flow) => flow.phenomena), ...content.tips.map((tip) => tip.phenomenon)])];
  return content.phenomena.filter((p) => ids.includes(p.id)).map((p) => ({ value: p.id, label: phenomenonLabel(content, p.id, language) }));
}
