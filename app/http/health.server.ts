import { sql } from "kysely";
import type { AppServices } from "#app/services.server.ts";

/** Whether the database answers a trivial query: for /healthz. */
export async function databaseReachable(services: Pick<AppServices, "db">): Promise<boolean> {
  try {
    await sql`select 1`.execute(services.db);
    return true;
  } catch {
    return false;
  }
}
