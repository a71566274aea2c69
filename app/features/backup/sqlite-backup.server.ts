import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { backup, DatabaseSync } from "node:sqlite";

// Backup and restore of the SQLite database with SQLite's online backup API
// (node:sqlite's backup()): it copies page by page and restarts when the app
// writes meanwhile, so the copy is one consistent moment while the app keeps
// running. PostgreSQL installations use pg_dump/pg_restore (README).

/** Tables a Wijkwijs database must have; a file without them is not ours. */
const REQUIRED_TABLES = ["kysely_migration", "users", "sessions", "audit_events", "signals"];

export interface BackupCheck {
  ok: boolean;
  problems: string[];
  counts: Record<string, number>;
}

/** Opens a database file read-only and checks that it is a whole, intact Wijkwijs database. */
export function checkDatabaseFile(file: string): BackupCheck {
  if (!existsSync(file)) return { ok: false, problems: [`${file} does not exist`], counts: {} };
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly: true });
  } catch (error) {
    return { ok: false, problems: [`cannot be opened as SQLite: ${(error as Error).message}`], counts: {} };
  }
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  try {
    const integrity = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
    const messages = integrity.map((row) => row.integrity_check).filter((message) => message !== "ok");
    problems.push(...messages.map((message) => `integrity: ${message}`));
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name));
    for (const table of REQUIRED_TABLES) {
      if (!tables.has(table)) problems.push(`table ${table} is missing`);
      else counts[table] = Number((db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n);
    }
  } catch (error) {
    problems.push(`not readable: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  return { ok: problems.length === 0, problems, counts };
}

/** Writes a consistent copy of the live database to `target` and checks it. */
export async function backupSqlite(source: string, target: string): Promise<BackupCheck> {
  mkdirSync(path.dirname(target), { recursive: true });
  if (existsSync(target)) throw new Error(`${target} exists already; choose another name`);
  const db = new DatabaseSync(source, { readOnly: true });
  try {
    await backup(db, target);
  } finally {
    db.close();
  }
  return checkDatabaseFile(target);
}

/**
 * Restores `file` over the database at `target` after checking it. The
 * current database is kept next to it (…before-restore-<time>.db) first.
 * The app must be stopped: a running app would keep writing to the old file.
 */
export async function restoreSqlite(file: string, target: string, now: Date): Promise<{ check: BackupCheck; keptAs: string | null }> {
  const check = checkDatabaseFile(file);
  if (!check.ok) return { check, keptAs: null };
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = target.replace(/(\.db)?$/, `.before-restore-${now.toISOString().replace(/[:.]/g, "-")}.db`);
    const current = new DatabaseSync(target, { readOnly: true });
    try {
      await backup(current, keptAs);
    } finally {
      current.close();
    }
  }
  mkdirSync(path.dirname(target), { recursive: true });
  // Through the backup API again, so the target's WAL is handled by SQLite itself.
  const source = new DatabaseSync(file, { readOnly: true });
  try {
    if (!existsSync(target)) copyFileSync(file, target);
    else await backup(source, target);
  } finally {
    source.close();
  }
  return { check: checkDatabaseFile(target), keptAs };
}
