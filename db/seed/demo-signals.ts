import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Clock } from "#app/clock.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { addDays, calendarDateOf } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import type { Database } from "#db/schema.ts";
import { defaultSignalTargets, dueAt } from "#app/features/signals/targets.ts";
import type { SignalTable } from "#db/tables/signals.ts";

// A few signals from the demo ambassador's library, so that "my signals",
// the inbox and the police view have something to show after `npm start`.
// (The dashboard's year of synthetic signals is added separately, see demo.ts.)

const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedDemoSignals(
  db: Kysely<Database> | Transaction<Database>,
  clock: Clock,
  input: { municipalityId: string; municipalitySlug: string; organisationId: string; ambassadorId: string; coordinatorId: string },
): Promise<void> {
  const now = clock.now();
  const today = calendarDateOf(now);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  const base = {
    municipality_id: input.municipalityId,
    organisation_id: input.organisationId,
    created_by: input.ambassadorId,
    free_text_erased_at: null,
    forwarded_at: null,
    case_id: null,
    assigned_team: null,
    assigned_to: null,
    due_at: null,
  };
  const signals: (SignalTable & { feedback?: string })[] = [
    {
      ...base,
      id: randomUUID(),
      idempotency_key: randomUUID(),
      phenomenon: "bank-helpdesk-fraud",
      wijk_id: wijkId(input.municipalitySlug, "Moerwijk"),
      iso_week: isoWeekOf(addDays(today, -9)),
      channel: "phone_call",
      target_group: "elderly",
      affected: "few",
      outcome: "damage",
      urgency: "normal",
      recipients: "both",
      free_text:
        "Drie bezoekers van het digi-café werden gebeld door een 'medewerker van de bank' die hun pas kwam ophalen. Eén mevrouw [naam] heeft haar pas meegegeven.",
      status: "handled",
      seen_at: at(8),
      handled_at: at(7),
      received_at: at(9),
      updated_at: at(7),
      feedback: "Dank u wel. Deze week kregen we 12 vergelijkbare signalen uit Escamp; we hebben de wijkagent gewaarschuwd en er komt een waarschuwing voor de ambassadeurs.",
    },
    {
      ...base,
      id: randomUUID(),
      idempotency_key: randomUUID(),
      phenomenon: "whatsapp-fraud",
      wijk_id: wijkId(input.municipalitySlug, "Moerwijk"),
      iso_week: isoWeekOf(addDays(today, -2)),
      channel: "whatsapp",
      target_group: "elderly",
      affected: "several",
      outcome: "attempt",
      urgency: "normal",
      recipients: "gemeente",
      free_text: "Veel leden van de leesclub kregen 'hoi mam, dit is mijn nieuwe nummer' van [telefoonnummer]. Niemand heeft betaald.",
      status: "seen",
      seen_at: at(1),
      handled_at: null,
      received_at: at(2),
      updated_at: at(1),
    },
    {
      ...base,
      id: randomUUID(),
      idempotency_key: randomUUID(),
      phenomenon: "public-order-calls",
      wijk_id: wijkId(input.municipalitySlug, "Zuiderpark"),
      iso_week: isoWeekOf(today),
      channel: "social_media",
      target_group: "young_people",
      affected: "many",
      outcome: "attempt",
      urgency: "urgent",
      recipients: "both",
      free_text: "Jongeren bij de huiswerkklas lieten een TikTok-oproep zien voor een 'takeover' in het Zuiderpark, zaterdag om 21:00.",
      status: "received",
      seen_at: null,
      handled_at: null,
      received_at: at(0.1),
      updated_at: at(0.1),
    },
  ];
  for (const { feedback, ...signal } of signals) {
    signal.due_at = dueAt(new Date(signal.received_at), signal.urgency, defaultSignalTargets).toISOString();
    await db.insertInto("signals").values(signal).execute();
    await addToRollups(db, signal);
    if (feedback) {
      await db
        .insertInto("signal_notes")
        .values({ id: randomUUID(), signal_id: signal.id, kind: "feedback", author_id: input.coordinatorId, author_role: "coordinator", body: feedback, created_at: signal.handled_at ?? signal.updated_at })
        .execute();
    }
  }
}
