import type { Kysely } from "kysely";
import { rebuildRollups } from "#app/features/dashboard/rollups.server.ts";
import { mondayOf, shiftWeek } from "#app/calendar/iso-week.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import { affectedCounts, signalChannels, signalOutcomes, targetGroups } from "#app/features/signals/options.ts";
import type { Database } from "#db/schema.ts";
import type { SignalTable } from "#db/tables/signals.ts";

// Synthetic signals for the demo and for benchmarks: a year (or any number of
// weeks) of plausible counts across the wijken, with a seasonal swell in
// autumn and winter, a phishing wave, and an announced disturbance around
// Koningsdag (27 April). Deterministic for a given seed. Written in batches,
// then the rollups are rebuilt once — far faster than one transaction per
// signal, and the same result (tests/integration/dashboard.test.ts).

export interface SyntheticOptions {
  municipalityId: string;
  wijkIds: readonly string[];
  /** The phenomena to spread the signals over: the active ones of services.content. */
  phenomena: readonly string[];
  /** Residents per wijk (same order as wijkIds, null when unknown): busier where more people live. */
  wijkPopulations?: readonly (number | null)[];
  /** Sending organisations (with their ambassadors as senders, or null). */
  senders: readonly { organisationId: string; userId: string | null }[];
  count: number;
  /** The last week to fill (inclusive); the weeks before it are filled too. */
  endWeek: string;
  weeks: number;
  seed?: number;
  /** Marks the rows so that a benchmark can remove them again. */
  idPrefix?: string;
  /** Nothing is received after this (default: now minus a day). */
  latest?: Date;
}

/** A small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(items: readonly T[], weights: readonly number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x <= 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const DAY_MS = 86_400_000;

/**
 * When a signal about a week is received: within that week (Monday 00:00 UTC
 * up to Sunday evening, inside the week in municipal time too) and never after
 * `latest`; null when the week had not begun by `latest` (then no signal can
 * be about it yet). `r` is a random number in [0, 1).
 */
export function receivedWithin(week: string, latest: Date, r: number): Date | null {
  const monday = mondayOf(week);
  const start = Date.UTC(monday.year, monday.month - 1, monday.day);
  const end = Math.min(start + 6.9 * DAY_MS, latest.getTime());
  if (end < start) return null;
  return new Date(start + Math.floor(r * (end - start)));
}

export async function insertSyntheticSignals(db: Kysely<Database>, options: SyntheticOptions): Promise<number> {
  // One transaction: a million rows in one commit instead of one durable commit per batch.
  const written = await db.transaction().execute((trx) => writeSyntheticSignals(trx, options));
  await rebuildRollups(db);
  return written;
}

