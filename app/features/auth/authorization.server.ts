import { data, redirect, type RouterContextProvider } from "react-router";
import { i18nContext, pendingSecondFactorContext, viewerContext } from "#app/context.server.ts";
import { withLanguage } from "#app/i18n/localized-path.ts";
import { can, type Permission } from "./authorization.ts";
import { sameOriginPath } from "./safe-path.ts";
import type { Viewer } from "./viewer.ts";

// Loaders and actions call these before doing anything else. Anonymous
// visitors are sent to the login page (and back afterwards); logged-in people
// without the permission get a 403 page in their language.

export function loginRedirect(request: Request, context: Readonly<RouterContextProvider>): Response {
  const url = new URL(request.url);
  url.searchParams.delete("lang");
  const back = sameOriginPath(`${url.pathname}${url.search}`) ?? "/start";
  const { language, fromUrl } = context.get(i18nContext);
  const target = `/inloggen?terug=${encodeURIComponent(back)}`;
  return redirect(fromUrl ? withLanguage(target, language) : target);
}

/**
 * The logged-in person. Staff who gave their password but not yet their
 * second factor are not logged in for any page but the second step itself
 * (viewerMiddleware keeps them apart): they are sent to /tweede-stap and back
 * afterwards, whatever the page, so nothing else answers them.
 */
export function requireViewer(request: Request, context: Readonly<RouterContextProvider>): Viewer {
  const viewer = context.get(viewerContext);
  if (viewer) return viewer;
  if (context.get(pendingSecondFactorContext)) throw secondFactorRedirect(request, context);
  throw loginRedirect(request, context);
}

/** For the second step (and its passkey endpoints) only: the person, whether or not they passed it. */
export function requireViewerBeforeSecondFactor(request: Request, context: Readonly<RouterContextProvider>): Viewer {
  const viewer = context.get(viewerContext) ?? context.get(pendingSecondFactorContext);
  if (!viewer) throw loginRedirect(request, context);
  return viewer;
}

export function forbidden(context: Readonly<RouterContextProvider>): never {
  const { t } = context.get(i18nContext);
  throw data({ message: t("errors.forbidden_body") }, { status: 403 });
}

export function requirePermission(
  request: Request,
  context: Readonly<RouterContextProvider>,
  permission: Permission,
): Viewer {
  const viewer = requireViewer(request, context);
  if (!can(viewer, permission)) forbidden(context);
  return viewer;
}

function secondFactorRedirect(request: Request, context: Readonly<RouterContextProvider>): Response {
  const url = new URL(request.url);
  url.searchParams.delete("lang");
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  const { language, fromUrl } = context.get(i18nContext);
  const target = `/tweede-stap?terug=${encodeURIComponent(sameOriginPath(back) ?? "/start")}`;
  return redirect(fromUrl ? withLanguage(target, language) : target);
}
