import { data } from "react-router";
import type { Route } from "./+types/export";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { exportTable } from "#app/features/dashboard/export.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "dashboard:view");
  const { t, language } = context.get(i18nContext);
  const result = await exportTable(context.get(servicesContext), viewer, new URL(request.url), t, language);
  if (!result.ok) {
    throw data({ message: t(result.status === 404 ? "dashboard:errors.unknown_table" : "errors.forbidden_body") }, { status: result.status });
  }
  return new Response(result.body, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `attachment; filename="${result.filename}"`,
      "cache-control": "no-store",
    },
  });
}
