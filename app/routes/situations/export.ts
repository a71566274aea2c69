import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/export";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { exportParts, situationExport } from "#app/features/situations/situations.server.ts";

// The researchers' export of a closed situation: the protected hourly picture
// or the log, as CSV (situations.server.ts says what is in it).

const paramsSchema = z.object({ situationId: z.uuid(), part: z.enum(exportParts) });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "situations:manage");
  const { t, language } = context.get(i18nContext);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw data(null, { status: 404 });
  const file = await situationExport(context.get(servicesContext), viewer, parsed.data.situationId, parsed.data.part, t, language);
  if (!file.ok) {
    if (file.error === "not_found") throw data(null, { status: 404 });
    throw data({ message: t("situations:errors.export_open") }, { status: 409 });
  }
  return new Response(file.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
