import { useRouteLoaderData } from "react-router";
import type { Language } from "./languages.ts";

interface RootLanguageData {
  language: Language;
  languageFromUrl: boolean;
}

/** Adds ?lang= to an in-app path, keeping any query and fragment. */
export function withLanguage(path: string, language: Language): string {
  const [beforeHash, hash] = path.split("#", 2) as [string, string | undefined];
  const [pathname, query = ""] = beforeHash.split("?", 2) as [string, string | undefined];
  const params = new URLSearchParams(query);
  params.set("lang", language);
  return `${pathname}?${params.toString()}${hash !== undefined ? `#${hash}` : ""}`;
}

/**
 * For links on pages residents use without an account: when the language was
 * chosen in the URL, every link carries it on.
 */
export function useLocalizedPath(): (path: string) => string {
  const root = useRouteLoaderData("root") as RootLanguageData | undefined;
  return (path) => (root?.languageFromUrl ? withLanguage(path, root.language) : path);
}
