import { createContext, type ServerBuild } from "react-router";
import type { LanguageSet } from "./languages.ts";
import { declaredLanguageSet } from "./page-language-set.ts";

// The root middleware chooses a response's language before any loader runs,
// and so before React Router tells anyone which route matched — except for
// the matched route's pattern ("signalen/:signalId"). This maps each pattern
// of the build's route table to the language set its routes declare in
// `handle.languages`, so that the declaration in the route module is the only one.

type RouteTable = ServerBuild["routes"];
type TableRoute = NonNullable<RouteTable[string]>;
export type LanguageSetOfPattern = (pattern: string) => LanguageSet | undefined;

/** Set for every request by app/entry.server.tsx; without a route table every page is a staff page. */
export const languageSetOfPatternContext = createContext<LanguageSetOfPattern>(() => undefined);

const tables = new WeakMap<RouteTable, LanguageSetOfPattern>();

/** React Router's own way of writing a match's pattern: the paths of the matched routes joined, or "/". */
function patternOf(chain: readonly TableRoute[]): string {
  const joined = chain
    .map((route) => route.path)
    .filter(Boolean)
    .join("/")
    .replace(/\/\/+/g, "/");
  return joined || "/";
}

export function languageSetsOfRoutes(routes: RouteTable): LanguageSetOfPattern {
  const known = tables.get(routes);
  if (known) return known;
  const byPattern = new Map<string, { depth: number; set: LanguageSet | undefined }>();
  for (const route of Object.values(routes)) {
    if (!route) continue;
    const chain: TableRoute[] = [];
    for (let current: TableRoute | undefined = route; current; current = current.parentId ? routes[current.parentId] : undefined) {
      chain.unshift(current);
    }
    const pattern = patternOf(chain);
    const set = declaredLanguageSet(chain.map((entry) => entry.module.handle));
    // A layout and its index route share a pattern: the deeper route is the page.
    const existing = byPattern.get(pattern);
    if (!existing || existing.depth < chain.length) byPattern.set(pattern, { depth: chain.length, set });
  }
  const lookup: LanguageSetOfPattern = (pattern) => byPattern.get(pattern)?.set;
  tables.set(routes, lookup);
  return lookup;
}
