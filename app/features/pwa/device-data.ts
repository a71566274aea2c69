import { clearTrainingOutbox, flushTrainingOutbox } from "#app/features/training/offline-outbox.ts";
import { clearOutbox, flushOutbox, type FlushResult } from "./outbox.ts";

// What the app keeps of a person on their device: copies of pages and of their
// loader data (the service worker's caches) and signals waiting to be sent
// (the outbox). All of it goes when their session ends, whichever way it ended.

export const PAGES_CACHE = "wijkwijs-pages";
export const DATA_CACHE = "wijkwijs-data";

export async function forgetPrivateData(): Promise<void> {
  await Promise.all([
    caches.delete(PAGES_CACHE),
    caches.delete(DATA_CACHE),
    clearOutbox().catch(() => undefined),
    clearTrainingOutbox().catch(() => undefined),
  ]);
}

/**
 * Sends the outbox; a 401 means this device's session is gone (logged out
 * elsewhere, or expired), and then what is kept of the person goes.
 */
export async function sendOutbox(): Promise<FlushResult> {
  const result = await flushOutbox();
  if (result.stopped === "unauthenticated") await forgetPrivateData();
  return result;
}

/** Sends the training outbox (decision 0904), with the same rule for a gone session. */
export async function sendTrainingOutbox(): Promise<void> {
  const result = await flushTrainingOutbox();
  if (result.stopped === "unauthenticated") await forgetPrivateData();
}
