import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import type { Role } from "#db/tables/auth.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Staff are told when someone else assigns a signal to them: a mail through
// the outbox (and a push), queued in the assignment's transaction, switchable
// per person on the account page, never with the signal's content.

describe.each(testDialects())("notifications about assigned signals on %s", (dialect) => {
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
    await services?.tasks.settled();
    await services?.database.drop();
  });

  async function signIn(role: Role, displayName: string): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role, displayName });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }
  const mailsTo = (email: string) => services.db.selectFrom("mail_outbox").select(["kind", "subject", "text_body"]).where("recipient", "=", email).execute();

  it("mails the assignee, not the one who takes it themselves, not after they switched it off, not on a refusal", async () => {
    const { user: me, client: desk } = await signIn("coordinator", "Fatima");
    const { user: colleague, client: theirDesk } = await signIn("coordinator", "Gert");
    const signal = await createSignal(services, { sender: { id: ambassador.id, organisationId: ambassador.organisationId }, freeText: "Vertrouwelijke toelichting." });

    expect((await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${colleague.id}` })).status).toBe(200);
    const mails = await mailsTo(colleague.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "signal_assigned", subject: "Er is een signaal aan u toegewezen" });
    expect(mails[0]!.text_body).toContain("Fatima heeft een signaal aan u toegewezen");
    expect(mails[0]!.text_body).toContain(`/signalen/${signal.id}`);
    expect(mails[0]!.text_body).not.toContain("Vertrouwelijke toelichting");

    // Taking it oneself: no mail.
    expect((await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${me.id}` })).status).toBe(200);
    expect(await mailsTo(me.email)).toHaveLength(0);

    // Gert switches assignment mails off (keeps the digest): none from then on.
    expect((await theirDesk.post("/account", { intent: "signal-digest", digest: "on", assigned_push: "on" })).status).toBe(302);
    expect(await services.db.selectFrom("staff_notification_optouts").select("channel").where("user_id", "=", colleague.id).execute()).toEqual([{ channel: "assigned_mail" }]);
    expect((await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${colleague.id}` })).status).toBe(200);
    expect(await mailsTo(colleague.email)).toHaveLength(1);

    // A refused assignment notifies nobody.
    const { user: officer } = await signIn("police", "Agent Henk");
    expect((await desk.post(`/signalen/${signal.id}`, { intent: "assign", assignee: `person:${officer.id}` })).status).toBe(409);
    expect(await mailsTo(officer.email)).toHaveLength(0);
  });
});
