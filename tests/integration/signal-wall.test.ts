import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { fixedClock } from "#app/clock.ts";
import type { Role } from "#db/tables/auth.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The municipality's signal settings (targets, who sees the wall indicator)
// and the indicator itself, over HTTP on both databases: shown to those the
// setting allows when the other side is busy with the same phenomenon in the
// same wijk in the same period, audited each time, and neither shown nor
// leaked to anyone else.

describe.each(testDialects())("signal settings and the wall indicator on %s", (dialect) => {
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

  async function signIn(role: Role): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }
  const sender = () => ({ id: ambassador.id, organisationId: ambassador.organisationId });
  const POLICE_BUSY = "Politie heeft hier ook een lopende zaak";
  const GEMEENTE_BUSY = "De gemeente heeft hier ook een lopende zaak";

  it("an administrator sets the targets and the indicator's audience; bad input changes nothing; audited", async () => {
    const { user, client } = await signIn("admin");
    expect(visibleText((await client.get("/beheer/signalen")).text)).toContain("Instellingen voor signalen");
    const saved = await client.post("/beheer/signalen", { urgent: "2", normal: "7", wall: "gemeente" });
    expect(saved.status).toBe(200);
    expect(visibleText(saved.text)).toContain("De instellingen zijn opgeslagen.");
    const row = () => services.db.selectFrom("municipalities").select(["signal_target_days_urgent", "signal_target_days_normal", "signal_wall_indicator"]).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ signal_target_days_urgent: 2, signal_target_days_normal: 7, signal_wall_indicator: "gemeente" });

    for (const [form, message] of [
      [{ urgent: "0", normal: "5", wall: "both" }, "Minstens 1 werkdag."],
      [{ urgent: "1.5", normal: "5", wall: "both" }, "Vul een heel aantal werkdagen in."],
      [{ urgent: "", normal: "5", wall: "both" }, "Vul een aantal werkdagen in."],
      [{ urgent: "1", normal: "31", wall: "both" }, "Hoogstens 30 werkdagen."],
      [{ urgent: "6", normal: "5", wall: "both" }, "Spoed kan niet langer duren dan normaal."],
      [{ urgent: "1", normal: "5", wall: "iedereen" }, "Kies een van de mogelijkheden."],
    ] as const) {
      const refused = await client.post("/beheer/signalen", form);
      expect(refused.status, JSON.stringify(form)).toBe(400);
      expect(visibleText(refused.text)).toContain(message);
    }
    expect(await row()).toEqual({ signal_target_days_urgent: 2, signal_target_days_normal: 7, signal_wall_indicator: "gemeente" });
    const audited = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal_settings.changed").where("actor_user_id", "=", user.id).execute();
    expect(audited.map((a) => JSON.parse(a.details))).toEqual([{ fromUrgent: 1, toUrgent: 2, fromNormal: 5, toNormal: 7, fromWall: "both", toWall: "gemeente" }]);
    await client.post("/beheer/signalen", { urgent: "1", normal: "5", wall: "both" });
  });

  it("the coordinator sees that police are busy nearby, without details, audited; police see the gemeente's open case; the setting narrows it", async () => {
    await services.db.updateTable("municipalities").set({ signal_wall_indicator: "both" }).execute();
    const { user: coordinator, client: desk } = await signIn("coordinator");
    const { user: officer, client: police } = await signIn("police");
    // Police work on one phishing signal in Moerwijk (assigned to their team), with a note only they read.
    const theirs = await createSignal(services, { sender: sender(), recipients: "politie", phenomenon: "phishing", wijk: "Moerwijk" });
    await police.post(`/signalen/${theirs.id}`, { intent: "assign", assignee: `person:${officer.id}` });
    await police.post(`/signalen/${theirs.id}`, { intent: "note", body: "Onderzoek naar de afzender loopt." });
    const mine = await createSignal(services, { sender: sender(), recipients: "both", phenomenon: "phishing", wijk: "Moerwijk" });
    const elsewhere = await createSignal(services, { sender: sender(), recipients: "both", phenomenon: "phishing", wijk: "Centrum" });
    const otherKind = await createSignal(services, { sender: sender(), recipients: "both", phenomenon: "fake-webshop", wijk: "Moerwijk" });

    const page = await desk.get(`/signalen/${mine.id}`);
    expect(visibleText(page.text)).toContain(POLICE_BUSY);
    // Nothing of the police's matter behind the wall: not their note (the signal itself the gemeente may see anyway).
    expect(page.text).not.toContain("Onderzoek naar de afzender");
    expect(visibleText(page.text)).not.toContain(officer.id);
    expect(visibleText((await desk.get(`/signalen/${elsewhere.id}`)).text)).not.toContain(POLICE_BUSY);
    expect(visibleText((await desk.get(`/signalen/${otherKind.id}`)).text)).not.toContain(POLICE_BUSY);
    const shown = await services.db.selectFrom("audit_events").select(["target_id", "details"]).where("action", "=", "signal.wall_indicator_shown").where("actor_user_id", "=", coordinator.id).execute();
    expect(shown).toEqual([{ target_id: mine.id, details: JSON.stringify({ otherSide: "police" }) }]);

    // The gemeente bundles another phishing signal in Moerwijk into an open case: police see that, no more.
    const bundled = await createSignal(services, { sender: sender(), recipients: "gemeente", phenomenon: "phishing", wijk: "Moerwijk" });
    const caseId = randomUUID();
    await services.db.insertInto("signal_cases").values({ id: caseId, municipality_id: services.municipality.id, title: "Geheime zaaknaam", created_by: coordinator.id, created_at: clock.now().toISOString() }).execute();
    await services.db.updateTable("signals").set({ case_id: caseId }).where("id", "=", bundled.id).execute();
    const policePage = await police.get(`/signalen/${mine.id}`);
    expect(visibleText(policePage.text)).toContain(GEMEENTE_BUSY);
    expect(policePage.text).not.toContain("Geheime zaaknaam");
    expect(policePage.text).not.toContain(bundled.id);
    // Once the case is closed, the gemeente is no longer busy there.
    await services.db.updateTable("signal_cases").set({ status: "closed" }).where("id", "=", caseId).execute();
    expect(visibleText((await police.get(`/signalen/${mine.id}`)).text)).not.toContain(GEMEENTE_BUSY);
    await services.db.updateTable("signal_cases").set({ status: "open" }).where("id", "=", caseId).execute();

    // The setting narrows who sees it: police only — the coordinator no longer sees it, and it is not audited.
    await services.db.updateTable("municipalities").set({ signal_wall_indicator: "police" }).execute();
    expect(visibleText((await desk.get(`/signalen/${mine.id}`)).text)).not.toContain(POLICE_BUSY);
    expect(visibleText((await police.get(`/signalen/${mine.id}`)).text)).toContain(GEMEENTE_BUSY);
    await services.db.updateTable("municipalities").set({ signal_wall_indicator: "none" }).execute();
    expect(visibleText((await police.get(`/signalen/${mine.id}`)).text)).not.toContain(GEMEENTE_BUSY);
    const coordinatorShowings = await services.db.selectFrom("audit_events").select("id").where("action", "=", "signal.wall_indicator_shown").where("actor_user_id", "=", coordinator.id).execute();
    expect(coordinatorShowings).toHaveLength(1);
    // The ambassador's view of their own signal never has it.
    await services.db.updateTable("municipalities").set({ signal_wall_indicator: "both" }).execute();
    const phone = new HttpClient(server.url);
    phone.setSession(await createSessionToken(services, ambassador));
    const own = await phone.get(`/mijn-signalen/${mine.id}`);
    expect(own.status).toBe(200);
    expect(visibleText(own.text)).not.toContain(POLICE_BUSY);
  });
});
