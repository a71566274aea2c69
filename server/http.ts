import path from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { createRequestHandler } from "@react-router/express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { RequestInfo } from "#app/context.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { bodySizeLimit, sameOriginWrites, securityHeaders, sendPlainError } from "./security.ts";
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

export function publicOrigin(services: AppServices, req: Request): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

/** express.static sets its own Cache-Control; the worker must always be revalidated. */
function noCacheForWorker(res: Response, file: string): void {
  const name = path.basename(file);
  if (name === "sw.js" || name === "pwa.js") res.setHeader("Cache-Control", "no-cache");
}

export function createHttpApp(services: AppServices, source: BuildSource): express.Express {
  const { config, log } = services;
  const development = source.kind === "vite";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use(securityHeaders({ development, hsts: config.appEnv === "production" }));
  app.use(sameOriginWrites((req) => publicOrigin(services, req)));
  app.use(bodySizeLimit(config.maxBodyBytes));
  app.use(compression());

  if (source.kind === "vite") {
    app.use(source.vite.middlewares);
  } else {
    const client = source.clientDirectory ?? path.join(projectRoot, "build", "client");
    // Hashed file names: cache for a year. Everything else briefly.
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y", index: false }));
    // The service worker and its page script are revalidated on every visit.
    app.use(express.static(client, { maxAge: "1h", index: false, setHeaders: noCacheForWorker }));
  }

  const getBuild = async (): Promise<ServerBuild> =>
    source.kind === "production"
      ? source.build
      : ((await source.vite.ssrLoadModule("virtual:react-router/server-build")) as unknown as ServerBuild);

  const handler = createRequestHandler({
    // A build object is prepared once; a function makes React Router prepare it again on every request (for Vite's reloads).
    build: source.kind === "production" ? source.build : getBuild,
    mode: development ? "development" : "production",
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
    log.error("unhandled request error", { error, path: req.path, method: req.method });
    if (res.headersSent) {
      res.end();
      return;
    }
    sendPlainError(req, res, 500, {
      nl: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
      en: "Something went wrong on our side. Please try again later.",
    });
  });
  return app;
}
