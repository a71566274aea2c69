import { sql } from "kysely";
import type { Route } from "./+types/healthz";
import { servicesContext } from "#app/context.server.ts";

/** For load balancers and the test harness: is the app up and its database reachable? */
export async function loader({ context }: Route.LoaderArgs) {
  const { db } = context.get(servicesContext);
  try {
    await sql`select 1`.execute(db);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
