import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Bulk actions from the inbox, over HTTP as a browser without JavaScript posts
// them, on both databases: a first post only says how many signals the action
// will change; the confirmation does it, all or nothing. A selection with a
// signal the person may not see, a step the workflow refuses, or a signal
// changed since the confirmation changes nothing and is audited as refused.

describe.each(testDialects())("bulk actions on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  let people = 0;
  async function signIn(role: Role): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role, displayName: `Medewerker ${role} ${++people}` });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }
  async function sender() {
    const organisation = await createOrganisation(services);
    const user = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    return { id: user.id, organisationId: organisation.id };
  }
  /** Posts a form with repeated fields (the checkboxes), as a browser does. */
  function post(client: HttpClient, fields: [string, string][]): Promise<TestResponse> {
    return client.request("POST", "/signalen", { body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });
  }
  /** The hidden fields of the confirmation form, to post back as the confirm button does. */
  function confirmationFields(html: string): [string, string][] {
    const form = /<form[^>]*>(?:(?!<\/form>)[\s\S])*name="intent" value="bulk_confirm"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
    return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]);
  }
  const unescapeHtml = (value: string) =>
    value.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const statuses = async (ids: string[]) =>
    Object.fromEntries((await services.db.selectFrom("signals").select(["id", "status"]).where("id", "in", ids).execute()).map((r) => [r.id, r.status]));

  it("marks a selection seen after a confirmation that says how many; those already further stay as they are", async () => {
    const from = await sender();
    const { user, client } = await signIn("coordinator");
    const fresh = [await createSignal(services, { sender: from }), await createSignal(services, { sender: from }), await createSignal(services, { sender: from })];
    const further = await createSignal(services, { sender: from, status: "in_progress" });
    const ids = [...fresh, further].map((s) => s.id);

    const asked = await post(client, [["intent", "bulk"], ["bulkAction", "seen"], ...ids.map((id): [string, string] => ["ids", id])]);
    expect(asked.status).toBe(200);
    const text = visibleText(asked.text);
    expect(text).toContain("U markeert 3 signalen als gezien.");
    expect(text).toContain("1 gekozen signaal blijft zoals het is.");
    expect(text).toContain("Ja, 3 signalen");
    // Nothing happens before the confirmation.
    expect(Object.values(await statuses(ids)).sort()).toEqual(["in_progress", "received", "received", "received"]);

    const done = await post(client, confirmationFields(asked.text));
    expect(done.status).toBe(200);
    expect(visibleText(done.text)).toContain("3 signalen zijn bijgewerkt.");
    expect(await statuses(ids)).toEqual({ [fresh[0]!.id]: "seen", [fresh[1]!.id]: "seen", [fresh[2]!.id]: "seen", [further.id]: "in_progress" });
    // Each change is the workflow's own (history and audit), and the bulk action is audited as one.
    const changes = await services.db.selectFrom("signal_status_changes").select("signal_id").where("signal_id", "in", ids).execute();
    expect(changes).toHaveLength(3);
    const bulk = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.bulk_action").where("actor_user_id", "=", user.id).execute();
    expect(bulk.map((b) => JSON.parse(b.details))).toEqual([{ action: "seen", selected: 4, changed: 3 }]);
  });

  it("assigns, links into a new case and closes with one response", async () => {
    const from = await sender();
    const { user: me, client } = await signIn("coordinator");
    const signals = [await createSignal(services, { sender: from }), await createSignal(services, { sender: from, status: "seen" })];
    const ids = signals.map((s) => s.id);
    const run = async (fields: [string, string][]) => {
      const asked = await post(client, [["intent", "bulk"], ...fields, ...ids.map((id): [string, string] => ["ids", id])]);
      expect(asked.status, visibleText(asked.text).slice(0, 300)).toBe(200);
      return post(client, confirmationFields(asked.text));
    };

    expect((await run([["bulkAction", "assign"], ["bulkAssignee", `person:${me.id}`]])).status).toBe(200);
    const assigned = await services.db.selectFrom("signals").select(["assigned_to"]).where("id", "in", ids).execute();
    expect(assigned.map((r) => r.assigned_to)).toEqual([me.id, me.id]);

    expect((await run([["bulkAction", "link"], ["bulkCaseTitle", "Golf van pakketsms'jes"]])).status).toBe(200);
    const linked = await services.db.selectFrom("signals").innerJoin("signal_cases", "signal_cases.id", "signals.case_id").select(["signal_cases.title"]).where("signals.id", "in", ids).execute();
    expect(linked.map((r) => r.title)).toEqual(["Golf van pakketsms'jes", "Golf van pakketsms'jes"]);

    const closed = await run([["bulkAction", "close"], ["bulkResponse", "Dank u, we hebben de wijkagent gewaarschuwd. Bel 06-12345678 als er meer is."]]);
    expect(visibleText(closed.text)).toContain("2 signalen zijn bijgewerkt.");
    expect(Object.values(await statuses(ids))).toEqual(["handled", "handled"]);
    const feedback = await services.db.selectFrom("signal_notes").select(["body"]).where("signal_id", "in", ids).where("kind", "=", "feedback").execute();
    expect(feedback).toHaveLength(2);
    // The one response is scrubbed like every other.
    for (const note of feedback) expect(note.body).not.toContain("06-12345678");
  });

  it("refuses a selection with a signal the person may not see: a 403, nothing changed, audited", async () => {
    const from = await sender();
    const { user, client } = await signIn("police");
    const theirs = await createSignal(services, { sender: from, recipients: "politie" });
    const notTheirs = await createSignal(services, { sender: from, recipients: "gemeente" });
    const asked = await post(client, [["intent", "bulk"], ["bulkAction", "seen"], ["ids", theirs.id], ["ids", notTheirs.id]]);
    expect(asked.status).toBe(403);
    // Straight to the confirmation, with a version made up: refused the same way.
    const forced = await post(client, [["intent", "bulk_confirm"], ["bulkAction", "seen"], ["versie", `${theirs.id}|${theirs.updated_at}`], ["versie", `${notTheirs.id}|${notTheirs.updated_at}`]]);
    expect(forced.status).toBe(403);
    expect(await statuses([theirs.id, notTheirs.id])).toEqual({ [theirs.id]: "received", [notTheirs.id]: "received" });
    const refused = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.bulk_refused").where("actor_user_id", "=", user.id).execute();
    expect(refused.map((r) => JSON.parse(r.details))).toEqual([
      { action: "seen", count: 2, reason: "forbidden" },
      { action: "seen", count: 2, reason: "forbidden" },
    ]);
    // Police may not close with a response to the ambassador, nor link into a case.
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "close"], ["bulkResponse", "Klaar."], ["ids", theirs.id]])).status).toBe(403);
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "link"], ["bulkCaseTitle", "Zaak"], ["ids", theirs.id]])).status).toBe(403);
  });

  it("a step the workflow refuses for one signal refuses the whole, naming it", async () => {
    const from = await sender();
    const { client } = await signIn("police");
    const ready = await createSignal(services, { sender: from, recipients: "politie", status: "received" });
    const assigned = await post(client, [["intent", "bulk"], ["bulkAction", "assign"], ["bulkAssignee", "team:gemeente"], ["ids", ready.id]]);
    expect(assigned.status).toBe(200);
    const refused = await post(client, confirmationFields(assigned.text));
    expect(refused.status).toBe(409);
    expect(visibleText(refused.text)).toContain("Er is niets veranderd: U kunt dit signaal niet aan dit team of deze persoon toewijzen.");
    expect((await services.db.selectFrom("signals").select("assigned_team").where("id", "=", ready.id).executeTakeFirstOrThrow()).assigned_team).toBeNull();
  });

  it("a signal changed after the confirmation was shown: 'changed meanwhile', nothing changed", async () => {
    const from = await sender();
    const { client } = await signIn("coordinator");
    const { client: colleague } = await signIn("coordinator");
    const a = await createSignal(services, { sender: from });
    const b = await createSignal(services, { sender: from });
    const asked = await post(client, [["intent", "bulk"], ["bulkAction", "seen"], ["ids", a.id], ["ids", b.id]]);
    expect(visibleText(asked.text)).toContain("U markeert 2 signalen als gezien.");
    clock.advance(60_000);
    expect((await colleague.post(`/signalen/${b.id}`, { intent: "status", status: "in_progress" })).status).toBe(200);
    const late = await post(client, confirmationFields(asked.text));
    expect(late.status).toBe(409);
    expect(visibleText(late.text)).toContain("Een van de gekozen signalen is intussen door iemand anders gewijzigd. Er is niets veranderd");
    expect(await statuses([a.id, b.id])).toEqual({ [a.id]: "received", [b.id]: "in_progress" });
  });

  it("bad input: no selection, no action, too many, unknown signals — a clear 4xx and nothing changed", async () => {
    const from = await sender();
    const { client } = await signIn("coordinator");
    const one = await createSignal(services, { sender: from });
    const none = await post(client, [["intent", "bulk"], ["bulkAction", "seen"]]);
    expect(none.status).toBe(400);
    expect(visibleText(none.text)).toContain("Kies eerst een of meer signalen.");
    const noAction = await post(client, [["intent", "bulk"], ["ids", one.id]]);
    expect(noAction.status).toBe(400);
    expect(visibleText(noAction.text)).toContain("Kies wat u met de gekozen signalen wilt doen.");
    const many = await post(client, [["intent", "bulk"], ["bulkAction", "seen"], ...Array.from({ length: 101 }, (_, i): [string, string] => ["ids", `id-${i}`])]);
    expect(many.status).toBe(400);
    expect(visibleText(many.text)).toContain("Kies hoogstens 100 signalen tegelijk.");
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "seen"], ["ids", one.id], ["ids", "00000000-0000-4000-8000-000000000000"]])).status).toBe(404);
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "assign"], ["bulkAssignee", "iemand"], ["ids", one.id]])).status).toBe(400);
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "close"], ["bulkResponse", " "], ["ids", one.id]])).status).toBe(400);
    expect((await post(client, [["intent", "bulk"], ["bulkAction", "link"], ["ids", one.id]])).status).toBe(400);
    expect(await statuses([one.id])).toEqual({ [one.id]: "received" });
  });
});
