import { createHmac, randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { isPostgres } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";

// Counts attempts in a sliding window, in the database so that several app
// instances share one count. Keys are HMACs: no raw e-mail or IP is stored.
// An attempt is recorded before the work it limits is done (consumeRateLimits),
// never afterwards: reading the count first lets parallel requests all pass.

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  limited: boolean;
  /** When the oldest counted attempt leaves the window; set when limited. */
  retryAt: Date | null;
}

type Services = Pick<AppServices, "db" | "clock" | "secret">;

export function rateLimitKey(services: Pick<AppServices, "secret">, bucket: string, key: string): string {
  return createHmac("sha256", services.secret).update(`${bucket}\u0000${key}`).digest("base64url");
}

export async function readRateLimit(services: Services, rule: RateLimitRule, key: string): Promise<RateLimitState> {
  const hits = await recentHits(services.db, services, rule, rateLimitKey(services, rule.bucket, key));
  return stateOf(rule, hits);
}

export interface RateLimitCheck {
  rule: RateLimitRule;
  key: string;
}

export type RateLimitDecision =
  | {
      allowed: true;
      /** This attempt's rows, to give back with refundRateLimitHits() when it should not count. */
      hitIds: string[];
      /** Per check, in the order given: the count including this attempt (limited: this was the last one allowed). */
      states: RateLimitState[];
    }
  | { allowed: false; retryAt: Date };

/**
 * Records one attempt against every check, or against none: when any of them
 * is at its limit the attempt is refused and nothing is recorded. Callers ask
 * this before they check a password or a code, so that N guesses sent at once
 * cannot all read "under the limit" before any of them is counted. On
 * PostgreSQL an advisory lock per key serialises the count-and-insert across
 * app instances; on SQLite the single connection already runs one
 * transaction at a time.
 */
export async function consumeRateLimits(services: Services, checks: readonly RateLimitCheck[]): Promise<RateLimitDecision> {
  return services.db.transaction().execute((trx) => consumeRateLimitsIn(trx, services, checks));
}

export async function consumeRateLimit(services: Services, rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
  return consumeRateLimits(services, [{ rule, key }]);
}

/** consumeRateLimits inside a caller's transaction: the attempt counts only if that transaction commits. */
export async function consumeRateLimitsIn(
  trx: Transaction<Database>,
  services: Pick<AppServices, "clock" | "secret">,
  checks: readonly RateLimitCheck[],
): Promise<RateLimitDecision> {
  const keyed = checks.map((check) => ({ ...check, keyHash: rateLimitKey(services, check.rule.bucket, check.key) }));
  if (isPostgres(trx)) {
    // A fixed order, so that two attempts locking the same keys never wait on each other in a circle.
    const locks = [...new Set(keyed.map((check) => `rate-limit:${check.rule.bucket}:${check.keyHash}`))].sort();
    for (const lock of locks) await sql`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`.execute(trx);
  }
  const now = services.clock.now();
  const before = await Promise.all(keyed.map((check) => recentHits(trx, services, check.rule, check.keyHash)));
  const refused = keyed.flatMap((check, index) => {
    const state = stateOf(check.rule, before[index]!);
    return state.limited ? [state.retryAt!] : [];
  });
  if (refused.length > 0) return { allowed: false, retryAt: new Date(Math.max(...refused.map((d) => d.getTime()))) };

  const rows = keyed.map((check) => ({ id: randomUUID(), bucket: check.rule.bucket, key_hash: check.keyHash, occurred_at: now.toISOString() }));
  if (rows.length > 0) await trx.insertInto("rate_limit_events").values(rows).execute();
  return {
    allowed: true,
    hitIds: rows.map((row) => row.id),
    states: keyed.map((check, index) => stateOf(check.rule, [now.toISOString(), ...before[index]!])),
  };
}

/** Gives back an allowed attempt's hits (e.g. a login that succeeded, or a code that was only replayed). */
export async function refundRateLimitHits(services: Pick<AppServices, "db">, hitIds: readonly string[]): Promise<void> {
  if (hitIds.length === 0) return;
  await services.db.deleteFrom("rate_limit_events").where("id", "in", [...hitIds]).execute();
}

/** The newest hits in the window, newest first, at most as many as the limit. */
async function recentHits(
  db: Kysely<Database> | Transaction<Database>,
  services: Pick<AppServices, "clock">,
  rule: RateLimitRule,
  keyHash: string,
): Promise<string[]> {
  const since = new Date(services.clock.now().getTime() - rule.windowMs).toISOString();
  const rows = await db
    .selectFrom("rate_limit_events")
    .select("occurred_at")
    .where("bucket", "=", rule.bucket)
    .where("key_hash", "=", keyHash)
    .where("occurred_at", ">", since)
    .orderBy("occurred_at", "desc")
    .limit(rule.limit)
    .execute();
  return rows.map((row) => row.occurred_at);
}

function stateOf(rule: RateLimitRule, newestFirst: readonly string[]): RateLimitState {
  const count = Math.min(newestFirst.length, rule.limit);
  if (count < rule.limit) return { count, limited: false, retryAt: null };
  // The oldest counted attempt leaves the window first.
  const oldestCounted = newestFirst[rule.limit - 1]!;
  return { count, limited: true, retryAt: new Date(new Date(oldestCounted).getTime() + rule.windowMs) };
}

export async function clearRateLimit(services: Services, rule: RateLimitRule, key: string): Promise<void> {
  await services.db
    .deleteFrom("rate_limit_events")
    .where("bucket", "=", rule.bucket)
    .where("key_hash", "=", rateLimitKey(services, rule.bucket, key))
    .execute();
}

/**
 * How long an attempt is kept: longer than any rule's window (an hour at most,
 * or the login window when it is set longer), after which it counts for nothing.
 */
export function rateLimitEventsKeptMs(config: AppServices["config"]): number {
  return Math.max(24 * 60 * 60_000, config.login.windowMs);
}

/** Drops attempts older than rateLimitEventsKeptMs(): run by the retention job. */
export async function pruneRateLimitEvents(services: Services & Pick<AppServices, "config">): Promise<number> {
  const before = new Date(services.clock.now().getTime() - rateLimitEventsKeptMs(services.config)).toISOString();
  const result = await services.db.deleteFrom("rate_limit_events").where("occurred_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
