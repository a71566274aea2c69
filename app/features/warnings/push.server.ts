import { randomUUID } from "node:crypto";
import type { Agent } from "node:https";
import type { Kysely, Transaction } from "kysely";
import webpush, { WebPushError } from "web-push";
import { z } from "zod";
import type { AppServices } from "#app/services.server.ts";
import { readOrCreateSetting } from "#app/features/app-settings/app-settings.server.ts";
import type { Database } from "#db/schema.ts";

// Web push for warnings and urgent signals. Pushes go into a queue table
// (push_deliveries) inside the transaction that causes them, and a background
// loop delivers them: retried with backoff when the push service is busy
// (429, 5xx, network), dropped with the subscription when it is gone
// (404, 410). See docs/decisions/0302.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config">;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const vapidCache = new WeakMap<object, Promise<VapidKeys>>();

/** The server's VAPID keys: from the environment, else generated once and kept in the database. */
export function vapidKeys(services: Pick<AppServices, "db" | "clock" | "config">): Promise<VapidKeys> {
  let keys = vapidCache.get(services);
  if (!keys) {
    const { publicKey, privateKey, subject } = services.config.push;
    keys =
      publicKey && privateKey
        ? Promise.resolve({ publicKey, privateKey, subject })
        : readOrCreateSetting(services.db, services.clock, "vapid_keys", () => JSON.stringify(webpush.generateVAPIDKeys())).then((stored) => ({
            ...(JSON.parse(stored) as { publicKey: string; privateKey: string }),
            subject,
          }));
    vapidCache.set(services, keys);
  }
  return keys;
}

/**
 * A tests-only seam: the HTTPS agent that reaches the push service (one that
 * trusts a local stand-in's certificate). Kept on the services object under a
 * registered symbol, because tests and the production build hold separate
 * copies of this module.
 */
const AGENT = Symbol.for("wijkwijs.push-agent");
export function usePushAgent(services: object, agent: Agent): void {
  (services as Record<symbol, Agent>)[AGENT] = agent;
}

const base64url = /^[A-Za-z0-9_-]+=*$/;
export const subscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(1000),
  keys: z.object({
    p256dh: z.string().regex(base64url).min(80).max(100),
    auth: z.string().regex(base64url).min(16).max(30),
  }),
});
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

/** Stores a device's subscription for this user; a device that changed hands moves to the new user. */
export async function saveSubscription(services: Services, userId: string, input: SubscriptionInput): Promise<void> {
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("push_subscriptions").where("endpoint", "=", input.endpoint).execute();
    await trx
      .insertInto("push_subscriptions")
      .values({ id: randomUUID(), user_id: userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, created_at: now })
      .execute();
  });
}

export async function removeSubscription(services: Pick<AppServices, "db">, userId: string, endpoint: string): Promise<void> {
  await services.db.deleteFrom("push_subscriptions").where("user_id", "=", userId).where("endpoint", "=", endpoint).execute();
}

export async function countSubscriptions(services: Pick<AppServices, "db">, userId: string): Promise<number> {
  const rows = await services.db.selectFrom("push_subscriptions").select("id").where("user_id", "=", userId).execute();
  return rows.length;
}

/** For the volunteer's data export: their devices' subscriptions, by push service and date. */
export async function listOwnSubscriptions(services: Pick<AppServices, "db">, userId: string): Promise<{ pushService: string; createdAt: string }[]> {
  const rows = await services.db.selectFrom("push_subscriptions").select(["endpoint", "created_at"]).where("user_id", "=", userId).orderBy("created_at").execute();
  return rows.map((row) => ({ pushService: new URL(row.endpoint).host, createdAt: row.created_at }));
}

export interface PushPayload {
  title: string;
  body: string;
  /** Where tapping the notification leads (same origin). */
  url: string;
  tag: string;
  lang?: string;
}

/** Queues one push per subscribed device of these users. Call inside the transaction that causes it. */
export async function enqueuePush(
  db: Kysely<Database> | Transaction<Database>,
  now: Date,
  userIds: readonly string[],
  payload: PushPayload,
  warningId: string | null = null,
): Promise<number> {
  if (userIds.length === 0) return 0;
  const subscriptions = await db.selectFrom("push_subscriptions").select("id").where("user_id", "in", [...userIds]).execute();
  if (subscriptions.length === 0) return 0;
  const at = now.toISOString();
  await db
    .insertInto("push_deliveries")
    .values(
      subscriptions.map((subscription) => ({
        id: randomUUID(),
        subscription_id: subscription.id,
        warning_id: warningId,
        payload: JSON.stringify(payload),
        status: "pending" as const,
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        delivered_at: null,
      })),
    )
    .execute();
  return subscriptions.length;
}

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;

