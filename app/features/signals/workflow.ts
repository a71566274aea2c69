import { can } from "#app/features/auth/authorization.ts";
import type { Role } from "#db/tables/auth.ts";
import type { SignalStatus } from "./options.ts";

// The signal workflow as a state machine: for each side (gemeente, police) and
// each status, the statuses it may move a signal to. This table is the only
// place that says so; triage.server.ts refuses anything else and the pages
// offer only what it allows. `satisfies` makes leaving a status out of a side
// a type error, and workflow.test.ts pins the whole table.

export const workflowSides = ["gemeente", "police"] as const;
export type WorkflowSide = (typeof workflowSides)[number];

export const transitions = {
  gemeente: {
    received: ["seen", "in_progress", "forwarded_to_police", "handled"],
    seen: ["in_progress", "forwarded_to_police", "handled"],
    in_progress: ["forwarded_to_police", "handled"],
    // Police took it over; the gemeente may take it back or close it once police answered.
    forwarded_to_police: ["in_progress", "handled"],
    handled: ["reopened"],
    reopened: ["in_progress", "forwarded_to_police", "handled"],
  },
  // Police act only on signals addressed or forwarded to them (the reading scope),
  // and never reopen: a closed matter is reopened by the gemeente that owns the signal.
  police: {
    received: ["seen", "in_progress"],
    seen: ["in_progress"],
    in_progress: ["handled"],
    forwarded_to_police: ["in_progress", "handled"],
    handled: [],
    reopened: ["in_progress"],
  },
} as const satisfies Record<WorkflowSide, Record<SignalStatus, readonly SignalStatus[]>>;

/** Which side of the workflow someone acts on (from their permissions); ambassadors have none. */
export function workflowSide(viewer: { role: Role }): WorkflowSide | null {
  if (can(viewer, "signals:triage")) return "gemeente";
  if (can(viewer, "signals:police")) return "police";
  return null;
}

export function allowedTransitions(side: WorkflowSide, from: SignalStatus): readonly SignalStatus[] {
  return transitions[side][from];
}

export function mayTransition(side: WorkflowSide, from: SignalStatus, to: SignalStatus): boolean {
  return (allowedTransitions(side, from) as readonly SignalStatus[]).includes(to);
}

/**
 * Which teams each side may hand a signal or case to (a person counts as their
 * team). The gemeente owns signals and hands them to either; police hand work
 * on only within police.
 */
export const assignableTeams = {
  gemeente: ["gemeente", "police"],
  police: ["police"],
} as const satisfies Record<WorkflowSide, readonly WorkflowSide[]>;

export function mayAssignTo(side: WorkflowSide, team: WorkflowSide): boolean {
  return (assignableTeams[side] as readonly WorkflowSide[]).includes(team);
}
