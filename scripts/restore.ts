// npm run restore <file> — checks a backup (integrity, Wijkwijs tables) and
// restores it over the database DATABASE_URL selects, keeping the current
// one next to it. Stop the app first.
import path from "node:path";
import { restoreSqlite } from "#app/features/backup/sqlite-backup.server.ts";
import { parseDatabaseUrl } from "#db/connection.ts";
import { readArgs } from "./cli.ts";

const { positionals } = readArgs("npm run restore -- <backup file>", { allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) {
  process.stderr.write("Usage: npm run restore <backup file>\n");
  process.exit(1);
}
const target = parseDatabaseUrl(process.env.DATABASE_URL);
if (target.dialect !== "sqlite" || target.path === ":memory:") {
  process.stderr.write("npm run restore is for SQLite. For PostgreSQL use pg_restore (see README, 'Backup and restore').\n");
  process.exit(1);
}
const { check, keptAs } = await restoreSqlite(path.resolve(file), target.path, new Date());
if (!check.ok) {
  process.stderr.write(`Not restored: ${file} is not a usable Wijkwijs backup:\n  ${check.problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(
  `Restored ${file} to ${target.path}${keptAs ? ` (the previous database is kept as ${keptAs})` : ""}: ${Object.entries(check.counts).map(([t, n]) => `${t}: ${n}`).join(", ")}\n`,
);
