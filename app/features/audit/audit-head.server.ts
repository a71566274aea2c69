import type { AppServices } from "#app/services.server.ts";
import { signedAuditHead } from "./audit.server.ts";

// The server writes the audit log's signed head to its own log at start, every
// ten minutes and when it stops: the log lives outside the database, so rows
// removed from the end of the audit log later are noticed by
// `npm run audit:verify -- --head-from <log file>` (docs/decisions/0722).

export const AUDIT_HEAD_INTERVAL_MS = 10 * 60_000;

export async function logAuditHead(services: Pick<AppServices, "db" | "clock" | "log">): Promise<void> {
  try {
    services.log.info("audit chain head", { auditHead: await signedAuditHead(services) });
  } catch (error) {
    services.log.error("could not read the audit chain head", { error });
  }
}

/** Logs the head now and every interval; returns a stop function. */
export function scheduleAuditHeads(services: AppServices, intervalMs = AUDIT_HEAD_INTERVAL_MS): () => void {
  services.tasks.run("audit head", () => logAuditHead(services));
  const timer = setInterval(() => services.tasks.run("audit head", () => logAuditHead(services)), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
