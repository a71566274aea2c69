import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { SignalTargets } from "./targets.ts";
import type { WallIndicatorAudience } from "./settings.ts";

export { signalSettingsSchema, TARGET_DAYS_MAX, wallIndicatorAudiences, type WallIndicatorAudience } from "./settings.ts";

// The municipality's settings for signal handling: the target per urgency in
// working days (applies to signals that arrive from then on: deadlines are
// fixed on arrival, decision 0211) and who sees the wall indicator (decision
// 0214). Every change is audited with from and to.

export interface SignalSettings {
  targets: SignalTargets;
  wall: WallIndicatorAudience;
}

export async function readSignalSettings(services: Pick<AppServices, "db">, municipalityId: string): Promise<SignalSettings> {
  const row = await services.db
    .selectFrom("municipalities")
    .select(["signal_target_days_urgent", "signal_target_days_normal", "signal_wall_indicator"])
    .where("id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  return { targets: { urgent: row.signal_target_days_urgent, normal: row.signal_target_days_normal }, wall: row.signal_wall_indicator };
}

export async function saveSignalSettings(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, settings: SignalSettings): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    const before = await readSignalSettings({ db: trx as never }, viewer.municipalityId);
    await trx
      .updateTable("municipalities")
      .set({ signal_target_days_urgent: settings.targets.urgent, signal_target_days_normal: settings.targets.normal, signal_wall_indicator: settings.wall })
      .where("id", "=", viewer.municipalityId)
      .execute();
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor: viewer,
        action: "signal_settings.changed",
        details: {
          fromUrgent: before.targets.urgent,
          toUrgent: settings.targets.urgent,
          fromNormal: before.targets.normal,
          toNormal: settings.targets.normal,
          fromWall: before.wall,
          toWall: settings.wall,
        },
      },
    );
  });
}
