import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { countedWeek } from "#app/features/publication/counting.ts";
import { defaultSignalTargets, dueAt } from "#app/features/signals/targets.ts";
import type { SignalTable } from "#db/tables/signals.ts";

type Services = Pick<AppServices, "db" | "clock" | "municipality">;

/**
 * A stored signal, written straight to the table (as if it had been sent),
 * for tests about reading, triage and retention. Tests about sending go
 * through the form or submitSignal instead.
 */
export async function createSignal(
  services: Services,
  input: {
    sender: { id: string; organisationId: string | null };
    recipients?: SignalTable["recipients"];
    urgency?: SignalTable["urgency"];
    status?: SignalTable["status"];
    phenomenon?: string;
    wijk?: string;
    freeText?: string | null;
    receivedAt?: string;
    /** The week it happened; it is then counted as the dashboard counts it. Default "2026-W48", counted as such. */
    isoWeek?: string;
    /** Default: the default target for its urgency after receivedAt. */
    dueAt?: string | null;
  },
): Promise<SignalTable> {
  const receivedAt = input.receivedAt ?? services.clock.now().toISOString();
  const row: SignalTable = {
    id: randomUUID(),
    municipality_id: services.municipality.id,
    organisation_id: input.sender.organisationId!,
    created_by: input.sender.id,
    idempotency_key: randomUUID(),
    phenomenon: input.phenomenon ?? "phishing",
    wijk_id: wijkId(services.municipality.slug, input.wijk ?? "Moerwijk"),
    iso_week: input.isoWeek ?? "2026-W48",
    ...(input.isoWeek ? { counted_week: countedWeek(input.isoWeek, receivedAt) } : {}),
    channel: "sms",
    target_group: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: input.urgency ?? "normal",
    recipients: input.recipients ?? "gemeente",
    free_text: input.freeText === undefined ? "Sms over een pakket met een link naar een nepsite." : input.freeText,
    free_text_erased_at: null,
    status: input.status ?? "received",
    seen_at: null,
    handled_at: null,
    forwarded_at: null,
    case_id: null,
    assigned_team: null,
    assigned_to: null,
    due_at: input.dueAt !== undefined ? input.dueAt : dueAt(new Date(receivedAt), input.urgency ?? "normal", defaultSignalTargets).toISOString(),
    received_at: receivedAt,
    updated_at: receivedAt,
  };
  await services.db.insertInto("signals").values(row).execute();
  await addToRollups(services.db, row);
  return row;
}
