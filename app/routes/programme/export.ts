import { data } from "react-router";
import type { Route } from "./+types/export";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { programmeExport } from "#app/features/programme/export.server.ts";
import { exportQuerySchema } from "#app/features/programme/schemas.ts";


export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "programme:view");
  const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data({ message: context.get(i18nContext).t("programme:errors.unknown_format") }, { status: 400 });
  const file = await programmeExport(context.get(servicesContext), viewer.municipalityId, query.data.formaat);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
