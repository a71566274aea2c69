import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";

// Privacy rule 7: the free text of a signal is erased after the configured
// period (SIGNAL_TEXT_RETENTION_DAYS, default 180). The structured fields stay:
// they carry the phenomenon and feed the aggregates.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ErasureResult {
  erased: number;
  /** Signals received before this instant lost their free text. */
  receivedBefore: string;
}

export async function eraseExpiredSignalText(services: Pick<AppServices, "db" | "clock" | "config" | "municipality">): Promise<ErasureResult> {
  const now = services.clock.now();
  const retentionDays = services.config.signalTextRetentionDays;
  const receivedBefore = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return services.db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom("signals")
      .select(["municipality_id"])
      .where("received_at", "<", receivedBefore)
      .where("free_text", "is not", null)
      .execute();
    if (expired.length > 0) {
      await trx
        .updateTable("signals")
        .set({ free_text: null, free_text_erased_at: now.toISOString() })
        .where("received_at", "<", receivedBefore)
        .where("free_text", "is not", null)
        .execute();
    }
    // One audit row per municipality, also when there was nothing to erase:
    // the log shows that the rule is applied.
    const perMunicipality = new Map<string, number>([[services.municipality.id, 0]]);
    for (const row of expired) perMunicipality.set(row.municipality_id, (perMunicipality.get(row.municipality_id) ?? 0) + 1);
    for (const [municipalityId, count] of perMunicipality) {
      await recordAudit(
        { db: trx, clock: services.clock },
        { actor: null, municipalityId, action: "signal.free_text_erased", details: { count, retentionDays, receivedBefore } },
      );
    }
    return { erased: expired.length, receivedBefore };
  });
}
