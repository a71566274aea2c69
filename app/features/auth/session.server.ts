import { randomBytes } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { isStaff, maySignIn } from "./authorization.ts";
import { hashToken } from "./token-hash.server.ts";
import type { Viewer } from "./viewer.ts";

// Sessions live in the database and are referenced by an opaque token in a
// Secure, HttpOnly, SameSite=Lax cookie. The database stores only the token's
// SHA-256, so a copy of the database cannot be used to log in.

export const SESSION_COOKIE = "__Host-wijkwijs-session";

/** How often last_seen_at is written: idle expiry needs minutes, not milliseconds. */
const TOUCH_INTERVAL_MS = 60_000;

type Services = Pick<AppServices, "db" | "clock" | "config">;

export function sessionLifetime(config: AppServices["config"], role: Role): { idleMs: number; absoluteMs: number } {
  return isStaff(role)
    ? { idleMs: config.session.staffIdleMs, absoluteMs: config.session.staffAbsoluteMs }
    : { idleMs: config.session.ambassadorIdleMs, absoluteMs: config.session.ambassadorAbsoluteMs };
}

export interface CreatedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export async function createSession(
  services: Services,
  user: { id: string; role: Role },
  device: string,
  options: { secondFactor?: boolean } = {},
): Promise<CreatedSession> {
  const token = randomBytes(32).toString("base64url");
  const sessionId = hashToken(token);
  const now = services.clock.now();
  const expiresAt = new Date(now.getTime() + sessionLifetime(services.config, user.role).absoluteMs);
  await services.db
    .insertInto("sessions")
    .values({
      id: sessionId,
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      device: device.slice(0, 80),
      // A passkey login proves possession and the person (user verification) at once.
      second_factor_at: options.secondFactor ? now.toISOString() : null,
    })
    .execute();
  return { token, sessionId, expiresAt };
}

export function readSessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === SESSION_COOKIE) {
      const value = part.slice(index + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * The viewer for a session token, or null when there is none, it expired
 * (idle or absolute), or the account is deactivated. Expired sessions are deleted.
 */
export async function findViewerBySessionToken(services: Services, token: string): Promise<Viewer | null> {
  const sessionId = hashToken(token);
  const row = await services.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "sessions.id as session_id",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.second_factor_at",
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.municipality_id",
      "users.organisation_id",
      "users.language",
      "users.deactivated_at",
      "organisations.name as organisation_name",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;

  const now = services.clock.now();
  const { idleMs } = sessionLifetime(services.config, row.role);
  const lastSeen = new Date(row.last_seen_at).getTime();
  const expired = now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() - lastSeen >= idleMs;
  const barred = !maySignIn({ deactivatedAt: row.deactivated_at, organisationArchivedAt: row.organisation_archived_at });
  if (expired || barred) {
    await services.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    return null;
  }
  if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) {
    await services.db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", sessionId).execute();
    await services.db.updateTable("users").set({ last_active_at: now.toISOString() }).where("id", "=", row.id).execute();
  }
  return {
    id: row.id,
    sessionId: row.session_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    municipalityId: row.municipality_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    language: row.language,
    secondFactor: row.second_factor_at !== null,
  };
}

/** This session passed a second factor (TOTP code or passkey). */
export async function markSessionSecondFactor(services: Pick<AppServices, "db" | "clock">, sessionId: string): Promise<void> {
  await services.db
    .updateTable("sessions")
    .set({ second_factor_at: services.clock.now().toISOString() })
    .where("id", "=", sessionId)
    .execute();
}

export async function deleteSession(services: Pick<AppServices, "db">, sessionId: string): Promise<void> {
  await services.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteAllSessions(services: Pick<AppServices, "db">, userId: string): Promise<number> {
  const result = await services.db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function sessionCookie(token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}

/** "Chrome op Android" — enough for a person to recognise their own device. */
export function describeDevice(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const system = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return system ? `${browser} · ${system}` : browser;
}
