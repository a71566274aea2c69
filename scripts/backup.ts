// npm run backup [file] — a consistent copy of the SQLite database while the
// app runs (SQLite's online backup), checked afterwards. Default file:
// backups/wijkwijs-<time>.db. Next to it, <file>.audit-head holds the audit
// log's signed head at the moment of the copy (also printed), which
// `npm run audit:verify -- --head-from <file>.audit-head` checks the live log
// against later (docs/decisions/0722). For PostgreSQL use pg_dump (README).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { signAuditHead } from "#app/features/audit/audit-chain.ts";
import { resolveAuditKey } from "#app/features/audit/audit-key.server.ts";
import { backupSqlite } from "#app/features/backup/sqlite-backup.server.ts";
import { parseDatabaseUrl } from "#db/connection.ts";
import { readArgs } from "./cli.ts";

const target = parseDatabaseUrl(process.env.DATABASE_URL);
if (target.dialect !== "sqlite" || target.path === ":memory:") {
  process.stderr.write("npm run backup is for SQLite. For PostgreSQL use pg_dump --format=custom (see README, 'Backup and restore').\n");
  process.exit(1);
}
const { positionals } = readArgs("npm run backup [-- <file>]", { allowPositionals: true });
const file = path.resolve(positionals[0] ?? path.join("backups", `wijkwijs-${new Date().toISOString().replace(/[:.]/g, "-")}.db`));
const check = await backupSqlite(target.path, file);
if (!check.ok) {
  process.stderr.write(`The backup at ${file} failed its check:\n  ${check.problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(`Backup written to ${file} (${Object.entries(check.counts).map(([t, n]) => `${t}: ${n}`).join(", ")})\n`);

// The head is read from the copy itself (read-only): it describes exactly what the backup holds.
const copy = new DatabaseSync(file, { readOnly: true });
try {
  const last = copy.prepare("select id, hash from audit_events order by id desc limit 1").get() as { id: number; hash: string | null } | undefined;
  const rows = last ? Number((copy.prepare("select count(*) as n from audit_events where id <= ?").get(last.id) as { n: number }).n) : 0;
  const resolved = await resolveAuditKey(process.env, () => (copy.prepare("select value from app_settings where key = 'app_secret'").get() as { value: string } | undefined)?.value ?? null);
  if (!resolved) {
    process.stderr.write("No audit key (AUDIT_KEY or APP_SECRET) and no secret in the database: no signed audit head written.\n");
    process.exitCode = 1;
  } else {
    const head = signAuditHead(resolved.key, { rows, lastId: last ? Number(last.id) : 0, hash: last?.hash ?? null }, new Date());
    writeFileSync(`${file}.audit-head`, `${head}\n`, { flag: "wx" });
    process.stdout.write(`Audit head: ${head}\n  (kept in ${file}.audit-head; check the live log against it with npm run audit:verify -- --head-from ${file}.audit-head)\n`);
    if (resolved.source === "database") process.stdout.write("Note: the audit key came from the database; set AUDIT_KEY in production.\n");
  }
} finally {
  copy.close();
}
