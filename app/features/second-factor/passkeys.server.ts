import { randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { mayRegisterPasskey, maySignIn } from "#app/features/auth/authorization.ts";
import { hashToken } from "#app/features/auth/token-hash.server.ts";
import { createSession, markSessionSecondFactor, type CreatedSession } from "#app/features/auth/session.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { secondFactorState } from "./totp.server.ts";
import type { WebauthnPurpose } from "#db/tables/second-factor.ts";

// Passkeys (WebAuthn) through @simplewebauthn/server: a second factor for
// staff and, for everyone, a way to log in without a password. The relying
// party is this app's own origin. Each challenge is stored (hashed cookie
// token → challenge), expires after five minutes and is used once.

type Services = Pick<AppServices, "db" | "clock" | "config" | "log">;

export const CHALLENGE_COOKIE = "__Host-wijkwijs-passkey";
const CHALLENGE_LIFETIME_MS = 5 * 60_000;

export interface RelyingParty {
  /** e.g. https://wijkwijs.denhaag.nl */
  origin: string;
}

function rpId(rp: RelyingParty): string {
  return new URL(rp.origin).hostname;
}


async function storeChallenge(services: Services, challenge: string, purpose: WebauthnPurpose, userId: string | null): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = services.clock.now();
  // Old challenges go as new ones come: the table never grows.
  await services.db.deleteFrom("webauthn_challenges").where("expires_at", "<", now.toISOString()).execute();
  await services.db
    .insertInto("webauthn_challenges")
    .values({ id: hashToken(token), challenge, purpose, user_id: userId, expires_at: new Date(now.getTime() + CHALLENGE_LIFETIME_MS).toISOString() })
    .execute();
  return token;
}

/** Takes the challenge out of the store: whether it verifies or not, it is gone. */
async function consumeChallenge(services: Services, token: string | null, purpose: WebauthnPurpose, userId: string | null): Promise<string | null> {
  if (!token) return null;
  const row = await services.db.deleteFrom("webauthn_challenges").where("id", "=", hashToken(token)).returningAll().executeTakeFirst();
  if (!row || row.purpose !== purpose || row.user_id !== userId) return null;
  if (new Date(row.expires_at).getTime() <= services.clock.now().getTime()) return null;
  return row.challenge;
}

export function challengeCookie(token: string): string {
  return `${CHALLENGE_COOKIE}=${token}; Path=/; Max-Age=${CHALLENGE_LIFETIME_MS / 1000}; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedChallengeCookie(): string {
  return `${CHALLENGE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}

export function readChallengeToken(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CHALLENGE_COOKIE) {
      const value = rest.join("=");
      return /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

export interface PasskeySummary {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listPasskeys(services: Pick<AppServices, "db">, userId: string): Promise<PasskeySummary[]> {
  const rows = await services.db.selectFrom("passkeys").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
  return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at }));
}

// --- registering a passkey ------------------------------------------------------

export async function registrationOptions(
  services: Services,
  rp: RelyingParty,
  viewer: Viewer,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; token: string }> {
  const existing = await services.db.selectFrom("passkeys").select(["id", "transports"]).where("user_id", "=", viewer.id).execute();
  const options = await generateRegistrationOptions({
    rpName: "Wijkwijs",
    rpID: rpId(rp),
    userName: viewer.email,
    userDisplayName: viewer.displayName,
    // The user handle is the account id: a discoverable passkey names its account at login.
    userID: new TextEncoder().encode(viewer.id),
    attestationType: "none",
    excludeCredentials: existing.map((row) => ({ id: row.id, transports: splitTransports(row.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const token = await storeChallenge(services, options.challenge, "register", viewer.id);
  return { options, token };
}

/** Whether this person may add a passkey now: the rule is mayRegisterPasskey(), this reads what they already have. */
export async function passkeyRegistrationAllowed(services: Pick<AppServices, "db">, viewer: Viewer): Promise<boolean> {
  return mayRegisterPasskey(viewer, await secondFactorState(services, viewer.id));
}

export type PasskeyResult = { ok: true } | { ok: false; error: "expired" | "invalid" };

export async function registerPasskey(
  services: Services,
  rp: RelyingParty,
  viewer: Viewer,
  input: { token: string | null; response: RegistrationResponseJSON; label: string },
): Promise<PasskeyResult> {
  const challenge = await consumeChallenge(services, input.token, "register", viewer.id);
  if (!challenge) return { ok: false, error: "expired" };
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rpId(rp),
      requireUserVerification: true,
    });
  } catch (error) {
    services.log.info("passkey registration refused", { reason: (error as Error).message });
    return { ok: false, error: "invalid" };
  }
  if (!verification.verified) return { ok: false, error: "invalid" };
  const { credential } = verification.registrationInfo;
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("passkeys")
      .values({
        id: credential.id,
        user_id: viewer.id,
        public_key: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(","),
        label: input.label,
        created_at: now,
        last_used_at: null,
      })
      .execute();
    // Setting up a passkey proves possession of it: this session has passed a second factor.
    await markSessionSecondFactor({ db: trx, clock: services.clock }, viewer.sessionId);
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "auth.passkey_added", target: { type: "user", id: viewer.id } });
  });
  return { ok: true };
}

