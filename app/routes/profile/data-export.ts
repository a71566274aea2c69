import type { Route } from "./+types/data-export";
import { servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { buildDataExport } from "#app/features/profile/data-export.server.ts";

/** "Download my data": a JSON file with everything Wijkwijs keeps about the viewer. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const body = await buildDataExport(services, viewer);
  const date = body.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="wijkwijs-mijn-gegevens-${date}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
