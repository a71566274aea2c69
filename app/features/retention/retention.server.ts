import type { AppServices } from "#app/services.server.ts";
import { deactivateInactiveAmbassadors } from "#app/features/network/inactivity.server.ts";
import { eraseExpiredSignalText } from "#app/features/signals/retention.server.ts";
import { eraseOldMail } from "#app/features/mail/outbox.server.ts";
import { deleteExpiredResetTokens } from "#app/features/password-reset/retention.server.ts";
import { pruneRateLimitEvents } from "#app/features/rate-limit/rate-limit.server.ts";
import { eraseExpiredSituationText } from "#app/features/situations/retention.server.ts";
import { withJobLock } from "#db/job-lock.ts";

// Scheduled clean-up (privacy rule 7). Each task erases or disables what has
// outlived its period and audits what it did. The server runs the list every
// day; `npm run retention` (scripts/retention.ts) runs it once, e.g. from cron.
// Add a task by appending it to retentionTasks.

export interface RetentionTask {
  name: string;
  run(services: AppServices): Promise<Record<string, string | number>>;
}

export const retentionTasks: RetentionTask[] = [
  {
    name: "signal free text",
    run: async (services) => {
      const { erased, receivedBefore } = await eraseExpiredSignalText(services);
      return { erased, receivedBefore };
    },
  },
  {
    name: "situation text",
    run: async (services) => {
      const { erased, endedBefore } = await eraseExpiredSituationText(services);
      return { erased, endedBefore };
    },
  },
  {
    name: "inactive ambassadors",
    run: async (services) => {
      const { warned, deactivated, cleared } = await deactivateInactiveAmbassadors(services);
      return { warned: warned.length, deactivated: deactivated.length, cleared: cleared.length };
    },
  },
  {
    name: "mail outbox",
    run: async (services) => ({ ...(await eraseOldMail(services)), resetLinksDeleted: await deleteExpiredResetTokens(services) }),
  },
  {
    name: "rate-limit attempts",
    run: async (services) => ({ deleted: await pruneRateLimitEvents(services) }),
  },
];

export interface RetentionReport {
  task: string;
  ok: boolean;
  result?: Record<string, string | number>;
  error?: string;
}

/**
 * Runs every task; one failing task does not stop the others. Only one runner
 * at a time across all instances: when another holds the job lock this returns
 * null and does nothing (that runner does the work).
 */
export async function runRetention(services: AppServices, tasks: readonly RetentionTask[] = retentionTasks): Promise<RetentionReport[] | null> {
  const outcome = await withJobLock(services.db, "retention", () => runTasks(services, tasks));
  if (outcome.ran) return outcome.result;
  services.log.info("retention skipped: another instance is running it");
  return null;
}

async function runTasks(services: AppServices, tasks: readonly RetentionTask[]): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const task of tasks) {
    try {
      const result = await task.run(services);
      services.log.info("retention task done", { task: task.name, ...result });
      reports.push({ task: task.name, ok: true, result });
    } catch (error) {
      services.log.error("retention task failed", { task: task.name, error });
      reports.push({ task: task.name, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return reports;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs the tasks now and then once a day while the server runs; returns a stop function. */
export function scheduleRetention(services: AppServices, intervalMs = DAY_MS): () => void {
  const run = () => void runRetention(services);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
