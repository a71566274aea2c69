import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";

/**
 * An administrator resets a staff member's second factor (a lost phone):
 * their authenticator app and passkeys are removed and their sessions end, so
 * that at the next login they set up a new one. Audited; never one's own.
 */
export async function resetSecondFactor(
  services: Pick<AppServices, "db" | "clock">,
  admin: Viewer,
  userId: string,
): Promise<{ ok: true } | { ok: false; error: "not_found" | "self" }> {
  if (userId === admin.id) return { ok: false, error: "self" };
  return services.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id"]).where("id", "=", userId).where("municipality_id", "=", admin.municipalityId).executeTakeFirst();
    if (!user) return { ok: false, error: "not_found" } as const;
    await trx.deleteFrom("totp_credentials").where("user_id", "=", userId).execute();
    await trx.deleteFrom("passkeys").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: admin, action: "auth.second_factor_reset", target: { type: "user", id: userId } });
    return { ok: true } as const;
  });
}
