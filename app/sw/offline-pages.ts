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
