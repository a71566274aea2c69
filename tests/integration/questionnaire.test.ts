import { beforeAll, expect, it } from "vitest";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The anonymous questionnaire through the real server: answered once per
// person (also when the same form is posted twice at once), stored without a
// link to the person, refused whole on bad input, and its results shown only
// after it closed and only for groups of at least the threshold — a group
// below it, or one that would follow from the total minus the others, is
// refused with a message that says why.

describeApp("the anonymous questionnaire on %s", { now: "2027-01-10T10:00:00.000Z" }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function clientFor(user: TestUser) {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return client;
  }

  const questions = () => services.questionnaire.questions;
  /** A full set of answers: the grouping question's `group`, every other question `agree` (or its own). */
  function form(group: string, agree = "agree", own: Record<string, string> = {}): Record<string, string> {
    return Object.fromEntries(questions().map((question) => [`q-${question.id}`, own[question.id] ?? (question.group ? group : agree)]));
  }
  async function tallies() {
    return (await services.db.selectFrom("questionnaire_tallies").selectAll().orderBy("group_option").orderBy("question_id").orderBy("option_id").execute()).map((row) => ({
      ...row,
      answers: Number(row.answers),
    }));
  }

  it("takes a person's answers once, without a link to them, and refuses bad input whole", async () => {
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Olena Anoniem" });
    const client = await clientFor(ambassador);
    const page = await client.get("/vragenlijst");
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain("Meedoen is vrijwillig en anoniem.");
    const arabic = await client.get("/vragenlijst?lang=ar");
    expect(visibleText(arabic.text)).toContain("منذ متى وأنت سفير رقمي؟");

    // One question left out, one answered with another scale's option: nothing stored, each named.
    const incomplete = form("under-1-year");
    delete incomplete["q-feel-prepared"];
    incomplete["q-recommend"] = "over-2-years";
    const refused = await client.post("/vragenlijst", incomplete);
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain("Kies een antwoord.");
    expect(visibleText(refused.text)).toContain("Dat antwoord hoort niet bij deze vraag.");
    expect(await tallies()).toEqual([]);
    expect(await services.db.selectFrom("questionnaire_participants").selectAll().execute()).toEqual([]);

    // The same form posted twice at once (a double tap): counted once.
    const [one, two] = await Promise.all([client.post("/vragenlijst", form("under-1-year")), client.post("/vragenlijst", form("under-1-year"))]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect(visibleText(one.status === 200 ? one.text : two.text)).toContain("Dank u wel! Uw antwoorden zijn opgeslagen, zonder uw naam.");
    expect(visibleText(one.status === 409 ? one.text : two.text)).toContain("U hebt deze vragenlijst al ingevuld; er is niets veranderd.");
    const stored = await tallies();
    expect(stored).toHaveLength(questions().length);
    expect(stored.every((row) => row.answers === 1 && row.group_option === "under-1-year")).toBe(true);
    expect(visibleText((await client.get("/vragenlijst")).text)).toContain("U hebt deze vragenlijst al ingevuld. Dank u wel!");

    // Nothing in the answers' tables points at the person: no id, no name, no time.
    for (const table of ["questionnaire_tallies", "questionnaire_group_sizes"] as const) {
      const rows = await services.db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows);
      expect(text).not.toContain(ambassador.id);
      expect(Object.keys(rows[0]!)).not.toContainEqual(expect.stringMatching(/user|_at$|time|date/));
    }
    expect(await services.db.selectFrom("questionnaire_participants").selectAll().execute()).toEqual([{ questionnaire_id: services.questionnaire.id, user_id: ambassador.id }]);
  });

  it("shows results only after closing, only for groups of at least the threshold", async () => {
    const threshold = services.municipality.suppressionThreshold;
    const coordinator = await createUser(services, { role: "coordinator" });
    // Staff sessions are short: a fresh one after each move of the clock.
    let staff = await clientFor(coordinator);
    const early = await staff.get("/beheer/vragenlijst");
    expect(early.status).toBe(200);
    expect(visibleText(early.text)).toContain("De vragenlijst loopt nog tot en met 2027-01-31.");
    expect(visibleText(early.text)).not.toContain("Aantal deelnemers");

    // One answered in the test before (under a year); threshold − 2 more under a year, threshold between one and two years.
    const answer = async (group: string, agree: string) => {
      const person = await createUser(services, { role: "ambassador" });
      const response = await (await clientFor(person)).post("/vragenlijst", form(group, agree));
      expect(response.status).toBe(200);
    };
    for (let index = 0; index < threshold - 2; index++) await answer("under-1-year", "disagree");
    for (let index = 0; index < threshold; index++) await answer("1-2-years", index === 0 ? "agree-strongly" : "neutral");

    clock.set("2027-02-01T10:00:00.000Z");
    const ambassador = await createUser(services, { role: "ambassador" });
    const late = await (await clientFor(ambassador)).post("/vragenlijst", form("over-2-years"));
    expect(late.status).toBe(409);
    expect(visibleText(late.text)).toContain("Deze vragenlijst is gesloten.");
    expect(await services.db.selectFrom("questionnaire_group_sizes").select("group_option").where("group_option", "=", "over-2-years").execute()).toEqual([]);

    staff = await clientFor(coordinator);
    const everyone = await staff.get("/beheer/vragenlijst");
    expect(everyone.status).toBe(200);
    const text = visibleText(everyone.text);
    expect(text).toContain(`Aantal deelnemers: ${2 * threshold - 1}`);
    // feel-prepared: 1 agree (the first test), threshold − 2 disagree, 1 agree-strongly, threshold − 1 neutral.
    expect(text).toContain(`Ik voel me goed voorbereid om buurtbewoners te helpen. Antwoord Aantal Percentage Helemaal oneens 0 0% Oneens ${threshold - 2}`);

    // Under a year: threshold − 1 answers, refused; between one and two years: large enough, but the other would follow.
    const small = await staff.get("/beheer/vragenlijst?groep=under-1-year");
    expect(small.status).toBe(422);
    expect(visibleText(small.text)).toContain(`Geweigerd: deze groep heeft minder dan ${threshold} antwoorden.`);
    expect(visibleText(small.text)).not.toContain("Aantal deelnemers");
    const complement = await staff.get("/beheer/vragenlijst?groep=1-2-years");
    expect(complement.status).toBe(422);
    expect(visibleText(complement.text)).toContain(`Geweigerd: een andere groep heeft minder dan ${threshold} antwoorden`);
    expect((await staff.get("/beheer/vragenlijst?groep=nobody")).status).toBe(404);

    // One more under a year (back before the closing date): both groups are large enough now.
    clock.set("2027-01-31T20:00:00.000Z");
    await answer("under-1-year", "disagree");
    clock.set("2027-02-01T10:00:00.000Z");
    staff = await clientFor(coordinator);
    const group = await staff.get("/beheer/vragenlijst?groep=1-2-years");
    expect(group.status).toBe(200);
    const groupText = visibleText(group.text);
    expect(groupText).toContain(`Aantal deelnemers: ${threshold}`);
    expect(groupText).toContain(`Niet eens, niet oneens ${threshold - 1} ${Math.round(((threshold - 1) / threshold) * 100)}%`);
    // The grouping question itself is not a result within its own group.
    expect(groupText).not.toContain("Hoe lang bent u al digitale ambassadeur? Antwoord");
    expect(visibleText(everyone.text)).toContain("Hoe lang bent u al digitale ambassadeur? Antwoord");

    // Ambassadors never see the results.
    expect((await (await clientFor(ambassador)).get("/beheer/vragenlijst")).status).toBe(403);
  });
});
