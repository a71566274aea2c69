import type { Clock } from "#app/clock.ts";
import { loadConfig, type Config } from "#app/config.server.ts";
import { createLogger } from "#app/log.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase, type Dialect, type TestDatabase } from "./test-database.ts";

export interface TestServices extends AppServices {
  database: TestDatabase;
  /** Log lines written while the test ran, for asserting on what is (not) logged. */
  logLines: string[];
}

export async function createTestServices(
  dialect: Dialect,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestServices> {
  const database = await createTestDatabase(dialect);
  const config: Config = loadConfig({ APP_ENV: "test", LOG_LEVEL: "debug", ...options.env });
  const logLines: string[] = [];
  const services = await createServices(config, {
    db: database.db,
    ...(options.clock ? { clock: options.clock } : {}),
    log: createLogger("debug", (line) => logLines.push(line)),
  });
  return { ...services, database, logLines };
}
