import { randomUUID } from "node:crypto";
import type { Agent } from "node:https";
import type { Kysely, Transaction } from "kysely";
import webpush, { WebPushError } from "web-push";
import type { AppServices } from "#app/services.server.ts";
import { readOrCreateSetting } from "#app/features/app-settings/app-settings.server.ts";
import { isPostgres } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";
import type { SubscriptionInput } from "./schemas.ts";
import { checkPushEndpoint, InternalAddressError, pushAgent, type EndpointRefusal } from "./push-endpoint.server.ts";

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
 * Per-services state of the push queue, kept on the services object under a
 * registered symbol because tests and the production build hold separate
 * copies of this module: the HTTPS agent (its lookup refuses internal
 * addresses), the certificate a test's local push-service stand-in is trusted
 * with (tests only), and whether a queue run is going on in this process.
 */
const STATE = Symbol.for("wijkwijs.push-queue");
interface QueueState {
  ca?: string;
  agent?: Agent;
  running?: Promise<void>;
  again?: boolean;
}
function queueState(services: object): QueueState {
  const holder = services as Record<symbol, QueueState | undefined>;
  return (holder[STATE] ??= {});
}

/** Tests only: trust this certificate (a local push-service stand-in's) when sending pushes. */
export function trustPushServiceCertificate(services: object, ca: string): void {
  const state = queueState(services);
  state.ca = ca;
  state.agent = undefined;
}

function agentFor(services: Services): Agent {
  const state = queueState(services);
  state.agent ??= pushAgent(services.config.push, state.ca ? { ca: state.ca } : {});
  return state.agent;
}


/**
 * Stores a device's subscription for this user; a device that changed hands
 * moves to the new user. Only endpoints on a browser's push service are kept:
 * anything else would make the server connect wherever a subscriber says.
 */
export async function saveSubscription(
  services: Services,
  userId: string,
  input: SubscriptionInput,
): Promise<{ ok: true } | { ok: false; reason: EndpointRefusal }> {
  const refusal = checkPushEndpoint(input.endpoint, services.config.push);
  if (refusal) return { ok: false, reason: refusal };
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("push_subscriptions").where("endpoint", "=", input.endpoint).execute();
    await trx
      .insertInto("push_subscriptions")
      .values({ id: randomUUID(), user_id: userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, created_at: now })
      .execute();
  });
  return { ok: true };
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
/**
 * How long a claim holds before another runner may take the push. A run renews
 * the claims it still holds before each delivery, and one delivery takes at
 * most SEND_TIMEOUT_MS, so a live run never loses a claim; a run that died
 * leaves its pushes to be taken over after this.
 */
export const LEASE_MS = 2 * 60_000;
const SEND_TIMEOUT_MS = 10_000;

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

export interface ClaimedPush {
  id: string;
  payload: string;
  attempts: number;
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Claims up to `limit` due pushes for the run with this token: in one
 * transaction the due rows are locked — on PostgreSQL with FOR UPDATE SKIP
 * LOCKED, so a second instance claiming at the same moment passes over them
 * instead of waiting or taking the same ones — and get the token and a lease
 * (their next attempt moved LEASE_MS ahead). A runner that dies mid-delivery
 * leaves its claims to be retried after the lease; no push is lost, and none
 * is claimed twice while a lease runs.
 */
export async function claimDuePushes(services: Pick<AppServices, "db" | "clock">, limit: number, token: string = randomUUID()): Promise<ClaimedPush[]> {
  const now = services.clock.now();
  return services.db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom("push_deliveries")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now.toISOString())
      .orderBy("next_attempt_at")
      .limit(limit);
    // SQLite has one writer at a time (and no row locks): its transaction alone serialises claims.
    if (isPostgres(services.db)) due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable("push_deliveries")
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString(), claim_token: token })
      .where("id", "in", ids)
      .execute();
    // A delivery whose device is gone can never be sent: closed here instead of being claimed forever.
    await trx.updateTable("push_deliveries").set({ status: "gone", last_error: "subscription removed" }).where("id", "in", ids).where("subscription_id", "is", null).execute();
    const rows = await trx
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select([
        "push_deliveries.id",
        "push_deliveries.payload",
        "push_deliveries.attempts",
        "push_subscriptions.id as subscriptionId",
        "push_subscriptions.endpoint",
        "push_subscriptions.p256dh",
        "push_subscriptions.auth",
      ])
      .where("push_deliveries.id", "in", ids)
      .orderBy("push_deliveries.next_attempt_at")
      .orderBy("push_deliveries.id")
      .execute();
    return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
  });
}

