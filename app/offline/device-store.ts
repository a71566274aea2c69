// What waits on the device in IndexedDB until it can be sent: the signal
// outbox (app/features/pwa/outbox.ts) and the training outbox
// (app/features/training/offline-outbox.ts). Each keeps its entries in one
// object store of its own database, keyed by the entry's `key`, and tells open
// pages when they change. Every call opens the database, does one
// transaction and closes it again, so that no tab holds it open.

export interface DeviceStore<T extends { key: string }> {
  put(entry: T): Promise<void>;
  /** Every entry, in key order (callers sort as they show them). */
  all(): Promise<T[]>;
  remove(key: string): Promise<void>;
  clear(): Promise<void>;
}

export function deviceStore<T extends { key: string }>(database: string, store: string): DeviceStore<T> {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const withStore = async <R>(mode: IDBTransactionMode, work: (objects: IDBObjectStore) => IDBRequest<R>): Promise<R> => {
    const opened = await open();
    try {
      return await new Promise<R>((resolve, reject) => {
        const transaction = opened.transaction(store, mode);
        const request = work(transaction.objectStore(store));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      opened.close();
    }
  };
  return {
    put: async (entry) => {
      await withStore("readwrite", (objects) => objects.put(entry));
    },
    all: () => withStore("readonly", (objects) => objects.getAll() as IDBRequest<T[]>),
    remove: async (key) => {
      await withStore("readwrite", (objects) => objects.delete(key));
    },
    clear: async () => {
      await withStore("readwrite", (objects) => objects.clear());
    },
  };
}

/** Tells open pages (on a BroadcastChannel of that name) that a store changed, so they show it again. */
export function announceChange(channel: string): void {
  if (typeof BroadcastChannel === "undefined") return;
  const broadcast = new BroadcastChannel(channel);
  broadcast.postMessage({ type: "changed" });
  broadcast.close();
}

/**
 * What the server's answer to a sent entry means for it: stored; the session
 * ended (stop, keep it); refused because the entry itself is wrong (keep it
 * with the reason, do not send again); or try again later (a server error,
 * 408 or 429).
 */
export function sendOutcome(status: number): "sent" | "unauthenticated" | "refused" | "later" {
  if (status >= 200 && status < 300) return "sent";
  if (status === 401) return "unauthenticated";
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return "refused";
  return "later";
}

export type SendStop = "offline" | "unauthenticated" | "server" | null;

/**
 * Sends entries one at a time, in the order given. A stored entry and a
 * refused one go to their handler; the first network failure, lost session
 * or server error stops the round (the rest waits for the next) and is
 * returned. Sending an entry twice is safe: each carries a key the server
 * stores once.
 */
export async function sendInTurn<T>(
  entries: readonly T[],
  send: (entry: T) => Promise<Response>,
  handle: { sent(entry: T, response: Response): Promise<void>; refused(entry: T, response: Response): Promise<void> },
): Promise<SendStop> {
  for (const entry of entries) {
    let response: Response;
    try {
      response = await send(entry);
    } catch {
      return "offline";
    }
    const outcome = sendOutcome(response.status);
    if (outcome === "sent") await handle.sent(entry, response);
    else if (outcome === "refused") await handle.refused(entry, response);
    else return outcome === "unauthenticated" ? "unauthenticated" : "server";
  }
  return null;
}
