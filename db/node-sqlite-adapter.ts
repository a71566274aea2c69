import { DatabaseSync, type StatementSync, type SQLInputValue } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

// Kysely's SqliteDialect is written against better-sqlite3's API. Handed a
// node:sqlite DatabaseSync directly it silently returns no rows for SELECTs,
// so this adapter speaks the SqliteDatabase interface on top of node:sqlite.

const STATEMENT_CACHE_SIZE = 256;

export function adaptNodeSqlite(database: DatabaseSync): SqliteDatabase {
  // Preparing a statement is a large share of a small query's cost; the app
  // issues the same few hundred statements over and over.
  const statements = new Map<string, SqliteStatement>();

  return {
    close() {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) return cached;
      const statement = wrapStatement(database.prepare(sql));
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all(parameters) {
      return statement.all(...toSqlite(parameters));
    },
    run(parameters) {
      return statement.run(...toSqlite(parameters));
    },
    iterate(parameters) {
      return statement.iterate(...toSqlite(parameters)) as IterableIterator<unknown>;
    },
  };
}

function toSqlite(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value === undefined) return null;
    if (value instanceof Date) {
      // The schema stores instants as ISO strings on both dialects; a Date
      // reaching the driver is a bug in a query, not something to coerce.
      throw new TypeError("Bind ISO strings, not Date objects, to SQLite parameters");
    }
    return value as SQLInputValue;
  });
}

export interface SqliteOptions {
  path: string;
  busyTimeoutMs?: number;
}

export function openSqlite({ path, busyTimeoutMs = 5000 }: SqliteOptions): DatabaseSync {
  const database = new DatabaseSync(path);
  database.exec(`PRAGMA journal_mode = WAL`);
  // FULL: an acknowledged signal must survive a power cut, not only a crash.
  database.exec(`PRAGMA synchronous = FULL`);
  database.exec(`PRAGMA foreign_keys = ON`);
  database.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return database;
}
