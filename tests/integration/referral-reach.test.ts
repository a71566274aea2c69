import { beforeAll, expect, it } from "vitest";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Referral reach: a share link (?via=<organisation code>) is counted per flow
// or tip, per organisation, per ISO week — and nothing else is stored.

const phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

// Tuesday 24 November 2026, ISO week 48.
describeApp("referral reach on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  const { clock, dialect } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function rows(organisationId: string) {
    return services.db.selectFrom("referral_visits").selectAll().where("organisation_id", "=", organisationId).orderBy("iso_week").orderBy("target_id").execute();
  }

  it("a visit through a share link adds one to that week's count for the flow and organisation, and stores nothing else", async () => {
    const library = await createOrganisation(services, { name: "Bibliotheek Escamp", code: "bieb-escamp" });
    const resident = new HttpClient(server.url, { userAgent: phone });
    const first = await resident.get("/hulp/phishing?via=bieb-escamp&lang=tr");
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie()).toEqual([]);
    await services.tasks.settled();
    expect(await rows(library.id)).toEqual([
      { target_kind: "flow", target_id: "phishing", organisation_id: library.id, iso_week: "2026-W48", visits: 1 },
    ]);

    await resident.get("/hulp/phishing?via=bieb-escamp");
    await new HttpClient(server.url, { userAgent: phone }).get("/tips/bank-no-safe-account?via=bieb-escamp");
    await services.tasks.settled();
    const stored = await rows(library.id);
    expect(stored).toEqual([
      { target_kind: "tip", target_id: "bank-no-safe-account", organisation_id: library.id, iso_week: "2026-W48", visits: 1 },
      { target_kind: "flow", target_id: "phishing", organisation_id: library.id, iso_week: "2026-W48", visits: 2 },
    ].sort((a, b) => a.target_id.localeCompare(b.target_id)));
    // The row is the whole record: no address, no user agent, no cookie, no time of day.
    expect(Object.keys(stored[0]!).sort()).toEqual(["iso_week", "organisation_id", "target_id", "target_kind", "visits"]);
    const everything = JSON.stringify(await services.db.selectFrom("referral_visits").selectAll().execute());
    expect(everything).not.toContain("127.0.0.1");
    expect(everything).not.toContain("Android");

    clock.advance(7 * 24 * 60 * 60 * 1000);
    try {
      await resident.get("/hulp/phishing?via=bieb-escamp");
      await services.tasks.settled();
      const weeks = (await rows(library.id)).filter((row) => row.target_id === "phishing").map((row) => [row.iso_week, row.visits]);
      expect(weeks).toEqual([
        ["2026-W48", 2],
        ["2026-W49", 1],
      ]);
    } finally {
      clock.set("2026-11-24T09:00:00.000Z");
    }
  });

  it("bots, link previews, prefetches, HEAD requests, unknown codes and visits without a code are not counted", async () => {
    const club = await createOrganisation(services, { code: "vv-rijswijkseplein" });
    await new HttpClient(server.url, { userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }).get("/hulp/phishing?via=vv-rijswijkseplein");
    await new HttpClient(server.url, { userAgent: "WhatsApp/2.24.20.79 A" }).get("/hulp/phishing?via=vv-rijswijkseplein");
    await new HttpClient(server.url, { userAgent: phone }).get("/hulp/phishing?via=vv-rijswijkseplein", { "sec-purpose": "prefetch" });
    await new HttpClient(server.url, { userAgent: phone }).request("HEAD", "/hulp/phishing?via=vv-rijswijkseplein");
    const unknown = await new HttpClient(server.url, { userAgent: phone }).get("/hulp/phishing?via=bestaat-niet");
    expect(unknown.status).toBe(200);
    await new HttpClient(server.url, { userAgent: phone }).get("/hulp/phishing");
    await services.tasks.settled();
    expect(await rows(club.id)).toEqual([]);
    // The same visit by a person is counted: the exclusions above are what kept the count at zero.
    await new HttpClient(server.url, { userAgent: phone }).get("/hulp/phishing?via=vv-rijswijkseplein");
    await services.tasks.settled();
    expect((await rows(club.id)).map((row) => row.visits)).toEqual([1]);
  });

  it("a failed count never breaks the resident's page", async () => {
    const broken = await createTestServices(dialect, { clock });
    const brokenServer = await startTestServer(broken);
    try {
      await createOrganisation(broken, { code: "bh-transvaal" });
      await broken.db.schema.dropTable("referral_visits").execute();
      const page = await new HttpClient(brokenServer.url, { userAgent: phone }).get("/hulp/phishing?via=bh-transvaal");
      expect(page.status).toBe(200);
      expect(visibleText(page.text)).toContain("Hebt u op een link geklikt of de QR-code gescand?");
      await broken.tasks.settled();
      expect(broken.logLines.some((line) => line.includes('"background task failed"') && line.includes("count referral visit"))).toBe(true);
    } finally {
      await brokenServer.close();
      await broken.database.drop();
    }
  });

  it("ambassadors see their own organisation's reach per flow, small numbers as '< 5'; coordinators see every organisation's", async () => {
    const own = await createOrganisation(services, { name: "Buurthuis De Mussen", code: "bh-de-mussen" });
    const other = await createOrganisation(services, { name: "Sportclub Zuiderpark", code: "sc-zuiderpark" });
    for (let visit = 0; visit < 6; visit++) await new HttpClient(server.url, { userAgent: phone }).get("/hulp/sextortion?via=bh-de-mussen");
    for (let visit = 0; visit < 2; visit++) await new HttpClient(server.url, { userAgent: phone }).get("/hulp/romance-fraud?via=bh-de-mussen");
    for (let visit = 0; visit < 7; visit++) await new HttpClient(server.url, { userAgent: phone }).get("/hulp/fake-webshop?via=sc-zuiderpark");
    await services.tasks.settled();

    const ambassador = await createUser(services, { role: "ambassador", organisationId: own.id });
    // The week in progress is not published yet: its visits are nowhere.
    const early = new HttpClient(server.url);
    early.setSession(await createSessionToken(services, ambassador));
    const waiting = visibleText((await early.get("/bereik")).text);
    expect(waiting).toContain("Nog geen bezoeken via gedeelde links");
    expect(waiting).not.toContain("naaktbeelden");
    // Tuesday 1 December: week 48 is published, the newest of the eight weeks shown.
    clock.set("2026-12-01T09:00:00.000Z");
    const volunteer = new HttpClient(server.url);
    volunteer.setSession(await createSessionToken(services, ambassador));
    const page = await volunteer.get("/bereik");
    expect(page.status).toBe(200);
    const rowsShown = [...page.text.matchAll(/<tr class="utrecht-table__row"[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => visibleText(match[1]!));
    expect(rowsShown).toContain("Hulp: Iemand dreigt naaktbeelden van mij te delen 6 0 0 0 0 0 0 0");
    expect(rowsShown).toContain("Hulp: Iemand die ik online heb leren kennen vraagt om geld < 5 0 0 0 0 0 0 0");
    expect(visibleText(page.text)).not.toContain("Ik heb iets online gekocht, maar niets gekregen");
    // The exact small number is nowhere on the page.
    expect(page.text).not.toMatch(/<td class="utrecht-table__cell utrecht-table__cell--numeric-data"[^>]*>2<\/td>/);

    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = new HttpClient(server.url);
    staff.setSession(await createSessionToken(services, coordinator));
    const all = visibleText((await staff.get("/bereik")).text);
    expect(all).toContain("Hulp: Ik heb iets online gekocht, maar niets gekregen Sportclub Zuiderpark 7");
    expect(all).toContain("Hulp: Iemand dreigt naaktbeelden van mij te delen Buurthuis De Mussen 6");
    const filtered = visibleText((await staff.get(`/bereik?organisatie=${other.id}`)).text);
    expect(filtered).toContain("Sportclub Zuiderpark");
    expect(filtered).not.toContain("Buurthuis De Mussen 6");
    const bad = await staff.get("/bereik?organisatie=bestaat-niet");
    expect(visibleText(bad.text)).toContain("Kies een van de mogelijkheden.");

    const police = await createUser(services, { role: "police" });
    const officer = new HttpClient(server.url);
    officer.setSession(await createSessionToken(services, police));
    expect((await officer.get("/bereik")).status).toBe(403);
  });
});
