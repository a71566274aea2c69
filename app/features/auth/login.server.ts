import type { AppServices } from "#app/services.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import {
  clearRateLimit,
  consumeRateLimits,
  refundRateLimitHits,
  type RateLimitRule,
  type RateLimitState,
} from "#app/features/rate-limit/rate-limit.server.ts";
import { maySignIn } from "./authorization.ts";
import { verifyDecoyPassword, verifyPassword } from "./password.server.ts";
import { createSession, deleteSession } from "./session.server.ts";

export type LoginResult =
  | { status: "ok"; userId: string; role: Role; token: string; expiresAt: Date }
  /**
   * Unknown e-mail and wrong password look the same from outside, also in
   * how many attempts are left: the count is kept per submitted address,
   * whether or not an account has it.
   */
  | { status: "invalid"; attemptsLeft: number }
  /** Right password, but the account (or its organisation) is switched off. */
  | { status: "deactivated" }
  | { status: "throttled"; retryAt: Date };

type Services = Pick<AppServices, "db" | "clock" | "config" | "secret" | "log">;

/** From this many attempts left before the lock-out, a failed login says how many remain. */
export const LOGIN_WARNING_FROM = 2;

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

  // The attempt is counted before the password is checked: guesses sent at
  // once cannot all find the count still under the limit.
  const attempt = await consumeRateLimits(services, [
    { rule: rules.account, key: email },
    { rule: rules.client, key: input.clientAddress },
  ]);
  if (!attempt.allowed) {
    await recordAudit(services, { actor: null, action: "auth.login_throttled", target, municipalityId: actor?.municipalityId });
    return { status: "throttled", retryAt: attempt.retryAt };
  }

  const passwordMatches = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyDecoyPassword(input.password);

  if (!user || !passwordMatches) {
    await recordAudit(services, {
      actor: null,
      action: "auth.login_failed",
      target,
      municipalityId: actor?.municipalityId,
      details: { reason: user ? "wrong_password" : "unknown_account" },
    });
    const [account, client] = attempt.states as [RateLimitState, RateLimitState];
    if (account.limited || client.limited) return { status: "throttled", retryAt: latest(account.retryAt, client.retryAt) };
    return { status: "invalid", attemptsLeft: rules.account.limit - account.count };
  }

  if (!maySignIn({ deactivatedAt: user.deactivated_at, organisationArchivedAt: user.organisation_archived_at })) {
    await recordAudit(services, { actor: null, action: "auth.login_refused_deactivated", target, municipalityId: user.municipality_id });
    // The right password is not a failure: its attempt is given back.
    await refundRateLimitHits(services, attempt.hitIds);
    return { status: "deactivated" };
  }

  // A fresh session id at every login: a session planted before login is never promoted.
  if (input.previousSessionId) await deleteSession(services, input.previousSessionId);
  const session = await createSession(services, { id: user.id, role: user.role }, input.device);
  await services.db
    .updateTable("users")
    .set({ last_active_at: services.clock.now().toISOString() })
    .where("id", "=", user.id)
    .execute();
  await recordAudit(services, { actor, action: "auth.login", target });
  // Only now are the account's failures forgotten (and this attempt given
  // back): guesses running alongside were counted against the limit until here.
  await refundRateLimitHits(services, attempt.hitIds);
  await clearRateLimit(services, rules.account, email);
  return { status: "ok", userId: user.id, role: user.role, token: session.token, expiresAt: session.expiresAt };
}

function latest(a: Date | null, b: Date | null): Date {
  const times = [a, b].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return new Date(Math.max(...times));
}
