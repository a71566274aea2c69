import type { AppServices } from "#app/services.server.ts";

// The structured facts of signals — phenomenon, wijk, urgency, when received —
// for features that count or list signals without opening them (the situation
// room). Never the free text, the sender or the organisation.

export interface SignalFacts {
  id: string;
  phenomenon: string;
  wijkId: string;
  urgent: boolean;
  receivedAt: string;
}

type Services = Pick<AppServices, "db">;

const columns = ["id", "phenomenon", "wijk_id", "urgency", "received_at"] as const;

function toFacts(row: { id: string; phenomenon: string; wijk_id: string; urgency: string; received_at: string }): SignalFacts {
  return { id: row.id, phenomenon: row.phenomenon, wijkId: row.wijk_id, urgent: row.urgency === "urgent", receivedAt: row.received_at };
}

/** The facts of the given signals of one municipality; ids of another municipality or unknown ones are left out. */
export async function signalFactsByIds(services: Services, municipalityId: string, ids: readonly string[]): Promise<SignalFacts[]> {
  if (ids.length === 0) return [];
  const found: SignalFacts[] = [];
  // In batches: PostgreSQL and SQLite both limit the parameters of one statement.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await services.db
      .selectFrom("signals")
      .select(columns)
      .where("municipality_id", "=", municipalityId)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    found.push(...rows.map(toFacts));
  }
  return found;
}

/** Signals received in some wijken within [from, before), oldest first, without the excluded ones. */
export async function signalFactsInWindow(
  services: Services,
  municipalityId: string,
  window: { wijkIds: readonly string[]; from: string; before: string; excluding?: readonly string[]; limit: number },
): Promise<SignalFacts[]> {
  if (window.wijkIds.length === 0) return [];
  let query = services.db
    .selectFrom("signals")
    .select(columns)
    .where("municipality_id", "=", municipalityId)
    .where("wijk_id", "in", [...window.wijkIds])
    .where("received_at", ">=", window.from)
    .where("received_at", "<", window.before);
  if (window.excluding && window.excluding.length > 0) query = query.where("id", "not in", [...window.excluding]);
  const rows = await query.orderBy("received_at", "asc").limit(window.limit).execute();
  return rows.map(toFacts);
}