/**
 * Moves the lease of this run's remaining claims ahead and returns the ids it
 * still holds. A claim that ran out and was taken by another runner has that
 * runner's token now, and is left to it.
 */
async function renewClaims(services: Pick<AppServices, "db" | "clock">, token: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const lease = new Date(services.clock.now().getTime() + LEASE_MS).toISOString();
  const held = new Set<string>();
  // Bounded batches keep the IN list small on both databases.
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = await services.db
      .updateTable("push_deliveries")
      .set({ next_attempt_at: lease })
      .where("id", "in", batch)
      .where("claim_token", "=", token)
      .where("status", "=", "pending")
      .returning("id")
      .execute();
    for (const row of rows) held.add(row.id);
  }
  return held;
}

/**
 * Delivers the pushes that are due; several server instances can run it side
 * by side (see claimDuePushes). Before each delivery the run renews the claims
 * it still holds, so a batch that takes longer than one lease (100 pushes to a
 * slow push service) is not taken over and sent again by another runner; and
 * every outcome is recorded only while the claim is still this run's.
 */
export async function processPushQueue(services: Services, limit = 100): Promise<QueueRun> {
  const run: QueueRun = { delivered: 0, retried: 0, gone: 0, failed: 0 };
  const token = randomUUID();
  const due = await claimDuePushes(services, limit, token);
  if (due.length === 0) return run;
  const vapid = await vapidKeys(services);
  const agent = agentFor(services);
  // Every outcome is written only while this run still holds the claim.
  const ours = (db: Kysely<Database> | Transaction<Database>, id: string) =>
    db.updateTable("push_deliveries").where("id", "=", id).where("claim_token", "=", token).where("status", "=", "pending");

  for (const [index, delivery] of due.entries()) {
    const held = await renewClaims(services, token, due.slice(index).map((push) => push.id));
    if (!held.has(delivery.id)) continue;
    const attempts = delivery.attempts + 1;

    const refusal = checkPushEndpoint(delivery.endpoint, services.config.push);
    if (refusal) {
      // Stored before endpoints were checked, or the allowed hosts changed: never sent, and the device is forgotten.
      await services.db.transaction().execute(async (trx) => {
        await ours(trx, delivery.id).set({ status: "failed", attempts, last_error: `endpoint refused: ${refusal}` }).execute();
        await trx.deleteFrom("push_subscriptions").where("id", "=", delivery.subscriptionId).execute();
      });
      run.failed++;
      services.log.warn("push endpoint refused", { reason: refusal, host: hostForLog(delivery.endpoint) });
      continue;
    }

    try {
      await webpush.sendNotification(
        { endpoint: delivery.endpoint, keys: { p256dh: delivery.p256dh, auth: delivery.auth } },
        delivery.payload,
        { vapidDetails: vapid, TTL: 24 * 3600, urgency: "high", timeout: SEND_TIMEOUT_MS, agent },
      );
      await ours(services.db, delivery.id)
        .set({ status: "delivered", attempts, delivered_at: services.clock.now().toISOString(), last_error: null })
        .execute();
      run.delivered++;
    } catch (error) {
      const status = error instanceof WebPushError ? error.statusCode : null;
      if (status === 404 || status === 410) {
        // The browser dropped the subscription: forget the device; the delivery row stays for the counts.
        await services.db.transaction().execute(async (trx) => {
          await ours(trx, delivery.id).set({ status: "gone", attempts, last_error: String(status) }).execute();
          await trx.deleteFrom("push_subscriptions").where("id", "=", delivery.subscriptionId).execute();
        });
        run.gone++;
        continue;
      }
      const internal = isInternalAddressRefusal(error);
      const retryable = !internal && (status === null || status === 429 || status >= 500);
      const lastError = internal
        ? "refused: internal address"
        : status === null
          ? (error instanceof Error ? error.message : String(error)).slice(0, 200)
          : String(status);
      if (retryable && attempts < MAX_ATTEMPTS) {
        const retryAfter = error instanceof WebPushError ? Number(error.headers?.["retry-after"]) : undefined;
        await ours(services.db, delivery.id)
          .set({ attempts, last_error: lastError, next_attempt_at: new Date(services.clock.now().getTime() + backoffMs(attempts, retryAfter)).toISOString() })
          .execute();
        run.retried++;
      } else {
        await ours(services.db, delivery.id).set({ status: "failed", attempts, last_error: lastError }).execute();
        run.failed++;
        services.log.warn("push delivery failed", { status: internal ? "internal address" : (status ?? "network"), attempts, host: hostForLog(delivery.endpoint) });
      }
    }
  }
  return run;
}

