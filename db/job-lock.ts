import { sql, type Kysely } from "kysely";
import { isPostgres, openLockConnection } from "./connection.ts";
import type { Database } from "./schema.ts";

// Work that must happen in one place at a time even when several app instances
// share a PostgreSQL database: timed jobs (retention) and first-start set-up
// (municipality, demo data). PostgreSQL's session advisory lock does that
// without a table and is released by the server when the holding connection
// dies, so a crashed instance never leaves anything locked. SQLite is the
// single-instance default: an in-process lock is enough there (several
// processes on one SQLite file are not a supported deployment).

export type JobLockOutcome<T> = { ran: true; result: T } | { ran: false };

export interface JobLockOptions {
  /** Wait for the other runner to finish instead of skipping (for start-up set-up). */
  wait?: boolean;
}

const localLocks = new Map<string, Promise<unknown>>();

/** Runs `job` while holding the lock `name`; without `wait`, skips when another runner holds it. */
export async function withJobLock<T>(
  db: Kysely<Database>,
  name: string,
  job: () => Promise<T>,
  options: JobLockOptions = {},
): Promise<JobLockOutcome<T>> {
  if (!isPostgres(db)) return withLocalLock(name, job, options);
  // Named within the schema: two installations (or two test runs) in one database never wait for each other.
  const key = `wijkwijs:${name}`;
  const take = options.wait
    ? "select pg_advisory_lock(hashtext(current_schema() || ':' || $1::text)) as locked"
    : "select pg_try_advisory_lock(hashtext(current_schema() || ':' || $1::text)) as locked";
  const release = "select pg_advisory_unlock(hashtext(current_schema() || ':' || $1::text))";
  // The lock belongs to one connection: take and release it on the same one, outside the pool,
  // so that the job (and every request) keeps the whole pool.
  const own = openLockConnection(db);
  if (own) {
    const client = await own;
    try {
      const { rows } = await client.query<{ locked: boolean | null }>(take, [key]);
      if (!options.wait && !rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, result: await job() };
      } finally {
        await client.query(release, [key]);
      }
    } finally {
      await client.end();
    }
  }
  return db.connection().execute(async (connection) => {
    const { rows } = await sql.raw<{ locked: boolean | null }>(take.replace("$1::text", `'${key.replace(/'/g, "''")}'`)).execute(connection);
    if (!options.wait && !rows[0]?.locked) return { ran: false } as const;
    try {
      return { ran: true, result: await job() } as const;
    } finally {
      await sql.raw(release.replace("$1::text", `'${key.replace(/'/g, "''")}'`)).execute(connection);
    }
  });
}

async function withLocalLock<T>(name: string, job: () => Promise<T>, options: JobLockOptions): Promise<JobLockOutcome<T>> {
  let held = localLocks.get(name);
  if (held && !options.wait) return { ran: false };
  while (held) {
    await held.catch(() => undefined);
    held = localLocks.get(name);
  }
  const running = job();
  localLocks.set(name, running);
  try {
    return { ran: true, result: await running };
  } finally {
    localLocks.delete(name);
  }
}
