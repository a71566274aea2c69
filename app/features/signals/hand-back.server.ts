import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";

// Kept apart from ownership.server.ts on purpose: accounts (users.server.ts)
// call it when someone is switched off, and the server's background jobs load
// accounts outside the app build, so this module must import nothing that
// only the build can load (the translations).

/**
 * A switched-off person's open signals and cases go back to their team (the
 * team stays, the person is cleared), in the caller's transaction, audited
 * with the count.
 */
export async function handBackOpenWork(
  services: { db: Kysely<Database> | Transaction<Database>; clock: AppServices["clock"] },
  userId: string,
  actor: Viewer | null,
  municipalityId: string,
): Promise<number> {
  const now = services.clock.now().toISOString();
  const signals = await services.db
    .updateTable("signals")
    .set({ assigned_to: null, updated_at: now })
    .where("assigned_to", "=", userId)
    .where("status", "!=", "handled")
    .executeTakeFirst();
  const cases = await services.db.updateTable("signal_cases").set({ assigned_to: null }).where("assigned_to", "=", userId).where("status", "=", "open").executeTakeFirst();
  const count = Number(signals.numUpdatedRows) + Number(cases.numUpdatedRows);
  if (count > 0) {
    await recordAudit(services, {
      actor,
      municipalityId,
      action: "signal.assignments_returned",
      target: { type: "user", id: userId },
      details: { signals: Number(signals.numUpdatedRows), cases: Number(cases.numUpdatedRows) },
    });
  }
  return count;
}
