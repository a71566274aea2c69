import { randomBytes, randomUUID } from "node:crypto";
import { hashToken } from "#app/features/auth/token-hash.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { loginRules, normaliseEmail } from "#app/features/auth/login.server.ts";
import { hashPassword } from "#app/features/auth/password.server.ts";
import { deleteAllSessions } from "#app/features/auth/session.server.ts";
import { mailLanguage } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, queueMail } from "#app/features/mail/outbox.server.ts";
import { clearRateLimit, consumeRateLimit, type RateLimitRule } from "#app/features/rate-limit/rate-limit.server.ts";
import { defaultLanguage, type Language } from "#app/i18n/languages.ts";
import type { Role } from "#db/tables/auth.ts";
import { passwordChangedMail, passwordResetMail } from "./mails.server.ts";
import { RESET_TOKEN_PATTERN } from "./schemas.ts";

// "Wachtwoord vergeten": a single-use link by e-mail, valid one hour; the
// database keeps only the SHA-256 of its token. Asking for one answers the
// same whether or not the address has an account — in words, in status and
// in time: the answer is given before the address is even looked up, and the
// lookup, the token and the mail happen in the background.

export const RESET_LINK_VALID_MS = 60 * 60_000;
const HOUR_MS = 60 * 60_000;

type Services = Pick<AppServices, "db" | "clock" | "config" | "log" | "secret" | "municipality" | "tasks">;

export function resetRules(config: AppServices["config"]): { address: RateLimitRule; client: RateLimitRule; confirm: RateLimitRule } {
  return {
    address: { bucket: "password-reset-address", limit: config.mail.resetsPerAddressPerHour, windowMs: HOUR_MS },
    client: { bucket: "password-reset-client", limit: config.mail.resetsPerClientPerHour, windowMs: HOUR_MS },
    // Choosing the new password hashes it (scrypt, 32 MiB): limited per client like accepting an invitation.
    confirm: { bucket: "password-reset-confirm", limit: config.mail.resetsPerClientPerHour, windowMs: HOUR_MS },
  };
}

/**
 * Counts this attempt before anything is looked up (consumeRateLimit records
 * it atomically), so parallel requests cannot all slip under the limit; the
 * refusal says until when.
 */
async function countAttempt(services: Pick<AppServices, "db" | "clock" | "secret">, rule: RateLimitRule, key: string): Promise<Date | null> {
  const decision = await consumeRateLimit(services, rule, key);
  return decision.allowed ? null : decision.retryAt;
}


/** The link in the mail; it opens the page in the mail's language. */
export function resetUrl(origin: string, token: string, language: Language): string {
  return `${origin}/wachtwoord-herstellen/${token}${language === defaultLanguage ? "" : `?lang=${language}`}`;
}

export type ResetRequestResult = { status: "accepted" } | { status: "throttled"; retryAt: Date };

/**
 * Counts the request against the client and the address first (record, then
 * look: parallel requests cannot slip under the limit), answers, and leaves
 * the rest to the background. Unknown, switched-off and deleted accounts get
 * no mail; the answer is the same.
 */
export async function requestPasswordReset(
  services: Services,
  input: { email: string; clientAddress: string; language: Language; origin: string },
): Promise<ResetRequestResult> {
  const email = normaliseEmail(input.email);
  const rules = resetRules(services.config);
  const [address, client] = await Promise.all([
    countAttempt(services, rules.address, email),
    countAttempt(services, rules.client, input.clientAddress),
  ]);
  if (address || client) {
    return { status: "throttled", retryAt: new Date(Math.max(address?.getTime() ?? 0, client?.getTime() ?? 0)) };
  }
  services.tasks.run("password reset mail", () => issuePasswordReset(services, { email, language: input.language, origin: input.origin }));
  return { status: "accepted" };
}

/** Looks the address up and, for an active account, stores a token and queues its mail in one transaction. */
export async function issuePasswordReset(
  services: Services,
  input: { email: string; language: Language; origin: string },
): Promise<{ issued: boolean }> {
  const user = await services.db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.language",
      "users.municipality_id",
      "users.deactivated_at",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("users.email", "=", normaliseEmail(input.email))
    .executeTakeFirst();
  if (!user || user.deactivated_at !== null || user.organisation_archived_at !== null) return { issued: false };

  const token = randomBytes(32).toString("base64url");
  const now = services.clock.now();
  const language = mailLanguage(user.language, input.language);
  const mail = passwordResetMail({
    language,
    municipalityName: services.municipality.name,
    name: user.display_name,
    email: user.email,
    role: user.role,
    url: resetUrl(input.origin, token, language),
  });
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("password_reset_tokens")
      .values({
        id: randomUUID(),
        user_id: user.id,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_LINK_VALID_MS).toISOString(),
        used_at: null,
      })
      .execute();
    await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "password_reset", to: user.email, ...mail, carriesKey: true });
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor: null, action: "auth.password_reset_requested", target: { type: "user", id: user.id }, municipalityId: user.municipality_id },
    );
  });
  kickMailOutbox(services);
  return { issued: true };
}

