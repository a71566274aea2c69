import type { Viewer } from "#app/features/auth/viewer.ts";
import { defaultLanguage, isLanguage, languageFromAcceptHeader, type Language } from "./languages.ts";

/**
 * The language of a response: ?lang= in the URL, then the logged-in person's
 * preference, then the browser's Accept-Language, then Dutch. Residents get no
 * cookie, so their choice travels in the URL.
 */
export function resolveLanguage(request: Request, viewer: Viewer | null): { language: Language; fromUrl: boolean } {
  const fromUrl = new URL(request.url).searchParams.get("lang");
  if (isLanguage(fromUrl)) return { language: fromUrl, fromUrl: true };
  if (viewer && isLanguage(viewer.language)) return { language: viewer.language, fromUrl: false };
  return { language: languageFromAcceptHeader(request.headers.get("accept-language")) ?? defaultLanguage, fromUrl: false };
}
