import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { addressedToPolice } from "./options.ts";
import { notifyAssigned } from "./notifications.server.ts";
import { audit, withSignal, type TriageResult } from "./triage.server.ts";
import { assignableTeams, mayAssignTo, workflowSide, type WorkflowSide } from "./workflow.ts";

// Who works on a signal: a team (a side of the workflow) and optionally one
// person in it. Every assignment is audited with who it went from and to;
// a refusal changes nothing and is audited too. A person who is switched off
// hands their open work back to their team (hand-back.server.ts).

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

export type Assignee = { kind: "team"; team: WorkflowSide } | { kind: "person"; userId: string } | { kind: "nobody" };

/** The form's value for an assignee: "team:gemeente", "person:<id>" or "nobody". */
export function parseAssignee(value: string): Assignee | null {
  if (value === "nobody") return { kind: "nobody" };
  const [kind, rest] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  if (kind === "team" && (rest === "gemeente" || rest === "police")) return { kind: "team", team: rest };
  if (kind === "person" && rest.length > 0 && rest.length <= 100) return { kind: "person", userId: rest };
  return null;
}

export interface AssigneeChoices {
  teams: WorkflowSide[];
  people: { id: string; name: string; team: WorkflowSide }[];
}

function teamOfRole(role: Role): WorkflowSide | null {
  return workflowSide({ role });
}

/** Whom this person may hand work to: their side's teams and the active staff in them. */
export async function assigneeChoices(services: Pick<AppServices, "db">, viewer: Viewer): Promise<AssigneeChoices> {
  const side = workflowSide(viewer);
  if (!side) return { teams: [], people: [] };
  const teams = [...assignableTeams[side]];
  const rows = await services.db
    .selectFrom("users")
    .select(["id", "display_name", "role"])
    .where("municipality_id", "=", viewer.municipalityId)
    .where("deactivated_at", "is", null)
    .where("role", "!=", "ambassador")
    .orderBy("display_name")
    .execute();
  const people = rows.flatMap((row) => {
    const team = teamOfRole(row.role);
    return team && (teams as WorkflowSide[]).includes(team) ? [{ id: row.id, name: row.display_name, team }] : [];
  });
  return { teams, people };
}

/**
 * Hands the signal to a team or a person. Only to someone who may see it
 * (police only get signals addressed or forwarded to politie), who is active,
 * and whom the assigner's side may hand work to.
 */
export function assignSignal(services: Services, viewer: Viewer, signalId: string, assignee: Assignee): Promise<TriageResult> {
  return withSignal(services, viewer, signalId, "signals:inbox", async (trx, row, now) => {
    const side = workflowSide(viewer);
    if (!side) return { ok: false, error: "forbidden" };
    let team: WorkflowSide | null = null;
    let person: string | null = null;
    let refused: TriageResult | null = null;
    if (assignee.kind === "team") team = assignee.team;
    if (assignee.kind === "person") {
      const target = await trx
        .selectFrom("users")
        .select(["id", "role", "deactivated_at"])
        .where("id", "=", assignee.userId)
        .where("municipality_id", "=", viewer.municipalityId)
        .executeTakeFirst();
      team = target && target.deactivated_at === null ? teamOfRole(target.role) : null;
      if (!team) refused = { ok: false, error: "assignee_unknown" };
      person = assignee.userId;
    }
    if (!refused && team && !mayAssignTo(side, team)) refused = { ok: false, error: "assignee_not_allowed" };
    if (!refused && assignee.kind === "nobody" && side !== "gemeente") refused = { ok: false, error: "assignee_not_allowed" };
    if (!refused && team === "police" && !addressedToPolice(row.recipients)) refused = { ok: false, error: "assignee_cannot_see" };
    if (refused) {
      await audit(trx, services, viewer, "signal.assignment_refused", row.id, { team, person, reason: refused.ok ? null : refused.error });
      return refused;
    }
    if (row.assigned_team === team && row.assigned_to === person) return { ok: false, error: "unchanged" };
    const updated = await trx
      .updateTable("signals")
      .set({ assigned_team: team, assigned_to: person, updated_at: now })
      .where("id", "=", row.id)
      .where((eb) => (row.assigned_to === null ? eb("assigned_to", "is", null) : eb("assigned_to", "=", row.assigned_to)))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, error: "changed_meanwhile" };
    await audit(trx, services, viewer, "signal.assigned", row.id, {
      fromTeam: row.assigned_team,
      fromPerson: row.assigned_to,
      toTeam: team,
      toPerson: person,
    });
    if (person) await notifyAssigned(trx, services, viewer, person, row.id);
    return { ok: true };
  });
}
