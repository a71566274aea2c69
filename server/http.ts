import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { RequestInfo } from "#app/context.server.ts";
import { checkServerConfig } from "#app/config.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { createReactRouterHandler } from "./react-router-handler.ts";
import { bodySizeLimit, refuseMalformedRequests, sameOriginWrites, securityHeaders, sendPlainError, type RefusalLog } from "./security.ts";
import { projectRoot } from "./services.ts";

type LoadContextProvider = (
  context: RouterContextProvider,
  services: AppServices,
  info: RequestInfo,
  routes: ServerBuild["routes"],
) => RouterContextProvider;

export type BuildSource =
  | { kind: "production"; build: ServerBuild; /** Where the client files are (tests serve a changed copy); default build/client. */ clientDirectory?: string }
  | { kind: "vite"; vite: import("vite").ViteDevServer };

function loadContextProvider(build: ServerBuild): LoadContextProvider {
  const provide = (build.entry.module as unknown as { provideLoadContext?: LoadContextProvider }).provideLoadContext;
  if (!provide) throw new Error("app/entry.server.tsx must export provideLoadContext");
  return provide;
}

/**
 * The one origin every check, link and redirect uses: PUBLIC_URL. Without it
 * (development and tests only; production requires it) the origin the request
 * was sent to, by its Host header and the protocol a trusted proxy reported.
 */
export function publicOrigin(services: AppServices, req: Request): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

/** express.static sets its own Cache-Control; the worker must always be revalidated. */
function noCacheForWorker(res: Response, file: string): void {
  const name = path.basename(file);
  if (name === "sw.js" || name === "pwa.js") res.setHeader("Cache-Control", "no-cache");
}

/** Middleware run one after the other as a single one; an error or a response stops the chain as in Express. */
function inOrder(...handlers: express.RequestHandler[]): express.RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

/**
 * express.static asks the file system about every request it sees (a stat per
 * page view). Outside /assets the client build holds a handful of names
 * (sw.js, pwa.js, the web manifest, icons/, offline/…), fixed when the build
 * is made: only requests under one of them reach the static handler.
 */
function topLevelFiles(directory: string, serve: express.RequestHandler): express.RequestHandler {
  const names = new Set(existsSync(directory) ? readdirSync(directory).filter((name) => name !== "assets") : []);
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    let name: string;
    try {
      name = decodeURIComponent(first);
    } catch {
      return next();
    }
    if (!names.has(name)) return next();
    serve(req, res, next);
  };
}

export function createHttpApp(services: AppServices, source: BuildSource): express.Express {
  const { config, log } = services;
  checkServerConfig(config);
  const development = source.kind === "vite";
  const app = express();
  app.disable("x-powered-by");
  // A number: the client's address is the one that many proxies back in X-Forwarded-For (0: the socket's).
  app.set("trust proxy", config.trustProxy);

  // Refusals are the client's mistake (or an attack), not ours: logged below error level, without a stack.
  const logRefusal: RefusalLog = (status, reason, req) =>
    log.info("request refused", { status, reason, method: req.method, path: req.url.slice(0, 200) });
  // One Express layer for the checks every request passes, in this order (each Express layer costs
  // path matching and bookkeeping on every request; decision 0013).
  app.use(
    inOrder(
      securityHeaders({ development, hsts: config.appEnv === "production" }),
      refuseMalformedRequests(logRefusal),
      sameOriginWrites((req) => publicOrigin(services, req), logRefusal),
      bodySizeLimit(config.maxBodyBytes),
      compression(),
    ),
  );

  if (source.kind === "vite") {
    app.use(source.vite.middlewares);
  } else {
    const client = source.clientDirectory ?? path.join(projectRoot, "build", "client");
    // Hashed file names: cache for a year. Everything else briefly.
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y", index: false }));
    // The service worker and its page script are revalidated on every visit.
    app.use(topLevelFiles(client, express.static(client, { maxAge: "1h", index: false, setHeaders: noCacheForWorker })));
  }

  const getBuild = async (): Promise<ServerBuild> =>
    source.kind === "production"
      ? source.build
      : ((await source.vite.ssrLoadModule("virtual:react-router/server-build")) as unknown as ServerBuild);

  const handler = createReactRouterHandler({
    // A build object is prepared once; a function makes React Router prepare it again on every request (for Vite's reloads).
    build: source.kind === "production" ? source.build : getBuild,
    mode: development ? "development" : "production",
    origin: (req) => publicOrigin(services, req),
    getLoadContext: async (req, res) => {
      const build = await getBuild();
      return loadContextProvider(build)(new RouterContextProvider(), services, {
        nonce: String(res.locals.nonce),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        origin: publicOrigin(services, req),
      }, build.routes);
    },
  });
  app.use((req, res, next) => {
    handler(req, res, next).catch(next);
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) {
      // Express and its parsers mark errors the request caused (a bad encoding, an aborted body) with a 4xx.
      logRefusal(status, error instanceof Error ? error.message.slice(0, 200) : "client error", req);
    } else {
      log.error("unhandled request error", { error, path: req.path, method: req.method });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (status) {
      sendPlainError(req, res, status, { nl: "Dit verzoek kan Wijkwijs niet lezen.", en: "Wijkwijs cannot read this request." });
      return;
    }
    sendPlainError(req, res, 500, {
      nl: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
      en: "Something went wrong on our side. Please try again later.",
    });
  });
  return app;
}

function clientErrorStatus(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : typeof statusCode === "number" ? statusCode : null;
  return value !== null && value >= 400 && value < 500 ? value : null;
}
