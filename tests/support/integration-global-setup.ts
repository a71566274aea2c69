import { randomBytes } from "node:crypto";
import pg from "pg";

// Each integration test file on PostgreSQL works in a schema of its own in the
// one TEST_DATABASE_URL database (test-database.ts). Dropping a schema while
// another file's migrations introspect the database's tables can fail those
// with "schema … does not exist" (the catalog changes under the query), so
// schemas are not dropped while files run: they carry this run's id and are
// dropped together once every file is done.

export function setup(): () => Promise<void> {
  const run = randomBytes(3).toString("hex");
  process.env.TEST_SCHEMA_RUN = run;
  return async () => {
    const connectionString = process.env.TEST_DATABASE_URL;
    if (!connectionString) return;
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>("select nspname from pg_namespace where nspname like $1", [`t\\_${run}\\_%`]);
      for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    } finally {
      await client.end();
    }
  };
}
