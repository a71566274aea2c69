import { beforeAll, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { deactivateInactiveAmbassadors } from "#app/features/network/inactivity.server.ts";
import { runRetention } from "#app/features/retention/retention.server.ts";
import { createOrganisation, createSessionToken, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Inactive accounts are switched off (privacy rule 7): flagged after the
// configured period of inactivity, switched off after the warning period by
// the task the retention job runs. Time is moved with a fixed clock.

const DAY = 24 * 60 * 60 * 1000;
const START = "2026-01-15T09:00:00.000Z";

describeApp("inactive ambassadors on %s", { now: START, env: { AMBASSADOR_INACTIVE_MONTHS: "12", AMBASSADOR_INACTIVE_WARNING_DAYS: "30" } }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function setLastActive(userId: string, iso: string | null, created = "2024-06-01T00:00:00.000Z") {
    await services.db.updateTable("users").set({ last_active_at: iso, created_at: created }).where("id", "=", userId).execute();
  }
  const state = async (userId: string) =>
    services.db.selectFrom("users").select(["deactivated_at"]).where("id", "=", userId).executeTakeFirstOrThrow();

  it("flags after twelve months, switches off after the warning period, and ends the session", async () => {
    clock.set(START);
    const organisation = await createOrganisation(services, { name: "Club Stil" });
    const quiet = await createUser(services, { role: "ambassador", organisationId: organisation.id, displayName: "Stille Sanne" });
    const busy = await createUser(services, { role: "ambassador", organisationId: organisation.id, displayName: "Drukke Daan" });
    const never = await createUser(services, { role: "ambassador", organisationId: organisation.id, displayName: "Nooit Nina" });
    await setLastActive(quiet.id, "2025-01-10T09:00:00.000Z");
    await setLastActive(busy.id, "2025-12-20T09:00:00.000Z");
    // Invited long ago, never logged in: counted from the account's creation.
    await setLastActive(never.id, null, "2024-12-01T00:00:00.000Z");
    // An open session stays valid in the database until the check ends it.
    const sessionToken = await createSessionToken(services, quiet);

    const first = await deactivateInactiveAmbassadors(services);
    expect(first.warned.sort()).toEqual([quiet.id, never.id].sort());
    expect(first.deactivated).toEqual([]);
    expect((await state(quiet.id)).deactivated_at).toBeNull();
    const flagged = await services.db
      .selectFrom("audit_events")
      .select(["target_id", "actor_user_id", "details"])
      .where("action", "=", "ambassador.inactivity_flagged")
      .execute();
    expect(flagged.map((f) => f.target_id).sort()).toEqual([quiet.id, never.id].sort());
    expect(flagged.every((f) => f.actor_user_id === null)).toBe(true);

    // The coordinator sees the flag and the date the account will go off.
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = new HttpClient(server.url);
    staff.setSession(await createSessionToken(services, coordinator));
    const roster = visibleText((await staff.get(`/beheer/ambassadeurs?organisatie=${organisation.id}&toon=inactief`)).text);
    expect(roster).toContain("Stille Sanne");
    expect(roster).toContain("Nooit Nina");
    expect(roster).not.toContain("Drukke Daan");
    expect(roster).toContain("Langer dan 12 maanden niet actief");
    expect(roster).toContain("Gaat uit op 14 februari 2026");
    expect(visibleText((await staff.get("/beheer/netwerk")).text)).toContain("Ambassadeurs die lang niet actief waren 2");

    // Running again the same day changes nothing.
    expect(await deactivateInactiveAmbassadors(services)).toEqual({ warned: [], deactivated: [], cleared: [] });

    // Nina logs in during the warning period: the flag goes, she stays on.
    clock.advance(10 * DAY);
    const nina = new HttpClient(server.url);
    expect((await nina.post("/inloggen", { email: never.email, password: TEST_PASSWORD })).location).toBe("/start");

    clock.advance(21 * DAY);
    const second = await deactivateInactiveAmbassadors(services);
    expect(second.deactivated).toEqual([quiet.id]);
    expect(second.cleared).toEqual([never.id]);
    expect((await state(quiet.id)).deactivated_at).toBe(clock.now().toISOString());
    expect((await state(never.id)).deactivated_at).toBeNull();
    expect((await state(busy.id)).deactivated_at).toBeNull();
    expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", quiet.id).execute()).toEqual([]);
    const phone = new HttpClient(server.url);
    phone.setSession(sessionToken);
    expect((await phone.get("/start")).status).toBe(302);
    const audit = await services.db
      .selectFrom("audit_events")
      .select(["details", "actor_user_id"])
      .where("action", "=", "user.deactivated")
      .where("target_id", "=", quiet.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBeNull();
    expect(JSON.parse(audit.details)).toEqual({ reason: "inactivity", inactiveSince: "2025-01-10T09:00:00.000Z" });
  });

  it("a reactivated ambassador gets a fresh twelve months, whoever switched them on", async () => {
    clock.set(START);
    const organisation = await createOrganisation(services);
    const viaRoster = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const viaUsersPage = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    for (const user of [viaRoster, viaUsersPage]) await setLastActive(user.id, "2024-11-01T09:00:00.000Z");
    await deactivateInactiveAmbassadors(services);
    clock.advance(31 * DAY);
    const off = await deactivateInactiveAmbassadors(services);
    expect(off.deactivated).toEqual(expect.arrayContaining([viaRoster.id, viaUsersPage.id]));

    clock.advance(2 * DAY);
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = new HttpClient(server.url);
    staff.setSession(await createSessionToken(services, coordinator));
    await staff.post("/beheer/ambassadeurs", { intent: "reactivate", userId: viaRoster.id });
    const admin = await createUser(services, { role: "admin" });
    const adminClient = new HttpClient(server.url);
    adminClient.setSession(await createSessionToken(services, admin));
    await adminClient.post("/beheer/gebruikers", { intent: "reactivate", userId: viaUsersPage.id });
    expect((await state(viaRoster.id)).deactivated_at).toBeNull();
    expect((await state(viaUsersPage.id)).deactivated_at).toBeNull();
    // The roster no longer flags the one switched on there; the next check restarts the other's clock.
    const roster = (await staff.get(`/beheer/ambassadeurs?organisatie=${organisation.id}&toon=inactief`)).text;
    expect(roster).not.toContain(viaRoster.email);

    const next = await deactivateInactiveAmbassadors(services);
    expect(next.warned).not.toContain(viaRoster.id);
    expect(next.warned).not.toContain(viaUsersPage.id);
    expect(next.cleared).toContain(viaUsersPage.id);

    // Eleven months on, still within the fresh period: nothing happens to them.
    clock.advance(330 * DAY);
    const later = await deactivateInactiveAmbassadors(services);
    expect(later.warned).not.toContain(viaRoster.id);
    expect(later.warned).not.toContain(viaUsersPage.id);
    // After twelve months without a login they are flagged again.
    clock.advance(40 * DAY);
    const again = await deactivateInactiveAmbassadors(services);
    expect(again.warned).toEqual(expect.arrayContaining([viaRoster.id, viaUsersPage.id]));
  });

  it("the period and the warning are configurable", async () => {
    const short = await createTestServices(dialect, {
      clock: fixedClock("2026-06-01T00:00:00.000Z"),
      env: { AMBASSADOR_INACTIVE_MONTHS: "3", AMBASSADOR_INACTIVE_WARNING_DAYS: "7" },
    });
    try {
      const ambassador = await createUser(short, { role: "ambassador" });
      await short.db
        .updateTable("users")
        .set({ created_at: "2026-01-01T00:00:00.000Z", last_active_at: "2026-02-20T00:00:00.000Z" })
        .where("id", "=", ambassador.id)
        .execute();
      expect((await deactivateInactiveAmbassadors(short)).warned).toEqual([ambassador.id]);
      (short.clock as ReturnType<typeof fixedClock>).advance(7 * DAY);
      expect((await deactivateInactiveAmbassadors(short)).deactivated).toEqual([ambassador.id]);
    } finally {
      await short.database.drop();
    }
  });

  it("runs as a task of the retention job", async () => {
    clock.set(START);
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Verre Vera" });
    await setLastActive(ambassador.id, "2024-10-01T00:00:00.000Z");
    const first = await runRetention(services);
    expect(first?.find((r) => r.task === "inactive ambassadors")?.ok).toBe(true);
    expect((await state(ambassador.id)).deactivated_at).toBeNull();
    clock.advance(31 * DAY);
    const second = await runRetention(services);
    expect(second?.find((r) => r.task === "inactive ambassadors")?.result?.deactivated).toBeGreaterThanOrEqual(1);
    expect((await state(ambassador.id)).deactivated_at).not.toBeNull();
  });
});
