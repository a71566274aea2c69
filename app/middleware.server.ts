import type { MiddlewareFunction } from "react-router";
import { i18nContext, pendingSecondFactorContext, servicesContext, viewerContext } from "./context.server.ts";
import { secondFactorPending } from "./features/auth/authorization.ts";
import { findViewerBySessionToken, readSessionToken } from "./features/auth/session.server.ts";
import { createI18n } from "./i18n/i18n.ts";
import { resolveLanguage } from "./i18n/language.server.ts";
import { effectiveLanguageSet, languageSets, type Language } from "./i18n/languages.ts";
import { allResources, namespaces } from "./i18n/resources.ts";
import { languageSetOfPatternContext } from "./i18n/route-languages.server.ts";

/**
 * Who is asking: the session cookie's viewer, or null. A staff session that
 * has not passed its second factor is kept apart, so that no page can answer
 * it as logged in by forgetting to ask.
 */
export const viewerMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const services = context.get(servicesContext);
  const token = readSessionToken(request.headers.get("cookie"));
  const viewer = token ? await findViewerBySessionToken(services, token) : null;
  const pending = viewer !== null && secondFactorPending(viewer);
  context.set(viewerContext, pending ? null : viewer);
  context.set(pendingSecondFactorContext, pending ? viewer : null);
  return next();
};

// One i18next instance per language for the whole process: the resources are
// fixed in the build and nothing changes an instance's language after it is
// made, so creating one per request (the costly part) buys nothing.
const i18nInstances = new Map<Language, ReturnType<typeof createI18n>>();
function i18nFor(language: Language) {
  let instance = i18nInstances.get(language);
  if (!instance) {
    instance = createI18n(language, allResources, namespaces);
    i18nInstances.set(language, instance);
  }
  return instance;
}

/**
 * The response's language, and an i18next instance in it for loaders and
 * rendering: the best of what the person asked for among the languages the
 * matched page is complete in.
 */
export const i18nMiddleware: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const person = context.get(viewerContext) ?? context.get(pendingSecondFactorContext);
  const set = effectiveLanguageSet(context.get(languageSetOfPatternContext)(pattern), person?.role);
  // ?lang= only changes the language of this response; a saved preference changes by a form post (the account page, the language switch).
  const { language, fromUrl } = resolveLanguage(request, person, languageSets[set]);
  const i18n = i18nFor(language);
  context.set(i18nContext, { language, fromUrl, i18n, t: i18n.t.bind(i18n) as typeof i18n.t });
  const response = await next();
  try {
    response.headers.set("Content-Language", language);
    response.headers.append("Vary", "Accept-Language, Cookie");
  } catch {
    // Some responses (e.g. Response.redirect) have immutable headers; nothing to add then.
  }
  return response;
};
