import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { consumeRateLimit, retryAfterSeconds } from "#app/features/rate-limit/rate-limit.server.ts";
import type { Database } from "#db/schema.ts";
import type { Role } from "#db/tables/auth.ts";
import { invitableRoles } from "./authorization.ts";
import { MAX_INVITATIONS_AT_ONCE, type InvitationStatus } from "./schemas.ts";
import { normaliseEmail } from "./login.server.ts";
import { queueInvitationMail, sendQueuedMails } from "./invitation-mail.server.ts";
import { hashPassword } from "./password.server.ts";
import { createSession } from "./session.server.ts";
import { hashToken } from "./token-hash.server.ts";
import type { Viewer } from "./viewer.ts";

// An invitation is a single-use link that expires. The link's token is shown
// once to the person who invites; the database keeps only its hash.

class AlreadyRegistered extends Error {}

export type { InvitationStatus } from "./schemas.ts";

type Services = Pick<AppServices, "db" | "clock" | "config" | "log">;

export function invitationUrl(origin: string, token: string): string {
  return `${origin}/uitnodiging/${token}`;
}

export function invitationStatus(
  row: { accepted_at: string | null; revoked_at: string | null; expires_at: string },
  now: Date,
): InvitationStatus {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  if (new Date(row.expires_at).getTime() <= now.getTime()) return "expired";
  return "open";
}

export type CreateInvitationError =
  | "role_not_allowed"
  | "organisation_required"
  | "unknown_organisation"
  | "already_registered"
  | "too_many";

export interface CreatedInvitation {
  id: string;
  email: string;
  url: string;
}

/**
 * Invites each address with its own single-use link, all or none: when one
 * address cannot be invited, nothing is created and the problem addresses are named.
 */
export async function createInvitations(
  services: Services,
  inviter: Viewer,
  input: { emails: readonly string[]; role: Role; organisationId: string | null },
  origin: string,
): Promise<
  | { ok: true; invitations: CreatedInvitation[]; expiresAt: Date }
  | { ok: false; error: CreateInvitationError; emails: string[] }
> {
  if (!invitableRoles(inviter).includes(input.role)) return { ok: false, error: "role_not_allowed", emails: [] };
  const emails = [...new Set(input.emails.map(normaliseEmail))];
  if (emails.length > MAX_INVITATIONS_AT_ONCE) return { ok: false, error: "too_many", emails: [] };
  let organisationId: string | null = null;
  if (input.role === "ambassador") {
    if (!input.organisationId) return { ok: false, error: "organisation_required", emails: [] };
    const organisation = await services.db
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", input.organisationId)
      .where("municipality_id", "=", inviter.municipalityId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!organisation) return { ok: false, error: "unknown_organisation", emails: [] };
    organisationId = organisation.id;
  }
  if (emails.length === 0) return { ok: true, invitations: [], expiresAt: services.clock.now() };
  const existing = await services.db.selectFrom("users").select("email").where("email", "in", emails).execute();
  if (existing.length > 0) {
    const taken = new Set(existing.map((row) => row.email));
    return { ok: false, error: "already_registered", emails: emails.filter((email) => taken.has(email)) };
  }

  const now = services.clock.now();
  const expiresAt = new Date(now.getTime() + services.config.inviteValidMs);
  const created = emails.map((email) => ({ id: randomUUID(), email, token: randomBytes(24).toString("base64url") }));
  await services.db.transaction().execute(async (trx) => {
    for (const invitation of created) {
      await insertInvitation({ db: trx, clock: services.clock }, inviter, {
        ...invitation,
        role: input.role,
        organisationId,
        expiresAt,
        details: created.length > 1 ? { batch: created.length } : {},
      });
      await queueInvitationMail(services, trx, { email: invitation.email, role: input.role, organisationId, url: invitationUrl(origin, invitation.token), expiresAt, municipalityId: inviter.municipalityId, language: inviter.language });
    }
  });
  sendQueuedMails(services);
  const invitations = created.map(({ id, email, token }) => ({ id, email, url: invitationUrl(origin, token) }));
  logLinks(services, invitations);
  return { ok: true, invitations, expiresAt };
}

