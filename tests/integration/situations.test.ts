import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import { auditPublication, HIDDEN, SHOWN, SMALL } from "#app/features/publication/lp-audit.ts";
import { hoursOf } from "#app/features/situations/options.ts";
import { buildPictureStructure } from "#app/features/situations/picture.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The situation room (issue 18, part 2) against the real server: opening a
// situation and refusing bad input, the shared log and its scrubber, what
// ambassadors may see, the hourly picture's protection (checked with the LP
// audit over exactly what the page shows), the briefing, close and evaluate.

// Koningsdag 2027, 10:30 in The Hague (CEST, UTC+2).
const clock = fixedClock("2027-04-27T08:30:00.000Z");

describe.each(testDialects())("the situation room on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
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
  const count = async (table: "situations" | "situation_log" | "situation_signals") =>
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

    expect(await count("situations")).toBe(before);
    const refusals = (await auditRows("situation.open_refused")).slice(refusalsBefore);
    expect(refusals.map((r) => JSON.parse(r.details).reason)).toEqual(["endsAt", "unknown_wijk", "organisations"]);
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
    expect(head).toEqual(["Uur", "Spoedeisend", "Niet spoedeisend", ...phenomena.map((p) => phenomenonLabel(p, "nl")), "Totaal"]);

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
});