async function writeSyntheticSignals(db: Kysely<Database>, options: SyntheticOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 20261124);
  const weeks = Array.from({ length: options.weeks }, (_, i) => shiftWeek(options.endWeek, i - options.weeks + 1));
  const phenomena = options.phenomena;
  // Some wijken are busier than others (more residents, more ambassadors).
  const populations = options.wijkPopulations;
  const largest = Math.max(1, ...(populations ?? []).map((p) => p ?? 0));
  const wijkWeights = options.wijkIds.map((_, i) => {
    const spread = 0.3 + random() * 2;
    const residents = populations?.[i];
    // Where residents are known: mostly by how many live there, a few signals even where nobody lives (a beach, a park).
    return residents === undefined || residents === null ? spread : 0.05 + (3 * residents) / largest + spread * 0.3;
  });
  const basePhenomenonWeights: Record<string, number> = {
    phishing: 6, "whatsapp-fraud": 5, "bank-helpdesk-fraud": 4, "fake-webshop": 3, "marketplace-fraud": 3, "hacked-account": 2.5,
    "identity-fraud": 1, "investment-fraud": 1, "romance-fraud": 1, sextortion: 0.8, "business-fraud": 0.6, "online-threats": 0.8,
    "public-order-calls": 0.4, disinformation: 0.6, other: 1,
  };
  const koningsdagWeek = (year: number) => isoWeekOf({ year, month: 4, day: 27 });
  // A phishing wave in the last two weeks, so that the early warning has something to say.
  const waveStart = Math.max(0, weeks.length - 2);
  const weekWeights = weeks.map((week, index) => {
    const monday = mondayOf(week);
    // Busier in autumn and winter (online shopping, dark evenings), calmer in summer.
    const dayOfYear = (Date.UTC(monday.year, monday.month - 1, monday.day) - Date.UTC(monday.year, 0, 1)) / 86_400_000;
    const seasonal = 1 + 0.35 * Math.cos(((dayOfYear - 340) / 365) * 2 * Math.PI);
    return index >= waveStart ? seasonal * 1.5 : seasonal;
  });
  const latest = options.latest ?? new Date(Date.now() - 86_400_000);
  // A week that had not begun by the latest moment gets no signals (never one received the Sunday before).
  weeks.forEach((week, index) => {
    if (receivedWithin(week, latest, 0) === null) weekWeights[index] = 0;
  });
  if (weekWeights.every((w) => w === 0)) return 0;
  const rows: SignalTable[] = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await db.insertInto("signals").values(rows).execute();
    written += rows.length;
    rows.length = 0;
  };
  const wijkCount = options.wijkIds.length;
  for (let n = 0; n < options.count; n++) {
    const weekIndex = weeks.indexOf(pickWeighted(weeks, weekWeights, random()));
    const week = weeks[weekIndex]!;
    const year = Number(week.slice(0, 4));
    const isWave = weekIndex >= waveStart;
    const isKoningsdag = week === koningsdagWeek(year) || week === shiftWeek(koningsdagWeek(year), -1);
    const phenomenonWeights = phenomena.map((p) => {
      let w = basePhenomenonWeights[p] ?? 1;
      if (isWave && p === "phishing") w *= 6;
      if (isKoningsdag && p === "public-order-calls") w *= 25;
      return w;
    });
    const phenomenon = pickWeighted(phenomena, phenomenonWeights, random());
    // The disturbance is announced for the city centre and the beach.
    const wijkId =
      phenomenon === "public-order-calls" && isKoningsdag && random() < 0.7
        ? options.wijkIds[Math.floor(random() * Math.min(3, wijkCount))]!
        : pickWeighted(options.wijkIds, wijkWeights, random());
    const sender = options.senders[Math.floor(random() * options.senders.length)]!;
    const receivedAt = receivedWithin(week, latest, random())!.toISOString();
    const channel =
      phenomenon === "whatsapp-fraud" ? "whatsapp" : phenomenon === "bank-helpdesk-fraud" ? "phone_call" : phenomenon === "public-order-calls" ? "social_media" : signalChannels[Math.floor(random() * signalChannels.length)]!;
    const targetGroup =
      phenomenon === "bank-helpdesk-fraud" || phenomenon === "whatsapp-fraud"
        ? random() < 0.7 ? "elderly" : "residents"
        : phenomenon === "public-order-calls" || phenomenon === "sextortion"
          ? "young_people"
          : targetGroups[Math.floor(random() * targetGroups.length)]!;
    const id = `${options.idPrefix ?? "syn"}-${n.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
    rows.push({
      id,
      municipality_id: options.municipalityId,
      organisation_id: sender.organisationId,
      created_by: sender.userId,
      idempotency_key: id,
      phenomenon,
      wijk_id: wijkId,
      iso_week: week,
      channel,
      target_group: targetGroup,
      affected: affectedCounts[Math.floor(random() * affectedCounts.length)]!,
      outcome: signalOutcomes[random() < 0.7 ? 0 : 1]!,
      urgency: phenomenon === "public-order-calls" || random() < 0.05 ? "urgent" : "normal",
      recipients: random() < 0.4 ? "both" : "gemeente",
      free_text: null,
      free_text_erased_at: receivedAt,
      status: "handled",
      seen_at: receivedAt,
      handled_at: receivedAt,
      forwarded_at: null,
      case_id: null,
      assigned_team: null,
      assigned_to: null,
      due_at: null,
      received_at: receivedAt,
      updated_at: receivedAt,
    });
    if (rows.length >= 500) await flush();
  }
  await flush();
  return written;
}
