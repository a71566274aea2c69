import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";
import { sendOutbox as flushOrForget, sendTrainingOutbox } from "#app/features/pwa/device-data.ts";

// The page's side of the PWA, as a small plain script (/pwa.js) so that it
// also runs on pages that do not load React: registers the service worker,
// offers the update and the installation, sends the signal outbox when the
// connection is back, and hides warnings that expired while a page was kept
// offline. Texts are in the page (rendered by React in the person's language);
// this script only shows and hides them.
//
// It runs once per document: from the page's <head> on a full load, or added
// by the app when a person enters the logged-in app by a client-side
// navigation (logging in moves to /start without loading a new document).

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

function show(id: string): HTMLElement | null {
  const element = document.getElementById(id);
  if (element) element.hidden = false;
  return element;
}

function hideExpiredWarnings(): void {
  // Warnings last up to and including their last day, in the municipality's time zone.
  const today = toIsoDate(calendarDateOf(new Date()));
  for (const element of document.querySelectorAll<HTMLElement>("[data-expires-on]")) {
    if ((element.dataset.expiresOn ?? "") < today) element.hidden = true;
  }
}

// Workers whose update was offered already: offerUpdate runs at start and on every state change, and
// must not add another click listener (each sending another skip-waiting) for the same worker.
const offered = new WeakSet<ServiceWorker>();

function offerUpdate(registration: ServiceWorkerRegistration): void {
  const waiting = registration.waiting;
  if (!waiting || !navigator.serviceWorker.controller || offered.has(waiting)) return;
  offered.add(waiting);
  show("pwa-update");
  const button = document.getElementById("pwa-update-reload");
  button?.addEventListener(
    "click",
    () => {
      let reloading = false;
      navigator.serviceWorker.addEventListener("controllerchange", () => {
        if (reloading) return;
        reloading = true;
        location.reload();
      });
      waiting.postMessage({ type: "skip-waiting" });
    },
    { once: true },
  );
}

function followWorker(): void {
  // The worker asks a page it does not control to open a notification's address.
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent<{ type?: string; url?: string }>) => {
    if (event.data?.type !== "navigate" || typeof event.data.url !== "string") return;
    const url = new URL(event.data.url, location.href);
    if (url.origin === location.origin) location.assign(url.href);
  });
  navigator.serviceWorker.startMessages();
}

async function registerWorker(): Promise<void> {
  const firstVisit = !navigator.serviceWorker.controller;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const watched = new WeakSet<ServiceWorker>();
  const watch = (installing: ServiceWorker | null) => {
    // The worker installing at start is also the one updatefound announces: one listener for it.
    if (!installing || watched.has(installing)) return;
    watched.add(installing);
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") offerUpdate(registration);
    });
  };
  offerUpdate(registration);
  // A new version may be installing already (found while this page loaded), or be found later.
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  const ready = await navigator.serviceWorker.ready;
  ready.active?.postMessage({ type: "language", language: document.documentElement.lang });
  if (firstVisit) {
    // This page came from the network before the worker existed: keep it, the help indexes and the pages of
    // the menu (the worker keeps only those an ambassador needs offline), so that the first walk into a
    // basement right after logging in finds them.
    const menu = [...document.querySelectorAll<HTMLAnchorElement>(".shell-nav a[href]")].map((link) => link.href);
    const worker = ready.active;
    if (worker) {
      // "Ready" below means these are on the device: the worker answers once it has fetched them.
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        worker.postMessage({ type: "warm", urls: [location.href, "/hulp", "/tips", ...menu] }, [channel.port2]);
      });
    }
  }
  document.documentElement.dataset.serviceWorker = "ready";
}

function offerInstallation(): void {
  const hint = document.getElementById("pwa-install");
  if (!hint) return;
  const standalone = matchMedia("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
  if (standalone) return;
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (ios) {
    hint.hidden = false;
    show("pwa-install-ios");
    return;
  }
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    const prompt = event as InstallPromptEvent;
    hint.hidden = false;
    const button = show("pwa-install-button");
    button?.addEventListener("click", () => void prompt.prompt().finally(() => (hint.hidden = true)), { once: true });
  });
}

function sendOutbox(): void {
  // Only for ambassadors (the page says so): residents' devices get no outbox database.
  if (!document.querySelector('meta[name="wijkwijs-outbox"]')) return;
  if (navigator.onLine) void flushOrForget().catch(() => undefined);
  window.addEventListener("online", () => void flushOrForget().catch(() => undefined));
  // The training outbox (decision 0904): answers to a module taken without a connection.
  if (navigator.onLine) void sendTrainingOutbox().catch(() => undefined);
  window.addEventListener("online", () => void sendTrainingOutbox().catch(() => undefined));
}

const page = window as Window & { __wijkwijsPwa?: boolean };
if (!page.__wijkwijsPwa) {
  page.__wijkwijsPwa = true;
  hideExpiredWarnings();
  offerInstallation();
  sendOutbox();
  if ("serviceWorker" in navigator) {
    followWorker();
    void registerWorker().catch(() => undefined);
  }
}
