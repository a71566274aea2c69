// npm run retention — runs the retention tasks (app/features/retention) once
// against the database that DATABASE_URL selects. The server also runs them
// daily; this is for cron, or to apply a shortened period at once.
import { ConfigError, loadConfig } from "#app/config.server.ts";
import { runRetention } from "#app/features/retention/retention.server.ts";
import { createLogger } from "#app/log.server.ts";
import { createServices } from "#server/services.ts";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
// The summary below says what each task did; routine log lines would repeat it.
const services = await createServices(config, { log: createLogger(config.logLevel === "info" ? "warn" : config.logLevel) });
try {
  const reports = await runRetention(services);
  if (!reports) {
    process.stdout.write("Another instance is running the retention tasks right now; nothing done.\n");
    process.exit(0);
  }
  for (const report of reports) {
    const outcome = report.ok
      ? Object.entries(report.result ?? {})
          .map(([key, value]) => `${key}=${value}`)
          .join(" ")
      : `FAILED: ${report.error}`;
    process.stdout.write(`${report.task}: ${outcome}\n`);
  }
  if (reports.some((report) => !report.ok)) process.exitCode = 1;
} finally {
  await services.db.destroy();
}
