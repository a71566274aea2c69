import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from "kysely";
import pg from "pg";
import { adaptNodeSqlite, openSqlite } from "./node-sqlite-adapter.ts";
import type { Database } from "./schema.ts";

export type DatabaseTarget =
  | { dialect: "sqlite"; path: string }
  | { dialect: "postgres"; connectionString: string; schema?: string };

export const DEFAULT_SQLITE_PATH = "data/wijkwijs.db";

/**
 * unset → data/wijkwijs.db; file:<path> → SQLite at that path;
 * postgres://… or postgresql://… → PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { dialect: "sqlite", path: path.resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (value.startsWith("file:")) {
    const file = value.slice("file:".length);
    if (!file) throw new Error("DATABASE_URL file: needs a path, e.g. file:data/wijkwijs.db");
    if (file === ":memory:") return { dialect: "sqlite", path: ":memory:" };
    return { dialect: "sqlite", path: path.resolve(cwd, file) };
  }
  if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
    return { dialect: "postgres", connectionString: value };
  }
  throw new Error(
    "DATABASE_URL must be empty (SQLite in data/), file:<path> (SQLite) or postgres://… (PostgreSQL)",
  );
}

export interface DatabaseOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
}

// pg returns int8 (count(*), bigserial) as strings; our counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function createDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Kysely<Database> {
  if (target.dialect === "sqlite") {
    if (target.path !== ":memory:") mkdirSync(path.dirname(target.path), { recursive: true });
    const database = adaptNodeSqlite(openSqlite({ path: target.path }));
    return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  }
  const settings = {
    connectionString: target.connectionString,
    ...(target.schema ? { options: `-c search_path=${quoteIdentifier(target.schema)}` } : {}),
  };
  const pool = new pg.Pool({ ...settings, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  lockConnections.set(db, async () => {
    const client = new pg.Client(settings);
    await client.connect();
    return client;
  });
  return db;
}

const lockConnections = new WeakMap<Kysely<any>, () => Promise<pg.Client>>();

/**
 * A connection of its own, outside the pool, for holding a session lock
 * (db/job-lock.ts): a job that holds its lock on a pooled connection and then
 * needs more from the same pool can wait for ever once several jobs do the
 * same at once. Undefined for a database not made here.
 */
export function openLockConnection(db: Kysely<any>): Promise<pg.Client> | undefined {
  return lockConnections.get(db)?.();
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE).
 * A plain BEGIN reads first and asks for the write lock at its first write; if
 * another connection to the file (a script such as the retention job, a
 * backup, the test process) committed a write in between, SQLite cannot let
 * this transaction wait and fails it at once with "database is locked",
 * whatever busy_timeout says. The app's transactions mostly read and then
 * write (rate limits, the audit chain), so they start with the lock, and
 * busy_timeout makes them wait for the other writer instead. Within the app
 * Kysely already runs one transaction at a time on the single connection.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.dialect === "sqlite") return `SQLite (${target.path})`;
  const url = new URL(target.connectionString);
  return `PostgreSQL (${url.hostname}:${url.port || 5432}${url.pathname})`;
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}
