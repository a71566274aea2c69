import { createContext } from "react-router";
import type { i18n as I18n, TFunction } from "i18next";
import type { Viewer } from "./features/auth/viewer.ts";
import type { Language } from "./i18n/languages.ts";
import type { AppServices } from "./services.server.ts";

/** Long-lived services: database, configuration, clock, logger. */
export const servicesContext = createContext<AppServices>();

/** Per-request facts the HTTP server knows and React Router does not. */
export interface RequestInfo {
  /** CSP nonce for this response's inline scripts. */
  nonce: string;
  /** The client's address (honouring TRUST_PROXY); used only for rate limiting. */
  clientAddress: string;
  /** This app's public origin, e.g. https://wijkwijs.denhaag.nl */
  origin: string;
}
export const requestInfoContext = createContext<RequestInfo>();

/**
 * Set by the root middleware: the logged-in person, or null. Staff who have
 * not passed their second factor in this session are not in it: to every page
 * they are not logged in (see pendingSecondFactorContext).
 */
export const viewerContext = createContext<Viewer | null>(null);

/** Staff who gave their password but not yet their second factor: only the second step, passkeys and logout read this. */
export const pendingSecondFactorContext = createContext<Viewer | null>(null);

export interface RequestI18n {
  language: Language;
  /** Whether the language came from ?lang= in the URL (and so links must carry it). */
  fromUrl: boolean;
  i18n: I18n;
  t: TFunction;
}
/** Set by the root middleware: the language of this response. */
export const i18nContext = createContext<RequestI18n>();