export async function createInvitation(
  services: Services,
  inviter: Viewer,
  input: { email: string; role: Role; organisationId: string | null },
  origin: string,
): Promise<{ ok: true; id: string; url: string; expiresAt: Date } | { ok: false; error: CreateInvitationError }> {
  const result = await createInvitations(services, inviter, { ...input, emails: [input.email] }, origin);
  if (!result.ok) return { ok: false, error: result.error };
  const [invitation] = result.invitations;
  return { ok: true, id: invitation!.id, url: invitation!.url, expiresAt: result.expiresAt };
}

/** Inserts one invitation after revoking any open one for the address, and audits it. */
async function insertInvitation(
  services: { db: Transaction<Database>; clock: Services["clock"] },
  inviter: Viewer,
  input: {
    id: string;
    email: string;
    token: string;
    role: Role;
    organisationId: string | null;
    expiresAt: Date;
    action?: string;
    details?: Record<string, string | number | null>;
  },
): Promise<void> {
  const now = services.clock.now().toISOString();
  // One valid link per address: a new invitation replaces an open one.
  await services.db
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("email", "=", input.email)
    .where("municipality_id", "=", inviter.municipalityId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  await services.db
    .insertInto("invitations")
    .values({
      id: input.id,
      token_hash: hashToken(input.token),
      municipality_id: inviter.municipalityId,
      email: input.email,
      organisation_id: input.organisationId,
      role: input.role,
      invited_by: inviter.id,
      created_at: now,
      expires_at: input.expiresAt.toISOString(),
      accepted_at: null,
      accepted_user_id: null,
      revoked_at: null,
    })
    .execute();
  await recordAudit(services, {
    actor: inviter,
    action: input.action ?? "invitation.created",
    target: { type: "invitation", id: input.id },
    details: { role: input.role, organisationId: input.organisationId, ...input.details },
  });
}

function logLinks(services: Pick<Services, "config" | "log">, invitations: readonly CreatedInvitation[]): void {
  if (services.config.appEnv === "production") return;
  // No mail server is needed in development: the links are in the server log.
  for (const { id, url } of invitations) services.log.info("invitation link (development only)", { invitationId: id, url });
}

export type ResendInvitationError = "not_found" | "accepted" | "role_not_allowed" | "unknown_organisation" | "already_registered";

/** A new link for the same address, organisation and role; the old link stops working. */
export async function resendInvitation(
  services: Services,
  actor: Viewer,
  invitationId: string,
  origin: string,
): Promise<({ ok: true; expiresAt: Date } & CreatedInvitation) | { ok: false; error: ResendInvitationError }> {
  const old = await services.db
    .selectFrom("invitations")
    .leftJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.organisation_id",
      "invitations.accepted_at",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("invitations.id", "=", invitationId)
    .where("invitations.municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  if (!old) return { ok: false, error: "not_found" };
  if (old.accepted_at) return { ok: false, error: "accepted" };
  if (!invitableRoles(actor).includes(old.role)) return { ok: false, error: "role_not_allowed" };
  if (old.organisation_archived_at) return { ok: false, error: "unknown_organisation" };
  const taken = await services.db.selectFrom("users").select("id").where("email", "=", old.email).executeTakeFirst();
  if (taken) return { ok: false, error: "already_registered" };

  const expiresAt = new Date(services.clock.now().getTime() + services.config.inviteValidMs);
  const invitation = { id: randomUUID(), email: old.email, token: randomBytes(24).toString("base64url") };
  await services.db.transaction().execute(async (trx) => {
    await insertInvitation({ db: trx, clock: services.clock }, actor, {
      ...invitation,
      role: old.role,
      organisationId: old.organisation_id,
      expiresAt,
      action: "invitation.resent",
      details: { replaces: old.id },
    });
    await queueInvitationMail(services, trx, { email: invitation.email, role: old.role, organisationId: old.organisation_id, url: invitationUrl(origin, invitation.token), expiresAt, municipalityId: actor.municipalityId, language: actor.language });
  });
  sendQueuedMails(services);
  const created = { id: invitation.id, email: invitation.email, url: invitationUrl(origin, invitation.token) };
  logLinks(services, [created]);
  return { ok: true, ...created, expiresAt };
}

export interface InvitationForToken {
  id: string;
  status: InvitationStatus;
  email: string;
  role: Role;
  organisationName: string | null;
}

export async function findInvitationByToken(services: Services, token: string): Promise<InvitationForToken | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const row = await services.db
    .selectFrom("invitations")
    .leftJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "invitations.expires_at",
      "organisations.name as organisation_name",
      "organisations.archived_at as organisation_archived_at",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const status = row.organisation_archived_at ? "revoked" : invitationStatus(row, services.clock.now());
  return { id: row.id, status, email: row.email, role: row.role, organisationName: row.organisation_name };
}

export type AcceptInvitationError = "not_found" | "accepted" | "expired" | "revoked" | "already_registered";

export async function acceptInvitation(
  services: Services,
  token: string,
  input: { displayName: string; password: string; language: string | null },
  device: string,
): Promise<
  | { ok: true; userId: string; role: Role; sessionToken: string; sessionExpiresAt: Date }
  | { ok: false; error: AcceptInvitationError }
> {
  const invitation = await findInvitationByToken(services, token);
  if (!invitation) return { ok: false, error: "not_found" };
  if (invitation.status !== "open") return { ok: false, error: invitation.status };

  const passwordHash = await hashPassword(input.password);
  const now = services.clock.now();
  const userId = randomUUID();
  const outcome = await services.db
    .transaction()
    .execute(async (trx) => {
    // The conditional update is the single-use guarantee: of two concurrent
    // acceptances only one finds the invitation still open.
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: now.toISOString() })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .returning(["municipality_id", "organisation_id", "role", "email"])
      .executeTakeFirst();
    if (!claimed) return "accepted" as const;
    const taken = await trx.selectFrom("users").select("id").where("email", "=", claimed.email).executeTakeFirst();
    // Rolls the claim back: the invitation stays open for when the conflict is resolved.
    if (taken) throw new AlreadyRegistered();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        municipality_id: claimed.municipality_id,
        email: claimed.email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        role: claimed.role,
        organisation_id: claimed.organisation_id,
        language: input.language,
        created_at: now.toISOString(),
        last_active_at: now.toISOString(),
        deactivated_at: null,
      })
      .execute();
    await trx.updateTable("invitations").set({ accepted_user_id: userId }).where("id", "=", invitation.id).execute();
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor: { id: userId, role: claimed.role, municipalityId: claimed.municipality_id },
        action: "invitation.accepted",
        target: { type: "invitation", id: invitation.id },
        details: { role: claimed.role, organisationId: claimed.organisation_id },
      },
    );
    return { role: claimed.role, municipalityId: claimed.municipality_id };
    })
    .catch((error: unknown) => {
      if (error instanceof AlreadyRegistered) return "already_registered" as const;
      throw error;
    });
  if (typeof outcome === "string") return { ok: false, error: outcome };

  const session = await createSession(services, { id: userId, role: outcome.role }, device);
  await recordAudit(services, {
    actor: { id: userId, role: outcome.role, municipalityId: outcome.municipalityId },
    action: "auth.login",
    target: { type: "user", id: userId },
    details: { via: "invitation" },
  });
  return { ok: true, userId, role: outcome.role, sessionToken: session.token, sessionExpiresAt: session.expiresAt };
}

