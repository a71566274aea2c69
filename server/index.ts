import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { checkServerConfig, ConfigError, loadConfig } from "#app/config.server.ts";
import { ContentError } from "#app/features/content/content.server.ts";
import { logAuditHead, scheduleAuditHeads } from "#app/features/audit/audit-head.server.ts";
import { scheduleRetention } from "#app/features/retention/retention.server.ts";
import { createLogger } from "#app/log.server.ts";
import { schedulePushQueue } from "#app/features/warnings/push.server.ts";
import { scheduleMailOutbox } from "#app/features/mail/outbox.server.ts";
import { schedulePublication } from "#app/features/publication/publication.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { describeTarget, parseDatabaseUrl } from "#db/connection.ts";
import { withJobLock } from "#db/job-lock.ts";
import { isDatabaseEmpty, seedDemo, shouldSeedDemo } from "#scripts/seed/demo.ts";
import { createHttpApp, type BuildSource } from "./http.ts";
import { createServices, projectRoot } from "./services.ts";

const development = process.argv.includes("--dev");

let config;
try {
  config = loadConfig();
  checkServerConfig(config);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const log = createLogger(config.logLevel);

let services: AppServices;
try {
  services = await createServices(config, { log });
} catch (error) {
  if (error instanceof ContentError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
log.info("database ready", { database: describeTarget(parseDatabaseUrl(config.databaseUrl, projectRoot)) });

if (shouldSeedDemo(config)) {
  // Several instances may start at once on one empty database: one seeds, the others then see data.
  await withJobLock(services.db, "demo-seed", async () => {
    if (await isDatabaseEmpty(services)) await seedDemo(services);
  }, { wait: true });
}

const stopRetention = scheduleRetention(services);
const stopPushQueue = schedulePushQueue(services);
const stopMailOutbox = scheduleMailOutbox(services);
const stopAuditHeads = scheduleAuditHeads(services);
const stopPublication = schedulePublication(services);

let source: BuildSource;
if (development) {
  const vite = await import("vite");
  source = {
    kind: "vite",
    vite: await vite.createServer({ root: projectRoot, server: { middlewareMode: true }, appType: "custom" }),
  };
} else {
  const buildFile = path.join(projectRoot, "build", "server", "index.js");
  let build: ServerBuild;
  try {
    build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  } catch (error) {
    process.stderr.write(
      `No production build found at ${path.relative(process.cwd(), buildFile)} (${(error as Error).message}).\nRun "npm run build" first, or use "npm start", which builds.\n`,
    );
    process.exit(1);
  }
  source = { kind: "production", build };
}

// Jobs that need translations come from the build (see app/entry.server.tsx).
type BuildJobs = {
  scheduleCertificateReminders?: (services: AppServices) => () => void;
  scheduleSignalDigests?: (services: AppServices) => () => void;
  scheduleMonthlyOverviewMails?: (services: AppServices) => () => void;
};
const entryModule = (
  source.kind === "production"
    ? source.build.entry.module
    : ((await source.vite.ssrLoadModule("virtual:react-router/server-build")) as unknown as ServerBuild).entry.module
) as unknown as BuildJobs;
if (!entryModule.scheduleCertificateReminders) throw new Error("app/entry.server.tsx must export scheduleCertificateReminders");
const stopCertificateReminders = entryModule.scheduleCertificateReminders(services);
if (!entryModule.scheduleSignalDigests) throw new Error("app/entry.server.tsx must export scheduleSignalDigests");
const stopSignalDigests = entryModule.scheduleSignalDigests(services);
if (!entryModule.scheduleMonthlyOverviewMails) throw new Error("app/entry.server.tsx must export scheduleMonthlyOverviewMails");
const stopMonthlyOverviewMails = entryModule.scheduleMonthlyOverviewMails(services);

const app = createHttpApp(services, source);
// A request without Host reaches the app's own check (a 400 with the security headers) instead of Node's bare one.
const server = createServer({ requireHostHeader: false }, app);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info("Wijkwijs is listening", { url: `http://localhost:${port}`, mode: development ? "development" : "production" });
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  stopRetention();
  stopPushQueue();
  stopMailOutbox();
  stopAuditHeads();
  stopPublication();
  stopCertificateReminders();
  stopSignalDigests();
  stopMonthlyOverviewMails();
  server.close(() => {
    void services.tasks
      .settled()
      // The last head this instance saw, for `npm run audit:verify -- --head-from <log>`.
      .then(() => logAuditHead(services))
      .then(() => services.db.destroy())
      .finally(() => process.exit(0));
  });
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
