import { beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, createSessionToken, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Running the network over HTTP, as a browser without JavaScript does:
// organisations, invitations many at a time, the roster, the overview.

const LINK = /http:\/\/127\.0\.0\.1:\d+\/uitnodiging\/[A-Za-z0-9_-]+/g;

describeApp("the ambassador network on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function staffClient(role: "coordinator" | "admin" = "coordinator") {
    const user = await createUser(services, { role });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }

  const organisationForm = {
    intent: "create",
    name: "Buurthuis De Mussen",
    kind: "community_centre",
    wijkId: "den-haag-wk-schildersbuurt",
    address: "Hobbemaplein 3, 2526 JB Den Haag",
    walkInHours: "Inloop: maandag 13:00–15:00",
    phone: "070-353 30 00",
    description: "Hulp bij nepberichten en DigiD.",
    via: "",
  };

  function postOrganisation(client: HttpClient, path: string, fields: Record<string, string>, languages: string[]) {
    const body = new URLSearchParams(fields);
    for (const language of languages) body.append("languages", language);
    return client.request("POST", path, { body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  async function organisationCount() {
    return (await services.db.selectFrom("organisations").select("id").execute()).length;
  }

  describe("organisations", () => {
    it("a coordinator creates an organisation with languages and a description; a code is made from the name", async () => {
      const { client } = await staffClient();
      const created = await postOrganisation(client, "/beheer/organisaties", organisationForm, ["nl", "tr", "ar"]);
      expect(created.status).toBe(302);
      expect(created.location).toMatch(/^\/beheer\/organisaties\/[0-9a-f-]{36}\?melding=aangemaakt$/);
      const row = await services.db
        .selectFrom("organisations")
        .selectAll()
        .where("name", "=", "Buurthuis De Mussen")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: "community_centre",
        wijk_id: "den-haag-wk-schildersbuurt",
        languages: "nl,tr,ar",
        description: "Hulp bij nepberichten en DigiD.",
        phone: "070-353 30 00",
        code: "buurthuis-de-mussen",
        archived_at: null,
      });
      const page = visibleText((await client.get(created.location!)).text);
      expect(page).toContain("De organisatie is toegevoegd.");
      expect(page).toContain("Nog niet: de organisatie heeft nog geen actieve ambassadeur.");
      const audit = await services.db.selectFrom("audit_events").select("action").where("target_id", "=", row.id).execute();
      expect(audit.map((a) => a.action)).toEqual(["organisation.created"]);

      // The same name again gets the next free code.
      await postOrganisation(client, "/beheer/organisaties", organisationForm, ["nl"]);
      const codes = await services.db.selectFrom("organisations").select("code").where("name", "=", "Buurthuis De Mussen").execute();
      expect(codes.map((c) => c.code).sort()).toEqual(["buurthuis-de-mussen", "buurthuis-de-mussen-2"]);
    });

    it("bad input gets a message per field and stores nothing", async () => {
      const { client } = await staffClient();
      const before = await organisationCount();

      const empty = await postOrganisation(client, "/beheer/organisaties", { intent: "create" }, []);
      expect(empty.status).toBe(400);
      const text = visibleText(empty.text);
      expect(text).toContain("Niet alles is goed ingevuld.");
      expect(text).toContain("Vul dit veld in.");
      expect(text).toContain("Kies de wijk van de organisatie.");
      expect(text).toContain("Kies minstens één taal.");

      const otherMunicipality = await postOrganisation(
        client,
        "/beheer/organisaties",
        { ...organisationForm, wijkId: "utrecht-wk-binnenstad" },
        ["nl"],
      );
      expect(otherMunicipality.status).toBe(400);
      expect(visibleText(otherMunicipality.text)).toContain("Deze wijk bestaat niet in deze gemeente.");
      // What was typed stays in the form.
      expect(otherMunicipality.text).toContain('value="Hobbemaplein 3, 2526 JB Den Haag"');

      const badCode = await postOrganisation(client, "/beheer/organisaties", { ...organisationForm, via: "Niet Goed!" }, ["nl"]);
      expect(visibleText(badCode.text)).toContain("Gebruik alleen kleine letters, cijfers en streepjes");
      const badPhone = await postOrganisation(client, "/beheer/organisaties", { ...organisationForm, phone: "bel ons maar" }, ["nl"]);
      expect(badPhone.status).toBe(400);
      expect(visibleText(badPhone.text)).toContain("Dit is geen telefoonnummer dat bewoners kunnen bellen.");
      expect(badPhone.text).toContain('value="bel ons maar"');
      const unknownLanguage = await postOrganisation(client, "/beheer/organisaties", organisationForm, ["klingon"]);
      expect(unknownLanguage.status).toBe(400);
      expect(visibleText(unknownLanguage.text)).toContain("Kies een van de mogelijkheden.");

      await createOrganisation(services, { code: "bezet" });
      const taken = await postOrganisation(client, "/beheer/organisaties", { ...organisationForm, via: "bezet" }, ["nl"]);
      expect(taken.status).toBe(409);
      expect(visibleText(taken.text)).toContain("Deze code is al in gebruik.");
      expect(taken.text).toContain('value="bezet"');

      expect(await organisationCount()).toBe(before + 1);
    });

    it("editing changes what residents see but never the code", async () => {
      const { client } = await staffClient();
      const organisation = await createOrganisation(services, { name: "Bieb Oud", code: "bieb-oud" });
      const path = `/beheer/organisaties/${organisation.id}`;
      const saved = await postOrganisation(
        client,
        path,
        { ...organisationForm, intent: "save", name: "Bieb Nieuw", via: "poging-tot-wijzigen" },
        ["nl", "pl"],
      );
      expect(saved.location).toBe(`${path}?melding=opgeslagen`);
      const row = await services.db.selectFrom("organisations").selectAll().where("id", "=", organisation.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: "Bieb Nieuw", code: "bieb-oud", languages: "nl,pl", wijk_id: "den-haag-wk-schildersbuurt" });

      const invalid = await postOrganisation(client, path, { ...organisationForm, intent: "save", name: "" }, ["nl"]);
      expect(invalid.status).toBe(400);
      expect((await services.db.selectFrom("organisations").select("name").where("id", "=", organisation.id).executeTakeFirstOrThrow()).name).toBe(
        "Bieb Nieuw",
      );
      expect((await client.get("/beheer/organisaties/bestaat-niet")).status).toBe(404);
    });

    it("archiving ends the ambassadors' access at once and stops open invitations; reopening lets them in again", async () => {
      const { client } = await staffClient();
      const organisation = await createOrganisation(services, { name: "Sportclub Archief" });
      const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
      const phone = new HttpClient(server.url);
      expect((await phone.post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD })).location).toBe("/start");
      const invited = await client.post("/beheer/uitnodigingen", { emails: "later@example.nl", role: "ambassador", organisationId: organisation.id });
      const link = new URL(invited.text.match(LINK)![0]!).pathname;

      const archived = await client.post(`/beheer/organisaties/${organisation.id}`, { intent: "archive" });
      expect(archived.location).toBe(`/beheer/organisaties/${organisation.id}?melding=gearchiveerd`);
      expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
      expect((await phone.get("/start")).location).toBe("/inloggen?terug=%2Fstart");
      const refused = await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD });
      expect(refused.status).toBe(403);
      expect(visibleText(refused.text)).toContain("Uw account staat uit.");
      const invitationPage = await new HttpClient(server.url).get(link);
      expect(invitationPage.status).toBe(410);
      expect(visibleText(invitationPage.text)).toContain("Deze uitnodiging is ingetrokken.");
      expect(visibleText((await client.get("/beheer/organisaties")).text)).not.toContain("Sportclub Archief");
      expect(visibleText((await client.get("/beheer/organisaties?archief=1")).text)).toContain("Sportclub Archief");
      // The organisation itself and its ambassador's account are kept: history stays counted.
      expect(await services.db.selectFrom("users").select("id").where("id", "=", ambassador.id).executeTakeFirst()).toBeDefined();

      await client.post(`/beheer/organisaties/${organisation.id}`, { intent: "reopen" });
      expect((await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD })).location).toBe("/start");
      const audit = await services.db.selectFrom("audit_events").select(["action", "details"]).where("target_id", "=", organisation.id).orderBy("id").execute();
      expect(audit.map((a) => a.action)).toEqual(["organisation.archived", "organisation.reopened"]);
      expect(JSON.parse(audit[0]!.details)).toEqual({ sessionsEnded: 1, invitationsRevoked: 1 });
    });

    it("a session of an archived organisation's ambassador ends on its next request even without the archive page", async () => {
      const organisation = await createOrganisation(services);
      const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
      const phone = new HttpClient(server.url);
      phone.setSession(await createSessionToken(services, ambassador));
      expect((await phone.get("/start")).status).toBe(200);
      await services.db.updateTable("organisations").set({ archived_at: clock.now().toISOString() }).where("id", "=", organisation.id).execute();
      expect((await phone.get("/start")).location).toBe("/inloggen?terug=%2Fstart");
      expect(await services.db.selectFrom("sessions").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
    });
  });

  describe("invitations", () => {
    it("invites three ambassadors at once, each with an own single-use link", async () => {
      const { client } = await staffClient();
      const organisation = await createOrganisation(services, { name: "Bibliotheek Drie" });
      const response = await client.post("/beheer/uitnodigingen", {
        emails: "een@drie.nl\nTwee <twee@drie.nl>, drie@drie.nl; een@drie.nl",
        role: "ambassador",
        organisationId: organisation.id,
      });
      expect(response.status).toBe(200);
      const text = visibleText(response.text);
      expect(text).toContain("3 uitnodigingen gemaakt");
      const links = new Map([...response.text.matchAll(/data-email="([^"]+)">(http[^<]+)</g)].map((m) => [m[1]!, m[2]!]));
      expect([...links.keys()].sort()).toEqual(["drie@drie.nl", "een@drie.nl", "twee@drie.nl"]);
      expect(new Set(links.values()).size).toBe(3);
      const rows = await services.db.selectFrom("invitations").select(["email", "organisation_id"]).where("organisation_id", "=", organisation.id).execute();
      expect(rows.map((r) => r.email).sort()).toEqual(["drie@drie.nl", "een@drie.nl", "twee@drie.nl"]);

      const accepted = await new HttpClient(server.url).post(new URL(links.get("twee@drie.nl")!).pathname, {
        displayName: "Twee",
        password: "een lange zin als wachtwoord",
        passwordConfirmation: "een lange zin als wachtwoord",
      });
      expect(accepted.location).toBe("/welkom?nieuw=1");
      // Each link is for its own address.
      const user = await services.db.selectFrom("users").select(["organisation_id"]).where("email", "=", "twee@drie.nl").executeTakeFirstOrThrow();
      expect(user.organisation_id).toBe(organisation.id);
      const list = (await client.get(`/beheer/uitnodigingen?organisatie=${organisation.id}`)).text;
      expect(list.match(/status-badge--active">open</g)?.length).toBe(2);
      expect(list.match(/status-badge--success">geaccepteerd</g)?.length).toBe(1);
    });

    it("a list with a wrong or registered address invites nobody and names the problem", async () => {
      const { client } = await staffClient();
      const organisation = await createOrganisation(services);
      const existing = await createUser(services, { role: "ambassador" });
      const before = (await services.db.selectFrom("invitations").select("id").execute()).length;

      const invalid = await client.post("/beheer/uitnodigingen", {
        emails: "goed@example.nl\nniet-goed\nook@fout",
        role: "ambassador",
        organisationId: organisation.id,
      });
      expect(invalid.status).toBe(400);
      expect(visibleText(invalid.text)).toContain("Deze 2 zijn geen geldige e-mailadressen: niet-goed, ook@fout.");
      expect(invalid.text).toContain("goed@example.nl\nniet-goed");

      const registered = await client.post("/beheer/uitnodigingen", {
        emails: `nieuw@example.nl\n${existing.email}`,
        role: "ambassador",
        organisationId: organisation.id,
      });
      expect(registered.status).toBe(409);
      expect(visibleText(registered.text)).toContain(`Er bestaat al een account met dit adres: ${existing.email}.`);

      const many = Array.from({ length: 51 }, (_, i) => `persoon${i}@example.nl`).join("\n");
      const tooMany = await client.post("/beheer/uitnodigingen", { emails: many, role: "ambassador", organisationId: organisation.id });
      expect(visibleText(tooMany.text)).toContain("Nodig hoogstens 50 mensen tegelijk uit.");

      const noOrganisation = await client.post("/beheer/uitnodigingen", { emails: "x@example.nl", role: "ambassador", organisationId: "" });
      expect(visibleText(noOrganisation.text)).toContain("Kies de organisatie van de ambassadeur.");
      const empty = await client.post("/beheer/uitnodigingen", { emails: " \n ", role: "ambassador", organisationId: organisation.id });
      expect(visibleText(empty.text)).toContain("Vul dit veld in.");

      expect((await services.db.selectFrom("invitations").select("id").execute()).length).toBe(before);
    });

    it("resending makes a new link and the old one stops working; statuses open, expired, revoked and accepted", async () => {
      const { client, user: coordinator } = await staffClient();
      const organisation = await createOrganisation(services);
      const first = await client.post("/beheer/uitnodigingen", { emails: "opnieuw@example.nl", role: "ambassador", organisationId: organisation.id });
      const oldLink = new URL(first.text.match(LINK)![0]!).pathname;
      const old = await services.db.selectFrom("invitations").select("id").where("email", "=", "opnieuw@example.nl").executeTakeFirstOrThrow();

      const resent = await client.post("/beheer/uitnodigingen", { intent: "resend", invitationId: old.id });
      expect(visibleText(resent.text)).toContain("Nieuwe link voor opnieuw@example.nl");
      const newLink = new URL(resent.text.match(LINK)![0]!).pathname;
      expect(newLink).not.toBe(oldLink);
      const oldPage = await new HttpClient(server.url).get(oldLink);
      expect(oldPage.status).toBe(410);
      expect(visibleText(oldPage.text)).toContain("Deze uitnodiging is ingetrokken.");
      expect((await new HttpClient(server.url).get(newLink)).status).toBe(200);

      const revokedList = visibleText((await client.get("/beheer/uitnodigingen?status=revoked")).text);
      expect(revokedList).toContain("opnieuw@example.nl");
      const openList = visibleText((await client.get("/beheer/uitnodigingen?status=open")).text);
      expect(openList).toContain("opnieuw@example.nl");

      clock.advance(8 * 24 * 60 * 60 * 1000);
      try {
        // A week later the coordinator's staff session has long expired: a new one.
        client.setSession(await createSessionToken(services, coordinator));
        const expiredList = visibleText((await client.get("/beheer/uitnodigingen?status=expired")).text);
        expect(expiredList).toContain("opnieuw@example.nl");
        expect(expiredList).toContain("verlopen");
        // An expired invitation can be sent again too.
        const current = await services.db
          .selectFrom("invitations")
          .select("id")
          .where("email", "=", "opnieuw@example.nl")
          .where("revoked_at", "is", null)
          .executeTakeFirstOrThrow();
        const again = await client.post("/beheer/uitnodigingen", { intent: "resend", invitationId: current.id });
        expect(again.status).toBe(200);
        const link = new URL(again.text.match(LINK)![0]!).pathname;
        await new HttpClient(server.url).post(link, {
          displayName: "Opnieuw",
          password: "een lange zin als wachtwoord",
          passwordConfirmation: "een lange zin als wachtwoord",
        });
        const accepted = await services.db.selectFrom("invitations").select("id").where("email", "=", "opnieuw@example.nl").where("accepted_at", "is not", null).executeTakeFirstOrThrow();
        const cannot = await client.post("/beheer/uitnodigingen", { intent: "resend", invitationId: accepted.id });
        expect(cannot.status).toBe(409);
        expect(visibleText(cannot.text)).toContain("Deze uitnodiging is al gebruikt");
      } finally {
        clock.set("2026-11-24T09:00:00.000Z");
      }
      const actions = await services.db.selectFrom("audit_events").select("action").where("action", "=", "invitation.resent").execute();
      expect(actions.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe("roster", () => {
    it("moves an ambassador to another organisation, switches them off and on, and filters", async () => {
      const { client } = await staffClient();
      const from = await createOrganisation(services, { name: "Club Van" });
      const to = await createOrganisation(services, { name: "Club Naar" });
      const archived = await createOrganisation(services, { name: "Club Weg" });
      await services.db.updateTable("organisations").set({ archived_at: clock.now().toISOString() }).where("id", "=", archived.id).execute();
      const ambassador = await createUser(services, { role: "ambassador", organisationId: from.id, displayName: "Roos Rooster" });

      const moved = await client.post("/beheer/ambassadeurs", { intent: "move", userId: ambassador.id, organisationId: to.id });
      expect(visibleText(moved.text)).toContain("De ambassadeur is verplaatst naar de andere organisatie.");
      expect((await services.db.selectFrom("users").select("organisation_id").where("id", "=", ambassador.id).executeTakeFirstOrThrow()).organisation_id).toBe(to.id);
      const refused = await client.post("/beheer/ambassadeurs", { intent: "move", userId: ambassador.id, organisationId: archived.id });
      expect(refused.status).toBe(400);
      expect(visibleText(refused.text)).toContain("Deze organisatie bestaat niet of is gearchiveerd.");
      const noChoice = await client.post("/beheer/ambassadeurs", { intent: "move", userId: ambassador.id, organisationId: "" });
      expect(visibleText(noChoice.text)).toContain("Kies de organisatie waar de ambassadeur naartoe gaat.");
      const staff = await createUser(services, { role: "police" });
      const notAmbassador = await client.post("/beheer/ambassadeurs", { intent: "deactivate", userId: staff.id });
      expect(notAmbassador.status).toBe(400);
      expect((await services.db.selectFrom("users").select("deactivated_at").where("id", "=", staff.id).executeTakeFirstOrThrow()).deactivated_at).toBeNull();

      const atTo = visibleText((await client.get(`/beheer/ambassadeurs?organisatie=${to.id}`)).text);
      expect(atTo).toContain("Roos Rooster");
      expect(visibleText((await client.get(`/beheer/ambassadeurs?organisatie=${from.id}`)).text)).not.toContain("Roos Rooster");

      await client.post("/beheer/ambassadeurs", { intent: "deactivate", userId: ambassador.id });
      expect(visibleText((await client.get("/beheer/ambassadeurs?toon=uitgezet")).text)).toContain("Roos Rooster");
      expect(visibleText((await client.get("/beheer/ambassadeurs?toon=actief")).text)).not.toContain("Roos Rooster");
      await client.post("/beheer/ambassadeurs", { intent: "reactivate", userId: ambassador.id });
      expect(visibleText((await client.get("/beheer/ambassadeurs?toon=actief")).text)).toContain("Roos Rooster");
      const audit = await services.db.selectFrom("audit_events").select(["action", "details"]).where("target_id", "=", ambassador.id).orderBy("id").execute();
      expect(audit.map((a) => a.action)).toEqual(["user.moved", "user.deactivated", "user.reactivated"]);
      expect(JSON.parse(audit[0]!.details)).toEqual({ from: from.id, to: to.id });
    });
  });

  describe("network overview", () => {
    it("shows organisations and active ambassadors per stadsdeel, wijken without one, and pending invitations", async () => {
      // A fresh database, so the counts are this test's own.
      const own = await createTestServices(dialect, { clock });
      const ownServer = await startTestServer(own);
      try {
        const coordinator = await createUser(own, { role: "coordinator" });
        const client = new HttpClient(ownServer.url);
        client.setSession(await createSessionToken(own, coordinator));
        const moerwijk = await createOrganisation(own, { wijk: "Moerwijk" });
        const duindorp = await createOrganisation(own, { wijk: "Duindorp" });
        const gone = await createOrganisation(own, { wijk: "Ypenburg" });
        await own.db.updateTable("organisations").set({ archived_at: clock.now().toISOString() }).where("id", "=", gone.id).execute();
        await createUser(own, { role: "ambassador", organisationId: moerwijk.id });
        await createUser(own, { role: "ambassador", organisationId: moerwijk.id });
        const off = await createUser(own, { role: "ambassador", organisationId: duindorp.id });
        await own.db.updateTable("users").set({ deactivated_at: clock.now().toISOString() }).where("id", "=", off.id).execute();
        await client.post("/beheer/uitnodigingen", { emails: "wacht@example.nl", role: "ambassador", organisationId: duindorp.id });

        const page = await client.get("/beheer/netwerk");
        expect(page.status).toBe(200);
        const text = visibleText(page.text);
        expect(text).toContain("Organisaties 2 Actieve ambassadeurs 2");
        expect(text).toContain("Openstaande uitnodigingen 1");
        expect(text).toContain("Escamp 1 2 1 van 8");
        expect(text).toContain("Scheveningen 1 0 1 van 8");
        expect(text).toContain("Leidschenveen-Ypenburg 0 0 0 van 4");
        // Ypenburg's only organisation is archived: it is a wijk to recruit in.
        expect(text).toMatch(/Leidschenveen-Ypenburg Ypenburg, Forepark/);
        expect(text).not.toMatch(/Escamp [^.]*Moerwijk/);
        expect(text).toContain("wacht@example.nl");
      } finally {
        await ownServer.close();
        await own.database.drop();
      }
    });
  });
});
