/**
 * The pages kept for offline use: what an ambassador needs in a basement —
 * start page and warnings, help and tips to share, the signal form and their
 * list. Never staff pages or a single signal: every view of a signal is
 * audited on the server (privacy rule 6), which a copy on the device would bypass.
 */
const OFFLINE_PAGES = [
  /^\/$/,
  /^\/start$/,
  /^\/hulp(\/.*)?$/,
  /^\/tips(\/.*)?$/,
  /^\/delen(\/.*)?$/,
  /^\/signalen\/nieuw$/,
  /^\/mijn-signalen$/,
  /^\/waarschuwingen\/[^/]+$/,
  /^\/welkom$/,
  /^\/ambassadeurs$/,
  // The training's overview, its lessons (with their questions, for answering offline) and the certificate.
  /^\/training(\/[^/]+)?$/,
];

/** The page a URL or its React Router data request (`/x.data`, `/_.data` for the root) belongs to. */
function pagePath(url: URL): string {
  const path = url.pathname.endsWith(".data") ? url.pathname.slice(0, -".data".length) : url.pathname;
  return path === "/_" ? "/" : path;
}

export function keptOffline(url: URL): boolean {
  const path = pagePath(url);
  return OFFLINE_PAGES.some((pattern) => pattern.test(path));
}

/** The page address a React Router data request stands for, to load as a document instead. */
export function pageOfDataRequest(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete("_routes");
  const query = search.toString();
  return `${pagePath(url)}${query ? `?${query}` : ""}`;
}

/**
 * Whether an answer is the login form itself (the page, or its data for a
 * client-side navigation): the server shows it only to a device whose
 * session is gone, and sends a logged-in person on with a redirect.
 */
export function answersSignedOut(url: URL, response: Pick<Response, "status" | "type" | "redirected" | "url">): boolean {
  if (response.status !== 200 || response.type !== "basic") return false;
  const answered = response.redirected && response.url ? new URL(response.url) : url;
  return pagePath(answered) === "/inloggen";
}
