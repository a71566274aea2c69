import type { AppServices } from "#app/services.server.ts";
import { listUsers, moveAmbassador, setUserActive } from "#app/features/auth/users.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { trainingStatusOf, type TrainingStatus } from "#app/features/training/training.server.ts";
import { inactivityFlag, readInactivityRecords, restartInactivityClock, type InactivityFlag } from "./inactivity.server.ts";

// The coordinator's roster: every ambassador with organisation, last activity
// and the inactivity flag; switch off and on, move to another organisation.

export interface RosterRow extends InactivityFlag {
  id: string;
  displayName: string;
  email: string;
  organisationId: string | null;
  organisationName: string | null;
  organisationArchived: boolean;
  lastActiveAt: string | null;
  deactivatedAt: string | null;
  training: { status: TrainingStatus; validUntil: string | null; passedModules: number };
}

export type RosterFilter = "all" | "active" | "inactive" | "deactivated";

export async function listRoster(
  services: Pick<AppServices, "db" | "clock" | "config">,
  municipalityId: string,
  options: { organisationId?: string | undefined; filter?: RosterFilter; training?: TrainingStatus | undefined } = {},
): Promise<RosterRow[]> {
  const [ambassadors, organisations, records] = await Promise.all([
    listUsers(services, municipalityId, { role: "ambassador", organisationId: options.organisationId }),
    listOrganisations(services, municipalityId, { includeArchived: true }),
    readInactivityRecords(services),
  ]);
  const archived = new Set(organisations.filter((o) => o.archivedAt).map((o) => o.id));
  const now = services.clock.now();
  const training = await trainingStatusOf(services, ambassadors.map((user) => user.id));
  const all = ambassadors.map((user) => ({
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    organisationArchived: user.organisationId !== null && archived.has(user.organisationId),
    lastActiveAt: user.lastActiveAt,
    deactivatedAt: user.deactivatedAt,
    ...inactivityFlag(services.config, now, user, records.get(user.id)),
    training: training.get(user.id) ?? { status: "not_started" as const, validUntil: null, passedModules: 0 },
  }));
  const rows = options.training ? all.filter((row) => row.training.status === options.training) : all;
  switch (options.filter) {
    case "active":
      return rows.filter((row) => !row.deactivatedAt && !row.inactiveSince);
    case "inactive":
      return rows.filter((row) => row.inactiveSince);
    case "deactivated":
      return rows.filter((row) => row.deactivatedAt);
    default:
      return rows;
  }
}

export type RosterChange =
  | { intent: "deactivate"; userId: string }
  | { intent: "reactivate"; userId: string }
  | { intent: "move"; userId: string; organisationId: string };

export type RosterChangeError = "not_found" | "not_allowed" | "self" | "not_an_ambassador" | "unknown_organisation";

export async function changeRoster(
  services: Pick<AppServices, "db" | "clock">,
  actor: Viewer,
  change: RosterChange,
): Promise<{ ok: true; changed: boolean } | { ok: false; error: RosterChangeError }> {
  if (change.intent === "move") return moveAmbassador(services, actor, change.userId, change.organisationId);
  const target = await services.db
    .selectFrom("users")
    .select("role")
    .where("id", "=", change.userId)
    .where("municipality_id", "=", actor.municipalityId)
    .executeTakeFirst();
  // The roster is for ambassadors; staff accounts are switched off on the users page.
  if (!target) return { ok: false, error: "not_found" };
  if (target.role !== "ambassador") return { ok: false, error: "not_an_ambassador" };
  const result = await setUserActive(services, actor, change.userId, change.intent === "reactivate");
  if (!result.ok) return result;
  if (change.intent === "reactivate") await restartInactivityClock(services, change.userId);
  return { ok: true, changed: true };
}
