import type { i18n as I18n } from "i18next";
import { createContext, useContext } from "react";

// Which translation namespaces a page used while the server rendered it, so
// that the browser loads only those before it hydrates the page and the rest
// afterwards (decision 0012). The server renders through a per-request view of
// its shared i18next instance that notes the namespace of every string asked
// for (`t("signals:nav.new")`, `useTranslation("warnings")`, `t(key, { ns })`);
// the root layout writes the list into the page as its last element, after
// everything that could ask for a string has rendered.

/** Always loaded first: the shell's strings and the offline error page's. */
export const ALWAYS_LOADED_NAMESPACES = ["common", "pwa"] as const;

const ELEMENT_ID = "i18n-namespaces";

/** Set by app/entry.server.tsx for one render: the namespaces noted so far, and the response's CSP nonce. */
export const UsedNamespacesContext = createContext<{ used: Set<string>; nonce: string } | null>(null);

function noteKey(used: Set<string>, key: unknown, options: unknown): void {
  let prefixed = false;
  for (const k of Array.isArray(key) ? key : [key]) {
    if (typeof k !== "string") continue;
    const separator = k.indexOf(":");
    if (separator > 0) {
      used.add(k.slice(0, separator));
      prefixed = true;
    }
  }
  const ns = options && typeof options === "object" ? (options as { ns?: unknown }).ns : undefined;
  if (typeof ns === "string") {
    used.add(ns);
  } else if (Array.isArray(ns)) {
    for (const n of ns) if (typeof n === "string") used.add(n);
  } else if (!prefixed) {
    used.add("common");
  }
}

/**
 * A view of `i18n` for one server render that records the namespaces asked
 * for. The shared instance is untouched: the view inherits from it and only
 * its own `t`, `getFixedT` and `reportNamespaces` (which react-i18next's useTranslation
 * calls) are new.
 */
export function trackNamespaces(i18n: I18n): { i18n: I18n; used: Set<string> } {
  const used = new Set<string>(ALWAYS_LOADED_NAMESPACES);
  const view = Object.create(i18n) as I18n & { reportNamespaces: unknown };
  const t = ((key: unknown, options: unknown, ...rest: unknown[]) => {
    noteKey(used, key, options);
    return (i18n.t as unknown as (...args: unknown[]) => unknown).call(view, key, options, ...rest);
  }) as unknown as I18n["t"];
  Object.defineProperty(view, "t", { value: t, enumerable: true });
  // i18next binds getFixedT to its instance; the class's own method, called on
  // the view, makes the functions useTranslation hands out call the view's t.
  const getFixedT = (Object.getPrototypeOf(i18n) as I18n).getFixedT;
  Object.defineProperty(view, "getFixedT", { value: (...args: unknown[]) => (getFixedT as (...a: unknown[]) => unknown).apply(view, args), enumerable: true });
  view.reportNamespaces = {
    addUsedNamespaces(namespaces: readonly string[]) {
      for (const ns of namespaces) used.add(ns);
    },
    getUsedNamespaces() {
      return [...used];
    },
  };
  return { i18n: view, used };
}

/** In the browser: the list the server wrote, read once before hydration (null on pages without it). */
let fromDocument: string | null | undefined;
let nonceOfDocument = "";

export function namespacesOfThisPage(): string[] | null {
  if (fromDocument === undefined) {
    const element = document.getElementById(ELEMENT_ID);
    fromDocument = element?.textContent ?? null;
    // Browsers hide the attribute once the page is parsed; the property keeps it.
    nonceOfDocument = (element as HTMLScriptElement | null)?.nonce ?? "";
  }
  if (fromDocument === null) return null;
  try {
    const parsed: unknown = JSON.parse(fromDocument);
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === "string") : null;
  } catch {
    return null;
  }
}

/**
 * The list as a JSON data block (never executed, so the CSP needs no nonce
 * for it). Rendered last in <body>; in the browser it shows what the server
 * sent, so hydration finds the same element.
 */
export function UsedNamespaces() {
  const server = useContext(UsedNamespacesContext);
  let json: string | null = null;
  let nonce = "";
  if (server) {
    json = JSON.stringify([...server.used].sort()).replace(/</g, "\\u003c");
    nonce = server.nonce;
  } else if (typeof document !== "undefined") {
    namespacesOfThisPage();
    json = fromDocument ?? null;
    nonce = nonceOfDocument;
  }
  if (json === null) return null;
  // A data block is never executed; it carries the nonce all the same, like every inline script of ours.
  return (
    <script type="application/json" id={ELEMENT_ID} nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />
  );
}
