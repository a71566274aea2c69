import type { Viewer } from "#app/features/auth/viewer.ts";
import { acceptedLanguageTags, isLanguage, pageLanguage, type Language } from "./languages.ts";

/**
 * The language of a response: ?lang= in the URL, then the logged-in person's
 * preference, then the browser's Accept-Language — the first of those the page
 * is complete in (`offered`); English when none is, Dutch when nothing was
 * asked for. Residents get no cookie, so their choice travels in the URL.
 */
export function resolveLanguage(
  request: Request,
  viewer: Viewer | null,
  offered: readonly Language[],
): { language: Language; fromUrl: boolean } {
  const fromUrl = new URL(request.url).searchParams.get("lang")?.trim().toLowerCase() ?? null;
  const asked = [
    ...(fromUrl ? [fromUrl] : []),
    ...(viewer && isLanguage(viewer.language) ? [viewer.language] : []),
    ...acceptedLanguageTags(request.headers.get("accept-language")),
  ];
  const language = pageLanguage(asked, offered);
  // Links carry ?lang= on only when the page is in the language the URL asked for.
  return { language, fromUrl: fromUrl === language };
}
