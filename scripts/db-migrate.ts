// npm run db:migrate — applies pending migrations to the database that
// DATABASE_URL selects (the server also does this on every start).
import { loadConfig } from "#app/config.server.ts";
import { createDatabase, describeTarget, parseDatabaseUrl } from "#db/connection.ts";
import { migrateToLatest } from "#db/migrate.ts";

const config = loadConfig();
const target = parseDatabaseUrl(config.databaseUrl);
const db = createDatabase(target);
try {
  const applied = await migrateToLatest(db);
  process.stdout.write(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${describeTarget(target)}:\n${applied.map((m) => `  ${m}`).join("\n")}\n`
      : `${describeTarget(target)} is up to date.\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
