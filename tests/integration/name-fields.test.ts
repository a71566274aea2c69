import { beforeAll, expect, it } from "vitest";
import { createInvitation } from "#app/features/auth/invitations.server.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Names that others read — an organisation's on the public page, a person's
// in the staff pages — refuse invisible characters: a right-to-left override
// turns "Bibliotheek kees" into something else on screen, a zero-width space
// makes two names look the same. Nothing is stored; rows from before the rule
// are shown without them.

const RLO = "\u202E";
const NL_MESSAGE = "Een naam mag geen onzichtbare tekens bevatten";
const EN_MESSAGE = "A name may not contain invisible characters";

describeApp("name fields on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function signIn(role: "ambassador" | "coordinator") {
    const user = await createUser(services, { role });
    const client = new HttpClient(server.url);
    const token = await createSessionToken(services, user);
    client.setSession(token);
    return { user, client, token };
  }

  function postWithLanguages(client: HttpClient, path: string, fields: Record<string, string>, languages: string[]) {
    const body = new URLSearchParams(fields);
    for (const language of languages) body.append("languages", language);
    return client.request("POST", path, { body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  const organisationForm = {
    name: "Buurthuis De Mussen",
    kind: "community_centre",
    wijkId: "den-haag-wk-schildersbuurt",
    address: "Hobbemaplein 3, 2526 JB Den Haag",
    walkInHours: "Inloop: maandag 13:00–15:00",
    description: "Hulp bij nepberichten en DigiD.",
    via: "",
  };

  it("a new organisation whose name holds a right-to-left override is refused with a field error, and nothing is stored", async () => {
    const { client } = await signIn("coordinator");
    const before = await services.db.selectFrom("organisations").select("id").execute();
    const response = await postWithLanguages(client, "/beheer/organisaties", { ...organisationForm, intent: "create", name: `Bibliotheek ${RLO}kees` }, ["nl"]);
    expect(response.status).toBe(400);
    expect(visibleText(response.text)).toContain(NL_MESSAGE);
    expect(await services.db.selectFrom("organisations").select("id").execute()).toHaveLength(before.length);
    expect((await services.db.selectFrom("organisations").select("name").execute()).some((row) => row.name.includes(RLO))).toBe(false);

    // The same form in English says so in English.
    const english = await postWithLanguages(client, "/beheer/organisaties?lang=en", { ...organisationForm, intent: "create", name: `Library\u200B Moerwijk` }, ["nl"]);
    expect(english.status).toBe(400);
    expect(visibleText(english.text)).toContain(EN_MESSAGE);
  });

  it("renaming an organisation to a name with a zero-width space or a direction mark changes nothing", async () => {
    const { client } = await signIn("coordinator");
    const organisation = await createOrganisation(services, { name: "Bieb Oud" });
    const path = `/beheer/organisaties/${organisation.id}`;
    for (const name of [`Bieb\u200BNieuw`, `Bieb \u200FNieuw`, `Bieb \u2066Nieuw\u2069`, `Bieb\u00ADNieuw`]) {
      const response = await postWithLanguages(client, path, { ...organisationForm, intent: "save", name }, ["nl"]);
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(visibleText(response.text)).toContain(NL_MESSAGE);
    }
    const row = await services.db.selectFrom("organisations").select("name").where("id", "=", organisation.id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Bieb Oud");
    // A name in another script, with accents, is a name.
    const saved = await postWithLanguages(client, path, { ...organisationForm, intent: "save", name: "Kütüphane Çarşı – مكتبة" }, ["nl"]);
    expect(saved.status).toBe(302);
  });

  it("a display name with a right-to-left override is refused on the account page, and the old name stays", async () => {
    const { user, client } = await signIn("ambassador");
    const response = await client.post("/account", { intent: "profile", displayName: `${RLO}sreV naJ`, language: "" });
    expect(response.status).toBe(400);
    expect(visibleText(response.text)).toContain(NL_MESSAGE);
    const row = await services.db.selectFrom("users").select("display_name").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe("Test ambassador");
  });

  it("accepting an invitation with an invisible character in the name creates no account", async () => {
    const { token } = await signIn("coordinator");
    const coordinator = (await findViewerBySessionToken(services, token))!;
    const organisation = await createOrganisation(services);
    const invitation = await createInvitation(services, coordinator, { email: "nieuw.rlo@example.nl", role: "ambassador", organisationId: organisation.id }, server.url);
    if (!invitation.ok) throw new Error(invitation.error);
    const path = new URL(invitation.url).pathname;
    const response = await new HttpClient(server.url).post(path, {
      displayName: `Jan${RLO}`,
      password: "mijn eigen lange zin",
      passwordConfirmation: "mijn eigen lange zin",
    });
    expect(response.status).toBe(400);
    expect(visibleText(response.text)).toContain(NL_MESSAGE);
    expect(await services.db.selectFrom("users").select("id").where("email", "=", "nieuw.rlo@example.nl").execute()).toEqual([]);
  });

  it("the public page shows an organisation stored with invisible characters without them", async () => {
    const organisation = await createOrganisation(services, { name: `Bibliotheek ${RLO}kees\u202C\u200B Zuid`, wijk: "Duindorp" });
    await services.db
      .updateTable("organisations")
      .set({ address: `Kerkweg 1\u2066, Den Haag`, walk_in_hours: `dinsdag\u200F 14:00`, description: `Welkom\u2067 bij ons.` })
      .where("id", "=", organisation.id)
      .execute();
    await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const page = await new HttpClient(server.url).get("/ambassadeurs");
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F]/u);
    const text = visibleText(page.text);
    expect(text).toContain("Bibliotheek kees Zuid");
    expect(text).toContain("Kerkweg 1, Den Haag");
    expect(text).toContain("Welkom bij ons.");
  });
});
