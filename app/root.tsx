import "./zod-config.ts";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { AppShell } from "./components/app-shell/app-shell.tsx";
import { navigationFor } from "./components/app-shell/navigation-badges.server.ts";
import { PageTitle } from "./components/app-shell/page-title.tsx";
import { PwaHead, UpdatePrompt, usePageScript } from "./features/pwa/pwa-shell.tsx";
import { Heading, Paragraph } from "./components/ui/heading.tsx";
import { i18nContext, pendingSecondFactorContext, servicesContext, viewerContext } from "./context.server.ts";
import { defaultLanguage, effectiveLanguageSet, isLanguage, languageSets, textDirection, type Language } from "./i18n/languages.ts";
import { declaredLanguageSet } from "./i18n/page-language-set.ts";
import { loadRemainingNamespaces, switchClientLanguage } from "./i18n/client-i18n.ts";
import { UsedNamespaces } from "./i18n/used-namespaces.tsx";
import { bodyGuardMiddleware } from "./http/body-guard.server.ts";
import { i18nMiddleware, viewerMiddleware } from "./middleware.server.ts";
import type { RouteHandle } from "./route-handle.ts";
// NL Design System: Den Haag's design tokens, Utrecht's component CSS, then ours.
import "@gemeente-denhaag/design-tokens-components/dist/index.css";
import "@utrecht/component-library-css/dist/index.css";
import "./styles/app.css";

export const middleware: Route.MiddlewareFunction[] = [viewerMiddleware, i18nMiddleware, bodyGuardMiddleware];

// Before a client-side navigation renders, the strings of every namespace are
// there (the first page loaded only its own). After a client-side navigation
// to a page in another language, its strings are loaded before it renders (the server chose the language; see i18nMiddleware).
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async (_args, next) => {
    // The first page loaded only the namespaces it used; every other page may need any.
    await loadRemainingNamespaces();
    const results = await next();
    const root = results.root;
    const language = root?.type === "data" ? (root.result as { language?: unknown } | undefined)?.language : undefined;
    if (isLanguage(language)) await switchClientLanguage(language);
    return results;
  },
];

export async function loader({ context }: Route.LoaderArgs) {
  const viewer = context.get(viewerContext);
  // Before the second factor: the name and a way to log out, no navigation (and none of its counts).
  const shown = viewer ?? context.get(pendingSecondFactorContext);
  const { language, fromUrl } = context.get(i18nContext);
  const { municipality } = context.get(servicesContext);
  return {
    language,
    languageFromUrl: fromUrl,
    municipalityName: municipality.name,
    viewer: shown
      ? { displayName: shown.displayName, role: shown.role, organisationName: shown.organisationName, pending: viewer === null }
      : null,
    navigation: await navigationFor(context.get(servicesContext), viewer),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

function useDocumentLanguage(): Language {
  const data = useRootData();
  const { i18n } = useTranslation();
  if (data) return data.language;
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}

/**
 * The root data of the last page shown, in the browser only (never shared
 * between requests on the server). A client-side navigation that fails (no
 * connection) loses the root loader's data; the error page still shows the
 * person's own header instead of pretending they were logged out.
 */
let lastRootData: RootData | undefined;

function useRootData(): RootData | undefined {
  const data = useRouteLoaderData<RootData>("root");
  if (typeof document === "undefined") return data;
  if (data) lastRootData = data;
  return data ?? lastRootData;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const language = useDocumentLanguage();
  const matches = useMatches();
  const hydrate = !matches.some((match) => (match.handle as RouteHandle | undefined)?.hydrate === false);
  const role = useRootData()?.viewer?.role ?? null;
  usePageScript(role);
  useEffect(() => {
    // Tests and tools wait for this before they look (tests/e2e/fixtures.ts, pageReady).
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <PwaHead role={role} />
      </head>
      <body className="utrecht-document utrecht-document--surface">
        {children}
        {role !== null ? <UpdatePrompt /> : null}
        {hydrate ? (
          <>
            <ScrollRestoration />
            <Scripts />
            {/* Last, after everything that asks for strings has rendered (app/i18n/used-namespaces.tsx). */}
            <UsedNamespaces />
          </>
        ) : null}
      </body>
    </html>
  );
}

function useShellProps() {
  const data = useRootData();
  const matches = useMatches();
  const language = useDocumentLanguage();
  // The same choice as the server's (i18nMiddleware): the languages this page is complete in.
  const set = effectiveLanguageSet(declaredLanguageSet(matches.map((match) => match.handle)), data?.viewer?.role);
  const offered = languageSets[set];
  return {
    municipalityName: data?.municipalityName ?? "",
    viewer: data?.viewer ?? null,
    navigation: data?.navigation ?? [],
    language,
    languagesOffered: offered,
  };
}

export default function App() {
  return (
    <AppShell {...useShellProps()}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const shell = useShellProps();
  let title = t("errors.unexpected_title");
  let body = t("errors.unexpected_body");
  if (isConnectionFailure(error)) {
    title = t("pwa:offline.title");
    body = t("pwa:offline.body");
  } else if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.not_found_title");
      body = t("errors.not_found_body");
    } else if (error.status === 403) {
      title = t("errors.forbidden_title");
      body = typeof error.data?.message === "string" ? error.data.message : t("errors.forbidden_body");
    } else if (error.status === 429) {
      title = t("errors.too_many_title");
      body = typeof error.data?.message === "string" ? error.data.message : t("errors.too_many_body");
    } else if (error.status === 400 || error.status === 405 || error.status === 415) {
      title = t("errors.bad_request_title");
      body = typeof error.data?.message === "string" ? error.data.message : t("errors.bad_request_body");
    }
  }
  return (
    <AppShell {...shell}>
      <PageTitle>{title}</PageTitle>
      <div className="stack">
        <Heading level={1}>{title}</Heading>
        <Paragraph>{body}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={shell.viewer ? "/start" : "/"}>
            {t("errors.back_home")}
          </a>
        </Paragraph>
      </div>
    </AppShell>
  );
}

/** A client-side navigation whose data request found no connection (and no service worker to answer it). */
function isConnectionFailure(error: unknown): boolean {
  // Only in the browser (Node has a `navigator` too, without onLine).
  if (typeof document === "undefined") return false;
  return navigator.onLine === false || (error instanceof TypeError && /fetch|network|load failed/i.test(error.message));
}
