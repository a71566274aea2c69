import type { Kysely, Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Database } from "#db/schema.ts";
import type { Role } from "#db/tables/auth.ts";
import { handBackOpenWork } from "#app/features/signals/hand-back.server.ts";
import { workflowSide } from "#app/features/signals/workflow.ts";
import { can } from "./authorization.ts";
import { deleteAllSessions } from "./session.server.ts";
import type { Viewer } from "./viewer.ts";

type Services = Pick<AppServices, "db" | "clock">;

export interface UserListRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  createdAt: string;
  lastActiveAt: string | null;
  deactivatedAt: string | null;
}

export async function listUsers(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  filter: { role?: Role; organisationId?: string | undefined } = {},
): Promise<UserListRow[]> {
  let query = services.db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.organisation_id",
      "users.created_at",
      "users.last_active_at",
      "users.deactivated_at",
      "organisations.name as organisation_name",
    ])
    .where("users.municipality_id", "=", municipalityId)
    .orderBy("users.display_name");
  if (filter.role) query = query.where("users.role", "=", filter.role);
  if (filter.organisationId) query = query.where("users.organisation_id", "=", filter.organisationId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    deactivatedAt: row.deactivated_at,
  }));
}

export type UserChangeError = "not_found" | "not_allowed" | "self";

/** Coordinators switch ambassadors off and on; administrators anyone but themselves. */
export async function setUserActive(
  services: Services,
  actor: Viewer,
  userId: string,
  active: boolean,
): Promise<{ ok: true } | { ok: false; error: UserChangeError }> {
  if (userId === actor.id) return { ok: false, error: "self" };
  const target = await services.db
    .selectFrom("users")
    .select(["id", "role", "deactivated_at"])
    .where("id", "=", userId)
    .where("municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  if (!target) return { ok: false, error: "not_found" };
  const allowed = target.role === "ambassador" ? can(actor, "ambassadors:manage") : can(actor, "users:manage");
  if (!allowed) return { ok: false, error: "not_allowed" };
  if ((target.deactivated_at === null) === active) return { ok: true };

  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ deactivated_at: active ? null : services.clock.now().toISOString() })
      .where("id", "=", userId)
      .execute();
    // Deactivation ends every open session at once, and their open signals and cases go back to their team.
    if (!active) {
      await deleteAllSessions({ db: trx }, userId);
      await handBackOpenWork({ db: trx, clock: services.clock }, userId, actor, actor.municipalityId);
    }
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor, action: active ? "user.reactivated" : "user.deactivated", target: { type: "user", id: userId } },
    );
  });
  return { ok: true };
}

export type RoleChangeError = UserChangeError | "organisation_required" | "unknown_organisation";

export async function changeUserRole(
  services: Services,
  actor: Viewer,
  userId: string,
  role: Role,
  organisationId: string | null,
): Promise<{ ok: true } | { ok: false; error: RoleChangeError }> {
  if (!can(actor, "users:manage")) return { ok: false, error: "not_allowed" };
  if (userId === actor.id) return { ok: false, error: "self" };
  const target = await services.db
    .selectFrom("users")
    .select(["id", "role", "organisation_id"])
    .where("id", "=", userId)
    .where("municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  if (!target) return { ok: false, error: "not_found" };
  let nextOrganisation: string | null = null;
  if (role === "ambassador") {
    const wanted = organisationId ?? target.organisation_id;
    if (!wanted) return { ok: false, error: "organisation_required" };
    const organisation = await services.db
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", wanted)
      .where("municipality_id", "=", actor.municipalityId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!organisation) return { ok: false, error: "unknown_organisation" };
    nextOrganisation = organisation.id;
  }
  if (target.role === role && target.organisation_id === nextOrganisation) return { ok: true };
  await services.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ role, organisation_id: nextOrganisation }).where("id", "=", userId).execute();
    // Someone who moves to another side of the signal workflow (or off it) no longer holds its work.
    if (workflowSide({ role }) !== workflowSide({ role: target.role })) {
      await handBackOpenWork({ db: trx, clock: services.clock }, userId, actor, actor.municipalityId);
    }
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor,
        action: "user.role_changed",
        target: { type: "user", id: userId },
        details: { from: target.role, to: role },
      },
    );
  });
  return { ok: true };
}

export async function logOutEverywhere(services: Services, viewer: Viewer): Promise<number> {
  const ended = await deleteAllSessions(services, viewer.id);
  await recordAudit(services, {
    actor: viewer,
    action: "auth.logout_everywhere",
    target: { type: "user", id: viewer.id },
    details: { sessions: ended },
  });
  return ended;
}

export async function setUserLanguage(services: Pick<AppServices, "db">, userId: string, language: string): Promise<void> {
  await services.db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}

export type MoveError = UserChangeError | "not_an_ambassador" | "unknown_organisation";

/** Moves an ambassador to another (open) organisation of the same municipality. */
export async function moveAmbassador(
  services: Services,
  actor: Viewer,
  userId: string,
  organisationId: string,
): Promise<{ ok: true; changed: boolean } | { ok: false; error: MoveError }> {
  if (!can(actor, "ambassadors:manage")) return { ok: false, error: "not_allowed" };
  const target = await services.db
    .selectFrom("users")
    .select(["id", "role", "organisation_id"])
    .where("id", "=", userId)
    .where("municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  if (!target) return { ok: false, error: "not_found" };
  if (target.role !== "ambassador") return { ok: false, error: "not_an_ambassador" };
  const organisation = await services.db
    .selectFrom("organisations")
    .select("id")
    .where("id", "=", organisationId)
    .where("municipality_id", "=", actor.municipalityId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  if (!organisation) return { ok: false, error: "unknown_organisation" };
  if (target.organisation_id === organisation.id) return { ok: true, changed: false };
  await services.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ organisation_id: organisation.id }).where("id", "=", userId).execute();
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor,
        action: "user.moved",
        target: { type: "user", id: userId },
        details: { from: target.organisation_id, to: organisation.id },
      },
    );
  });
  return { ok: true, changed: true };
}

/** Active (not switched off) ambassadors per organisation, for counts on overviews and the public page. */
export async function countActiveAmbassadors(
  services: Pick<AppServices, "db">,
  municipalityId: string,
): Promise<Map<string, number>> {
  const rows = await services.db
    .selectFrom("users")
    .select(["organisation_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("municipality_id", "=", municipalityId)
    .where("role", "=", "ambassador")
    .where("deactivated_at", "is", null)
    .where("organisation_id", "is not", null)
    .groupBy("organisation_id")
    .execute();
  return new Map(rows.map((row) => [row.organisation_id!, Number(row.count)]));
}

type TransactionServices = { db: Kysely<Database> | Transaction<Database> };

/**
 * Switches an account off without a person doing it (the inactivity check),
 * in the caller's transaction; the caller audits. False when it was already off.
 */
export async function deactivateAccount(services: TransactionServices, userId: string, at: Date): Promise<boolean> {
  const result = await services.db
    .updateTable("users")
    .set({ deactivated_at: at.toISOString() })
    .where("id", "=", userId)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await deleteAllSessions(services as { db: Kysely<Database> }, userId);
  return true;
}

/** Ends the sessions of every member of an organisation (it was archived), in the caller's transaction. */
export async function endSessionsOfOrganisation(services: TransactionServices, organisationId: string): Promise<number> {
  const result = await services.db
    .deleteFrom("sessions")
    .where("user_id", "in", (eb) => eb.selectFrom("users").select("id").where("organisation_id", "=", organisationId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
