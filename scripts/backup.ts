// npm run backup [file] — a consistent copy of the SQLite database while the
// app runs (SQLite's online backup), checked afterwards. Default file:
// backups/wijkwijs-<time>.db. For PostgreSQL use pg_dump (README).
import path from "node:path";
import { backupSqlite } from "#app/features/backup/sqlite-backup.server.ts";
import { parseDatabaseUrl } from "#db/connection.ts";

const target = parseDatabaseUrl(process.env.DATABASE_URL);
if (target.dialect !== "sqlite" || target.path === ":memory:") {
  process.stderr.write("npm run backup is for SQLite. For PostgreSQL use pg_dump --format=custom (see README, 'Backup and restore').\n");
  process.exit(1);
}
const file = path.resolve(process.argv[2] ?? path.join("backups", `wijkwijs-${new Date().toISOString().replace(/[:.]/g, "-")}.db`));
const check = await backupSqlite(target.path, file);
if (!check.ok) {
  process.stderr.write(`The backup at ${file} failed its check:\n  ${check.problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(`Backup written to ${file} (${Object.entries(check.counts).map(([t, n]) => `${t}: ${n}`).join(", ")})\n`);