export async function removePasskey(services: Services, viewer: Viewer, passkeyId: string): Promise<boolean> {
  return services.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("passkeys").where("id", "=", passkeyId).where("user_id", "=", viewer.id).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "auth.passkey_removed", target: { type: "user", id: viewer.id } });
    return true;
  });
}

// --- using a passkey --------------------------------------------------------------

/** Options for a login (no account known yet: any passkey for this site) or a second factor (this person's). */
export async function authenticationOptions(
  services: Services,
  rp: RelyingParty,
  viewer: Viewer | null,
): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; token: string }> {
  const allow = viewer
    ? await services.db.selectFrom("passkeys").select(["id", "transports"]).where("user_id", "=", viewer.id).execute()
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rpId(rp),
    userVerification: "required",
    ...(viewer ? { allowCredentials: allow.map((row) => ({ id: row.id, transports: splitTransports(row.transports) })) } : {}),
  });
  const token = await storeChallenge(services, options.challenge, viewer ? "authenticate" : "login", viewer?.id ?? null);
  return { options, token };
}

/** Verifies an assertion; returns the account it belongs to. */
async function verifyAssertion(
  services: Services,
  rp: RelyingParty,
  challenge: string,
  response: AuthenticationResponseJSON,
  expectedUserId: string | null,
): Promise<{ userId: string } | null> {
  const stored = await services.db.selectFrom("passkeys").selectAll().where("id", "=", response.id).executeTakeFirst();
  if (!stored) return null;
  if (expectedUserId && stored.user_id !== expectedUserId) return null;
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rpId(rp),
      credential: {
        id: stored.id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, "base64url")),
        counter: Number(stored.counter),
        transports: splitTransports(stored.transports),
      },
      requireUserVerification: true,
    });
  } catch (error) {
    services.log.info("passkey assertion refused", { reason: (error as Error).message });
    return null;
  }
  if (!verification.verified) return null;
  await services.db
    .updateTable("passkeys")
    .set({ counter: verification.authenticationInfo.newCounter, last_used_at: services.clock.now().toISOString() })
    .where("id", "=", stored.id)
    .execute();
  return { userId: stored.user_id };
}

/** A passkey as second factor for the logged-in person. */
export async function confirmSecondFactorWithPasskey(
  services: Services,
  rp: RelyingParty,
  viewer: Viewer,
  input: { token: string | null; response: AuthenticationResponseJSON },
): Promise<PasskeyResult> {
  const challenge = await consumeChallenge(services, input.token, "authenticate", viewer.id);
  if (!challenge) return { ok: false, error: "expired" };
  const verified = await verifyAssertion(services, rp, challenge, input.response, viewer.id);
  if (!verified) {
    await recordAudit(services, { actor: viewer, action: "auth.second_factor_failed", target: { type: "user", id: viewer.id }, details: { method: "passkey" } });
    return { ok: false, error: "invalid" };
  }
  await services.db.transaction().execute(async (trx) => {
    await markSessionSecondFactor({ db: trx, clock: services.clock }, viewer.sessionId);
    await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "auth.second_factor", target: { type: "user", id: viewer.id }, details: { method: "passkey" } });
  });
  return { ok: true };
}

export type PasskeyLoginResult = { ok: true; session: CreatedSession; userId: string } | { ok: false; error: "expired" | "invalid" | "deactivated" };

/** Logging in with a passkey alone: it is both factors (possession, and the person via user verification). */
export async function logInWithPasskey(
  services: Services,
  rp: RelyingParty,
  input: { token: string | null; response: AuthenticationResponseJSON; device: string; previousSessionId: string | null },
): Promise<PasskeyLoginResult> {
  const challenge = await consumeChallenge(services, input.token, "login", null);
  if (!challenge) return { ok: false, error: "expired" };
  const verified = await verifyAssertion(services, rp, challenge, input.response, null);
  if (!verified) {
    await recordAudit(services, { actor: null, action: "auth.login_failed", details: { reason: "passkey" } });
    return { ok: false, error: "invalid" };
  }
  const user = await services.db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.role", "users.municipality_id", "users.deactivated_at", "organisations.archived_at as organisation_archived_at"])
    .where("users.id", "=", verified.userId)
    .executeTakeFirstOrThrow();
  const actor = { id: user.id, role: user.role, municipalityId: user.municipality_id };
  if (!maySignIn({ deactivatedAt: user.deactivated_at, organisationArchivedAt: user.organisation_archived_at })) {
    await recordAudit(services, { actor: null, action: "auth.login_refused_deactivated", target: { type: "user", id: user.id }, municipalityId: user.municipality_id });
    return { ok: false, error: "deactivated" };
  }
  if (input.previousSessionId) await services.db.deleteFrom("sessions").where("id", "=", input.previousSessionId).execute();
  const session = await createSession(services, { id: user.id, role: user.role }, input.device, { secondFactor: true });
  await services.db.updateTable("users").set({ last_active_at: services.clock.now().toISOString() }).where("id", "=", user.id).execute();
  await recordAudit(services, { actor, action: "auth.login", target: { type: "user", id: user.id }, details: { method: "passkey" } });
  return { ok: true, session, userId: user.id };
}

function splitTransports(value: string): AuthenticatorTransportFuture[] {
  return value ? (value.split(",") as AuthenticatorTransportFuture[]) : [];
}

type AuthenticatorTransportFuture = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";
