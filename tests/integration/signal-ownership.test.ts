import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import type { Role } from "#db/tables/auth.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Who works on a signal, over HTTP on both databases: assigning to a team or a
// person, the "mine", "my team's" and "unassigned" queues, refusals that change
// nothing, every (re)assignment audited, and work handed back to the team when
// its person is switched off.

describe.each(testDialects())("signal ownership on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let ambassador: TestUser;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
    ambassador = await createUser(services, { role: "ambassador" });
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  let people = 0;
  async function signIn(role: Role): Promise<{ user: TestUser & { displayName: string }; client: HttpClient }> {
    const displayName = `Medewerker ${role} ${++people}`;
    const user = { ...(await createUser(services, { role, displayName })), displayName };
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }
  const sender = () => ({ id: ambassador.id, organisationId: ambassador.organisationId });
  const idsOn = (html: string) => [...html.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const row = (id: string) => services.db.selectFrom("signals").select(["assigned_team", "assigned_to", "status"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("a coordinator takes a signal, it moves from 'unassigned' to 'mine' and 'my team's'; reassignment is audited", async () => {
    const { user: me, client: desk } = await signIn("coordinator");
    const { user: colleague } = await signIn("coordinator");
    const signal = await createSignal(services, { sender: sender(), recipients: "gemeente" });

    expect(idsOn((await desk.get("/signalen?wachtrij=unassigned")).text)).toContain(signal.id);
    expect(idsOn((await desk.get("/signalen?wachtrij=mine")).text)).not.toContain(signal.id);

    const taken = await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${me.id}` });
    expect(taken.status).toBe(200);
    expect(visibleText(taken.text)).toContain("Het signaal is toegewezen.");
    expect(visibleText(taken.text)).toContain(`Nu toegewezen aan: ${me.displayName} (Team gemeente)`);
    expect(await row(signal.id)).toMatchObject({ assigned_team: "gemeente", assigned_to: me.id });
    expect(idsOn((await desk.get("/signalen?wachtrij=mine")).text)).toContain(signal.id);
    expect(idsOn((await desk.get("/signalen?wachtrij=team")).text)).toContain(signal.id);
    expect(idsOn((await desk.get("/signalen?wachtrij=unassigned")).text)).not.toContain(signal.id);
    expect(visibleText((await desk.get("/signalen?wachtrij=mine")).text)).toContain(me.displayName);

    await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${colleague.id}` });
    await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: "team:gemeente" });
    const audited = await services.db.selectFrom("audit_events").select(["details", "actor_user_id"]).where("action", "=", "signal.assigned").where("target_id", "=", signal.id).orderBy("id").execute();
    expect(audited.map((a) => [a.actor_user_id, JSON.parse(a.details)])).toEqual([
      [me.id, { fromTeam: null, fromPerson: null, toTeam: "gemeente", toPerson: me.id }],
      [me.id, { fromTeam: "gemeente", fromPerson: me.id, toTeam: "gemeente", toPerson: colleague.id }],
      [me.id, { fromTeam: "gemeente", fromPerson: colleague.id, toTeam: "gemeente", toPerson: null }],
    ]);
    // Handled work leaves the queues.
    await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "handled" });
    expect(idsOn((await desk.get("/signalen?wachtrij=team")).text)).not.toContain(signal.id);
  });

  it("refuses an assignee who may not see it, another side's team, an ambassador or nonsense: nothing changes, the refusal is audited", async () => {
    const { client: desk } = await signIn("coordinator");
    const { user: officer, client: police } = await signIn("police");
    const { user: coordinator } = await signIn("coordinator");
    const forGemeente = await createSignal(services, { sender: sender(), recipients: "gemeente" });
    const forPolice = await createSignal(services, { sender: sender(), recipients: "politie" });

    const unseen = await desk.post(`/signalen/${forGemeente.id}`, { intent: "assign", assignee: `person:${officer.id}` });
    expect(unseen.status).toBe(409);
    expect(visibleText(unseen.text)).toContain("De politie kan dit signaal niet zien: stuur het eerst door naar de politie.");
    expect((await desk.post(`/signalen/${forGemeente.id}`, { intent: "assign", assignee: "team:police" })).status).toBe(409);
    const toAmbassador = await desk.post(`/signalen/${forGemeente.id}`, { intent: "assign", assignee: `person:${ambassador.id}` });
    expect(toAmbassador.status).toBe(409);
    expect(visibleText(toAmbassador.text)).toContain("Deze persoon bestaat niet of staat uit.");
    const nonsense = await desk.post(`/signalen/${forGemeente.id}`, { intent: "assign", assignee: "somebody" });
    expect(nonsense.status).toBe(400);
    expect(visibleText(nonsense.text)).toContain("Kies aan wie u het signaal toewijst.");
    expect(await row(forGemeente.id)).toMatchObject({ assigned_team: null, assigned_to: null });

    const sideways = await police.post(`/signalen/${forPolice.id}`, { intent: "assign", assignee: `person:${coordinator.id}` });
    expect(sideways.status).toBe(409);
    expect(visibleText(sideways.text)).toContain("U kunt dit signaal niet aan dit team of deze persoon toewijzen.");
    expect((await police.post(`/signalen/${forGemeente.id}`, { intent: "assign", assignee: `person:${officer.id}` })).status).toBe(403);
    const refusals = await services.db.selectFrom("audit_events").select("target_id").where("action", "=", "signal.assignment_refused").where("target_id", "in", [forGemeente.id, forPolice.id]).execute();
    expect(refusals).toHaveLength(4);

    // Police take a signal addressed to them; their choice lists police only.
    const page = await police.get(`/signalen/${forPolice.id}`);
    expect(page.text).toContain(`value="person:${officer.id}"`);
    expect(page.text).not.toContain(`value="person:${coordinator.id}"`);
    expect(page.text).not.toContain('value="team:gemeente"');
    expect((await police.post(`/signalen/${forPolice.id}`, { intent: "assign", assignee: `person:${officer.id}` })).status).toBe(200);
    expect(idsOn((await police.get("/signalen?wachtrij=mine")).text)).toEqual([forPolice.id]);
  });

  it("someone switched off hands their open work back to their team; handled work keeps its name", async () => {
    const { client: admin } = await signIn("admin");
    const { user: leaving, client: desk } = await signIn("coordinator");
    const open = await createSignal(services, { sender: sender(), recipients: "gemeente" });
    const done = await createSignal(services, { sender: sender(), recipients: "gemeente" });
    for (const id of [open.id, done.id]) await desk.post(`/signalen/${id}`, { intent: "assign", assignee: `person:${leaving.id}` });
    await desk.post(`/signalen/${done.id}`, { intent: "status", status: "handled" });

    const off = await admin.post("/beheer/gebruikers", { intent: "deactivate", userId: leaving.id });
    expect(off.status).toBe(200);
    expect(await row(open.id)).toMatchObject({ assigned_team: "gemeente", assigned_to: null });
    expect(await row(done.id)).toMatchObject({ assigned_team: "gemeente", assigned_to: leaving.id });
    const returned = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.assignments_returned").where("target_id", "=", leaving.id).execute();
    expect(returned.map((r) => JSON.parse(r.details))).toEqual([{ signals: 1, cases: 0 }]);
    expect(idsOn((await admin.get("/signalen?wachtrij=unassigned")).text)).toContain(open.id);
    // A switched-off person is no longer offered.
    expect((await admin.get(`/signalen/${open.id}`)).text).not.toContain(`value="person:${leaving.id}"`);
  });
});
