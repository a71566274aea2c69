import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Finding signals in the inbox, over HTTP on both databases: full-text search
// over the scrubbed free text (SQLite FTS5, PostgreSQL tsvector) and the names
// of structured fields, filters that combine, counts per status, keyset pages
// that cover every row once, and saved filters that are each person's own.

describe.each(testDialects())("signal search on %s", (dialect) => {
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
  /** A sender in an organisation of its own, so each test can filter on what it made. */
  async function newSender(name?: string) {
    const organisation = await createOrganisation(services, name ? { name } : {});
    const user = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    return { organisation, sender: { id: user.id, organisationId: organisation.id } };
  }
  const idsOn = (html: string) => [...html.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const nextLink = (html: string) => /href="(\/signalen\?[^"]*na=[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");

  it("finds words of the free text by their start, and only the signals that have every word", async () => {
    const { organisation, sender } = await newSender();
    const parcel = await createSignal(services, { sender, freeText: "Sms over een pakket met een link naar een nepsite." });
    const bank = await createSignal(services, { sender, freeText: "Iemand belt namens de bank over een pakket van de Rabobank." });
    const none = await createSignal(services, { sender, freeText: null });
    const { client } = await signIn("coordinator");
    const search = async (q: string) => idsOn((await client.get(`/signalen?organisatie=${organisation.id}&q=${encodeURIComponent(q)}`)).text).sort();

    expect(await search("pakket")).toEqual([parcel.id, bank.id].sort());
    expect(await search("pak")).toEqual([parcel.id, bank.id].sort());
    expect(await search("nepsite")).toEqual([parcel.id]);
    expect(await search("pakket bank")).toEqual([bank.id]);
    expect(await search("BANK")).toEqual([bank.id]);
    expect(await search("fiets")).toEqual([]);
    expect(await search("")).toContain(none.id);
    // The database's query syntax cannot be reached from the search box: no error, just words.
    for (const q of ['"', "pakket*", "NEAR(pakket", "pakket OR fiets", "-bank", ":*", "'", "pakket & !bank"]) {
      const page = await client.get(`/signalen?organisatie=${organisation.id}&q=${encodeURIComponent(q)}`);
      expect(page.status, q).toBe(200);
    }
    expect(await search("pakket OR fiets")).toEqual([]);
  });

  it("finds structured fields by name: phenomenon, wijk, stadsdeel, organisation", async () => {
    const { organisation, sender } = await newSender("Buurthuis Zoekwoord");
    const moerwijk = await createSignal(services, { sender, wijk: "Moerwijk", phenomenon: "phishing", freeText: "Niets bijzonders." });
    const centrum = await createSignal(services, { sender, wijk: "Centrum", phenomenon: "fake-webshop", freeText: "Niets bijzonders." });
    const { client } = await signIn("coordinator");
    const search = async (q: string) => idsOn((await client.get(`/signalen?organisatie=${organisation.id}&q=${encodeURIComponent(q)}`)).text).sort();

    expect(await search("moerwijk")).toEqual([moerwijk.id]);
    expect(await search("escamp")).toEqual([moerwijk.id]);
    expect(await search("phishing")).toEqual([moerwijk.id]);
    expect(await search("centrum niets")).toEqual([centrum.id]);
    expect(await search("zoekwoord")).toEqual([moerwijk.id, centrum.id].sort());
  });

  it("erased text leaves the index with it", async () => {
    const { organisation, sender } = await newSender();
    const signal = await createSignal(services, { sender, freeText: "Oplichters bellen over een zonnepaneel." });
    const { client } = await signIn("coordinator");
    expect(idsOn((await client.get(`/signalen?organisatie=${organisation.id}&q=zonnepaneel`)).text)).toEqual([signal.id]);
    // What the retention job does.
    await services.db.updateTable("signals").set({ free_text: null, free_text_erased_at: clock.now().toISOString() }).where("id", "=", signal.id).execute();
    expect(idsOn((await client.get(`/signalen?organisatie=${organisation.id}&q=zonnepaneel`)).text)).toEqual([]);
    await services.db.deleteFrom("signals").where("id", "=", signal.id).execute();
    expect(idsOn((await client.get("/signalen?q=zonnepaneel")).text)).toEqual([]);
  });

  it("police search only what is addressed to them", async () => {
    const { organisation, sender } = await newSender();
    const theirs = await createSignal(services, { sender, recipients: "politie", freeText: "Geldezel geronseld via Snapchat." });
    await createSignal(services, { sender, recipients: "gemeente", freeText: "Geldezel geronseld op school." });
    const { client } = await signIn("police");
    const page = await client.get(`/signalen?organisatie=${organisation.id}&q=geldezel`);
    expect(idsOn(page.text)).toEqual([theirs.id]);
    expect(visibleText(page.text)).toContain("1 signaal voldoet aan deze filters");
  });

  it("filters combine, and each status shows how many signals the other filters leave", async () => {
    const { organisation, sender } = await newSender();
    const { user: me, client } = await signIn("coordinator");
    const a = await createSignal(services, { sender, wijk: "Moerwijk", urgency: "urgent" });
    const b = await createSignal(services, { sender, wijk: "Moerwijk", status: "seen" });
    const c = await createSignal(services, { sender, wijk: "Centrum", status: "seen" });
    await client.post(`/signalen/${b.id}`, { intent: "assign", assignee: `person:${me.id}` });
    const escamp = (await services.db.selectFrom("wijken").select("stadsdeel_id").where("id", "=", wijkId(services.municipality.slug, "Moerwijk")).executeTakeFirstOrThrow()).stadsdeel_id;

    const base = `/signalen?organisatie=${organisation.id}`;
    expect(idsOn((await client.get(`${base}&stadsdeel=${escamp}`)).text).sort()).toEqual([a.id, b.id].sort());
    expect(idsOn((await client.get(`${base}&stadsdeel=${escamp}&status=seen`)).text)).toEqual([b.id]);
    expect(idsOn((await client.get(`${base}&toegewezen=person:${me.id}`)).text)).toEqual([b.id]);
    expect(idsOn((await client.get(`${base}&toegewezen=nobody`)).text).sort()).toEqual([a.id, c.id].sort());
    expect(idsOn((await client.get(`${base}&urgentie=urgent&stadsdeel=${escamp}`)).text)).toEqual([a.id]);

    const counted = visibleText((await client.get(`${base}&status=seen`)).text);
    expect(counted).toContain("2 signalen voldoen aan deze filters");
    // The status choice counts without the status filter itself.
    expect(counted).toContain("ontvangen (1)");
    expect(counted).toContain("gezien (2)");
    expect(counted).toContain("afgehandeld (0)");
  });

  it("pages continue after the last row shown: every signal once, in order, also when one arrives meanwhile", async () => {
    const { organisation, sender } = await newSender();
    const { client } = await signIn("coordinator");
    const made = [];
    for (let i = 0; i < 120; i++) {
      // Some share a moment: the id breaks the tie.
      made.push(await createSignal(services, { sender, receivedAt: new Date(Date.UTC(2026, 10, 1, 8, Math.floor(i / 3))).toISOString(), urgency: i % 7 === 0 ? "urgent" : "normal" }));
    }
    for (const sort of ["urgent", "newest", "oldest", "due"]) {
      const seen: string[] = [];
      let url: string | undefined = `/signalen?organisatie=${organisation.id}&sorteer=${sort}`;
      let pages = 0;
      while (url) {
        const page = await client.get(url);
        expect(page.status).toBe(200);
        if (pages === 0) expect(visibleText(page.text)).toContain("120 signalen voldoen aan deze filters");
        seen.push(...idsOn(page.text));
        if (pages === 1) await createSignal(services, { sender, receivedAt: "2026-11-01T08:20:30.000Z" });
        url = nextLink(page.text);
        pages++;
      }
      expect(pages, sort).toBe(3);
      const original = new Set(made.map((s) => s.id));
      const shown = seen.filter((id) => original.has(id));
      expect(new Set(shown).size, sort).toBe(120);
      expect(shown.length, sort).toBe(120);
      await services.db.deleteFrom("signals").where("organisation_id", "=", organisation.id).where("id", "not in", [...original]).execute();
    }
    // Newest first, ties by id: the order is the one asked for.
    const firstPage = idsOn((await client.get(`/signalen?organisatie=${organisation.id}&sorteer=newest`)).text);
    const expected = [...made].sort((x, y) => (x.received_at === y.received_at ? (x.id < y.id ? -1 : 1) : x.received_at < y.received_at ? 1 : -1)).map((s) => s.id);
    expect(firstPage).toEqual(expected.slice(0, 50));
    // A cursor that does not fit reads as the first page, not an error.
    for (const na of ["nonsense", Buffer.from('["x"]').toString("base64url"), Buffer.from("[1,2,3,4,5]").toString("base64url")]) {
      const page = await client.get(`/signalen?organisatie=${organisation.id}&sorteer=newest&na=${na}`);
      expect(page.status).toBe(200);
      expect(idsOn(page.text)).toEqual(expected.slice(0, 50));
    }
  });

  it("saved filters are each person's own: saved, listed, followed and deleted", async () => {
    const { organisation } = await newSender();
    const { client: mine } = await signIn("coordinator");
    const { client: theirs } = await signIn("coordinator");
    const query = `organisatie=${organisation.id}&status=received&na=ignored&onbekend=1`;
    const saved = await mine.post("/signalen", { intent: "save_filter", name: "Nieuw bij ons", query });
    expect(saved.status).toBe(200);
    expect(visibleText(saved.text)).toContain("Het filter is opgeslagen.");
    const row = await services.db.selectFrom("saved_inbox_filters").selectAll().where("name", "=", "Nieuw bij ons").executeTakeFirstOrThrow();
    // Only the inbox's own filters are kept: no page position, nothing unknown.
    expect(row.query).toBe(`organisatie=${organisation.id}&status=received`);
    expect((await mine.get("/signalen")).text).toContain(`href="/signalen?organisatie=${organisation.id}&amp;status=received"`);
    expect(visibleText((await theirs.get("/signalen")).text)).not.toContain("Nieuw bij ons");

    const twice = await mine.post("/signalen", { intent: "save_filter", name: "Nieuw bij ons", query });
    expect(twice.status).toBe(409);
    expect(visibleText(twice.text)).toContain("U heeft al een filter met deze naam.");
    expect((await mine.post("/signalen", { intent: "save_filter", name: " ", query })).status).toBe(400);
    expect((await mine.post("/signalen", { intent: "save_filter", name: "Leeg", query: "na=x" })).status).toBe(400);

    expect((await theirs.post("/signalen", { intent: "delete_filter", filterId: row.id })).status).toBe(404);
    expect((await mine.post("/signalen", { intent: "delete_filter", filterId: row.id })).status).toBe(200);
    expect(await services.db.selectFrom("saved_inbox_filters").select("id").where("id", "=", row.id).executeTakeFirst()).toBeUndefined();
  });

  it("a listing is audited with its filters, and whether words were searched, never the words", async () => {
    const { user, client } = await signIn("coordinator");
    await client.get("/signalen?q=Jansen&status=received");
    const event = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.list_viewed").where("actor_user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(JSON.parse(event.details)).toMatchObject({ searched: true, status: "received" });
    expect(event.details).not.toContain("Jansen");
  });
});
