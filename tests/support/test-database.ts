import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import pg from "pg";
import { createDatabase } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";

// Integration tests run on SQLite always, and on PostgreSQL too when
// TEST_DATABASE_URL is set. Each test file gets a database of its own — a
// fresh SQLite file, or a fresh PostgreSQL schema — removed afterwards.

export type Dialect = "sqlite" | "postgres";

/**
 * SQLite always, PostgreSQL too with TEST_DATABASE_URL. TEST_DIALECTS=postgres
 * narrows a run to one of them (CI's second pass, after SQLite has passed).
 */
export function testDialects(): Dialect[] {
  const available: Dialect[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
  const wanted = process.env.TEST_DIALECTS?.split(",").map((name) => name.trim());
  if (!wanted) return available;
  const chosen = available.filter((dialect) => wanted.includes(dialect));
  if (chosen.length === 0) throw new Error(`TEST_DIALECTS=${process.env.TEST_DIALECTS} names no available database (available: ${available.join(", ")})`);
  return chosen;
}

export interface TestDatabase {
  dialect: Dialect;
  db: Kysely<Database>;
  /** The DATABASE_URL a separate process would use to reach the same data. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-test-"));
    const file = path.join(directory, "test.db");
    const db = createDatabase({ dialect: "sqlite", path: file });
    return {
      dialect,
      db,
      url: `file:${file}`,
      async drop() {
        await db.destroy();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const connectionString = process.env.TEST_DATABASE_URL;
  if (!connectionString) throw new Error("TEST_DATABASE_URL is not set");
  // Within an integration run the schema carries the run's id and is dropped with the others at its end
  // (integration-global-setup.ts): dropping it now could break another file's migrations.
  const run = process.env.TEST_SCHEMA_RUN;
  const schema = run ? `t_${run}_${randomBytes(6).toString("hex")}` : `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = createDatabase({ dialect: "postgres", connectionString, schema }, { poolSize: 5 });
  const url = new URL(connectionString);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    dialect,
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      if (run) return;
      const cleanup = new pg.Client({ connectionString });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
