import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { consumeRateLimit, refundRateLimitHits } from "#app/features/rate-limit/rate-limit.server.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { loginRules } from "./login.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { sessionLifetime } from "./session.server.ts";
import type { Viewer } from "./viewer.ts";

// What a person does with their own account: name and language, password,
// their sessions, and deleting the account. Steps that need the password again
// count wrong guesses against the same per-account limit as the login form, so
// an open session on a borrowed phone does not give unlimited attempts.

type Services = Pick<AppServices, "db" | "clock" | "config" | "secret">;

export type PasswordCheckError = "wrong_password" | "throttled";

async function checkOwnPassword(
  services: Services,
  viewer: Viewer,
  password: string,
): Promise<{ ok: true } | { ok: false; error: PasswordCheckError; retryAt?: Date }> {
  const rule = loginRules(services.config).account;
  // Counted before the check, so that guesses sent at once share the limit.
  const attempt = await consumeRateLimit(services, rule, viewer.email);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAt: attempt.retryAt };
  const row = await services.db.selectFrom("users").select("password_hash").where("id", "=", viewer.id).executeTakeFirst();
  if (row && (await verifyPassword(password, row.password_hash))) {
    await refundRateLimitHits(services, attempt.hitIds);
    return { ok: true };
  }
  await recordAudit(services, { actor: viewer, action: "account.password_check_failed", target: { type: "user", id: viewer.id } });
  const [state] = attempt.states;
  return state!.limited ? { ok: false, error: "throttled", retryAt: state!.retryAt! } : { ok: false, error: "wrong_password" };
}

export async function updateOwnProfile(
  services: Pick<AppServices, "db">,
  viewer: Viewer,
  input: { displayName: string; language: string | null },
): Promise<void> {
  await services.db
    .updateTable("users")
    .set({ display_name: input.displayName.trim(), language: isLanguage(input.language) ? input.language : null })
    .where("id", "=", viewer.id)
    .execute();
}

/** Changes the password and ends every other session: whoever knew the old one is logged out. */
export async function changeOwnPassword(
  services: Services,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true; endedSessions: number } | { ok: false; error: PasswordCheckError; retryAt?: Date }> {
  const check = await checkOwnPassword(services, viewer, input.currentPassword);
  if (!check.ok) return check;
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await services.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", viewer.id).execute();
    const ended = await trx
      .deleteFrom("sessions")
      .where("user_id", "=", viewer.id)
      .where("id", "!=", viewer.sessionId)
      .executeTakeFirst();
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor: viewer,
        action: "account.password_changed",
        target: { type: "user", id: viewer.id },
        details: { sessionsEnded: Number(ended.numDeletedRows) },
      },
    );
    return Number(ended.numDeletedRows);
  });
  return { ok: true, endedSessions };
}

export interface OwnSession {
  /** The session's id is the hash of its token: it names the session without being usable to log in. */
  id: string;
  device: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** The viewer's sessions that are still valid, most recently used first. */
export async function listOwnSessions(services: Pick<AppServices, "db" | "clock" | "config">, viewer: Viewer): Promise<OwnSession[]> {
  const rows = await services.db
    .selectFrom("sessions")
    .select(["id", "device", "created_at", "last_seen_at", "expires_at"])
    .where("user_id", "=", viewer.id)
    .orderBy("last_seen_at", "desc")
    .execute();
  const now = services.clock.now().getTime();
  const { idleMs } = sessionLifetime(services.config, viewer.role);
  return rows
    .filter((row) => new Date(row.expires_at).getTime() > now && now - new Date(row.last_seen_at).getTime() < idleMs)
    .map((row) => ({
      id: row.id,
      device: row.device,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      current: row.id === viewer.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the viewer's other sessions (the current one ends by logging out). */
export async function endOwnSession(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, sessionId: string): Promise<boolean> {
  if (sessionId === viewer.sessionId) return false;
  const result = await services.db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", viewer.id)
    .executeTakeFirst();
  const ended = Number(result.numDeletedRows) === 1;
  if (ended) {
    await recordAudit(services, { actor: viewer, action: "auth.session_ended", target: { type: "user", id: viewer.id } });
  }
  return ended;
}

export interface OwnAccountData {
  email: string;
  displayName: string;
  role: string;
  language: string | null;
  createdAt: string;
  lastActiveAt: string | null;
  organisationId: string | null;
  invitation: { createdAt: string; acceptedAt: string | null } | null;
  sessions: Omit<OwnSession, "id">[];
}

/** Everything the auth capability keeps about the viewer, for their data export. */
export async function readOwnAccountData(services: Pick<AppServices, "db" | "clock" | "config">, viewer: Viewer): Promise<OwnAccountData> {
  const user = await services.db
    .selectFrom("users")
    .select(["email", "display_name", "role", "language", "created_at", "last_active_at", "organisation_id"])
    .where("id", "=", viewer.id)
    .executeTakeFirstOrThrow();
  const invitation = await services.db
    .selectFrom("invitations")
    .select(["created_at", "accepted_at"])
    .where("accepted_user_id", "=", viewer.id)
    .executeTakeFirst();
  const sessions = await listOwnSessions(services, viewer);
  return {
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    language: user.language,
    createdAt: user.created_at,
    lastActiveAt: user.last_active_at,
    organisationId: user.organisation_id,
    invitation: invitation ? { createdAt: invitation.created_at, acceptedAt: invitation.accepted_at } : null,
    // No ids: the export names devices and times, nothing that identifies a session.
    sessions: sessions.map(({ id: _id, ...session }) => session),
  };
}

/**
 * Deletes the viewer's account after checking their password. Rows of other
 * capabilities that point at the user go with it (ON DELETE CASCADE: sessions,
 * preferences) or lose the link (ON DELETE SET NULL: signals, invitations they
 * sent). Invitations to their address are deleted, so the address is gone too.
 * The audit log keeps the user's id, never their name or address.
 */
export async function deleteOwnAccount(
  services: Services,
  viewer: Viewer,
  password: string,
): Promise<{ ok: true } | { ok: false; error: PasswordCheckError; retryAt?: Date }> {
  const check = await checkOwnPassword(services, viewer, password);
  if (!check.ok) return check;
  await services.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("invitations")
      .where((eb) => eb.or([eb("accepted_user_id", "=", viewer.id), eb("email", "=", viewer.email)]))
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", viewer.id).execute();
    await trx.deleteFrom("users").where("id", "=", viewer.id).execute();
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor: viewer, action: "account.deleted", target: { type: "user", id: viewer.id } },
    );
  });
  return { ok: true };
}
