import type { Logger } from "./log.server.ts";

/**
 * Work a request starts but does not wait for (counting a referral visit), so
 * that it never slows down or breaks the page. A failure is logged, never
 * thrown. `settled()` lets tests and shutdown wait for what is still running.
 */
export interface BackgroundTasks {
  run(label: string, task: () => Promise<unknown>): void;
  settled(): Promise<void>;
}

export function createBackgroundTasks(log: Logger): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    run(label, task) {
      const promise: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => log.warn("background task failed", { task: label, error }),
        )
        // The logger does not throw; should it ever, that must not become an unhandled rejection.
        .catch(() => undefined)
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
