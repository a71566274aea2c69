import type { AppServices } from "#app/services.server.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { protectFigure, protectStatistic, type ProtectedFigure } from "./protected-figures.server.ts";

// The programme's figures per month and stadsdeel, for the coordinators'
// programme page and the researchers' export. Every figure leaves this module
// through protected-figures.server.ts; nothing here names a person or an
// organisation. The period is the last `months` calendar months
// (Europe/Amsterdam), the current one included.

type Services = Pick<AppServices, "db" | "clock" | "municipality">;

export interface ProgrammeCounts {
  month: string;
  stadsdeelId: string;
  stadsdeel: string;
  organisations: number;
  ambassadors: number;
  certified: number;
  signals: number;
  responded: number;
  responseHours: number[];
  warnings: number;
}

export interface ProgrammeRow {
  month: string;
  stadsdeel: string;
  organisations: ProtectedFigure;
  ambassadors: ProtectedFigure;
  certified: ProtectedFigure;
  signals: ProtectedFigure;
  responded: ProtectedFigure;
  responseMedianHours: { shown: true; value: number | null } | { shown: false; threshold: number };
  responseP90Hours: { shown: true; value: number | null } | { shown: false; threshold: number };
  warnings: ProtectedFigure;
}

const HOUR = 3600_000;

function monthOf(iso: string): string {
  const date = calendarDateOf(new Date(iso));
  return `${date.year}-${String(date.month).padStart(2, "0")}`;
}

