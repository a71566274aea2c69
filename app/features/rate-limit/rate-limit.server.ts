import { createHmac, randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";

// Counts attempts in a sliding window, in the database so that several app
// instances share one count. Keys are HMACs: no raw e-mail or IP is stored.

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
  const now = services.clock.now();
  const since = new Date(now.getTime() - rule.windowMs).toISOString();
  const rows = await services.db
    .selectFrom("rate_limit_events")
    .select("occurred_at")
    .where("bucket", "=", rule.bucket)
    .where("key_hash", "=", rateLimitKey(services, rule.bucket, key))
    .where("occurred_at", ">", since)
    .orderBy("occurred_at", "desc")
    .limit(rule.limit)
    .execute();
  const count = rows.length;
  if (count < rule.limit) return { count, limited: false, retryAt: null };
  // The attempt that pushed the count to the limit leaves the window first.
  const oldestCounted = rows[rule.limit - 1]!.occurred_at;
  return { count, limited: true, retryAt: new Date(new Date(oldestCounted).getTime() + rule.windowMs) };
}

export async function recordRateLimitHit(services: Services, rule: RateLimitRule, key: string): Promise<RateLimitState> {
  await insertRateLimitHit(services.db, services, rule, key);
  return readRateLimit(services, rule, key);
}

/** Counts one hit inside a caller's transaction (e.g. the one that stores what was limited). */
export async function insertRateLimitHit(
  db: Kysely<Database> | Transaction<Database>,
  services: Pick<AppServices, "clock" | "secret">,
  rule: RateLimitRule,
  key: string,
): Promise<void> {
  await db
    .insertInto("rate_limit_events")
    .values({
      id: randomUUID(),
      bucket: rule.bucket,
      key_hash: rateLimitKey(services, rule.bucket, key),
      occurred_at: services.clock.now().toISOString(),
    })
    .execute();
}

export async function clearRateLimit(services: Services, rule: RateLimitRule, key: string): Promise<void> {
  await services.db
    .deleteFrom("rate_limit_events")
    .where("bucket", "=", rule.bucket)
    .where("key_hash", "=", rateLimitKey(services, rule.bucket, key))
    .execute();
}

/** Drops events older than the longest window any rule uses. */
export async function pruneRateLimitEvents(services: Services, olderThanMs: number): Promise<number> {
  const before = new Date(services.clock.now().getTime() - olderThanMs).toISOString();
  const result = await services.db.deleteFrom("rate_limit_events").where("occurred_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
