import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { listUsers } from "#app/features/auth/users.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { getOrganisation, listOrganisations } from "#app/features/organisations/organisations.server.ts";

// Which wijken an ambassador wants warnings for. No rows means "the wijk of my
// organisation", so the default follows them when they move; a saved choice
// has at least one wijk. Whether warnings are pushed at all is a separate
// opt-in (the PWA capability's), which reads the choice through these functions.

export interface NotificationChoice {
  wijkIds: string[];
  /** False while the ambassador has not chosen: the organisation's wijk applies. */
  chosen: boolean;
}

export async function getNotificationWijken(
  services: Pick<AppServices, "db">,
  user: { id: string; municipalityId: string; organisationId: string | null },
): Promise<NotificationChoice> {
  const rows = await services.db
    .selectFrom("notification_preferences")
    .select("wijk_id")
    .where("user_id", "=", user.id)
    .orderBy("wijk_id")
    .execute();
  if (rows.length > 0) return { wijkIds: rows.map((row) => row.wijk_id), chosen: true };
  if (!user.organisationId) return { wijkIds: [], chosen: false };
  const organisation = await getOrganisation(services, user.municipalityId, user.organisationId);
  return { wijkIds: organisation ? [organisation.wijkId] : [], chosen: false };
}

export type NotificationChoiceError = "none_chosen" | "unknown_wijk";

export async function setNotificationWijken(
  services: Pick<AppServices, "db" | "clock">,
  viewer: Viewer,
  wijkIds: readonly string[],
): Promise<{ ok: true } | { ok: false; error: NotificationChoiceError }> {
  const wanted = [...new Set(wijkIds)];
  if (wanted.length === 0) return { ok: false, error: "none_chosen" };
  const known = new Set((await listAreas(services, viewer.municipalityId)).flatMap((sd) => sd.wijken.map((w) => w.id)));
  if (wanted.some((id) => !known.has(id))) return { ok: false, error: "unknown_wijk" };
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("notification_preferences").where("user_id", "=", viewer.id).execute();
    await trx
      .insertInto("notification_preferences")
      .values(wanted.map((wijkId) => ({ user_id: viewer.id, wijk_id: wijkId, created_at: now })))
      .execute();
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor: viewer, action: "profile.notification_wijken_changed", target: { type: "user", id: viewer.id }, details: { wijken: wanted.length } },
    );
  });
  return { ok: true };
}

/**
 * Active ambassadors who want warnings for any of these wijken, by their own
 * choice or, without one, through their organisation's wijk. For the warnings
 * capability, which adds its own opt-in on top.
 */
export async function ambassadorsForWijken(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  wijkIds: readonly string[],
): Promise<string[]> {
  if (wijkIds.length === 0) return [];
  const [ambassadors, organisations, choices] = await Promise.all([
    listUsers(services, municipalityId, { role: "ambassador" }),
    listOrganisations(services, municipalityId),
    services.db.selectFrom("notification_preferences").select(["user_id", "wijk_id"]).execute(),
  ]);
  const wanted = new Set(wijkIds);
  const organisationWijk = new Map(organisations.map((o) => [o.id, o.wijkId]));
  const chosen = new Map<string, string[]>();
  for (const row of choices) chosen.set(row.user_id, [...(chosen.get(row.user_id) ?? []), row.wijk_id]);
  return ambassadors
    .filter((user) => user.deactivatedAt === null && user.organisationId && organisationWijk.has(user.organisationId))
    .filter((user) => {
      const wijken = chosen.get(user.id) ?? [organisationWijk.get(user.organisationId!)!];
      return wijken.some((wijk) => wanted.has(wijk));
    })
    .map((user) => user.id);
}
