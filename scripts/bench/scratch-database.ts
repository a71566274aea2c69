import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Runs `work` on a PostgreSQL database of its own, made next to the one
 * `adminUrl` names and dropped afterwards. A connection still closing makes
 * DROP DATABASE fail for a moment: wait rather than force (forcing kills it,
 * and its pool reports the killed connection as an error).
 */
export async function withScratchPostgres<T>(adminUrl: string, prefix: string, step: (message: string) => void, work: (url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch (error) {
        if (attempt >= 20) {
          step(`could not drop the benchmark database ${name}: ${(error as Error).message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    await admin.end();
  }
}