export interface InvitationListRow {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

export async function listInvitations(
  services: Pick<AppServices, "db" | "clock">,
  municipalityId: string,
  options: { limit?: number; status?: InvitationStatus | undefined; organisationId?: string | undefined } = {},
): Promise<InvitationListRow[]> {
  const now = services.clock.now();
  let query = services.db
    .selectFrom("invitations")
    .leftJoin("organisations", "organisations.id", "invitations.organisation_id")
    .leftJoin("users as inviter", "inviter.id", "invitations.invited_by")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.created_at",
      "invitations.expires_at",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "organisations.name as organisation_name",
      "inviter.display_name as inviter_name",
      "invitations.organisation_id",
    ])
    .where("invitations.municipality_id", "=", municipalityId)
    .orderBy("invitations.created_at", "desc")
    .orderBy("invitations.email")
    .limit(options.limit ?? 200);
  if (options.organisationId) query = query.where("invitations.organisation_id", "=", options.organisationId);
  // The same rules as invitationStatus(), in SQL, so that a filter sees every match and not only the newest page.
  const at = now.toISOString();
  switch (options.status) {
    case "accepted":
      query = query.where("invitations.accepted_at", "is not", null);
      break;
    case "revoked":
      query = query.where("invitations.accepted_at", "is", null).where("invitations.revoked_at", "is not", null);
      break;
    case "expired":
      query = query
        .where("invitations.accepted_at", "is", null)
        .where("invitations.revoked_at", "is", null)
        .where("invitations.expires_at", "<=", at);
      break;
    case "open":
      query = query
        .where("invitations.accepted_at", "is", null)
        .where("invitations.revoked_at", "is", null)
        .where("invitations.expires_at", ">", at);
      break;
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    invitedByName: row.inviter_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: invitationStatus(row, now),
  }));
}

