// The training outbox (decision 0904): a module answered on the device
// without a connection waits in IndexedDB until it can be sent, like the
// signal outbox (decision 0301). Each entry is a whole attempt keyed by the
// id the device gave it; the server stores an attempt id once, so sending
// again is harmless. Sent on the page's `online` event and at every page
// start of an ambassador (app/sw/register.ts), and right after answering.

import { announceChange, deviceStore, sendInTurn } from "#app/offline/device-store.ts";

export const TRAINING_OUTBOX_CHANNEL = "wijkwijs-training-outbox";
const DATABASE = "wijkwijs-training-outbox";
const STORE = "attempts";

export interface TrainingOutboxEntry {
  key: string;
  moduleId: string;
  answers: Record<string, string>;
  createdAt: string;
  status: "waiting" | "refused" | "sent";
  /** The server's answer once sent (shown on the module page), or why it refused. */
  result?: { passed: boolean; correct: number; total: number; certified: boolean };
  reason?: string;
}

const store = deviceStore<TrainingOutboxEntry>(DATABASE, STORE);
const announce = () => announceChange(TRAINING_OUTBOX_CHANNEL);

export async function addTrainingAttempt(entry: Pick<TrainingOutboxEntry, "key" | "moduleId" | "answers">): Promise<void> {
  await store.put({ ...entry, status: "waiting", createdAt: new Date().toISOString() });
  announce();
}

export async function listTrainingOutbox(): Promise<TrainingOutboxEntry[]> {
  if (typeof indexedDB === "undefined") return [];
  return (await store.all()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function removeTrainingAttempt(key: string): Promise<void> {
  await store.remove(key);
  announce();
}

/** Empties the outbox (the session ended: the person's answers do not stay on the device). */
export async function clearTrainingOutbox(): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  await store.clear();
  announce();
}

export type TrainingFlush = { sent: number; stopped: "offline" | "unauthenticated" | "server" | null };

/** Sends every waiting attempt, oldest first; stops at the first network failure or server error. */
export async function flushTrainingOutbox(): Promise<TrainingFlush> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request("wijkwijs-training-outbox-flush", () => flushUnlocked());
  return flushUnlocked();
}

async function flushUnlocked(): Promise<TrainingFlush> {
  const result: TrainingFlush = { sent: 0, stopped: null };
  const waiting = (await listTrainingOutbox()).filter((entry) => entry.status === "waiting");
  result.stopped = await sendInTurn(
    waiting,
    (entry) => {
      const body = new URLSearchParams({ intent: "offline", key: entry.key });
      for (const [questionId, optionId] of Object.entries(entry.answers)) body.set(`a.${questionId}`, optionId);
      return fetch(`/training/${encodeURIComponent(entry.moduleId)}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    },
    {
      sent: async (entry, response) => {
        const answer = (await response.json().catch(() => null)) as TrainingOutboxEntry["result"] | null;
        await store.put({ ...entry, status: "sent", ...(answer ? { result: answer } : {}) });
        result.sent++;
      },
      refused: async (entry, response) => {
        const answer = (await response.json().catch(() => null)) as { message?: string } | null;
        await store.put({ ...entry, status: "refused", reason: answer?.message ?? String(response.status) });
      },
    },
  );
  announce();
  return result;
}
