import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import { readSignalSettings } from "./settings.server.ts";
import type { SignalDetail } from "./reading.server.ts";
import { workflowSide, type WorkflowSide } from "./workflow.ts";

// Behind the wall between gemeente and police (privacy rule 8): without any
// detail, tell someone looking at a signal that the other side is also busy
// with the same phenomenon in the same wijk in the same period — "Politie
// heeft hier ook een lopende zaak" — so the two do not work against each
// other. Who may see it is a setting of the municipality; every showing is
// audited. Nothing of the other side's matter (which signal, which note,
// which case, how many) is returned: only whether there is one.
//
// Busy, for the police: an open signal on the same phenomenon and wijk, other
// than this one, in the police's hands (assigned to the police team) or with a
// police-only note. For the gemeente: an open case with such a signal.

/** The same period: received within four weeks either side of this signal. */
export const WALL_PERIOD_DAYS = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function otherSideBusy(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, signal: SignalDetail): Promise<WorkflowSide | null> {
  const side = workflowSide(viewer);
  if (!side) return null;
  const { wall } = await readSignalSettings(services, viewer.municipalityId);
  if (wall !== "both" && wall !== side) return null;
  const received = new Date(signal.receivedAt).getTime();
  const from = new Date(received - WALL_PERIOD_DAYS * DAY_MS).toISOString();
  const to = new Date(received + WALL_PERIOD_DAYS * DAY_MS).toISOString();
  let query = services.db
    .selectFrom("signals")
    .select("signals.id")
    .where("signals.municipality_id", "=", viewer.municipalityId)
    .where("signals.phenomenon", "=", signal.phenomenon)
    .where("signals.wijk_id", "=", signal.wijkId)
    .where("signals.id", "!=", signal.id)
    .where("signals.status", "!=", "handled")
    .where("signals.received_at", ">=", from)
    .where("signals.received_at", "<=", to);
  const other: WorkflowSide = side === "gemeente" ? "police" : "gemeente";
  if (other === "police") {
    query = query.where((eb) =>
      eb.or([
        eb("signals.assigned_team", "=", "police"),
        eb.exists(eb.selectFrom("signal_notes").select("signal_notes.id").whereRef("signal_notes.signal_id", "=", "signals.id").where("signal_notes.kind", "=", "police_note")),
      ]),
    );
  } else {
    query = query.innerJoin("signal_cases", "signal_cases.id", "signals.case_id").where("signal_cases.status", "=", "open");
  }
  const busy = await query.limit(1).executeTakeFirst();
  if (!busy) return null;
  await recordAudit(services, { actor: viewer, action: "signal.wall_indicator_shown", target: { type: "signal", id: signal.id }, details: { otherSide: other } });
  return other;
}
