import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import type { AppServices } from "#app/services.server.ts";
import { SESSION_COOKIE } from "#app/features/auth/session.server.ts";
import { createHttpApp } from "#server/http.ts";
import { projectRoot } from "#server/services.ts";

// Loaders and actions tested over real HTTP, in process: the production build
// behind the same Express app as `npm start`, on a test database.

export async function loadProductionBuild(): Promise<ServerBuild> {
  const file = path.join(projectRoot, "build", "server", "index.js");
  if (!existsSync(file)) throw new Error('No production build: run "npm run build" (npm run test:integration does).');
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild;
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(services: AppServices, options: { clientDirectory?: string } = {}): Promise<TestServer> {
  const app = createHttpApp(services, { kind: "production", build: await loadProductionBuild(), ...options });
  const server: Server = createServer({ requireHostHeader: false }, app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

export interface HttpClientDefaults {
  acceptLanguage?: string;
  userAgent?: string;
  /** The origin the browser believes it is on (PUBLIC_URL behind a proxy); default: the base URL's. */
  origin?: string;
}

/**
 * A minimal browser: keeps cookies, sends Origin and Sec-Fetch-Site on writes
 * as a browser does for a form on our own page, never follows redirects by
 * itself. A header given as "" is not sent at all.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  readonly defaults: HttpClientDefaults;
  constructor(baseUrl: string, defaults: HttpClientDefaults = {}) {
    this.baseUrl = baseUrl;
    this.defaults = defaults;
  }

  get sessionToken(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }

  setSession(token: string): void {
    this.cookies.set(SESSION_COOKIE, token);
  }

  async request(method: string, pathname: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const headers: Record<string, string> = {
      "accept-language": this.defaults.acceptLanguage ?? "nl",
      "user-agent": this.defaults.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
      accept: "text/html",
      ...init.headers,
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (method !== "GET" && method !== "HEAD") {
      if (!("origin" in headers)) headers.origin = this.defaults.origin ?? new URL(this.baseUrl).origin;
      if (!("sec-fetch-site" in headers)) headers["sec-fetch-site"] = "same-origin";
    }
    const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ""));
    const send = () =>
      fetch(new URL(pathname, this.baseUrl), {
        method,
        headers: sent,
        redirect: "manual",
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
    // A test that blocks this process for seconds (an LP audit) lets the server close an idle
    // keep-alive connection just as it is reused; a GET is then sent again, as browsers do.
    const response = await send().catch((error: unknown) => {
      if (method !== "GET" || !/ECONNRESET|other side closed|socket/i.test(String((error as Error).cause ?? error))) throw error;
      return send();
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/Max-Age=0/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text(), location: response.headers.get("location") };
  }

  get(pathname: string, headers?: Record<string, string>): Promise<TestResponse> {
    return this.request("GET", pathname, headers ? { headers } : {});
  }

  post(pathname: string, form: Record<string, string>, headers?: Record<string, string>): Promise<TestResponse> {
    return this.request("POST", pathname, {
      body: new URLSearchParams(form),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  }
}

/** The visible text of an HTML page, tags stripped and whitespace collapsed, for asserting on what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    // Bidi isolation and line-break hints sit inside words and numbers: no space for them.
    .replace(/<\/?bdi\b[^>]*>|<wbr\b[^>]*>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}