export type RevokeInvitationError = "not_found" | "not_open" | "role_not_allowed";

/** Withdraws an open invitation; only someone who may invite for its role may withdraw it. */
export async function revokeInvitation(
  services: Pick<AppServices, "db" | "clock">,
  actor: Viewer,
  invitationId: string,
): Promise<{ ok: true } | { ok: false; error: RevokeInvitationError }> {
  const invitation = await services.db
    .selectFrom("invitations")
    .select("role")
    .where("id", "=", invitationId)
    .where("municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  if (!invitation) return { ok: false, error: "not_found" };
  if (!invitableRoles(actor).includes(invitation.role)) return { ok: false, error: "role_not_allowed" };
  const now = services.clock.now().toISOString();
  const result = await services.db
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("id", "=", invitationId)
    .where("municipality_id", "=", actor.municipalityId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return { ok: false, error: "not_open" };
  await recordAudit(services, { actor, action: "invitation.revoked", target: { type: "invitation", id: invitationId } });
  return { ok: true };
}

/** When an organisation is archived its open invitations stop working (in the caller's transaction). */
export async function revokeOpenInvitationsOfOrganisation(
  services: { db: Kysely<Database> | Transaction<Database>; clock: AppServices["clock"] },
  organisationId: string,
): Promise<number> {
  const result = await services.db
    .updateTable("invitations")
    .set({ revoked_at: services.clock.now().toISOString() })
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Invitation links are long random tokens, but a client trying many of them
 * (or hammering one) is stopped: every acceptance attempt counts, per client
 * address. Returns the seconds to wait, or null to go ahead.
 */
export async function countAcceptAttempt(
  services: Pick<AppServices, "db" | "clock" | "secret" | "config">,
  clientAddress: string,
): Promise<number | null> {
  const rule = { bucket: "invite-accept", limit: services.config.rateLimits.inviteAttemptsPerHour, windowMs: 60 * 60_000 };
  const attempt = await consumeRateLimit(services, rule, clientAddress);
  return attempt.allowed ? null : retryAfterSeconds(attempt.retryAt, services.clock.now());
}