export type ResetLinkProblem = "not_found" | "used" | "expired";

export interface ResetLink {
  tokenId: string;
  userId: string;
  email: string;
  role: Role;
}

/** The account a link is for, or why it does not work (any more). Switched-off accounts' links do not work. */
export async function findPasswordReset(
  services: Pick<AppServices, "db" | "clock">,
  token: string,
): Promise<{ ok: true; link: ResetLink } | { ok: false; problem: ResetLinkProblem; role?: Role }> {
  if (!RESET_TOKEN_PATTERN.test(token)) return { ok: false, problem: "not_found" };
  const row = await services.db
    .selectFrom("password_reset_tokens")
    .innerJoin("users", "users.id", "password_reset_tokens.user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "password_reset_tokens.id",
      "password_reset_tokens.expires_at",
      "password_reset_tokens.used_at",
      "users.id as user_id",
      "users.email",
      "users.role",
      "users.deactivated_at",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("password_reset_tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.deactivated_at !== null || row.organisation_archived_at !== null) return { ok: false, problem: "not_found" };
  if (row.used_at !== null) return { ok: false, problem: "used", role: row.role };
  if (new Date(row.expires_at).getTime() <= services.clock.now().getTime()) return { ok: false, problem: "expired" };
  return { ok: true, link: { tokenId: row.id, userId: row.user_id, email: row.email, role: row.role } };
}

/** Counts an attempt to choose a new password from this client; the seconds to wait when over the limit. */
export async function countResetAttempt(services: Pick<AppServices, "db" | "clock" | "secret" | "config">, clientAddress: string): Promise<number | null> {
  const retryAt = await countAttempt(services, resetRules(services.config).confirm, clientAddress);
  if (!retryAt) return null;
  return Math.max(1, Math.ceil((retryAt.getTime() - services.clock.now().getTime()) / 1000));
}

/**
 * Sets the new password. In one transaction: the link is used up (the
 * conditional update is the single-use guarantee: of two concurrent uses only
 * one finds it unused), the password changes, every session of the person
 * ends, every other open link of theirs stops working, the change is audited
 * and the "your password was changed" mail queued.
 */
export async function completePasswordReset(
  services: Services,
  token: string,
  input: { password: string; language: Language; origin: string },
): Promise<{ ok: true; role: Role } | { ok: false; problem: ResetLinkProblem }> {
  const found = await findPasswordReset(services, token);
  if (!found.ok) return { ok: false, problem: found.problem };
  const passwordHash = await hashPassword(input.password);
  const now = services.clock.now().toISOString();
  const outcome = await services.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: now })
      .where("id", "=", found.link.tokenId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) return null;
    const user = await trx
      .selectFrom("users")
      .select(["id", "email", "display_name", "role", "language", "municipality_id"])
      .where("id", "=", claimed.user_id)
      .where("deactivated_at", "is", null)
      .executeTakeFirst();
    if (!user) return null;
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", user.id).execute();
    await trx.updateTable("password_reset_tokens").set({ used_at: now }).where("user_id", "=", user.id).where("used_at", "is", null).execute();
    const sessions = await deleteAllSessions({ db: trx }, user.id);
    const actor = { id: user.id, role: user.role, municipalityId: user.municipality_id };
    await recordAudit({ db: trx, clock: services.clock }, { actor, action: "auth.password_reset", target: { type: "user", id: user.id }, details: { sessions } });
    const mail = passwordChangedMail({
      language: mailLanguage(user.language, input.language),
      municipalityName: services.municipality.name,
      name: user.display_name,
      email: user.email,
      requestUrl: `${input.origin}/wachtwoord-vergeten`,
    });
    await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "password_changed", to: user.email, ...mail });
    return { role: user.role, email: user.email };
  });
  if (!outcome) {
    const again = await findPasswordReset(services, token);
    return { ok: false, problem: again.ok ? "used" : again.problem };
  }
  // Whoever can read the person's mail could reset anyway: a lock-out from wrong guesses ends with the reset.
  await clearRateLimit(services, loginRules(services.config).account, outcome.email);
  kickMailOutbox(services);
  return { ok: true, role: outcome.role };
}
