import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { findWijk, listAreas } from "#app/features/areas/areas.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { countedWeek } from "#app/features/publication/counting.ts";
import { listOrganisations, type OrganisationSummary } from "#app/features/organisations/organisations.server.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/content/content.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { addDays, calendarDateOf, toIsoDate, parseCalendarDate, type CalendarDate } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import type { SignalStatus } from "./options.ts";
import type { SignalFormInput } from "./schemas.ts";
import { scrubOptionsFor } from "./scrub-options.ts";
import { dueAt, type SignalTargets } from "./targets.ts";
import { scrub, type ScrubOptions, type ScrubResult } from "./scrubber.ts";

// Sending a signal: what the form needs and storing it exactly once. Only the
// scrubbed text is stored (privacy rule 1, ../shared/DESIGN.md); the write and
// its rollup happen in one transaction. Reading lives in reading.server.ts,
// the gemeente's and police's handling in triage.server.ts.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

/** Today in the municipality, for the form's "this week" and date checks. */
export function today(services: Pick<AppServices, "clock">): CalendarDate {
  return calendarDateOf(services.clock.now());
}

export function isoWeekForChoice(input: Pick<SignalFormInput, "when" | "date">, now: CalendarDate): string {
  if (input.when === "last_week") return isoWeekOf(addDays(now, -7));
  if (input.when === "date" && input.date) return isoWeekOf(parseCalendarDate(input.date) ?? now);
  return isoWeekOf(now);
}

/** What the scrubber keeps in this municipality: its places, organisations and the referral organisations. */
export async function scrubOptions(
  services: Pick<AppServices, "db" | "clock" | "content">,
  municipality: { id: string; name: string },
  known: { organisations?: OrganisationSummary[] } = {},
): Promise<Required<ScrubOptions>> {
  const [areas, organisations] = await Promise.all([
    listAreas(services, municipality.id),
    known.organisations ?? listOrganisations(services, municipality.id, { includeArchived: true }),
  ]);
  return scrubOptionsFor(
    services.content,
    {
      municipalityName: municipality.name,
      stadsdeelNames: areas.map((s) => s.name),
      wijkNames: areas.flatMap((s) => s.wijken.map((w) => w.name)),
      organisationNames: organisations.map((o) => o.name),
    },
    calendarDateOf(services.clock.now()).year,
  );
}

/** The municipality's targets per urgency, in working days. */
export async function signalTargets(services: Pick<AppServices, "db">, municipalityId: string): Promise<SignalTargets> {
  const row = await services.db
    .selectFrom("municipalities")
    .select(["signal_target_days_urgent", "signal_target_days_normal"])
    .where("id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  return { urgent: row.signal_target_days_urgent, normal: row.signal_target_days_normal };
}

export interface SignalFormContext {
  phenomena: { id: string; label: string }[];
  areas: { name: string; wijken: { id: string; name: string }[] }[];
  defaultWijkId: string | null;
  scrubOptions: Required<ScrubOptions>;
  today: string;
  /** A fresh key for this form; the same key on a repeated post means the same signal. */
  idempotencyKey: string;
}

/** What the form needs: phenomena, the municipality's wijken, the organisation's wijk, what the preview keeps. */
export async function signalFormContext(services: Services, viewer: Viewer, language: Language): Promise<SignalFormContext> {
  const [areas, organisations, options] = await Promise.all([
    listAreas(services, viewer.municipalityId),
    listOrganisations(services, viewer.municipalityId),
    scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name }),
  ]);
  const date = today(services);
  return {
    phenomena: activePhenomena(services.content).map((p) => ({ id: p.id, label: phenomenonLabel(services.content, p.id, language) })),
    areas: areas.map((s) => ({ name: s.name, wijken: s.wijken.map((w) => ({ id: w.id, name: w.name })) })),
    defaultWijkId: organisations.find((o) => o.id === viewer.organisationId)?.wijkId ?? null,
    scrubOptions: options,
    today: toIsoDate(date),
    idempotencyKey: randomUUID(),
  };
}

export interface SubmittedSignal {
  id: string;
  status: SignalStatus;
  isoWeek: string;
  receivedAt: string;
}

export type SubmitError =
  | "not_an_ambassador"
  | "organisation_archived"
  | "unknown_wijk"
  | "wijk_other_municipality"
  | "idempotency_key_conflict";

export type SubmitResult =
  | { ok: true; created: boolean; signal: SubmittedSignal }
  | { ok: false; error: SubmitError }
  /** Something was removed that the sender has not seen yet: show them first. */
  | { ok: false; error: "preview_required"; preview: ScrubResult };

