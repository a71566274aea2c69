import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import { auditPublication, HIDDEN, SHOWN, SMALL } from "#app/features/publication/lp-audit.ts";
import { hoursOf } from "#app/features/situations/options.ts";
import { buildPictureStructure } from "#app/features/situations/picture.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { randomUUID } from "node:crypto";
import { eraseExpiredSituationText } from "#app/features/situations/retention.server.ts";
import { trustPushServiceCertificate } from "#app/features/warnings/push.server.ts";
import { startPushServiceStandIn, type PushServiceStandIn } from "#tests/support/push-service.ts";

// The situation room (issue 18, part 2) against the real server: opening a
// situation and refusing bad input, the shared log and its scrubber, what
// ambassadors may see, the hourly picture's protection (checked with the LP
// audit over exactly what the page shows), the briefing, close and evaluate.

// Koningsdag 2027, 10:30 in The Hague (CEST, UTC+2).
const clock = fixedClock("2027-04-27T08:30:00.000Z");

describe.each(testDialects())("the situation room on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let push: PushServiceStandIn;

  beforeAll(async () => {
    push = await startPushServiceStandIn();
    // The stand-in is on localhost: allowed for tests only (docs/decisions/0720).
    services = await createTestServices(dialect, { clock, env: { PUSH_ALLOWED_HOSTS: push.host, PUSH_ALLOW_PRIVATE_NETWORK: "true" } });
    server = await startTestServer(services);
    trustPushServiceCertificate(services, push.certificate);
  });
  afterAll(async () => {
    await server?.close();
    await push?.close();
    await services?.database.drop();
  });

  async function signIn(role: Role, options: { organisationId?: string; displayName?: string } = {}): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role, ...options });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }

  function post(client: HttpClient, path: string, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
    return client.request("POST", path, { body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  const wijk = (name: string) => wijkId(services.municipality.slug, name);
  const count = async (table: "situations" | "situation_log" | "situation_signals" | "signals" | "warnings") =>
    Number((await services.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const auditRows = (action: string) =>
    services.db.selectFrom("audit_events").select(["actor_user_id", "target_id", "details"]).where("action", "=", action).execute();

  const koningsdag = {
    name: "Koningsdag Chasséveld",
    kind: "event",
    wijkIds: [] as string[],
    organisations: ["gemeente", "police", "event_organiser"],
    startsAt: "2027-04-27T10:00",
    endsAt: "2027-04-27T23:00",
  };

  async function openKoningsdag(coordinator: HttpClient): Promise<string> {
    const opened = await post(coordinator, "/situaties", { ...koningsdag, wijkIds: [wijk("Moerwijk"), wijk("Laakkwartier en Spoorwijk")] });
    expect(opened.status, visibleText(opened.text)).toBe(302);
    expect(opened.location).toMatch(/^\/situaties\/[0-9a-f-]{36}\?geopend=1$/);
    return opened.location!.split("/")[2]!.split("?")[0]!;
  }

  it("a coordinator opens a situation; a window ending before it starts and a wijk of another municipality are refused, stored nowhere, and audited", async () => {
    const { client: coordinator, user } = await signIn("coordinator");
    const before = await count("situations");
    const refusalsBefore = (await auditRows("situation.open_refused")).length;

    const backwards = await post(coordinator, "/situaties", { ...koningsdag, wijkIds: [wijk("Moerwijk")], startsAt: "2027-04-27T23:00", endsAt: "2027-04-27T10:00" });
    expect(backwards.status).toBe(400);
    expect(visibleText(backwards.text)).toContain("Het einde moet na het begin liggen.");
    // What was typed stays in the form.
    expect(backwards.text).toContain('value="Koningsdag Chasséveld"');

    const elsewhere = await post(coordinator, "/situaties", { ...koningsdag, wijkIds: [wijk("Moerwijk"), "rijswijk-wijk-07-rijswijk-buiten"] });
    expect(elsewhere.status).toBe(400);
    expect(visibleText(elsewhere.text)).toContain("Een gekozen wijk hoort niet bij deze gemeente.");

    const unknownLabel = await post(coordinator, "/situaties", { ...koningsdag, wijkIds: [wijk("Moerwijk")], organisations: ["Jan de Vries"] });
    expect(unknownLabel.status).toBe(400);
    expect(visibleText(unknownLabel.text)).toContain("Kies alleen organisaties uit de lijst.");

    // The name is read by everyone in the room and on the briefing: it may not name a person or a number.
    const named = await post(coordinator, "/situaties", { ...koningsdag, name: "Demonstratie bel 06-12345678", wijkIds: [wijk("Moerwijk")] });
    expect(named.status).toBe(400);
    expect(visibleText(named.text)).toContain("Niet opgeslagen: de tekst bevat persoonsgegevens");

    expect(await count("situations")).toBe(before);
    const refusals = (await auditRows("situation.open_refused")).slice(refusalsBefore);
    expect(refusals.map((r) => JSON.parse(r.details).reason)).toEqual(["endsAt", "unknown_wijk", "organisations", "personal_data"]);
    // The refusal says which kind of data, never the text.
    expect(refusals[3]!.details).not.toContain("12345678");
    expect(refusals.every((r) => r.actor_user_id === user.id)).toBe(true);

    const id = await openKoningsdag(coordinator);
    const stored = await services.db.selectFrom("situations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    // 10:00 to 23:00 in The Hague on a summer-time day.
    expect([stored.starts_at, stored.ends_at]).toEqual(["2027-04-27T08:00:00.000Z", "2027-04-27T21:00:00.000Z"]);
    expect(stored.organisations).toBe("gemeente,police,event_organiser");
    expect((await auditRows("situation.opened")).some((r) => r.target_id === id)).toBe(true);

    const list = visibleText((await coordinator.get("/situaties")).text);
    expect(list).toContain("Koningsdag Chasséveld");
    const page = visibleText((await coordinator.get(`/situaties/${id}`)).text);
    expect(page).toContain("Organisator van het evenement");
    expect(page).toContain("Laakkwartier en Spoorwijk");
    expect(page).toContain("Lopend");
  });

  it("ambassadors see the open situations of their organisation's wijk, read-only, without log or figures", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const { client: police } = await signIn("police");
    expect((await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Drukte bij de uitgang van het park." })).status).toBe(302);

    const moerwijk = await createOrganisation(services, { wijk: "Moerwijk" });
    const { client: near } = await signIn("ambassador", { organisationId: moerwijk.id });
    const far = await createOrganisation(services, { wijk: "Binckhorst" });
    const { client: away } = await signIn("ambassador", { organisationId: far.id });

    expect(visibleText((await near.get("/situaties")).text)).toContain("Koningsdag Chasséveld");
    const detail = await near.get(`/situaties/${id}`);
    expect(detail.status).toBe(200);
    const text = visibleText(detail.text);
    expect(text).toContain("Koningsdag Chasséveld");
    expect(text).not.toContain("Drukte bij de uitgang");
    expect(text).not.toContain("Beeld per uur");
    const main = detail.text.slice(detail.text.indexOf("<main"), detail.text.indexOf("</main>"));
    expect(main).toContain("Koningsdag Chasséveld");
    expect(main).not.toContain("<form");
    // Nor can they write.
    expect((await post(near, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Rustig." })).status).toBe(403);

    expect(visibleText((await away.get("/situaties")).text)).not.toContain("Koningsdag Chasséveld");
    expect((await away.get(`/situaties/${id}`)).status).toBe(404);

    // In Arabic the page is Arabic.
    const arabic = await near.get(`/situaties/${id}?lang=ar`);
    expect(/<html\b[^>]*\bdir="rtl"/.test(arabic.text)).toBe(true);
    expect(visibleText(arabic.text)).toContain("منظم الفعالية");

    // Once closed, it is gone for ambassadors.
    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    expect((await near.get(`/situaties/${id}`)).status).toBe(404);
  });

  it("police add an intervention: shown with role and organisation, never the name; personal data is refused, stored nowhere, and audited", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const { client: police, user: officer } = await signIn("police", { displayName: "Agent Bakker" });

    const added = await post(police, `/situaties/${id}`, { intent: "log", kind: "intervention", body: "Extra toezicht bij risicolocatie na afloop van het evenement." });
    expect(added.status, visibleText(added.text)).toBe(302);
    const page = await coordinator.get(`/situaties/${id}`);
    const text = visibleText(page.text);
    expect(text).toContain("Extra toezicht bij risicolocatie na afloop van het evenement.");
    expect(text).toContain("Politie, politie");
    expect(text).not.toContain("Agent Bakker");
    const logged = await auditRows("situation.log_added");
    expect(logged.some((r) => r.target_id === id && r.actor_user_id === officer.id)).toBe(true);

    const before = await count("situation_log");
    const personal = await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Jan de Vries belt rond, bereikbaar op 06-12345678." });
    expect(personal.status).toBe(400);
    const refusal = visibleText(personal.text);
    expect(refusal).toContain("Niet opgeslagen: de tekst bevat persoonsgegevens");
    expect(refusal).toContain("een telefoonnummer");
    expect(await count("situation_log")).toBe(before);
    const refused = (await auditRows("situation.log_added_refused")).filter((r) => r.target_id === id);
    expect(refused.map((r) => JSON.parse(r.details).reason)).toEqual(["personal_data"]);
    // The audit names what kind was found, never the text.
    expect(refused[0]!.details).not.toContain("06-12345678");
    expect(refused[0]!.details).not.toContain("Vries");

    const handle = await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Oproep van @rellenclub010 om naar het park te komen." });
    expect(handle.status).toBe(400);
    expect(visibleText(handle.text)).toContain("een account");
    expect(await count("situation_log")).toBe(before);

    // Police write in the log, but linking, closing and evaluating are the gemeente's.
    expect((await post(police, `/situaties/${id}`, { intent: "close" })).status).toBe(403);
    expect((await services.db.selectFrom("situations").select("closed_at").where("id", "=", id).executeTakeFirstOrThrow()).closed_at).toBeNull();
  });

  it("the hourly picture of linked signals hides small counts, and no total gives one back (LP audit over the page)", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const at = (hour: number, minute = 10) => `2027-04-27T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00.000Z`;
    const signals = [
      ...Array.from({ length: 6 }, (_, i) => ({ phenomenon: "phishing", urgency: "normal" as const, receivedAt: at(9, i) })),
      { phenomenon: "phishing", urgency: "urgent" as const, receivedAt: at(12) },
      { phenomenon: "phishing", urgency: "normal" as const, receivedAt: at(12, 20) },
      ...Array.from({ length: 5 }, (_, i) => ({ phenomenon: "bank-helpdesk-fraud", urgency: "normal" as const, receivedAt: at(13, i) })),
    ];
    // A signal from outside the window is not offered.
    const outside = await createSignal(services, { sender, phenomenon: "phishing", receivedAt: at(22) });
    const ids: string[] = [];
    for (const signal of signals) ids.push((await createSignal(services, { sender, wijk: "Moerwijk", ...signal })).id);

    const before = visibleText((await coordinator.get(`/situaties/${id}`)).text);
    expect(before).toContain("Er zijn nog geen signalen aan deze situatie gekoppeld.");
    const page0 = await coordinator.get(`/situaties/${id}`);
    expect(page0.text).not.toContain(outside.id);
    // Urgent first among the signals to link.
    const firstCandidate = /Signalen in deze wijken en dit venster[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tr>/.exec(page0.text)?.[1] ?? "";
    expect(visibleText(firstCandidate)).toContain("Spoedeisend");

    for (const signalId of ids) expect((await post(coordinator, `/situaties/${id}`, { intent: "link", signalId })).status).toBe(302);
    expect((await auditRows("situation.signal_linked")).filter((r) => r.target_id === id)).toHaveLength(signals.length);

    const html = (await coordinator.get(`/situaties/${id}`)).text;
    const table = /<caption[^>]*>Gekoppelde signalen per uur<\/caption>([\s\S]*?)<\/table>/.exec(html)?.[1];
    expect(table).toBeDefined();
    const rows = [...table!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => visibleText(cell[1]!)));
    const [head, ...body] = rows;
    const phenomena = ["bank-helpdesk-fraud", "phishing"];
    expect(head).toEqual(["Uur", "Spoedeisend", "Niet spoedeisend", ...phenomena.map((p) => phenomenonLabel(services.content, p, "nl")), "Totaal"]);

    // Rebuild the published structure from what the page shows.
    const threshold = services.municipality.suppressionThreshold;
    const hours = hoursOf("2027-04-27T08:00:00.000Z", "2027-04-27T21:00:00.000Z");
    const structure = buildPictureStructure(hours, phenomena);
    const states = new Uint8Array(structure.size);
    const values = new Float64Array(structure.size);
    const byLabel = new Map(body.map((cells) => [cells[0]!, cells.slice(1)] as const));
    const columnOrder = [structure.urgentColumn, structure.notUrgentColumn, 0, 1, structure.totalColumn];
    const read = (row: number, cells: readonly string[] | undefined) => {
      columnOrder.forEach((column, k) => {
        const shown = cells?.[k] ?? "0";
        const cell = structure.cell(row, column);
        if (shown === `< ${threshold}`) states[cell] = SMALL;
        else if (shown === "×") states[cell] = HIDDEN;
        else {
          expect(shown).toMatch(/^\d+$/);
          states[cell] = SHOWN;
          values[cell] = Number(shown);
        }
      });
    };
    hours.forEach((hour, h) => read(h, byLabel.get(visibleText(formatDateTime(hour, "nl")))));
    read(structure.totalsRow, byLabel.get("Heel het venster"));

    // The small hour is "< 5" or "×"; its phishing count cannot be had from 8 − 6 or any other sum.
    expect([`< ${threshold}`, "×"]).toContain(byLabel.get(visibleText(formatDateTime("2027-04-27T12:00:00.000Z", "nl")))?.[3]);
    expect(states.some((s) => s === SMALL)).toBe(true);
    expect(states.some((s) => s === HIDDEN)).toBe(true);
    const findings = await auditPublication({ states, shownValue: (cell) => values[cell]!, relations: structure.relations, threshold });
    expect(findings).toEqual([]);
    // The hours without signals are left out, and say so.
    expect(visibleText(html)).toContain("10 uren zonder signalen zijn weggelaten.");
  });

  it("checklist items are ticked off in the log; the briefing shows the picture, the log and the open items; close and evaluate", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const { client: police } = await signIn("police");
    expect((await post(police, `/situaties/${id}`, { intent: "log", kind: "intervention", body: "Contact met de organisator over de uitstroom om 23:00." })).status).toBe(302);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "checklist", item: "triangle", body: "Driehoek om 11:00 bijeen." })).status).toBe(302);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "checklist", item: "no-such-item" })).status).toBe(400);

    const briefing = await coordinator.get(`/situaties/${id}?afdrukken=1`);
    expect(briefing.status).toBe(200);
    const text = visibleText(briefing.text);
    expect(text).toContain("Briefing: Koningsdag Chasséveld");
    expect(text).toContain("Contact met de organisator over de uitstroom om 23:00.");
    expect(text).toMatch(/Driehoek bijeenroepen\s*: Driehoek om 11:00 bijeen\./);
    const openItems = text.slice(text.indexOf("Open punten van de aanpak"));
    expect(openItems).toContain("Noodverordening (Gemeentewet, art. 176)");
    expect(openItems).not.toContain("Driehoek bijeenroepen");
    expect(briefing.text).toContain('class="stack briefing"');

    // A long log: the briefing keeps the latest ten entries and says how many earlier ones are in the app.
    let long: string;
    try {
      for (let i = 1; i <= 10; i++) {
        clock.advance(60_000);
        expect((await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: `Ronde ${i}: rustig.` })).status).toBe(302);
      }
      long = visibleText((await coordinator.get(`/situaties/${id}?afdrukken=1`)).text);
    } finally {
      clock.set("2027-04-27T08:30:00.000Z");
    }
    expect(long).toContain("Ronde 10: rustig.");
    expect(long).not.toContain("Contact met de organisator over de uitstroom");
    expect(long).toContain("2 eerdere regels van het logboek staan niet op deze briefing");
    expect(visibleText((await coordinator.get(`/situaties/${id}`)).text)).toContain("Contact met de organisator over de uitstroom");

    // Evaluating comes after closing.
    const early = await post(coordinator, `/situaties/${id}`, { intent: "evaluate", whatHappened: "Rustig verloop.", interventions: "Extra toezicht.", differently: "Eerder afstemmen." });
    expect(early.status).toBe(409);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    expect(visibleText((await coordinator.get(`/situaties/${id}`)).text)).toContain("Gesloten");

    // A closed situation takes no more log entries and no more signals.
    const late = await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Nog een waarneming." });
    expect(late.status).toBe(409);
    expect(visibleText(late.text)).toContain("Deze situatie is gesloten");
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const signal = await createSignal(services, { sender, receivedAt: "2027-04-27T09:00:00.000Z" });
    const linkedBefore = await count("situation_signals");
    expect((await post(coordinator, `/situaties/${id}`, { intent: "link", signalId: signal.id })).status).toBe(409);
    expect(await count("situation_signals")).toBe(linkedBefore);
    expect((await auditRows("situation.signal_link_refused")).some((r) => r.target_id === id && JSON.parse(r.details).reason === "closed")).toBe(true);

    const personal = await post(coordinator, `/situaties/${id}`, { intent: "evaluate", whatHappened: "Rustig verloop.", interventions: "Gebeld met Piet Jansen via piet@example.nl.", differently: "Eerder afstemmen." });
    expect(personal.status).toBe(400);
    expect(visibleText(personal.text)).toContain("persoonsgegevens");
    expect((await services.db.selectFrom("situations").select("evaluated_at").where("id", "=", id).executeTakeFirstOrThrow()).evaluated_at).toBeNull();

    const evaluated = await post(coordinator, `/situaties/${id}`, {
      intent: "evaluate",
      whatHappened: "Na 23:00 trok de menigte naar de kroegen en het park; geen incidenten.",
      interventions: "Extra toezicht bij risicolocatie, contact met de organisator.",
      differently: "Eerder afstemmen over de uitstroom.",
    });
    expect(evaluated.status).toBe(302);
    const after = visibleText((await coordinator.get(`/situaties/${id}`)).text);
    expect(after).toContain("Geëvalueerd op");
    expect((await auditRows("situation.evaluated")).some((r) => r.target_id === id)).toBe(true);
  });

  it("a situation closes by itself when its window has passed", async () => {
    const id = await openKoningsdag((await signIn("coordinator")).client);
    clock.set("2027-04-27T21:00:00.000Z");
    try {
      // Signed in afresh: the earlier sessions have timed out by now.
      const { client: coordinator } = await signIn("coordinator");
      const page = visibleText((await coordinator.get(`/situaties/${id}`)).text);
      expect(page).toContain("Gesloten: het tijdvenster is voorbij.");
      const { client: police } = await signIn("police");
      expect((await post(police, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Rustig." })).status).toBe(409);
    } finally {
      clock.set("2027-04-27T08:30:00.000Z");
    }
  });
  function signalForm(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      idempotencyKey: randomUUID(),
      phenomenon: "phishing",
      wijkId: wijk("Moerwijk"),
      when: "this_week",
      date: "",
      channel: "sms",
      targetGroup: "elderly",
      affected: "few",
      outcome: "attempt",
      urgency: "urgent",
      recipients: "gemeente",
      freeText: "",
      confirmedText: "",
      intent: "send",
      ...overrides,
    };
  }

  function postJson(client: HttpClient, body: Record<string, string>) {
    return client.request("POST", "/signalen/nieuw", { body: JSON.stringify(body), headers: { "content-type": "application/json", accept: "application/json" } });
  }

  const linksOf = async (situationId: string) =>
    (await services.db.selectFrom("situation_signals").select(["signal_id", "linked_by"]).where("situation_id", "=", situationId).execute());

  it("an ambassador attaches an urgent signal from the signal form (page and outbox); a closed or foreign situation is refused, nothing stored, audited", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const moerwijk = await createOrganisation(services, { wijk: "Moerwijk" });
    const { client: near, user: nearUser } = await signIn("ambassador", { organisationId: moerwijk.id });
    const far = await createOrganisation(services, { wijk: "Binckhorst" });
    const { client: away } = await signIn("ambassador", { organisationId: far.id });

    // The form offers the open situations of the organisation's wijk, and the situation's page chooses it.
    const form = await near.get(`/signalen/nieuw?situatie=${id}`);
    expect(visibleText(form.text)).toContain("Hoort bij een situatie (optioneel)");
    expect(form.text).toMatch(new RegExp(`<option value="${id}" selected="">Koningsdag Chasséveld</option>`));
    expect(visibleText((await away.get("/signalen/nieuw")).text)).not.toContain("Koningsdag Chasséveld");
    expect((await near.get(`/situaties/${id}`)).text).toContain(`/signalen/nieuw?situatie=${id}`);

    // From the page (JavaScript off).
    const sent = await near.post("/signalen/nieuw", signalForm({ situationId: id }));
    expect(sent.status, visibleText(sent.text)).toBe(302);
    let links = await linksOf(id);
    expect(links).toHaveLength(1);
    expect(links[0]!.linked_by).toBe(nearUser.id);
    expect((await auditRows("situation.signal_attached")).filter((r) => r.target_id === id)).toHaveLength(1);

    // From the outbox (JSON), and its replay stores and links it once.
    const fields = signalForm({ situationId: id, urgency: "normal" });
    const first = await postJson(near, fields);
    expect(first.status, first.text).toBe(201);
    const replay = await postJson(near, fields);
    expect(replay.status).toBe(200);
    links = await linksOf(id);
    expect(links).toHaveLength(2);
    expect(links.map((l) => l.signal_id)).toContain(JSON.parse(first.text).signal.id);

    // Without a situation, nothing is attached.
    expect((await near.post("/signalen/nieuw", signalForm())).status).toBe(302);
    expect(await linksOf(id)).toHaveLength(2);

    // The coordinator sees it, urgent, in the linked signals and in the hourly picture.
    const page = visibleText((await coordinator.get(`/situaties/${id}`)).text);
    expect(page).toContain("Gekoppelde signalen per uur");
    expect(page).not.toContain("Er zijn nog geen signalen aan deze situatie gekoppeld.");
    expect(page).toContain("Spoedeisend");

    // Refused: a situation not in the ambassador's wijk, an unknown one, and (below) a closed one.
    const signalsBefore = await count("signals");
    const refusedBefore = (await auditRows("situation.signal_attach_refused")).length;
    const foreign = await away.post("/signalen/nieuw", signalForm({ situationId: id, wijkId: wijk("Binckhorst") }));
    expect(foreign.status).toBe(400);
    expect(visibleText(foreign.text)).toContain("Deze situatie hoort niet bij de wijk van je organisatie");
    const unknown = await postJson(near, signalForm({ situationId: randomUUID() }));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).fieldErrors.situationId[0]).toContain("hoort niet bij de wijk van je organisatie");
    expect((await near.post("/signalen/nieuw", signalForm({ situationId: "'; drop table signals; --" }))).status).toBe(400);

    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    const closed = await near.post("/signalen/nieuw", signalForm({ situationId: id }));
    expect(closed.status).toBe(409);
    expect(visibleText(closed.text)).toContain("Deze situatie is gesloten");
    // The outbox keeps the refusal with its reason to show (a 4xx: refused, not retried).
    const closedJson = await postJson(near, signalForm({ situationId: id }));
    expect(closedJson.status).toBe(409);
    expect(JSON.parse(closedJson.text).fieldErrors.situationId[0]).toContain("Deze situatie is gesloten");

    expect(await count("signals")).toBe(signalsBefore);
    expect(await linksOf(id)).toHaveLength(2);
    const refusals = (await auditRows("situation.signal_attach_refused")).slice(refusedBefore);
    expect(refusals.map((r) => JSON.parse(r.details).reason)).toEqual(["attach_not_yours", "attach_not_yours", "attach_not_yours", "attach_closed", "attach_closed"]);

    // A replay of a signal attached while the situation was open is still answered as stored.
    expect((await postJson(near, fields)).status).toBe(200);
  });

  it("closing while an ambassador attaches: the signal is stored and linked, or neither", async () => {
    const moerwijk = await createOrganisation(services, { wijk: "Moerwijk" });
    const { client: near } = await signIn("ambassador", { organisationId: moerwijk.id });
    const { client: coordinator } = await signIn("coordinator");
    for (let round = 0; round < 4; round++) {
      const id = await openKoningsdag(coordinator);
      const key = randomUUID();
      const [attached, closing] = await Promise.all([near.post("/signalen/nieuw", signalForm({ idempotencyKey: key, situationId: id })), post(coordinator, `/situaties/${id}`, { intent: "close" })]);
      expect(closing.status).toBe(302);
      expect([302, 409]).toContain(attached.status);
      const stored = await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).execute();
      const links = await linksOf(id);
      expect(stored).toHaveLength(attached.status === 302 ? 1 : 0);
      expect(links.map((l) => l.signal_id)).toEqual(stored.map((s) => s.id));
    }
  });

  it("the hourly picture flags an hour far above the hours before it, from the shown counts", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    // Nothing from 10:00 to 18:00, then twelve in the hour from 18:00 (16:00 UTC).
    for (let i = 0; i < 12; i++) {
      const signal = await createSignal(services, { sender, wijk: "Moerwijk", phenomenon: "phishing", receivedAt: `2027-04-27T16:${String(i * 4).padStart(2, "0")}:00.000Z` });
      expect((await post(coordinator, `/situaties/${id}`, { intent: "link", signalId: signal.id })).status).toBe(302);
    }
    const html = (await coordinator.get(`/situaties/${id}`)).text;
    const section = visibleText(html.slice(html.indexOf('data-testid="hourly-warnings"')));
    expect(section).toContain("Vroegsignalering per uur");
    expect(section).toContain(visibleText(formatDateTime("2027-04-27T16:00:00.000Z", "nl")));
    expect(section).toContain("12 signalen tegen gemiddeld minder dan 1 per uur ervoor; dit gebeurt bij toeval minder dan 1 op de 100.000 uren.");
    expect(section).toContain("alleen uit de getoonde aantallen");
    // And the briefing carries it.
    expect(visibleText((await coordinator.get(`/situaties/${id}?afdrukken=1`)).text)).toContain("12 signalen tegen gemiddeld minder dan 1 per uur ervoor");

    // A situation with a small count only: nothing flagged.
    const quiet = await openKoningsdag(coordinator);
    expect(visibleText((await coordinator.get(`/situaties/${quiet}`)).text)).toContain("Geen opvallende stijgingen.");
  });

  it("a warning to the ambassadors of the situation's wijken goes out from the situation: pushed, logged, audited; personal data, police and a closed situation refused", async () => {
    const { client: coordinator, user: coordinatorUser } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const near = await createOrganisation(services, { wijk: "Laakkwartier en Spoorwijk" });
    const { client: ambassador } = await signIn("ambassador", { organisationId: near.id });
    const far = await createOrganisation(services, { wijk: "Binckhorst" });
    const { client: other } = await signIn("ambassador", { organisationId: far.id });
    const phone = push.device(`laak-${randomUUID()}`);
    const otherPhone = push.device(`binckhorst-${randomUUID()}`);
    for (const [client, device] of [[ambassador, phone], [other, otherPhone]] as const) {
      const subscribed = await client.request("POST", "/account/meldingen", {
        body: JSON.stringify({ endpoint: device.endpoint, keys: device.keys }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
      expect(subscribed.status).toBe(201);
    }
    const warning = { intent: "warn", title: "Drukte na afloop bij het park", body: "Na 23:00 trekt de menigte naar de kroegen en het park. Let op elkaar.", phenomenon: "other" };

    const warningsBefore = await count("warnings");
    const personal = await post(coordinator, `/situaties/${id}`, { ...warning, body: "Bel Piet Jansen op 06-12345678." });
    expect(personal.status).toBe(400);
    expect(visibleText(personal.text)).toContain("Niet opgeslagen: de tekst bevat persoonsgegevens");
    const { client: police } = await signIn("police");
    expect((await post(police, `/situaties/${id}`, warning)).status).toBe(403);
    expect(await count("warnings")).toBe(warningsBefore);

    const sent = await post(coordinator, `/situaties/${id}`, warning);
    expect(sent.status, visibleText(sent.text)).toBe(302);
    const stored = await services.db.selectFrom("warnings").selectAll().where("title", "=", warning.title).executeTakeFirstOrThrow();
    expect(stored.expires_on).toBe("2027-04-27");
    const wijken = await services.db.selectFrom("warning_wijken").select("wijk_id").where("warning_id", "=", stored.id).execute();
    expect(wijken.map((w) => w.wijk_id).sort()).toEqual([wijk("Laakkwartier en Spoorwijk"), wijk("Moerwijk")].sort());
    // Queued for the phone in the situation's wijken only.
    const deliveries = await services.db
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select("push_subscriptions.endpoint")
      .where("push_deliveries.warning_id", "=", stored.id)
      .execute();
    expect(deliveries.map((d) => d.endpoint)).toEqual([phone.endpoint]);
    // The ambassador sees it; the log says it went out; both are audited.
    expect(visibleText((await ambassador.get("/start")).text)).toContain(warning.title);
    const page = visibleText((await coordinator.get(`/situaties/${id}`)).text);
    expect(page).toMatch(/Bericht aan ambassadeurs\s+Coördinator, gemeente\s+Drukte na afloop bij het park/);
    const audited = (await auditRows("situation.warning_sent")).filter((r) => r.target_id === id);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_user_id).toBe(coordinatorUser.id);
    expect(JSON.parse(audited[0]!.details).warning).toBe(stored.id);
    expect((await auditRows("warning.published")).some((r) => r.target_id === stored.id)).toBe(true);
    expect((await auditRows("situation.warning_sent_refused")).filter((r) => r.target_id === id).map((r) => JSON.parse(r.details).reason)).toEqual(["personal_data"]);

    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    const late = await post(coordinator, `/situaties/${id}`, { ...warning, title: "Te laat" });
    expect(late.status).toBe(409);
    expect(await services.db.selectFrom("warnings").select("id").where("title", "=", "Te laat").execute()).toEqual([]);
  });

  it("the researchers' export after close: the protected picture and the log as CSV, audited; not before, not for police", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const signal = await createSignal(services, { sender, wijk: "Moerwijk", phenomenon: "phishing", urgency: "urgent", receivedAt: "2027-04-27T09:10:00.000Z" });
    expect((await post(coordinator, `/situaties/${id}`, { intent: "link", signalId: signal.id })).status).toBe(302);
    const { client: police } = await signIn("police", { displayName: "Agent Bakker" });
    expect((await post(police, `/situaties/${id}`, { intent: "log", kind: "intervention", body: "Extra toezicht bij risicolocatie; \"rustig\"." })).status).toBe(302);

    const early = await coordinator.get(`/situaties/${id}/export/logboek`);
    expect(early.status).toBe(409);
    expect((await auditRows("situation.export_refused")).some((r) => r.target_id === id && JSON.parse(r.details).reason === "open")).toBe(true);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    expect((await police.get(`/situaties/${id}/export/logboek`)).status).toBe(403);
    expect((await coordinator.get(`/situaties/${id}/export/iets`)).status).toBe(404);
    expect(visibleText((await coordinator.get(`/situaties/${id}`)).text)).toContain("Beeld per uur (CSV)");

    const picture = await coordinator.get(`/situaties/${id}/export/beeld`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(picture.headers.get("content-disposition")).toMatch(/^attachment; filename="situatie-2027-04-27-[0-9a-f]{8}-beeld\.csv"$/);
    const rows = picture.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((line) => line.split(";"));
    // The phenomenon's label holds a comma: quoted, as CSV does.
    expect(picture.text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(`uur;spoedeisend;niet spoedeisend;"${phenomenonLabel(services.content, "phishing", "nl")}";totaal`);
    // Every hour of the window, then the whole window; the one signal is "< 5", never 1.
    expect(rows).toHaveLength(1 + 13 + 1);
    expect(rows[2]).toEqual(["2027-04-27T09:00:00.000Z", "< 5", "0", "< 5", "< 5"]);
    expect(rows.at(-1)).toEqual(["heel het venster", "< 5", "0", "< 5", "< 5"]);
    expect(picture.text).not.toMatch(/;1(;|\r)/);

    const log = await coordinator.get(`/situaties/${id}/export/logboek`);
    expect(log.status).toBe(200);
    const logText = log.text.replace(/^\uFEFF/, "");
    expect(logText.split("\r\n")[0]).toBe("tijd;soort;rol;organisatie;punt van de aanpak;tekst");
    expect(logText).toContain('2027-04-27T08:30:00.000Z;Interventie;Politie;politie;;"Extra toezicht bij risicolocatie; ""rustig""."');
    expect(logText).not.toContain("Bakker");
    expect(logText).not.toContain(signal.id);
    expect((await auditRows("situation.exported")).filter((r) => r.target_id === id).map((r) => JSON.parse(r.details).part).sort()).toEqual(["beeld", "logboek"]);
  });

  it("situations follow the retention rules: the text of the log and the evaluation is erased after the period, the counts stay", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const id = await openKoningsdag(coordinator);
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const signal = await createSignal(services, { sender, wijk: "Moerwijk", receivedAt: "2027-04-27T09:10:00.000Z" });
    expect((await post(coordinator, `/situaties/${id}`, { intent: "link", signalId: signal.id })).status).toBe(302);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "log", kind: "observation", body: "Drukte bij de ingang." })).status).toBe(302);
    expect((await post(coordinator, `/situaties/${id}`, { intent: "close" })).status).toBe(302);
    expect(
      (await post(coordinator, `/situaties/${id}`, { intent: "evaluate", whatHappened: "Rustig verloop.", interventions: "Extra toezicht.", differently: "Eerder afstemmen." })).status,
    ).toBe(302);
    const recent = await openKoningsdag(coordinator);
    expect((await post(coordinator, `/situaties/${recent}`, { intent: "log", kind: "observation", body: "Nog open." })).status).toBe(302);

    const days = services.config.signalTextRetentionDays;
    // A day short of the period: nothing erased.
    clock.set(new Date(new Date("2027-04-27T08:30:00.000Z").getTime() + (days - 1) * 86_400_000).toISOString());
    try {
      expect((await eraseExpiredSituationText(services)).erased).toBe(0);
      clock.set(new Date(new Date("2027-04-27T08:31:00.000Z").getTime() + days * 86_400_000).toISOString());
      const result = await eraseExpiredSituationText(services);
      expect(result.erased).toBeGreaterThanOrEqual(2);
      const row = await services.db.selectFrom("situations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect([row.evaluation_what_happened, row.evaluation_interventions, row.evaluation_differently]).toEqual([null, null, null]);
      expect(row.text_erased_at).not.toBeNull();
      expect(row.evaluated_at).not.toBeNull();
      const log = await services.db.selectFrom("situation_log").select(["kind", "body"]).where("situation_id", "=", id).execute();
      expect(log).toEqual([{ kind: "observation", body: "" }]);
      // The counts stay; a situation that ended later keeps its text.
      expect(await linksOf(id)).toHaveLength(1);
      expect((await services.db.selectFrom("situation_log").select("body").where("situation_id", "=", recent).execute()).map((r) => r.body)).toEqual(["Nog open."]);
      expect((await auditRows("situation.text_erased")).length).toBeGreaterThanOrEqual(2);
      const { client: later } = await signIn("coordinator");
      const page = visibleText((await later.get(`/situaties/${id}`)).text);
      expect(page).toContain("zijn gewist na de bewaartermijn");
      expect(page).not.toContain("Drukte bij de ingang.");
    } finally {
      clock.set("2027-04-27T08:30:00.000Z");
    }
  });
});