import type { AppServices } from "#app/services.server.ts";

// Kept apart from the rest of the feature: the retention job runs outside the
// app's build (scripts/retention.ts) and must not load the mail templates.

const DAY_MS = 24 * 3600_000;

/** Retention: links that expired a day ago or more are of no use to anyone. */
export async function deleteExpiredResetTokens(services: Pick<AppServices, "db" | "clock">): Promise<number> {
  const before = new Date(services.clock.now().getTime() - DAY_MS).toISOString();
  const result = await services.db.deleteFrom("password_reset_tokens").where("expires_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
