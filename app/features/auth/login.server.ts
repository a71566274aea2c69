import type { AppServices } from "#app/services.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import {
  clearRateLimit,
  readRateLimit,
  recordRateLimitHit,
  type RateLimitRule,
} from "#app/features/rate-limit/rate-limit.server.ts";
import { verifyDecoyPassword, verifyPassword } from "./password.server.ts";
import { createSession, deleteSession } from "./session.server.ts";

export type LoginResult =
  | { status: "ok"; userId: string; role: Role; token: string; expiresAt: Date }
  /** Unknown e-mail and wrong password look the same from outside. */
  | { status: "invalid" }
  /** Right password, but the account (or its organisation) is switched off. */
  | { status: "deactivated" }
  | { status: "throttled"; retryAt: Date };

type Services = Pick<AppServices, "db" | "clock" | "config" | "secret" | "log">;

export function loginRules(config: AppServices["config"]): { account: RateLimitRule; client: RateLimitRule } {
  return {
    account: { bucket: "login-account", limit: config.login.maxFailures, windowMs: config.login.windowMs },
    client: { bucket: "login-client", limit: config.login.clientMaxFailures, windowMs: config.login.windowMs },
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function logIn(
  services: Services,
  input: { email: string; password: string; clientAddress: string; device: string; previousSessionId?: string | null },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const rules = loginRules(services.config);

  const user = await services.db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.role",
      "users.municipality_id",
      "users.password_hash",
      "users.deactivated_at",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("users.email", "=", email)
    .executeTakeFirst();
  const actor = user ? { id: user.id, role: user.role, municipalityId: user.municipality_id } : null;
  const target = user ? { type: "user", id: user.id } : null;

  const [accountState, clientState] = await Promise.all([
    readRateLimit(services, rules.account, email),
    readRateLimit(services, rules.client, input.clientAddress),
  ]);
  if (accountState.limited || clientState.limited) {
    await recordAudit(services, { actor: null, action: "auth.login_throttled", target, municipalityId: actor?.municipalityId });
    return { status: "throttled", retryAt: latest(accountState.retryAt, clientState.retryAt) };
  }

  const passwordMatches = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyDecoyPassword(input.password);

  if (!user || !passwordMatches) {
    const [account, client] = await Promise.all([
      recordRateLimitHit(services, rules.account, email),
      recordRateLimitHit(services, rules.client, input.clientAddress),
    ]);
    await recordAudit(services, {
      actor: null,
      action: "auth.login_failed",
      target,
      municipalityId: actor?.municipalityId,
      details: { reason: user ? "wrong_password" : "unknown_account" },
    });
    if (account.limited || client.limited) return { status: "throttled", retryAt: latest(account.retryAt, client.retryAt) };
    return { status: "invalid" };
  }

  if (user.deactivated_at !== null || user.organisation_archived_at !== null) {
    await recordAudit(services, { actor: null, action: "auth.login_refused_deactivated", target, municipalityId: user.municipality_id });
    return { status: "deactivated" };
  }

  await clearRateLimit(services, rules.account, email);
  // A fresh session id at every login: a session planted before login is never promoted.
  if (input.previousSessionId) await deleteSession(services, input.previousSessionId);
  const session = await createSession(services, { id: user.id, role: user.role }, input.device);
  await services.db
    .updateTable("users")
    .set({ last_active_at: services.clock.now().toISOString() })
    .where("id", "=", user.id)
    .execute();
  await recordAudit(services, { actor, action: "auth.login", target });
  return { status: "ok", userId: user.id, role: user.role, token: session.token, expiresAt: session.expiresAt };
}

function latest(a: Date | null, b: Date | null): Date {
  const times = [a, b].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return new Date(Math.max(...times));
}
