import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToString, type RenderToPipeableStreamOptions } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider, type ServerBuild } from "react-router";
import { i18nContext, requestInfoContext, servicesContext, type RequestInfo } from "./context.server.ts";
import { languageSetOfPatternContext, languageSetsOfRoutes } from "./i18n/route-languages.server.ts";
import { trackNamespaces, UsedNamespacesContext } from "./i18n/used-namespaces.tsx";
import type { RouteHandle } from "./route-handle.ts";
import type { AppServices } from "./services.server.ts";

export const streamTimeout = 5_000;

// Timed jobs that need the translations (which only this build can load):
// server/index.ts takes them from the build's entry module.
export { scheduleCertificateReminders } from "./features/training/reminders.server.ts";
export { scheduleSignalDigests } from "./features/signals/digest.server.ts";
export { scheduleMonthlyOverviewMails } from "./features/programme/overview-mail.server.ts";

/**
 * Called by the HTTP server (server/http.ts) for every request. The context
 * keys live in this bundle, so the bundle fills the context; the server
 * creates it, so that it is an instance of the RouterContextProvider its
 * request handler checks for (in development Vite loads a second copy), and
 * hands over the build's route table.
 */
export function provideLoadContext(
  context: RouterContextProvider,
  services: AppServices,
  info: RequestInfo,
  routes: ServerBuild["routes"],
): RouterContextProvider {
  context.set(servicesContext, services);
  context.set(requestInfoContext, info);
  // Which languages each page is complete in, for the root middleware (it sees only the matched pattern).
  context.set(languageSetOfPatternContext, languageSetsOfRoutes(routes));
  return context;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const { nonce } = loadContext.get(requestInfoContext);
  const { i18n } = loadContext.get(i18nContext);

  if (withoutScripts(routerContext)) {
    // A page sent without React's scripts (decision 0007) has nothing to stream
    // towards: no hydration data, no deferred loader data, no Suspense. One
    // string, rendered at once and sent with its length, costs a fraction of
    // the streaming pipeline (decision 0013).
    const html = `<!DOCTYPE html>${renderToString(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
    )}`;
    const body = Buffer.from(html, "utf8");
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Length", String(body.byteLength));
    if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "no-store");
    return new Response(body, { status: responseStatusCode, headers: responseHeaders });
  }

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // The page names the namespaces it used, for the browser to load first (decision 0012).
    const tracked = trackNamespaces(i18n);
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={tracked.i18n}>
        <UsedNamespacesContext value={{ used: tracked.used, nonce }}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </UsedNamespacesContext>
      </I18nextProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "no-store");
          pipe(body);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(loadContext, error, request);
        },
      },
    );
  });
}

/** The same choice as the root layout's: a matched route with `handle.hydrate === false` sends no scripts. */
function withoutScripts(routerContext: EntryContext): boolean {
  return routerContext.staticHandlerContext.matches.some(
    (match) => (routerContext.routeModules[match.route.id]?.handle as RouteHandle | undefined)?.hydrate === false,
  );
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  logError(context, error, request);
};

function logError(context: Readonly<RouterContextProvider>, error: unknown, request: Request) {
  let log: AppServices["log"] | undefined;
  try {
    log = context.get(servicesContext).log;
  } catch {
    log = undefined;
  }
  const path = new URL(request.url).pathname;
  if (log) log.error("request failed", { error, path, method: request.method });
  else process.stderr.write(`request failed: ${request.method} ${path}: ${String(error)}\n`);
}
