import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";

// Privacy rule 7 for situations: once a situation has been over for the
// retention period of a signal's free text (SIGNAL_TEXT_RETENTION_DAYS,
// counted from its close or the end of its window, whichever came first), the
// text of its log and of its evaluation is erased. What stays: name, window,
// wijken, labels, the log's times, kinds, roles and ticked checklist items,
// and the linked signals (the counts).

const DAY_MS = 24 * 60 * 60 * 1000;

export async function eraseExpiredSituationText(
  services: Pick<AppServices, "db" | "clock" | "config" | "municipality">,
): Promise<{ erased: number; endedBefore: string }> {
  const now = services.clock.now();
  const retentionDays = services.config.signalTextRetentionDays;
  const endedBefore = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return services.db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom("situations")
      .select(["id", "municipality_id"])
      .where("text_erased_at", "is", null)
      .where((eb) => eb.or([eb("ends_at", "<", endedBefore), eb("closed_at", "<", endedBefore)]))
      .execute();
    const ids = expired.map((row) => row.id);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await trx.updateTable("situation_log").set({ body: "" }).where("situation_id", "in", batch).execute();
      await trx
        .updateTable("situations")
        .set({ evaluation_what_happened: null, evaluation_interventions: null, evaluation_differently: null, text_erased_at: now.toISOString() })
        .where("id", "in", batch)
        .execute();
    }
    // One audit row per municipality, also when there was nothing to erase: the log shows the rule is applied.
    const perMunicipality = new Map<string, number>([[services.municipality.id, 0]]);
    for (const row of expired) perMunicipality.set(row.municipality_id, (perMunicipality.get(row.municipality_id) ?? 0) + 1);
    for (const [municipalityId, count] of perMunicipality) {
      await recordAudit({ db: trx, clock: services.clock }, { actor: null, municipalityId, action: "situation.text_erased", details: { count, retentionDays, endedBefore } });
    }
    return { erased: expired.length, endedBefore };
  });
}
