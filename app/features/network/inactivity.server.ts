import type { AppServices } from "#app/services.server.ts";
import type { Config } from "#app/config.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { deactivateAccount, listUsers } from "#app/features/auth/users.server.ts";
import type { AmbassadorInactivityTable } from "#db/tables/network.ts";

// Privacy rule 7: inactive accounts are switched off. An ambassador without
// activity (login or use of the app) for AMBASSADOR_INACTIVE_MONTHS is flagged
// on the coordinator's roster with the date the account will go off; if they
// stay away for AMBASSADOR_INACTIVE_WARNING_DAYS more, the check switches the
// account off. There is no mail server: the coordinator, who sees the flag,
// is the one to get in touch. See docs/decisions/0502.

/** The moment before which someone counts as inactive: now minus the configured calendar months. */
export function inactiveBefore(config: Pick<Config, "inactivity">, now: Date): Date {
  const threshold = new Date(now);
  threshold.setUTCDate(1);
  threshold.setUTCMonth(threshold.getUTCMonth() - config.inactivity.months);
  // 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(threshold.getUTCFullYear(), threshold.getUTCMonth() + 1, 0)).getUTCDate();
  threshold.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return threshold;
}

function latest(...instants: (string | null | undefined)[]): string {
  return instants.filter((value): value is string => Boolean(value)).sort().at(-1)!;
}

/** Since when the ambassador counts as inactive: last activity, account creation, or a restart after reactivation. */
export function activitySince(
  user: { createdAt: string; lastActiveAt: string | null },
  record: Pick<AmbassadorInactivityTable, "counted_from"> | undefined,
): string {
  return latest(user.createdAt, user.lastActiveAt, record?.counted_from);
}

export interface InactivityFlag {
  /** Set when the ambassador has been inactive for longer than the configured period. */
  inactiveSince: string | null;
  warnedAt: string | null;
  /** When the check will switch the account off (warned ambassadors only). */
  switchOffAt: string | null;
}

export function inactivityFlag(
  config: Pick<Config, "inactivity">,
  now: Date,
  user: { createdAt: string; lastActiveAt: string | null; deactivatedAt: string | null },
  record: AmbassadorInactivityTable | undefined,
): InactivityFlag {
  if (user.deactivatedAt) return { inactiveSince: null, warnedAt: null, switchOffAt: null };
  const since = activitySince(user, record);
  const inactive = since < inactiveBefore(config, now).toISOString();
  const warnedAt = inactive && record?.warned_at && record.warned_at >= since ? record.warned_at : null;
  return {
    inactiveSince: inactive ? since : null,
    warnedAt,
    switchOffAt: warnedAt ? new Date(new Date(warnedAt).getTime() + config.inactivity.warningMs).toISOString() : null,
  };
}

export async function readInactivityRecords(services: Pick<AppServices, "db">): Promise<Map<string, AmbassadorInactivityTable>> {
  const rows = await services.db.selectFrom("ambassador_inactivity").selectAll().execute();
  return new Map(rows.map((row) => [row.user_id, row]));
}

export interface InactivityRun {
  warned: string[];
  deactivated: string[];
  /** Warnings withdrawn because the ambassador was active again, and clocks restarted after a reactivation. */
  cleared: string[];
}

/**
 * The inactivity check, run daily by the retention job. Idempotent: running it
 * twice on the same day changes nothing the second time.
 */
export async function deactivateInactiveAmbassadors(
  services: Pick<AppServices, "db" | "clock" | "config" | "log" | "municipality">,
): Promise<InactivityRun> {
  const now = services.clock.now();
  const at = now.toISOString();
  const threshold = inactiveBefore(services.config, now).toISOString();
  const [ambassadors, records] = await Promise.all([
    listUsers(services, services.municipality.id, { role: "ambassador" }),
    readInactivityRecords(services),
  ]);
  const run: InactivityRun = { warned: [], deactivated: [], cleared: [] };
  const system = { municipalityId: services.municipality.id };

  for (const ambassador of ambassadors) {
    if (ambassador.deactivatedAt) continue;
    const record = records.get(ambassador.id);
    const upsert = (values: Partial<Omit<AmbassadorInactivityTable, "user_id">>) =>
      services.db
        .insertInto("ambassador_inactivity")
        .values({ user_id: ambassador.id, counted_from: null, warned_at: null, deactivated_at: null, ...record, ...values })
        .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
        .execute();

    if (record?.deactivated_at) {
      // Switched off by this check and switched on again by someone since: a fresh start.
      await upsert({ counted_from: at, warned_at: null, deactivated_at: null });
      run.cleared.push(ambassador.id);
      continue;
    }
    const since = activitySince(ambassador, record);
    if (record?.warned_at && since > record.warned_at) {
      await upsert({ warned_at: null });
      run.cleared.push(ambassador.id);
      continue;
    }
    if (since >= threshold) continue;

    if (!record?.warned_at) {
      await services.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("ambassador_inactivity")
          .values({ user_id: ambassador.id, counted_from: record?.counted_from ?? null, warned_at: at, deactivated_at: null })
          .onConflict((oc) => oc.column("user_id").doUpdateSet({ warned_at: at }))
          .execute();
        await recordAudit(
          { db: trx, clock: services.clock },
          {
            actor: null,
            municipalityId: system.municipalityId,
            action: "ambassador.inactivity_flagged",
            target: { type: "user", id: ambassador.id },
            details: { inactiveSince: since },
          },
        );
      });
      run.warned.push(ambassador.id);
      continue;
    }
    if (new Date(record.warned_at).getTime() + services.config.inactivity.warningMs > now.getTime()) continue;

    await services.db.transaction().execute(async (trx) => {
      const switched = await deactivateAccount({ db: trx }, ambassador.id, now);
      if (!switched) return;
      await trx.updateTable("ambassador_inactivity").set({ deactivated_at: at }).where("user_id", "=", ambassador.id).execute();
      await recordAudit(
        { db: trx, clock: services.clock },
        {
          actor: null,
          municipalityId: system.municipalityId,
          action: "user.deactivated",
          target: { type: "user", id: ambassador.id },
          details: { reason: "inactivity", inactiveSince: since },
        },
      );
    });
    run.deactivated.push(ambassador.id);
  }
  if (run.warned.length || run.deactivated.length) {
    services.log.info("inactivity check", { flagged: run.warned.length, deactivated: run.deactivated.length });
  }
  return run;
}

/** A coordinator switched the ambassador on again: the inactivity clock starts now. */
export async function restartInactivityClock(services: Pick<AppServices, "db" | "clock">, userId: string): Promise<void> {
  const at = services.clock.now().toISOString();
  await services.db
    .insertInto("ambassador_inactivity")
    .values({ user_id: userId, counted_from: at, warned_at: null, deactivated_at: null })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ counted_from: at, warned_at: null, deactivated_at: null }))
    .execute();
}