/** Which form field a submission error belongs to. */
export const submitErrorField: Record<SubmitError, string | null> = {
  not_an_ambassador: null,
  organisation_archived: null,
  unknown_wijk: "wijkId",
  wijk_other_municipality: "wijkId",
  idempotency_key_conflict: null,
};

/**
 * Stores a signal exactly once per idempotency key. A repeat with the same key
 * by the same sender (double tap, retry, an offline outbox replaying) answers
 * with the signal stored the first time and stores nothing. Only the scrubbed
 * text is stored; the raw text is neither stored nor logged.
 */
export interface SubmitOptions {
  /** More work that must happen once per stored signal, in its transaction (e.g. counting it against a rate limit); throwing stores nothing. */
  alsoInTransaction?: (trx: Transaction<Database>, signal: { id: string }) => Promise<void>;
}

export async function submitSignal(services: Services, viewer: Viewer, input: SignalFormInput, submitOptions: SubmitOptions = {}): Promise<SubmitResult> {
  if (viewer.role !== "ambassador" || !viewer.organisationId) return { ok: false, error: "not_an_ambassador" };

  // A replay is answered before anything else is checked: the form it came
  // from may be older than today's rules, but the signal was accepted then.
  const existing = await findByIdempotencyKey(services.db, input.idempotencyKey);
  if (existing) return replayResult(existing, viewer);

  const wijk = await findWijk(services, input.wijkId);
  if (!wijk) return { ok: false, error: "unknown_wijk" };
  if (wijk.municipalityId !== viewer.municipalityId) return { ok: false, error: "wijk_other_municipality" };
  const organisations = await listOrganisations(services, viewer.municipalityId, { includeArchived: true });
  const organisation = organisations.find((o) => o.id === viewer.organisationId);
  if (!organisation || organisation.archivedAt) return { ok: false, error: "organisation_archived" };

  const options = await scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name }, { organisations });
  const scrubbed = scrub(input.freeText, options);
  if (scrubbed.text !== input.freeText && scrubbed.text !== (input.confirmedText ?? "")) {
    return { ok: false, error: "preview_required", preview: scrubbed };
  }

  const now = services.clock.now();
  const isoWeek = isoWeekForChoice(input, calendarDateOf(now));
  const row: SignalTable = {
    id: randomUUID(),
    municipality_id: viewer.municipalityId,
    organisation_id: organisation.id,
    created_by: viewer.id,
    idempotency_key: input.idempotencyKey,
    phenomenon: input.phenomenon,
    wijk_id: wijk.id,
    iso_week: isoWeek,
    counted_week: countedWeek(isoWeek, now),
    channel: input.channel,
    target_group: input.targetGroup,
    affected: input.affected,
    outcome: input.outcome,
    urgency: input.urgency,
    recipients: input.recipients,
    free_text: scrubbed.text === "" ? null : scrubbed.text,
    free_text_erased_at: null,
    status: "received",
    seen_at: null,
    handled_at: null,
    forwarded_at: null,
    case_id: null,
    assigned_team: null,
    assigned_to: null,
    due_at: dueAt(now, input.urgency, await signalTargets(services, viewer.municipalityId)).toISOString(),
    received_at: now.toISOString(),
    updated_at: now.toISOString(),
  };

  const result = await services.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("signals")
      .values(row)
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning(["id"])
      .executeTakeFirst();
    if (!inserted) {
      // Another request with this key won the race; answer with its signal.
      const winner = await findByIdempotencyKey(trx, input.idempotencyKey);
      return winner ? replayResult(winner, viewer) : ({ ok: false, error: "idempotency_key_conflict" } as const);
    }
    // Work that must happen exactly once per signal belongs here, in this
    // transaction: a replay never reaches it.
    await addToRollups(trx, row);
    await submitOptions.alsoInTransaction?.(trx, { id: row.id });
    return { ok: true, created: true, signal: summary(row) } as const;
  });
  if (result.ok && result.created) {
    services.log.info("signal received", {
      signalId: result.signal.id,
      phenomenon: row.phenomenon,
      urgency: row.urgency,
      removed: Object.values(scrubbed.counts).reduce((a, b) => a + b, 0),
    });
  }
  return result;
}

async function findByIdempotencyKey(db: Services["db"] | Transaction<Database>, key: string): Promise<SignalTable | undefined> {
  return db.selectFrom("signals").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
}

function replayResult(existing: SignalTable, viewer: Viewer): SubmitResult {
  // A key is a capability only for whoever used it first: anyone else gets an
  // error, never someone else's signal.
  if (existing.created_by !== viewer.id) return { ok: false, error: "idempotency_key_conflict" };
  return { ok: true, created: false, signal: summary(existing) };
}

function summary(row: SignalTable): SubmittedSignal {
  return { id: row.id, status: row.status, isoWeek: row.iso_week, receivedAt: row.received_at };
}
