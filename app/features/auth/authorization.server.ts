import { data, redirect, type RouterContextProvider } from "react-router";
import { i18nContext, viewerContext } from "#app/context.server.ts";
import { withLanguage } from "#app/i18n/localized-path.ts";
import { can, needsSecondFactor, type Permission } from "./authorization.ts";
import type { Viewer } from "./viewer.ts";

// Loaders and actions call these before doing anything else. Anonymous
// visitors are sent to the login page (and back afterwards); logged-in people
// without the permission get a 403 page in their language.

export function loginRedirect(request: Request, context: Readonly<RouterContextProvider>): Response {
  const url = new URL(request.url);
  url.searchParams.delete("lang");
  const back = `${url.pathname}${url.search}`;
  const { language, fromUrl } = context.get(i18nContext);
  const target = `/inloggen?terug=${encodeURIComponent(back)}`;
  return redirect(fromUrl ? withLanguage(target, language) : target);
}

export function requireViewer(request: Request, context: Readonly<RouterContextProvider>): Viewer {
  const viewer = context.get(viewerContext);
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
  if (needsSecondFactor(viewer, permission)) requireSecondFactor(request, context);
  return viewer;
}

/**
 * Staff (coordinators, police, administrators) must have passed a second
 * factor — an authenticator-app code or a passkey — in this session before
 * they see signal details, the dashboard or any staff page. Without it they
 * are sent to /tweede-stap and back afterwards. Ambassadors pass through.
 * requirePermission calls this for every permission but a few harmless ones;
 * routes may call it directly too.
 */
export function requireSecondFactor(request: Request, context: Readonly<RouterContextProvider>): Viewer {
  const viewer = requireViewer(request, context);
  if (isStaffRole(viewer.role) && !viewer.secondFactor) {
    const url = new URL(request.url);
    url.searchParams.delete("lang");
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    const { language, fromUrl } = context.get(i18nContext);
    const target = `/tweede-stap?terug=${encodeURIComponent(back)}`;
    throw redirect(fromUrl ? withLanguage(target, language) : target);
  }
  return viewer;
}

function isStaffRole(role: Viewer["role"]): boolean {
  return role !== "ambassador";
}

/** A safe in-app path to return to after login: never another site. */
export function safeReturnPath(value: string | null | undefined, fallback = "/start"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  try {
    const url = new URL(value, "http://wijkwijs.invalid");
    if (url.origin !== "http://wijkwijs.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
