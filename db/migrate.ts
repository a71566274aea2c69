import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql, type Kysely } from "kysely";
import { FileMigrationProvider, Migrator } from "kysely/migration";
import { isPostgres } from "./connection.ts";

const migrationFolder = path.join(import.meta.dirname, "migrations");

export async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema it can see; pin
  // them to the connection's own schema so that several databases in one
  // PostgreSQL (tests, tenants) keep separate migration histories.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  return new Migrator({
    db,
    provider: new FileMigrationProvider({
      fs,
      path,
      migrationFolder,
      import: (file) => import(pathToFileURL(file).href),
    }),
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Capabilities are built in parallel and number their migrations by
    // capability (0100 flows, 0200 signals, …), so one may land after a
    // higher-numbered one was applied; each touches only its own tables.
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await (await createMigrator(db)).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
