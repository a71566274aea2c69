import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";

// React Router's request handler behind Express, like @react-router/express,
// with one difference: the request URL React Router sees is built from our
// public origin (PUBLIC_URL), not from the Host header and protocol the
// request arrived with. React Router's own action check compares Origin with
// that URL; behind a proxy that rewrites Host (nginx's default proxy_pass) or
// ends TLS without X-Forwarded-Proto the two never matched and every POST was
// a 400. Now the one origin rule of server/security.ts holds for every check,
// and loaders that build links from request.url get the public address.

export interface ReactRouterHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  /** The public origin for this request, e.g. https://wijkwijs.denhaag.nl */
  origin: (req: ExpressRequest) => string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Promise<RouterContextProvider>;
}

export function createReactRouterHandler(options: ReactRouterHandlerOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    try {
      const response = await handle(toFetchRequest(req, res, options.origin(req)), await options.getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse, origin: string): globalThis.Request {
  // Concatenated, not resolved: a path like //other.example/x stays a path on our origin.
  // (server/security.ts has refused every request target that is not a path.)
  const url = new URL(`${origin}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  let controller: AbortController | null = new AbortController();
  const abort = controller;
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: abort.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req) as unknown as BodyInit;
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

const SMALL_BODY_BYTES = 512 * 1024;

function isSmallCompleteBody(response: globalThis.Response): boolean {
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isInteger(length) && length >= 0 && length <= SMALL_BODY_BYTES;
}

async function sendResponse(res: ExpressResponse, response: globalThis.Response): Promise<void> {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  if (isSmallCompleteBody(response)) {
    // A body whose length is known and small (a page rendered to one string, a
    // short JSON answer) is written in one piece instead of pumped through streams.
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (res.destroyed || res.writableEnded) return;
    throw error;
  }
}