/** Waiting time before attempt n+1: 30 s, 1 min, 2 min, … at most an hour; the push service's Retry-After wins. */
export function backoffMs(attempts: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) return Math.min(retryAfterSeconds, 3600) * 1000;
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3600_000);
}

export interface QueueRun {
  delivered: number;
  retried: number;
  gone: number;
  failed: number;
}

/**
 * Delivers the pushes that are due. Each row is claimed first (its next
 * attempt moved a lease ahead, only if no one else moved it), so several
 * server instances can run the loop side by side.
 */
export async function processPushQueue(services: Services, limit = 100): Promise<QueueRun> {
  const run: QueueRun = { delivered: 0, retried: 0, gone: 0, failed: 0 };
  const now = services.clock.now();
  const due = await services.db
    .selectFrom("push_deliveries")
    .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
    .select([
      "push_deliveries.id",
      "push_deliveries.payload",
      "push_deliveries.attempts",
      "push_deliveries.next_attempt_at",
      "push_subscriptions.id as subscriptionId",
      "push_subscriptions.endpoint",
      "push_subscriptions.p256dh",
      "push_subscriptions.auth",
    ])
    .where("push_deliveries.status", "=", "pending")
    .where("push_deliveries.next_attempt_at", "<=", now.toISOString())
    .orderBy("push_deliveries.next_attempt_at")
    .limit(limit)
    .execute();
  if (due.length === 0) return run;
  const vapid = await vapidKeys(services);
  const agent = (services as unknown as Record<symbol, Agent | undefined>)[AGENT];

  for (const delivery of due) {
    const claimed = await services.db
      .updateTable("push_deliveries")
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", delivery.id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "=", delivery.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;

    const attempts = Number(delivery.attempts) + 1;
    try {
      await webpush.sendNotification(
        { endpoint: delivery.endpoint, keys: { p256dh: delivery.p256dh, auth: delivery.auth } },
        delivery.payload,
        {
          vapidDetails: vapid,
          TTL: 24 * 3600,
          urgency: "high",
          timeout: 10_000,
          ...(agent ? { agent } : {}),
        },
      );
      await services.db
        .updateTable("push_deliveries")
        .set({ status: "delivered", attempts, delivered_at: services.clock.now().toISOString(), last_error: null })
        .where("id", "=", delivery.id)
        .execute();
      run.delivered++;
    } catch (error) {
      const status = error instanceof WebPushError ? error.statusCode : null;
      if (status === 404 || status === 410) {
        // The browser dropped the subscription: forget the device; the delivery row stays for the counts.
        await services.db.transaction().execute(async (trx) => {
          await trx.updateTable("push_deliveries").set({ status: "gone", attempts, last_error: String(status) }).where("id", "=", delivery.id).execute();
          await trx.deleteFrom("push_subscriptions").where("id", "=", delivery.subscriptionId).execute();
        });
        run.gone++;
        continue;
      }
      const retryable = status === null || status === 429 || status >= 500;
      const lastError = status === null ? (error instanceof Error ? error.message : String(error)).slice(0, 200) : String(status);
      if (retryable && attempts < MAX_ATTEMPTS) {
        const retryAfter = error instanceof WebPushError ? Number(error.headers?.["retry-after"]) : undefined;
        await services.db
          .updateTable("push_deliveries")
          .set({ attempts, last_error: lastError, next_attempt_at: new Date(services.clock.now().getTime() + backoffMs(attempts, retryAfter)).toISOString() })
          .where("id", "=", delivery.id)
          .execute();
        run.retried++;
      } else {
        await services.db.updateTable("push_deliveries").set({ status: "failed", attempts, last_error: lastError }).where("id", "=", delivery.id).execute();
        run.failed++;
        services.log.warn("push delivery failed", { status: status ?? "network", attempts });
      }
    }
  }
  return run;
}

/** Starts delivering right away, without making the request wait. */
export function kickPushQueue(services: AppServices): void {
  services.tasks.run("push queue", () => processPushQueue(services));
}

/** Makes sure the VAPID keys exist and runs the queue every interval while the server runs; returns a stop function. */
export function schedulePushQueue(services: AppServices, intervalMs = 30_000): () => void {
  void vapidKeys(services).catch((error: unknown) => services.log.error("could not prepare push keys", { error }));
  const timer = setInterval(() => kickPushQueue(services), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
