// Paths taken from a request (a return address after login, the page a
// language link points back to) end up in a Location header or an href. Only
// a path on this site may: "/..//evil.example" is a path here, but once a
// browser normalises it, it is "//evil.example" — another site.

const DUMMY_ORIGIN = "http://wijkwijs.invalid";

/**
 * The path (with query and fragment) when it stays on this site after URL
 * normalisation, otherwise null. Refused: anything not starting with one "/",
 * backslashes, control and whitespace characters (browsers strip or reinterpret
 * them), and any path that normalises to "//host" or away from this origin.
 */
export function sameOriginPath(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  // Backslashes count as slashes in URLs; control characters and whitespace are dropped by parsers.
  if (/[\\\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, DUMMY_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== DUMMY_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/..//x" and "/.%2e//x" normalise to "//x": a path a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  // Checked once more as a browser would read the result on its own.
  if (new URL(path, DUMMY_ORIGIN).origin !== DUMMY_ORIGIN) return null;
  return path;
}

/** A safe in-app path to return to (after login, the second step, a passkey): never another site. */
export function safeReturnPath(value: string | null | undefined, fallback = "/start"): string {
  return sameOriginPath(value) ?? fallback;
}