function isInternalAddressRefusal(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof InternalAddressError || (current as { code?: unknown }).code === "EPUSHINTERNAL") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The push service, never the device's secret path. */
function hostForLog(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "(not a URL)";
  }
}

/**
 * Starts delivering right away, without making the request wait. While a run
 * is going on in this process a kick does not start a second one beside it:
 * the current run goes round once more when it is done, so nothing that was
 * queued meanwhile waits for the next tick.
 */
export function kickPushQueue(services: AppServices): void {
  const state = queueState(services);
  if (state.running) {
    state.again = true;
    return;
  }
  let finished!: () => void;
  state.running = new Promise<void>((resolve) => {
    finished = resolve;
  });
  // A failure is logged by the background-task runner; the next kick or tick starts afresh.
  services.tasks.run("push queue", async () => {
    try {
      do {
        state.again = false;
        const run = await processPushQueue(services);
        // A full batch means more may be due.
        if (run.delivered + run.retried + run.gone + run.failed >= 100) state.again = true;
      } while (state.again);
    } finally {
      state.running = undefined;
      finished();
    }
  });
}

/** Whether this process is running the push queue now (for tests and shutdown). */
export function pushQueueRunning(services: object): Promise<void> | undefined {
  return queueState(services).running;
}

/** Makes sure the VAPID keys exist and runs the queue every interval while the server runs; returns a stop function. */
export function schedulePushQueue(services: AppServices, intervalMs = 30_000): () => void {
  void vapidKeys(services).catch((error: unknown) => services.log.error("could not prepare push keys", { error }));
  const timer = setInterval(() => kickPushQueue(services), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Delivery counts of the pushes queued with this tag (a newsletter's): queued
 * in all, delivered, and given up (the device is gone, or it failed for good).
 */
export async function pushCountsByTag(services: Pick<AppServices, "db">, tag: string): Promise<{ queued: number; delivered: number; failed: number }> {
  if (!/^[a-z0-9-]+$/.test(tag)) throw new Error("a push tag is lower-case letters, digits and hyphens");
  const rows = await services.db
    .selectFrom("push_deliveries")
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("payload", "like", `%"tag":"${tag}"%`)
    .groupBy("status")
    .execute();
  const count = (statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + Number(row.count), 0);
  return { queued: count(["pending", "delivered", "gone", "failed"]), delivered: count(["delivered"]), failed: count(["gone", "failed"]) };
}
