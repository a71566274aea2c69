import { beforeAll, expect, it } from "vitest";
import { ambassadorsForWijken, getNotificationWijken } from "#app/features/profile/notification-preferences.server.ts";
import { createOrganisation, createSessionToken, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { passSecondFactor } from "#tests/support/second-factor.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// An ambassador's own account: details, wijken for warnings, password,
// sessions, the data export and deleting the account (their GDPR rights).

describeApp("the ambassador's own account on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function loggedIn(email: string, userAgent?: string) {
    const client = new HttpClient(server.url, userAgent ? { userAgent } : {});
    const user = await services.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    // Staff pass the second step (an authenticator-app code) too.
    const response = await passSecondFactor(client, services, user, await client.post("/inloggen", { email, password: TEST_PASSWORD }));
    expect(response.location).toBe("/start");
    return client;
  }

  /** The wijken ticked in the account page's form. */
  const checkedWijken = (html: string) => [...html.matchAll(/name="wijken" checked="" value="([^"]+)"/g)].map((m) => m[1]);

  function postForm(client: HttpClient, path: string, fields: [string, string][]) {
    return client.request("POST", path, {
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  it("changes name and language; the language applies to the next page", async () => {
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Oude Naam" });
    const client = await loggedIn(ambassador.email);
    const saved = await client.post("/account", { intent: "profile", displayName: "  Nieuwe Naam ", language: "en" });
    expect(saved.location).toBe("/account?melding=gegevens");
    const page = await client.get(saved.location!);
    expect(visibleText(page.text)).toContain("Your details have been saved.");
    expect(visibleText(page.text)).toContain("Logged in as Nieuwe Naam");
    const empty = await client.post("/account", { intent: "profile", displayName: "", language: "xx" });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.text)).toContain("Fill in this field.");
    const row = await services.db.selectFrom("users").select(["display_name", "language"]).where("id", "=", ambassador.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: "Nieuwe Naam", language: "en" });
  });

  it("chooses wijken for warnings: the organisation's by default, at least one, only existing ones", async () => {
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const neighbour = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const client = await loggedIn(ambassador.email);

    const page = await client.get("/account");
    expect(visibleText(page.text)).toContain("Nu is dat de wijk van uw organisatie.");
    expect(checkedWijken(page.text)).toEqual(["den-haag-wk-moerwijk"]);

    const none = await postForm(client, "/account", [["intent", "notifications"]]);
    expect(none.status).toBe(400);
    expect(visibleText(none.text)).toContain("Kies minstens één wijk.");
    const foreign = await postForm(client, "/account", [["intent", "notifications"], ["wijken", "den-haag-wk-moerwijk"], ["wijken", "elders-wk-x"]]);
    expect(visibleText(foreign.text)).toContain("Een van de gekozen wijken bestaat niet in deze gemeente.");
    expect(await services.db.selectFrom("notification_preferences").select("wijk_id").where("user_id", "=", ambassador.id).execute()).toEqual([]);

    const saved = await postForm(client, "/account", [["intent", "notifications"], ["wijken", "den-haag-wk-duindorp"], ["wijken", "den-haag-wk-laakkwartier-en-spoorwijk"]]);
    expect(saved.location).toBe("/account?melding=wijken");
    expect(await getNotificationWijken(services, { id: ambassador.id, municipalityId: services.municipality.id, organisationId: organisation.id })).toEqual({
      wijkIds: ["den-haag-wk-duindorp", "den-haag-wk-laakkwartier-en-spoorwijk"],
      chosen: true,
    });
    const after = await client.get("/account");
    expect(checkedWijken(after.text).sort()).toEqual(["den-haag-wk-duindorp", "den-haag-wk-laakkwartier-en-spoorwijk"]);

    // For the warnings capability: who wants warnings for a wijk, by choice or through their organisation.
    const duindorp = await ambassadorsForWijken(services, services.municipality.id, ["den-haag-wk-duindorp"]);
    const moerwijk = await ambassadorsForWijken(services, services.municipality.id, ["den-haag-wk-moerwijk"]);
    expect(duindorp).toContain(ambassador.id);
    expect(duindorp).not.toContain(neighbour.id);
    expect(moerwijk).toContain(neighbour.id);
    expect(moerwijk).not.toContain(ambassador.id);

    // Staff have no wijken to choose.
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = await loggedIn(coordinator.email);
    expect(visibleText((await staff.get("/account")).text)).not.toContain("Waarschuwingen voor mijn wijken");
    expect((await postForm(staff, "/account", [["intent", "notifications"], ["wijken", "den-haag-wk-duindorp"]])).status).toBe(403);
  });

  it("lists own sessions by device, ends one of them, and a password change logs out the others", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const phone = await loggedIn(ambassador.email, "Mozilla/5.0 (Linux; Android 15) Chrome/150.0 Mobile Safari/537.36");
    const laptop = await loggedIn(ambassador.email, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
    const tablet = await loggedIn(ambassador.email, "Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) Safari/605.1");

    const page = await phone.get("/account");
    const text = visibleText(page.text);
    expect(text).toMatch(/Chrome · Android \( dit apparaat \)/);
    expect(text).toContain("Firefox · Windows");
    expect(text).toContain("Safari · iOS");
    const tabletSession = (await services.db.selectFrom("sessions").select(["id", "device"]).where("user_id", "=", ambassador.id).execute()).find(
      (s) => s.device === "Safari · iOS",
    )!;
    const ended = await phone.post("/account", { intent: "end-session", sessionId: tabletSession.id });
    expect(ended.location).toBe("/account?melding=sessie");
    expect((await tablet.get("/start")).status).toBe(302);
    expect((await laptop.get("/start")).status).toBe(200);

    // Someone else's session cannot be ended from here.
    const other = await createUser(services, { role: "ambassador" });
    const otherClient = await loggedIn(other.email);
    const otherSession = await services.db.selectFrom("sessions").select("id").where("user_id", "=", other.id).executeTakeFirstOrThrow();
    expect((await phone.post("/account", { intent: "end-session", sessionId: otherSession.id })).status).toBe(404);
    expect((await otherClient.get("/start")).status).toBe(200);

    const wrong = await phone.post("/account", {
      intent: "password",
      currentPassword: "niet mijn wachtwoord",
      newPassword: "een nieuw lang wachtwoord",
      newPasswordConfirmation: "een nieuw lang wachtwoord",
    });
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.text)).toContain("Dit wachtwoord klopt niet.");
    const mismatch = await phone.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "een nieuw lang wachtwoord",
      newPasswordConfirmation: "iets anders",
    });
    expect(visibleText(mismatch.text)).toContain("De twee wachtwoorden zijn niet gelijk.");
    const changed = await phone.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "een nieuw lang wachtwoord",
      newPasswordConfirmation: "een nieuw lang wachtwoord",
    });
    expect(changed.location).toBe("/account?melding=wachtwoord");
    expect((await phone.get("/start")).status).toBe(200);
    expect((await laptop.get("/start")).status).toBe(302);
    expect((await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: "een nieuw lang wachtwoord" })).location).toBe(
      "/start",
    );
  });

  it("the data export holds the ambassador's profile, sessions and preferences, and nothing of other users", async () => {
    const organisation = await createOrganisation(services, { name: "Bibliotheek Export", wijk: "Duindorp" });
    const coordinator = await createUser(services, { role: "coordinator", displayName: "Coördinator Geheim", email: "coordinator.geheim@example.nl" });
    const colleague = await createUser(services, {
      role: "ambassador",
      organisationId: organisation.id,
      displayName: "Collega Geheim",
      email: "collega.geheim@example.nl",
    });
    const staff = await loggedIn(coordinator.email);
    const invited = await staff.post("/beheer/uitnodigingen", { emails: "export@example.nl", role: "ambassador", organisationId: organisation.id });
    const link = new URL(/http:\/\/127\.0\.0\.1:\d+\/uitnodiging\/[A-Za-z0-9_-]+/.exec(invited.text)![0]).pathname;
    const me = new HttpClient(server.url, { userAgent: "Mozilla/5.0 (Linux; Android 15) Chrome/150.0 Mobile Safari/537.36" });
    await me.post(link, { displayName: "Ik Exporteer", password: "mijn eigen lange zin", passwordConfirmation: "mijn eigen lange zin" });
    const user = await services.db.selectFrom("users").select("id").where("email", "=", "export@example.nl").executeTakeFirstOrThrow();
    await postForm(me, "/account", [["intent", "notifications"], ["wijken", "den-haag-wk-duindorp"], ["wijken", "den-haag-wk-moerwijk"]]);
    await loggedIn(colleague.email);
    const mine = await createSignal(services, { sender: { id: user.id, organisationId: organisation.id }, phenomenon: "phishing", wijk: "Duindorp", freeText: "Nepmail over een pakketje." });
    const erased = await createSignal(services, { sender: { id: user.id, organisationId: organisation.id }, freeText: null });
    await services.db.updateTable("signals").set({ free_text_erased_at: "2026-11-20T09:00:00.000Z" }).where("id", "=", erased.id).execute();
    // A colleague's signal from the same organisation is theirs, not mine.
    await createSignal(services, { sender: { id: colleague.id, organisationId: organisation.id }, freeText: "Van de collega." });
    // The coordinator acts on the ambassador: that is the coordinator's activity, not the ambassador's.
    await staff.post("/beheer/ambassadeurs", { intent: "move", userId: user.id, organisationId: organisation.id });

    const response = await me.get("/account/mijn-gegevens");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="wijkwijs-mijn-gegevens-2026-11-24.json"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const data = JSON.parse(response.text);
    expect(data.profile).toMatchObject({
      email: "export@example.nl",
      displayName: "Ik Exporteer",
      role: "ambassador",
      organisation: { name: "Bibliotheek Export", wijk: "Duindorp", stadsdeel: "Scheveningen" },
      invitation: { createdAt: "2026-11-24T09:00:00.000Z", acceptedAt: "2026-11-24T09:00:00.000Z" },
    });
    expect(data.sessions).toEqual([
      {
        device: "Chrome · Android",
        createdAt: "2026-11-24T09:00:00.000Z",
        lastSeenAt: "2026-11-24T09:00:00.000Z",
        expiresAt: "2027-02-22T09:00:00.000Z",
        current: true,
      },
    ]);
    expect(data.preferences).toEqual({
      language: "nl",
      notificationWijken: [
        { id: "den-haag-wk-duindorp", name: "Duindorp" },
        { id: "den-haag-wk-moerwijk", name: "Moerwijk" },
      ],
      notificationWijkenChosen: true,
      pushDevices: [],
      monthlyOverviewByMail: false,
      signalResponsesByMail: false,
    });
    expect(data.activity.map((a: { action: string }) => a.action)).toEqual([
      "invitation.accepted",
      "auth.login",
      "profile.notification_wijken_changed",
    ]);
    // The signals this person sent, as stored: the scrubbed text, or none once erased.
    expect(data.signals.map((s: { id: string }) => s.id).sort()).toEqual([mine.id, erased.id].sort());
    expect(data.signals.find((s: { id: string }) => s.id === mine.id)).toMatchObject({ phenomenon: "phishing", wijk: "Duindorp", freeText: "Nepmail over een pakketje." });
    expect(data.signals.find((s: { id: string }) => s.id === erased.id)).toMatchObject({ freeText: null, freeTextErasedAt: "2026-11-20T09:00:00.000Z" });
    expect(response.text).not.toContain("Van de collega.");

    // The same as a page to read: dates as people write them, actions in words.
    const page = await me.get("/account/mijn-gegevens/overzicht");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("Mijn gegevens in Wijkwijs");
    expect(text).toContain("Ik Exporteer");
    expect(text).toContain("Signalen die u stuurde");
    expect(text).toContain("Nepmail over een pakketje.");
    expect(text).toContain("De tekst is gewist na de bewaartermijn.");
    expect(text).not.toContain("Van de collega.");
    expect(text).toContain("Uitnodiging aangenomen");
    expect(text).toContain("Ingelogd");
    expect(text).toContain("Wijken voor waarschuwingen gekozen");
    expect(text).not.toContain("auth.login");
    expect(text).toContain("24 november 2026");
    expect(text).not.toContain("2026-11-24");
    for (const foreign of ["Coördinator Geheim", "coordinator.geheim@example.nl", "Collega Geheim", "collega.geheim@example.nl"]) {
      expect(page.text).not.toContain(foreign);
    }

    // Nothing of anyone else: not their names, addresses or ids, and no session tokens or ids.
    const sessionIds = (await services.db.selectFrom("sessions").select("id").execute()).map((s) => s.id);
    for (const foreign of ["Coördinator Geheim", "coordinator.geheim@example.nl", "Collega Geheim", "collega.geheim@example.nl", coordinator.id, colleague.id, ...sessionIds]) {
      expect(response.text).not.toContain(foreign);
    }
    expect(me.sessionToken).toBeDefined();
    expect(response.text).not.toContain(me.sessionToken!);
    expect(response.text).not.toContain("password");
    const audit = await services.db.selectFrom("audit_events").select("actor_user_id").where("action", "=", "account.exported").execute();
    // The download and the page are each recorded as the person's own access.
    expect(audit.map((a) => a.actor_user_id)).toEqual([user.id, user.id]);

    expect((await new HttpClient(server.url).get("/account/mijn-gegevens")).location).toBe("/inloggen?terug=%2Faccount%2Fmijn-gegevens");
  });

  it("deleting the account needs the password, removes the person and their data, and keeps the audit trail by id", async () => {
    const organisation = await createOrganisation(services);
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = await loggedIn(coordinator.email);
    const invited = await staff.post("/beheer/uitnodigingen", { emails: "weg@example.nl", role: "ambassador", organisationId: organisation.id });
    const link = new URL(/http:\/\/127\.0\.0\.1:\d+\/uitnodiging\/[A-Za-z0-9_-]+/.exec(invited.text)![0]).pathname;
    const me = new HttpClient(server.url);
    await me.post(link, { displayName: "Weg", password: "mijn eigen lange zin", passwordConfirmation: "mijn eigen lange zin" });
    const user = await services.db.selectFrom("users").select("id").where("email", "=", "weg@example.nl").executeTakeFirstOrThrow();
    const signal = await createSignal(services, { sender: { id: user.id, organisationId: organisation.id }, freeText: "Nepmail over een pakketje." });
    await postForm(me, "/account", [["intent", "notifications"], ["wijken", "den-haag-wk-duindorp"]]);
    const second = new HttpClient(server.url);
    await second.post("/inloggen", { email: "weg@example.nl", password: "mijn eigen lange zin" });

    const page = await me.get("/account/verwijderen");
    expect(visibleText(page.text)).toContain("Signalen die u hebt verstuurd blijven bewaard voor gemeente en politie, maar zonder verband met u.");
    const unconfirmed = await me.post("/account/verwijderen", { password: "mijn eigen lange zin" });
    expect(unconfirmed.status).toBe(400);
    expect(visibleText(unconfirmed.text)).toContain("Vink aan dat u uw account echt wilt verwijderen.");
    const wrong = await me.post("/account/verwijderen", { password: "fout", confirm: "ja" });
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.text)).toContain("Dit wachtwoord klopt niet.");
    expect(await services.db.selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirst()).toBeDefined();

    const deleted = await me.post("/account/verwijderen", { password: "mijn eigen lange zin", confirm: "ja" });
    expect(deleted.location).toBe("/account/verwijderen?verwijderd=1");
    expect(me.sessionToken).toBeUndefined();
    expect(visibleText((await me.get(deleted.location!)).text)).toContain("Uw account is verwijderd");

    expect(await services.db.selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirst()).toBeUndefined();
    // Their signals stay for gemeente and police, still the organisation's, without a link to them.
    const kept = await services.db.selectFrom("signals").selectAll().where("id", "=", signal.id).executeTakeFirstOrThrow();
    expect(kept.created_by).toBeNull();
    expect(kept.organisation_id).toBe(organisation.id);
    expect(kept.free_text).toBe("Nepmail over een pakketje.");
    expect(JSON.stringify(kept)).not.toContain(user.id);
    expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await services.db.selectFrom("notification_preferences").select("wijk_id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await services.db.selectFrom("invitations").select("id").where("email", "=", "weg@example.nl").execute()).toEqual([]);
    expect((await second.get("/start")).status).toBe(302);
    expect((await new HttpClient(server.url).post("/inloggen", { email: "weg@example.nl", password: "mijn eigen lange zin" })).status).toBe(400);

    const trail = await services.db.selectFrom("audit_events").select("action").where("actor_user_id", "=", user.id).orderBy("id").execute();
    expect(trail.map((t) => t.action)).toContain("account.deleted");
    const log = visibleText((await staff.get("/beheer/audit?actie=account.deleted")).text);
    expect(log).toContain("verwijderd account");
    expect(log).not.toContain("weg@example.nl");
    expect(JSON.stringify(await services.db.selectFrom("audit_events").selectAll().execute())).not.toContain("weg@example.nl");
  });

  it("staff cannot delete their account here", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, coordinator));
    expect(visibleText((await client.get("/account")).text)).toContain("wordt verwijderd door een beheerder");
    expect((await client.post("/account/verwijderen", { password: TEST_PASSWORD, confirm: "ja" })).status).toBe(403);
    expect(await services.db.selectFrom("users").select("id").where("id", "=", coordinator.id).executeTakeFirst()).toBeDefined();
  });

  it("the introduction can be walked through and reopened", async () => {
    const organisation = await createOrganisation(services, { name: "Club Intro" });
    const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, ambassador));
    const first = visibleText((await client.get("/welkom")).text);
    expect(first).toContain("Stap 1 van 4");
    expect(first).toContain("Als ambassadeur bij Club Intro");
    expect(first).not.toContain("Uw account is klaar.");
    const signals = visibleText((await client.get("/welkom?stap=2")).text);
    expect(signals).toContain("Een signaal gaat over wat er speelt, nooit over een persoon");
    expect(signals).toContain("Niet: namen, telefoonnummers");
    const last = await client.get("/welkom?stap=4");
    expect(visibleText(last.text)).toContain("Naar mijn startpagina");
    expect(last.text).not.toContain('href="/welkom?stap=5"');
    expect(visibleText((await client.get("/welkom?stap=99")).text)).toContain("Stap 1 van 4");
    const start = await client.get("/start");
    expect(start.text).toContain('href="/welkom"');
  });
});
