import { redirect } from "react-router";
import type { Route } from "./+types/push-subscription";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { removeSubscription, saveSubscription } from "#app/features/warnings/push.server.ts";
import { pushSubscriptionBodySchema } from "#app/features/warnings/schemas.ts";

// The page script (and the service worker, when the push service replaces a
// subscription) posts a device's push subscription here as JSON; the account
// page shows the switch. Switching off posts { intent: "unsubscribe", endpoint }.

export async function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "push:subscribe");
  return redirect("/account");
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "push:subscribe");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  const parsed = pushSubscriptionBodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json({ ok: false, message: t("warnings:errors.bad_subscription") }, 400);
  if (parsed.data.intent === "unsubscribe") {
    await removeSubscription(services, viewer.id, parsed.data.endpoint);
    return json({ ok: true, subscribed: false }, 200);
  }
  const saved = await saveSubscription(services, viewer.id, parsed.data);
  if (!saved.ok) return json({ ok: false, message: t("warnings:errors.push_service_not_allowed") }, 400);
  return json({ ok: true, subscribed: true }, 201);
}
