import { matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { NetworkFirst } from "workbox-strategies";
import { ExpirationPlugin } from "workbox-expiration";
import type { WorkboxPlugin } from "workbox-core/types.js";
import { forgetPrivateData, PAGES_CACHE, DATA_CACHE, sendOutbox } from "#app/features/pwa/device-data.ts";
import { OUTBOX_SYNC_TAG } from "#app/features/pwa/outbox.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { answersSignedOut, keptOffline, pageOfDataRequest } from "./offline-pages.ts";
import type { ExtendableEvent, WorkerGlobal } from "./worker-types.ts";

// Wijkwijs's service worker, bundled by esbuild and given its precache list
// by Workbox's injectManifest at the end of the production build
// (app/sw/build.ts). What it does, and why, is in docs/decisions/0300.

declare const self: WorkerGlobal & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const PAGES = PAGES_CACHE;
const DATA = DATA_CACHE;
const META = "wijkwijs-meta";
const LANGUAGE_KEY = "/__wijkwijs/language";

// The hashed client assets, icons, manifest and offline pages.
precacheAndRoute(self.__WB_MANIFEST);

// The page that registered this worker (often reached by a client-side
// navigation right after logging in) is taken over at once, so that its next
// client-side navigation already goes through the worker: offline in the
// very first session. Nothing older is running then, and an update activates
// only when the person chose "reload".
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** Only complete, same-origin answers are kept: no redirects, errors or downloads. */
const keepOnlyPages: WorkboxPlugin = {
  cacheWillUpdate: async ({ request, response }) =>
    response.status === 200 && response.type === "basic" && keptOffline(new URL(request.url)) ? response : null,
};

// Pages: always from the network when there is one (never stale); the last
// copy (of the pages above) only when the network fails; the offline page for the rest.
const pages = new NetworkFirst({
  cacheName: PAGES,
  plugins: [
    keepOnlyPages,
    { cacheWillUpdate: async ({ response }) => ((response.headers.get("content-type") ?? "").includes("text/html") ? response : null) },
    new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * 24 * 3600 }),
  ],
  matchOptions: { ignoreVary: true },
});

registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin,
  async (options) => {
    let response: Response;
    try {
      response = await pages.handle(options);
    } catch {
      return offlinePage(options.url);
    }
    noticeSignedOut(options.url, response, options.event);
    return response;
  },
);

// React Router's loader data for client-side navigations: the same rule, in
// its own cache, and never an HTML page in its place (the router cannot read it).
const data = new NetworkFirst({ cacheName: DATA, plugins: [keepOnlyPages, new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * 24 * 3600 })] });

registerRoute(
  ({ request, url }) => request.method === "GET" && url.origin === self.location.origin && url.pathname.endsWith(".data"),
  async (options) => {
    let response: Response;
    try {
      response = await data.handle(options);
    } catch {
      // No connection and no copy: React Router's own "reload this document"
      // answer, so the browser navigates for real and gets the kept page or the
      // offline page above — never the error page of a failed fetch.
      return new Response(null, {
        status: 204,
        headers: { "X-Remix-Redirect": pageOfDataRequest(options.url), "X-Remix-Status": "302", "X-Remix-Reload-Document": "true" },
      });
    }
    noticeSignedOut(options.url, response, options.event);
    return response;
  },
);

/**
 * The server shows the login page only to a device without a session (a
 * logged-in person asking for it is sent on). When that happens, this device's
 * session has ended — logged out here, elsewhere ("log out everywhere") or
 * expired — and nothing of the person may stay on it.
 */
function noticeSignedOut(url: URL, response: Response, event: Event | undefined): void {
  if (!answersSignedOut(url, response)) return;
  const done = forgetPrivateData();
  if (event && "waitUntil" in event) (event as ExtendableEvent).waitUntil(done);
}

// Actions (POST) are not routed: they always go to the network; signals
// composed offline go through the outbox instead.

