// The training outbox (decision 0904): a module answered on the device
// without a connection waits in IndexedDB until it can be sent, like the
// signal outbox (decision 0301). Each entry is a whole attempt keyed by the
// id the device gave it; the server stores an attempt id once, so sending
// again is harmless. Sent on the page's `online` event and at every page
// start of an ambassador (app/sw/register.ts), and right after answering.

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

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

function announce(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(TRAINING_OUTBOX_CHANNEL);
  channel.postMessage({ type: "changed" });
  channel.close();
}

export async function addTrainingAttempt(entry: Pick<TrainingOutboxEntry, "key" | "moduleId" | "answers">): Promise<void> {
  await withStore("readwrite", (store) => store.put({ ...entry, status: "waiting", createdAt: new Date().toISOString() } satisfies TrainingOutboxEntry));
  announce();
}

export async function listTrainingOutbox(): Promise<TrainingOutboxEntry[]> {
  if (typeof indexedDB === "undefined") return [];
  const entries = await withStore<TrainingOutboxEntry[]>("readonly", (store) => store.getAll() as IDBRequest<TrainingOutboxEntry[]>);
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function removeTrainingAttempt(key: string): Promise<void> {
  await withStore("readwrite", (store) => store.delete(key));
  announce();
}

/** Empties the outbox (the session ended: the person's answers do not stay on the device). */
export async function clearTrainingOutbox(): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  await withStore("readwrite", (store) => store.clear());
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
  for (const entry of waiting) {
    const body = new URLSearchParams({ intent: "offline", key: entry.key });
    for (const [questionId, optionId] of Object.entries(entry.answers)) body.set(`a.${questionId}`, optionId);
    let response: Response;
    try {
      response = await fetch(`/training/${encodeURIComponent(entry.moduleId)}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    } catch {
      result.stopped = "offline";
      break;
    }
    if (response.ok) {
      const answer = (await response.json().catch(() => null)) as TrainingOutboxEntry["result"] | null;
      await withStore("readwrite", (store) => store.put({ ...entry, status: "sent", ...(answer ? { result: answer } : {}) } satisfies TrainingOutboxEntry));
      result.sent++;
      continue;
    }
    if (response.status === 401) {
      result.stopped = "unauthenticated";
      break;
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      const answer = (await response.json().catch(() => null)) as { message?: string } | null;
      await withStore("readwrite", (store) => store.put({ ...entry, status: "refused", reason: answer?.message ?? String(response.status) } satisfies TrainingOutboxEntry));
      continue;
    }
    result.stopped = "server";
    break;
  }
  announce();
  return result;
}
