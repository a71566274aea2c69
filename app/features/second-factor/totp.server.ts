import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { markSessionSecondFactor } from "#app/features/auth/session.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { consumeRateLimit, refundRateLimitHits, retryAfterSeconds, type RateLimitRule } from "#app/features/rate-limit/rate-limit.server.ts";
import { open, seal } from "./secret-box.server.ts";
import { generateTotpSecret, isUsedTotp, matchTotp } from "./totp.ts";

// An authenticator app as second factor. A person sets it up once (a secret
// shown as QR code and as text, confirmed by a first code); after that every
// staff login asks for a code. Wrong codes are rate-limited per account.

type Services = Pick<AppServices, "db" | "clock" | "secret" | "log">;

export const totpRule: RateLimitRule = { bucket: "totp", limit: 5, windowMs: 15 * 60_000 };

export interface SecondFactorState {
  totp: boolean;
  passkeys: number;
}

export async function secondFactorState(services: Pick<AppServices, "db">, userId: string): Promise<SecondFactorState> {
  const [totp, passkeys] = await Promise.all([
    services.db.selectFrom("totp_credentials").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst(),
    services.db.selectFrom("passkeys").select((eb) => eb.fn.countAll<number>().as("count")).where("user_id", "=", userId).executeTakeFirst(),
  ]);
  return { totp: Boolean(totp?.confirmed_at), passkeys: Number(passkeys?.count ?? 0) };
}

/** The secret being set up (made on first ask), or null when TOTP is already confirmed. */
export async function pendingTotpSecret(services: Services, userId: string): Promise<string | null> {
  const existing = await services.db.selectFrom("totp_credentials").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (existing?.confirmed_at) return null;
  if (existing) return open(services.secret, existing.secret_encrypted);
  const secret = generateTotpSecret();
  await services.db
    .insertInto("totp_credentials")
    .values({
      user_id: userId,
      secret_encrypted: seal(services.secret, secret),
      confirmed_at: null,
      last_used_step: null,
      created_at: services.clock.now().toISOString(),
    })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  // A parallel request may have won: read back whatever is stored.
  const stored = await services.db.selectFrom("totp_credentials").select("secret_encrypted").where("user_id", "=", userId).executeTakeFirstOrThrow();
  return open(services.secret, stored.secret_encrypted);
}

export type TotpResult =
  | { status: "ok" }
  | { status: "wrong" }
  /** A code of a step already used: refused, but not counted as a guess. */
  | { status: "replayed" }
  | { status: "not_set_up" }
  | { status: "throttled"; retryAfter: number };

/**
 * Checks a code against the person's secret — the pending one while setting
 * up (which confirms it), the confirmed one otherwise — and marks the session.
 * Every guess is counted before it is checked; a code that was already used
 * is refused without counting, so that repeating a colleague's code (or a
 * double submit) cannot lock anyone out.
 */
export async function verifyTotpCode(services: Services, viewer: Viewer, code: string): Promise<TotpResult> {
  const credential = await services.db.selectFrom("totp_credentials").selectAll().where("user_id", "=", viewer.id).executeTakeFirst();
  if (!credential) return { status: "not_set_up" };
  const secret = open(services.secret, credential.secret_encrypted);
  const now = services.clock.now();
  if (isUsedTotp(secret, code, now, credential.last_used_step)) return replayed(services, viewer);

  const attempt = await consumeRateLimit(services, totpRule, viewer.id);
  if (!attempt.allowed) return { status: "throttled", retryAfter: retryAfterSeconds(attempt.retryAt, now) };
  const step = matchTotp(secret, code, now, credential.last_used_step);
  if (step === null) {
    await recordAudit(services, { actor: viewer, action: "auth.second_factor_failed", target: { type: "user", id: viewer.id }, details: { method: "totp" } });
    const [state] = attempt.states;
    if (state!.limited) return { status: "throttled", retryAfter: retryAfterSeconds(state!.retryAt!, now) };
    return { status: "wrong" };
  }
  const confirming = credential.confirmed_at === null;
  const used = await services.db
    .transaction()
    .execute(async (trx) => {
      // Only a step later than the last one used: two requests with one code, one wins.
      const updated = await trx
        .updateTable("totp_credentials")
        .set({ last_used_step: step, confirmed_at: credential.confirmed_at ?? now.toISOString() })
        .where("user_id", "=", viewer.id)
        .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ReplayedCode();
      await markSessionSecondFactor({ db: trx, clock: services.clock }, viewer.sessionId);
      await recordAudit(
        { db: trx, clock: services.clock },
        { actor: viewer, action: confirming ? "auth.totp_enabled" : "auth.second_factor", target: { type: "user", id: viewer.id }, details: { method: "totp" } },
      );
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof ReplayedCode) return false;
      throw error;
    });
  // A right code is not a guess, and neither is one another request used a moment earlier.
  await refundRateLimitHits(services, attempt.hitIds);
  return used ? { status: "ok" } : replayed(services, viewer);
}

/** A double submit from this very session: the first one passed it, so this one has too. */
async function replayed(services: Pick<AppServices, "db">, viewer: Viewer): Promise<TotpResult> {
  const session = await services.db.selectFrom("sessions").select("second_factor_at").where("id", "=", viewer.sessionId).executeTakeFirst();
  return session?.second_factor_at ? { status: "ok" } : { status: "replayed" };
}

class ReplayedCode extends Error {}

/** Removes the authenticator app (the person sets it up again, e.g. on a new phone). */
export async function removeTotp(services: Services, viewer: Viewer, userId = viewer.id): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("totp_credentials").where("user_id", "=", userId).execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "auth.totp_removed", target: { type: "user", id: userId } });
  });
}