/** The months of the period, oldest first, with the instant each ends (exclusive). */
export function programmeMonths(now: Date, months: number): { month: string; endsAt: string }[] {
  const today = calendarDateOf(now);
  const result: { month: string; endsAt: string }[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const first = new Date(Date.UTC(today.year, today.month - 1 - back, 1));
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    // Midnight in Amsterdam is 22:00 or 23:00 UTC the day before; an hour's difference does not move a month's counts enough to matter here.
    result.push({ month: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}`, endsAt: new Date(next.getTime() - HOUR).toISOString() });
  }
  return result;
}

/** The p-th percentile (0–100) by the nearest-rank method; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The unprotected counts: for this module and its tests only; pages and exports use programmeRows. */
export async function programmeCounts(services: Services, municipalityId: string, months = 12): Promise<ProgrammeCounts[]> {
  const period = programmeMonths(services.clock.now(), months);
  const since = new Date(Date.parse(period[0]!.month + "-01T00:00:00.000Z") - 2 * HOUR).toISOString();
  const [stadsdelen, wijken, organisations, ambassadors, certificates, signals, feedback, warnings] = await Promise.all([
    services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", municipalityId).orderBy("sort_order").execute(),
    services.db.selectFrom("wijken").select(["id", "stadsdeel_id"]).where("municipality_id", "=", municipalityId).execute(),
    services.db.selectFrom("organisations").select(["id", "wijk_id", "created_at", "archived_at"]).where("municipality_id", "=", municipalityId).execute(),
    services.db
      .selectFrom("users")
      .select(["id", "organisation_id", "created_at", "deactivated_at"])
      .where("municipality_id", "=", municipalityId)
      .where("role", "=", "ambassador")
      .execute(),
    services.db
      .selectFrom("training_certificates")
      .innerJoin("users", "users.id", "training_certificates.user_id")
      .select(["training_certificates.user_id", "training_certificates.certified_at", "training_certificates.valid_until"])
      .where("users.municipality_id", "=", municipalityId)
      .execute(),
    services.db.selectFrom("signals").select(["id", "wijk_id", "received_at"]).where("municipality_id", "=", municipalityId).where("received_at", ">=", since).execute(),
    services.db
      .selectFrom("signal_notes")
      .innerJoin("signals", "signals.id", "signal_notes.signal_id")
      .select(["signal_notes.signal_id", "signal_notes.created_at"])
      .where("signals.municipality_id", "=", municipalityId)
      .where("signal_notes.kind", "=", "feedback")
      .where("signals.received_at", ">=", since)
      .execute(),
    services.db
      .selectFrom("warnings")
      .innerJoin("warning_wijken", "warning_wijken.warning_id", "warnings.id")
      .select(["warnings.id", "warnings.created_at", "warning_wijken.wijk_id"])
      .where("warnings.municipality_id", "=", municipalityId)
      .where("warnings.created_at", ">=", since)
      .execute(),
  ]);
  const stadsdeelOfWijk = new Map(wijken.map((w) => [w.id, w.stadsdeel_id]));
  const stadsdeelOfOrganisation = new Map(organisations.map((o) => [o.id, stadsdeelOfWijk.get(o.wijk_id)]));
  const firstFeedback = new Map<string, string>();
  for (const note of feedback) {
    const known = firstFeedback.get(note.signal_id);
    if (!known || note.created_at < known) firstFeedback.set(note.signal_id, note.created_at);
  }
  const certificateOf = new Map(certificates.map((c) => [c.user_id, c]));

  const rows: ProgrammeCounts[] = [];
  for (const { month, endsAt } of period) {
    for (const stadsdeel of stadsdelen) {
      const inStadsdeel = (wijkId: string) => stadsdeelOfWijk.get(wijkId) === stadsdeel.id;
      const existing = (created: string, ended: string | null) => created <= endsAt && (ended === null || ended > endsAt);
      const people = ambassadors.filter(
        (a) => a.organisation_id !== null && stadsdeelOfOrganisation.get(a.organisation_id) === stadsdeel.id && existing(a.created_at, a.deactivated_at),
      );
      const sent = signals.filter((s) => inStadsdeel(s.wijk_id) && monthOf(s.received_at) === month);
      const responseHours = sent
        .map((s) => firstFeedback.get(s.id) && (Date.parse(firstFeedback.get(s.id)!) - Date.parse(s.received_at)) / HOUR)
        .filter((hours): hours is number => typeof hours === "number");
      rows.push({
        month,
        stadsdeelId: stadsdeel.id,
        stadsdeel: stadsdeel.name,
        organisations: organisations.filter((o) => inStadsdeel(o.wijk_id) && existing(o.created_at, o.archived_at)).length,
        ambassadors: people.length,
        certified: people.filter((a) => {
          const certificate = certificateOf.get(a.id);
          return certificate !== undefined && certificate.certified_at <= endsAt && certificate.valid_until > endsAt;
        }).length,
        signals: sent.length,
        responded: responseHours.length,
        responseHours,
        warnings: new Set(warnings.filter((w) => inStadsdeel(w.wijk_id) && monthOf(w.created_at) === month).map((w) => w.id)).size,
      });
    }
  }
  return rows;
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The programme's figures as they may be shown: every count and statistic protected. */
export async function programmeRows(services: Services, municipalityId: string, months = 12): Promise<ProgrammeRow[]> {
  const counts = await programmeCounts(services, municipalityId, months);
  return counts.map((row) => ({
    month: row.month,
    stadsdeel: row.stadsdeel,
    organisations: protectFigure(services, row.organisations),
    ambassadors: protectFigure(services, row.ambassadors),
    certified: protectFigure(services, row.certified),
    signals: protectFigure(services, row.signals),
    responded: protectFigure(services, row.responded),
    responseMedianHours: protectStatistic(services, row.responded, round1(percentile(row.responseHours, 50))),
    responseP90Hours: protectStatistic(services, row.responded, round1(percentile(row.responseHours, 90))),
    warnings: protectFigure(services, row.warnings),
  }));
}

/** The columns of the export, with their meaning (the codebook), in export order. */
export const programmeColumns = [
  { key: "month", description: "Calendar month (Europe/Amsterdam), YYYY-MM." },
  { key: "stadsdeel", description: "Stadsdeel (district) of the municipality." },
  { key: "organisations", description: "Organisations with ambassadors' work in the stadsdeel that existed (created, not archived) at the end of the month." },
  { key: "ambassadors", description: "Ambassador accounts of those organisations that existed and were not switched off at the end of the month." },
  { key: "certified", description: "Of those ambassadors, how many held a valid certificate at the end of the month (from each ambassador's current certificate)." },
  { key: "signals", description: "Signals received in the month about wijken in the stadsdeel." },
  { key: "responded", description: "Of those signals, how many got feedback from the municipality (at any time so far)." },
  { key: "response_median_hours", description: "Median hours from receiving a signal to its first feedback, over the responded signals." },
  { key: "response_p90_hours", description: "90th percentile (nearest rank) of the same hours." },
  { key: "warnings", description: "Warnings published in the month to wijken in the stadsdeel." },
] as const;

export const disclosureNote =
  "Counts from 1 to threshold − 1 are shown as \"< threshold\" (the municipality's suppression threshold); response times only over at least threshold responded signals. Empty: no responded signals.";