async function offlinePage(url: URL): Promise<Response> {
  const fromUrl = url.searchParams.get("lang");
  const language: Language = isLanguage(fromUrl) ? fromUrl : await storedLanguage();
  const page = (await matchPrecache(`/offline/${language}.html`)) ?? (await matchPrecache("/offline/nl.html"));
  return page ?? new Response("Offline", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
}

async function storedLanguage(): Promise<Language> {
  const stored = await (await caches.open(META)).match(LANGUAGE_KEY);
  const language = stored ? await stored.text() : null;
  return isLanguage(language) ? language : "nl";
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  // Pages with someone's data, and signals still waiting, leave the device when they log out or delete their account.
  if (event.request.method === "POST" && (url.pathname === "/uitloggen" || url.pathname === "/account/verwijderen")) {
    event.waitUntil(forgetPrivateData());
  }
});

type PageMessage = { type: "skip-waiting" } | { type: "language"; language: string } | { type: "warm"; urls: string[] };

self.addEventListener("message", (event) => {
  const message = event.data as PageMessage | null;
  if (!message || typeof message !== "object") return;
  if (message.type === "skip-waiting") {
    // Only when the person chose "reload": a tab with the old version may still lazy-load old chunks.
    event.waitUntil(self.skipWaiting());
  } else if (message.type === "language" && isLanguage(message.language)) {
    event.waitUntil(caches.open(META).then((cache) => cache.put(LANGUAGE_KEY, new Response(message.language))));
  } else if (message.type === "warm" && Array.isArray(message.urls)) {
    // The page opened before this worker controlled it (the very first visit), and the menu's pages.
    event.waitUntil(warm(message.urls).finally(() => event.ports[0]?.postMessage({ type: "warmed" })));
  }
});

async function warm(urls: string[]): Promise<void> {
  const cache = await caches.open(PAGES);
  const wanted = new Map(
    urls
      .map((href) => new URL(href, self.location.origin))
      .filter((url) => url.origin === self.location.origin && keptOffline(url))
      .map((url) => [url.href, url] as const),
  );
  await Promise.all(
    [...wanted.values()]
      .slice(0, 12)
      .map(async (url) => {
        if (await cache.match(url.href, { ignoreVary: true })) return;
        const response = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
        if (response && response.status === 200 && response.type === "basic" && !response.redirected && (response.headers.get("content-type") ?? "").includes("text/html")) {
          await cache.put(url.href, response);
        }
      }),
  );
}

self.addEventListener("sync", (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) {
    // Throwing makes the browser retry the sync later.
    event.waitUntil(
      sendOutbox().then((result) => {
        if (result.stopped === "offline" || result.stopped === "server") throw new Error(`outbox not sent: ${result.stopped}`);
      }),
    );
  }
});

interface PushPayload {
  title: string;
  body?: string;
  url?: string;
  tag?: string;
  lang?: string;
}

self.addEventListener("push", (event) => {
  let payload: PushPayload;
  try {
    payload = (event.data?.json() ?? null) as PushPayload;
  } catch {
    payload = { title: event.data?.text() ?? "Wijkwijs" };
  }
  if (!payload || typeof payload.title !== "string") payload = { title: "Wijkwijs" };
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body ?? "",
      tag: payload.tag,
      lang: payload.lang,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url: payload.url ?? "/start" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(String((event.notification.data as { url?: string } | null)?.url ?? "/start"), self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    (async () => {
      // An open window of the app goes to the warning (one this worker does not control yet is
      // asked to go there itself); focusing is a courtesy the browser may refuse.
      const [open] = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      if (!open) {
        await self.clients.openWindow(target.href);
        return;
      }
      const navigated = await open.navigate(target.href).catch(() => null);
      if (!navigated) open.postMessage({ type: "navigate", url: target.href });
      await (navigated ?? open).focus().catch(() => undefined);
    })(),
  );
});

self.addEventListener("pushsubscriptionchange", (event) => {
  // The push service replaced the subscription: hand the new one to the server with the same key.
  event.waitUntil(
    (async () => {
      const current = await self.registration.pushManager.getSubscription();
      const key = current?.options.applicationServerKey;
      const subscription = current ?? (key ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }) : null);
      if (!subscription) return;
      await fetch("/account/meldingen", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(subscription.toJSON()),
      });
    })(),
  );
});
