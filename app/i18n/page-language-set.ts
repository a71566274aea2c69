import type { RouteHandle } from "#app/route-handle.ts";
import type { LanguageSet } from "./languages.ts";

/** The language set a page declares: the deepest matched route's `handle.languages`. */
export function declaredLanguageSet(handles: readonly unknown[]): LanguageSet | undefined {
  for (let index = handles.length - 1; index >= 0; index--) {
    const declared = (handles[index] as RouteHandle | undefined)?.languages;
    if (declared) return declared;
  }
  return undefined;
}
