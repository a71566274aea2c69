import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Kysely } from "kysely";
import { systemClock, type Clock } from "#app/clock.ts";
import type { Config } from "#app/config.server.ts";
import { ensureMunicipality, readAreaFile } from "#app/features/areas/areas.server.ts";
import { readOrCreateSetting } from "#app/features/app-settings/app-settings.server.ts";
import { auditMacKey } from "#app/features/audit/audit-chain.ts";
import { registerAuditKey } from "#app/features/audit/audit-key.server.ts";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { loadTrainingContent } from "#app/features/training/training-content.server.ts";
import { loadQuestionnaire } from "#app/features/questionnaire/content.server.ts";
import { loadChecklist } from "#app/features/situations/checklist.server.ts";
import { loadResponseTemplates } from "#app/features/signal-responses/templates.server.ts";
import { createBackgroundTasks } from "#app/background-tasks.server.ts";
import { createLogger, type Logger } from "#app/log.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { withJobLock } from "#db/job-lock.ts";
import { migrateToLatest } from "#db/migrate.ts";
import type { Database } from "#db/schema.ts";

export const projectRoot = path.resolve(import.meta.dirname, "..");
export const contentDirectory = path.join(projectRoot, "content");

export interface ServiceOptions {
  db?: Kysely<Database>;
  clock?: Clock;
  log?: Logger;
  /** Where flows, tips and the other content files are read from (default: content/). */
  contentDirectory?: string;
}

/**
 * Checks the help content, opens the database, applies migrations, makes sure
 * the municipality and its areas exist, and returns what every request needs.
 * Invalid content throws a ContentError before the database is touched.
 */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<AppServices> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const content = await loadHelpContent(options.contentDirectory ?? contentDirectory);
  const training = await loadTrainingContent(options.contentDirectory ?? contentDirectory, content);
  const questionnaire = await loadQuestionnaire(options.contentDirectory ?? contentDirectory);
  const responseTemplates = await loadResponseTemplates(options.contentDirectory ?? contentDirectory, content);
  const situationChecklist = await loadChecklist(options.contentDirectory ?? contentDirectory);
  const db =
    options.db ?? createDatabase(parseDatabaseUrl(config.databaseUrl, projectRoot), { poolSize: config.databasePoolSize });
  await migrateToLatest(db);
  const areaFile = await readAreaFile(contentDirectory, config.municipality);
  // Instances starting at once against an empty PostgreSQL database take turns.
  const setup = await withJobLock(db, "start-up", async () => {
    const municipality = await ensureMunicipality(db, clock, areaFile);
    const secret =
      config.appSecret ?? (await readOrCreateSetting(db, clock, "app_secret", () => randomBytes(32).toString("base64url")));
    return { municipality, secret };
  }, { wait: true });
  if (!setup.ran) throw new Error("start-up set-up did not run");
  const { municipality, secret } = setup.result;
  // The audit log's MAC key: AUDIT_KEY, else the installation secret. In production it must come from the
  // environment (the server does not start otherwise); a script started without it may not write audit rows,
  // which would carry a MAC the server's key does not confirm.
  registerAuditKey(
    db,
    config.appEnv === "production" && !config.auditKey && !config.appSecret
      ? { refusal: "AUDIT_KEY (or APP_SECRET) must be set when APP_ENV=production, as for the server: the audit log's key lives outside the database" }
      : { key: auditMacKey(config.auditKey ?? secret) },
  );
  return { db, config, clock, log, secret, municipality, content, training, questionnaire, responseTemplates, situationChecklist, tasks: createBackgroundTasks(log) };
}
