import type { Route } from "./+types/healthz";
import { servicesContext } from "#app/context.server.ts";
import { databaseReachable } from "#app/http/health.server.ts";

/** For load balancers and the test harness: is the app up and its database reachable? */
export async function loader({ context }: Route.LoaderArgs) {
  const headers = { "Cache-Control": "no-store" };
  if (await databaseReachable(context.get(servicesContext))) return Response.json({ status: "ok" }, { headers });
  return Response.json({ status: "database unavailable" }, { status: 503, headers });
}
