// The signal outbox: signals composed without a connection wait in IndexedDB
// on the device until they can be sent. Used by three parties — the signal
// form (adds), "my signals" (lists), and whoever notices the connection is
// back (the page on `online` and at start, the service worker on `sync`).
// Sending is safe to repeat: every entry carries the idempotency key the
// form generated, and the server stores a key once.

import { announceChange, deviceStore, sendInTurn } from "#app/offline/device-store.ts";

export const OUTBOX_SYNC_TAG = "signal-outbox";
export const OUTBOX_CHANNEL = "wijkwijs-outbox";
const DATABASE = "wijkwijs-outbox";
const STORE = "signals";
const SUBMIT_URL = "/signalen/nieuw";

export interface OutboxEntry {
  /** The signal's idempotency key, also the entry's key. */
  key: string;
  /** The form fields as the form would post them. */
  fields: Record<string, string>;
  /** What "my signals" shows for the entry (the phenomenon and wijk as chosen). */
  label: string;
  createdAt: string;
  status: "waiting" | "refused";
  /** Why the server refused it, in the ambassador's language. */
  reasons?: string[];
}

const store = deviceStore<OutboxEntry>(DATABASE, STORE);

export async function addToOutbox(entry: Omit<OutboxEntry, "status" | "createdAt">): Promise<void> {
  await store.put({ ...entry, status: "waiting", createdAt: new Date().toISOString() });
  announceChange(OUTBOX_CHANNEL);
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  return (await store.all()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function removeFromOutbox(key: string): Promise<void> {
  await store.remove(key);
  announceChange(OUTBOX_CHANNEL);
}

/** Empties the outbox (the person's session ended: their signals do not stay on the device). */
export async function clearOutbox(): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  await store.clear();
  announceChange(OUTBOX_CHANNEL);
}

/** Asks the browser to send the outbox when it is online again (Background Sync, where it exists). */
export async function requestOutboxSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // No Background Sync (Firefox, Safari) or no permission: the `online` event and the next start cover it.
  }
}

export type FlushResult = { sent: number; refused: number; stopped: "offline" | "unauthenticated" | "server" | null };

/**
 * Sends every waiting entry, oldest first. Stops at the first network failure
 * or server error (the rest waits for the next attempt); a refusal (the
 * server says the signal itself is wrong) is kept with its reason for the
 * ambassador to see. One flush at a time per browser (Web Locks), though the
 * server would store a repeated key once anyway.
 */
export async function flushOutbox(): Promise<FlushResult> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request("wijkwijs-outbox-flush", () => flushUnlocked());
  return flushUnlocked();
}

async function flushUnlocked(): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: 0, stopped: null };
  const waiting = (await listOutbox()).filter((entry) => entry.status === "waiting");
  result.stopped = await sendInTurn(
    waiting,
    (entry) =>
      fetch(SUBMIT_URL, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ ...entry.fields, intent: "send" }),
      }),
    {
      sent: async (entry) => {
        await store.remove(entry.key);
        result.sent++;
      },
      refused: async (entry, response) => {
        const reasons = refusalReasons(await response.json().catch(() => null));
        await store.put({ ...entry, status: "refused", reasons });
        result.refused++;
      },
    },
  );
  if (result.sent || result.refused) announceChange(OUTBOX_CHANNEL);
  return result;
}

/** The messages in a refusal from the signal form's JSON answer. */
export function refusalReasons(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const answer = body as { message?: unknown; formErrors?: unknown; fieldErrors?: unknown };
  const reasons: string[] = [];
  if (typeof answer.message === "string") reasons.push(answer.message);
  if (Array.isArray(answer.formErrors)) reasons.push(...answer.formErrors.filter((m): m is string => typeof m === "string"));
  if (answer.fieldErrors && typeof answer.fieldErrors === "object") {
    for (const messages of Object.values(answer.fieldErrors)) {
      if (Array.isArray(messages)) reasons.push(...messages.filter((m): m is string => typeof m === "string"));
    }
  }
  return [...new Set(reasons)];
}
