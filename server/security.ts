import { randomFillSync } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

// Response headers and request checks that hold for every route. The
// Content-Security-Policy allows scripts only from our origin and inline
// scripts carrying this response's nonce (React Router's hydration data).

// Nonces are cut from a buffer of random bytes filled 256 nonces at a time:
// the same CSPRNG bytes as one randomBytes(16) per request, each used once,
// without a call into the random source for every page.
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

export function createNonce(): string {
  if (noncePoolOffset >= noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  if (options.development) {
    // Vite's dev server injects styles and connects for hot reload; never in a build.
    directives["style-src"]!.push("'unsafe-inline'");
    directives["connect-src"]!.push("ws://localhost:*", "ws://127.0.0.1:*");
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
  "clipboard-write=(self)",
  "web-share=(self)",
].join(", ");

export function securityHeaders(options: { development: boolean; hsts: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = createNonce();
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, options));
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (options.hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);
/** Every method a page of ours or a browser sends us. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

/** A Host header: a DNS name (underscores allowed, as in proxy upstream names) or an IP literal, with an optional port. */
const HOST_HEADER = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export type RefusalLog = (status: number, reason: string, req: Request) => void;

/**
 * Requests that no browser sends to a page of ours are refused before React
 * Router sees them, with the security headers and a short message: methods
 * other than GET, HEAD and POST (WebDAV's PROPFIND, TRACE, OPTIONS
 * preflights …) get 405, a request target that is not a path (absolute-form
 * `GET http://other/`) and a missing or malformed Host get 400.
 */
export function refuseMalformedRequests(logRefusal: RefusalLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!ALLOWED.has(req.method)) {
      logRefusal(405, "method", req);
      // No CORS either: a preflight never gets Access-Control-Allow-* headers.
      res.setHeader("Allow", ALLOWED_METHODS.join(", "));
      sendPlainError(req, res, 405, {
        nl: "Wijkwijs gebruikt dit soort verzoek niet.",
        en: "Wijkwijs does not accept this kind of request.",
      });
      return;
    }
    if (!req.url.startsWith("/")) {
      logRefusal(400, "request target", req);
      sendPlainError(req, res, 400, { nl: "Het adres van dit verzoek is ongeldig.", en: "The address of this request is invalid." });
      return;
    }
    const host = req.headers.host;
    if (!host || !HOST_HEADER.test(host)) {
      logRefusal(400, "host", req);
      sendPlainError(req, res, 400, { nl: "Het verzoek noemt geen geldige host.", en: "The request does not name a valid host." });
      return;
    }
    next();
  };
}

/**
 * Refuses cross-site writes: a POST must show that it comes from our own
 * origin. Every browser sends Origin on a POST, or, when the Referrer-Policy
 * makes it "null" (a plain form post under no-referrer), Sec-Fetch-Site. So a
 * POST is let through only when Origin is exactly our public origin, or when
 * Origin is absent or "null" and Sec-Fetch-Site says same-origin; a request
 * with neither is not from a browser page of ours and is refused too.
 */
export function sameOriginWrites(expectedOrigin: (req: Request) => string, logRefusal: RefusalLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const hasOrigin = origin !== undefined && origin !== "" && origin !== "null";
    const sameOrigin = hasOrigin
      ? origin === expectedOrigin(req) && (fetchSite === undefined || fetchSite === "same-origin")
      : fetchSite === "same-origin";
    if (!sameOrigin) {
      logRefusal(403, hasOrigin || fetchSite !== undefined ? "cross-origin" : "no origin", req);
      sendPlainError(req, res, 403, {
        nl: "Dit verzoek komt niet van Wijkwijs zelf en is geweigerd. Verstuur het opnieuw vanaf de pagina in Wijkwijs.",
        en: "This request did not come from Wijkwijs itself and was refused. Send it again from the page in Wijkwijs.",
      });
      return;
    }
    next();
  };
}

/**
 * Bodies are size-limited before anything reads them. Requests that do not
 * say how large their body is (chunked uploads) are refused: no form of ours
 * sends one.
 */
export function bodySizeLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const length = req.get("content-length");
    if (length === undefined) {
      if (req.get("transfer-encoding")) {
        sendPlainError(req, res, 411, {
          nl: "Het verzoek moet zijn lengte opgeven.",
          en: "The request must state its length.",
        });
        return;
      }
      return next();
    }
    const bytes = Number(length);
    if (!Number.isFinite(bytes) || bytes < 0) {
      sendPlainError(req, res, 400, { nl: "Ongeldige lengte van het verzoek.", en: "Invalid request length." });
      return;
    }
    if (bytes > maxBytes) {
      sendPlainError(req, res, 413, {
        nl: `Wat u verstuurt is te groot (meer dan ${Math.floor(maxBytes / 1024)} kB). Maak het korter en probeer het opnieuw.`,
        en: `What you sent is too large (more than ${Math.floor(maxBytes / 1024)} kB). Make it shorter and try again.`,
      });
      return;
    }
    next();
  };
}

/** A minimal page for errors raised before React Router runs, in Dutch or English. */
export function sendPlainError(req: Request, res: Response, status: number, message: { nl: string; en: string }): void {
  const english = /^en\b/i.test(req.get("accept-language") ?? "") || req.query.lang === "en";
  const text = english ? message.en : message.nl;
  const title = english ? "Wijkwijs — request refused" : "Wijkwijs — verzoek geweigerd";
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  if (req.accepts(["html", "json"]) === "json") {
    res.json({ error: text });
    return;
  }
  res.type("html").send(
    `<!doctype html><html lang="${english ? "en" : "nl"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(text)}</p><p><a href="/">${english ? "Back to the start page" : "Terug naar de startpagina"}</a></p></main></body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
