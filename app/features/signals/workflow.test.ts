import { describe, expect, it } from "vitest";
import { signalStatuses, type SignalStatus } from "./options.ts";
import { mayTransition, transitions, workflowSide, workflowSides, type WorkflowSide } from "./workflow.ts";

// The workflow as specified, written out in full: every transition not listed
// here must be refused. A status added to signalStatuses without a decision
// for each side fails below, as does any change to the table not made here too.
const specified: Record<WorkflowSide, string[]> = {
  gemeente: [
    "received → seen",
    "received → in_progress",
    "received → forwarded_to_police",
    "received → handled",
    "seen → in_progress",
    "seen → forwarded_to_police",
    "seen → handled",
    "in_progress → forwarded_to_police",
    "in_progress → handled",
    "forwarded_to_police → in_progress",
    "forwarded_to_police → handled",
    "handled → reopened",
    "reopened → in_progress",
    "reopened → forwarded_to_police",
    "reopened → handled",
  ],
  police: [
    "received → seen",
    "received → in_progress",
    "seen → in_progress",
    "in_progress → handled",
    "forwarded_to_police → in_progress",
    "forwarded_to_police → handled",
    "reopened → in_progress",
  ],
};

describe("signal workflow", () => {
  it.each(workflowSides)("%s: every status has a decision, and the table allows exactly what is specified", (side) => {
    expect(Object.keys(transitions[side]).sort()).toEqual([...signalStatuses].sort());
    const allowed: string[] = [];
    for (const from of signalStatuses) {
      for (const to of signalStatuses) {
        if (mayTransition(side, from, to)) allowed.push(`${from} → ${to}`);
      }
    }
    expect(allowed.sort()).toEqual([...specified[side]].sort());
  });

  it("never allows staying in the same status, and the gemeente can reach every status from received", () => {
    for (const side of workflowSides) for (const status of signalStatuses) expect(mayTransition(side, status, status)).toBe(false);
    const reached = new Set<SignalStatus>(["received"]);
    for (let grown = true; grown; ) {
      grown = false;
      for (const from of [...reached]) for (const to of transitions.gemeente[from]) if (!reached.has(to)) (reached.add(to), (grown = true));
    }
    expect([...reached].sort()).toEqual([...signalStatuses].sort());
  });

  it("gives each role its side: ambassadors none", () => {
    expect(workflowSide({ role: "coordinator" })).toBe("gemeente");
    expect(workflowSide({ role: "admin" })).toBe("gemeente");
    expect(workflowSide({ role: "police" })).toBe("police");
    expect(workflowSide({ role: "ambassador" })).toBeNull();
  });
});
