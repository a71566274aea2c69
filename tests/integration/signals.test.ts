import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { ensureMunicipality } from "#app/features/areas/areas.server.ts";
import { findViewerBySessionToken } from "#app/features/auth/session.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { scrubberCorpus } from "#app/features/signals/scrubber-corpus.ts";
import { scrub } from "#app/features/signals/scrubber.ts";
import { scrubOptions, submitSignal } from "#app/features/signals/submitting.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Signals over HTTP, as a browser without JavaScript sends them (plain form
// posts) and as a service worker's outbox does (JSON), on both databases.

function decode(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function previewOf(page: TestResponse): string | null {
  const match = /data-testid="signal-preview">([^<]*)</.exec(page.text);
  return match ? decode(match[1]!) : null;
}

function keyOf(page: TestResponse): string {
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)?.[1];
  if (!key) throw new Error("no idempotency key on the form");
  return key;
}

const MOERWIJK = "den-haag-wk-moerwijk";

function signalForm(key: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotencyKey: key,
    phenomenon: "phishing",
    wijkId: MOERWIJK,
    when: "this_week",
    date: "",
    channel: "sms",
    targetGroup: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: "normal",
    recipients: "gemeente",
    freeText: "",
    confirmedText: "",
    intent: "send",
    ...overrides,
  };
}

describe.each(testDialects())("signals on %s", (dialect) => {
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

  async function signIn(role: Role, options: { organisationId?: string } = {}): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role, ...options });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }

  async function viewerOf(user: TestUser): Promise<Viewer> {
    return (await findViewerBySessionToken(services, await createSessionToken(services, user)))!;
  }

  const countSignals = async () => (await services.db.selectFrom("signals").select("id").execute()).length;

  function postJson(client: HttpClient, body: unknown) {
    return client.request("POST", "/signalen/nieuw", {
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
  }

  it("JavaScript off: fill in, preview as a round trip, send, and find it under 'my signals' — only scrubbed text stored or logged", async () => {
    const { user, client } = await signIn("ambassador");
    const form = await client.get("/signalen/nieuw");
    expect(form.status).toBe(200);
    const key = keyOf(form);
    // The organisation's wijk is chosen already.
    expect(form.text).toMatch(new RegExp(`<option value="${MOERWIJK}" selected=""`));

    const raw = "Mevrouw Jansen kreeg een sms van 06-12345678 met een link https://postnl-pakket.info/betaal?id=AB12CD34. Ze belde de Fraudehelpdesk (088-786 73 72).";
    const preview = await client.post("/signalen/nieuw", signalForm(key, { intent: "preview", freeText: raw }));
    expect(preview.status).toBe(200);
    const shown = previewOf(preview);
    expect(shown).toBe(
      "Mevrouw [naam] kreeg een sms van [telefoonnummer] met een link https://postnl-pakket.info/[link]. Ze belde de Fraudehelpdesk (088-786 73 72).",
    );
    expect(visibleText(preview.text)).toContain("Weggehaald: 1 naam, 1 telefoonnummer, 1 persoonlijk deel van een link.");
    expect(keyOf(preview), "the same form keeps its key across the preview").toBe(key);
    expect(await countSignals(), "a preview stores nothing").toBe(0);

    const sent = await client.post("/signalen/nieuw", signalForm(key, { freeText: raw, confirmedText: shown!, urgency: "urgent", recipients: "both" }));
    expect(sent.status, visibleText(sent.text)).toBe(302);
    const id = /^\/mijn-signalen\?verstuurd=([0-9a-f-]{36})$/.exec(sent.location ?? "")?.[1];
    expect(id).toBeDefined();

    const mine = await client.get(sent.location!);
    expect(visibleText(mine.text)).toContain("Uw signaal is verstuurd");
    expect(visibleText(mine.text)).toContain("Phishing (mail, sms of QR-code) ontvangen Spoed Moerwijk · week 48 van 2026");

    const row = await services.db.selectFrom("signals").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organisation_id: user.organisationId,
      created_by: user.id,
      idempotency_key: key,
      phenomenon: "phishing",
      wijk_id: MOERWIJK,
      iso_week: "2026-W48",
      urgency: "urgent",
      recipients: "both",
      status: "received",
      free_text: shown,
    });
    for (const secret of ["Jansen", "06-12345678", "AB12CD34"]) {
      expect(services.logLines.join("\n")).not.toContain(secret);
      expect(JSON.stringify(row)).not.toContain(secret);
    }
  });

  it("sending text with personal data that was not previewed shows the preview first and stores nothing", async () => {
    const { client } = await signIn("ambassador");
    const before = await countSignals();
    const key = keyOf(await client.get("/signalen/nieuw"));
    const response = await client.post("/signalen/nieuw", signalForm(key, { freeText: "Bel 06-87654321 niet terug." }));
    expect(response.status).toBe(422);
    expect(visibleText(response.text)).toContain("Controleer eerst wat er verstuurd wordt");
    expect(previewOf(response)).toBe("Bel [telefoonnummer] niet terug.");
    expect(await countSignals()).toBe(before);

    // Text without personal data needs no extra step.
    const plain = await client.post("/signalen/nieuw", signalForm(key, { freeText: "Veel sms'jes over een pakket." }));
    expect(plain.status).toBe(302);
  });

  it("the same idempotency key twice stores one signal and answers with the same one (form, JSON and at once)", async () => {
    const before = await countSignals();
    const { client } = await signIn("ambassador");
    const key = keyOf(await client.get("/signalen/nieuw"));
    const first = await client.post("/signalen/nieuw", signalForm(key));
    const second = await client.post("/signalen/nieuw", signalForm(key, { phenomenon: "sextortion" }));
    expect(first.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(await countSignals()).toBe(before + 1);

    const jsonKey = crypto.randomUUID();
    const a = await postJson(client, signalForm(jsonKey));
    const b = await postJson(client, signalForm(jsonKey));
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    const [bodyA, bodyB] = [JSON.parse(a.text), JSON.parse(b.text)];
    expect(bodyA).toMatchObject({ ok: true, created: true });
    expect(bodyB).toMatchObject({ ok: true, created: false, signal: { id: bodyA.signal.id } });
    expect(await countSignals()).toBe(before + 2);

    // An outbox flushing twice at the same moment: the unique key decides.
    const raceKey = crypto.randomUUID();
    const raced = await Promise.all([1, 2, 3].map(() => postJson(client, signalForm(raceKey))));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(raced.map((r) => JSON.parse(r.text).signal.id)).size).toBe(1);
    expect(await countSignals()).toBe(before + 3);
  });

  it("a key used by someone else is refused with a message, and stores nothing", async () => {
    const { client: first } = await signIn("ambassador");
    const { client: other } = await signIn("ambassador");
    const key = crypto.randomUUID();
    expect((await postJson(first, signalForm(key))).status).toBe(201);
    const before = await countSignals();
    const stolen = await other.post("/signalen/nieuw", signalForm(key));
    expect(stolen.status).toBe(409);
    expect(visibleText(stolen.text)).toContain("Deze verzendcode is al gebruikt voor een ander signaal. Er is niets opgeslagen.");
    expect(keyOf(stolen), "the page hands out a fresh key").not.toBe(key);
    expect(await countSignals()).toBe(before);
  });

  it("bad input stores nothing and gets a specific message for each problem", async () => {
    const { user, client } = await signIn("ambassador");
    const delft = await ensureMunicipality(services.db, clock, {
      municipality: { slug: "delft", name: "Delft", officialName: "Delft", cbsCode: null },
      provenance: "test",
      stadsdelen: [{ name: "Centrum", wijken: [{ name: "Binnenstad", cbs: null }] }],
    });
    expect(delft.id).toBe("delft");
    const before = await countSignals();
    const cases: [Record<string, string>, string][] = [
      [{ phenomenon: "cyber-ufo" }, "Dit verschijnsel kennen we niet. Kies er een uit de lijst."],
      [{ phenomenon: "" }, "Kies wat voor verschijnsel het is."],
      [{ wijkId: "den-haag-wk-atlantis" }, "Deze wijk kennen we niet. Kies er een uit de lijst."],
      [{ wijkId: "delft-wk-binnenstad" }, "Deze wijk hoort bij een andere gemeente. Kies een wijk uit de lijst."],
      [{ freeText: "a".repeat(1001) }, "De toelichting is te lang: gebruik hoogstens 1000 tekens."],
      [{ channel: "" }, "Kies het kanaal."],
      [{ channel: "telepathy" }, "Kies een van de mogelijkheden."],
      [{ recipients: "" }, "Kies naar wie het signaal gaat."],
      [{ when: "date", date: "" }, "Vul de datum in, of kies 'Deze week' of 'Vorige week'."],
      [{ when: "date", date: "2026-11-25" }, "Deze datum ligt in de toekomst. Kies een datum van vandaag of eerder."],
      [{ when: "date", date: "2026-02-30" }, "Deze datum bestaat niet."],
      [{ idempotencyKey: "' OR 1=1 --" }, "Dit formulier is niet meer geldig (de verzendcode klopt niet). Er is niets opgeslagen."],
      [{ idempotencyKey: "" }, "Dit formulier is niet meer geldig (de verzendcode klopt niet)."],
    ];
    for (const [overrides, message] of cases) {
      const response = await client.post("/signalen/nieuw", signalForm(crypto.randomUUID(), overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(visibleText(response.text), JSON.stringify(overrides)).toContain(message);
      expect(response.text, "no stack trace").not.toMatch(/node_modules|\.ts:\d+:\d+/);
    }
    // A missing field altogether, as a hand-made request would send it.
    const { outcome: _omitted, ...withoutOutcome } = signalForm(crypto.randomUUID());
    const missing = await client.post("/signalen/nieuw", withoutOutcome);
    expect(missing.status).toBe(400);
    expect(visibleText(missing.text)).toContain("Kies of het een poging was of dat er schade is.");
    // The same checks answer in JSON, in the person's language.
    const json = await postJson(new HttpClient(server.url, { acceptLanguage: "en" }), {});
    expect(json.status).toBe(401);
    const english = new HttpClient(server.url, { acceptLanguage: "en" });
    english.setSession(await createSessionToken(services, user));
    const invalid = await postJson(english, signalForm("not-a-key", { wijkId: "delft-wk-binnenstad" }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text).fieldErrors).toMatchObject({
      idempotencyKey: ["This form is no longer valid (the sending code is wrong). Nothing was stored. Fill in the form again and send it once more."],
    });
    const otherMunicipality = await postJson(english, signalForm(crypto.randomUUID(), { wijkId: "delft-wk-binnenstad" }));
    expect(JSON.parse(otherMunicipality.text).fieldErrors.wijkId).toEqual(["This wijk belongs to another municipality. Choose a wijk from the list."]);
    expect(await countSignals()).toBe(before);
  });

  it("an oversized body is refused before it is read, as a form and as JSON", async () => {
    const { client } = await signIn("ambassador");
    const before = await countSignals();
    const form = await client.post("/signalen/nieuw", signalForm(crypto.randomUUID(), { freeText: "x".repeat(70 * 1024) }));
    expect(form.status).toBe(413);
    expect(form.text).toContain("te groot");
    const json = await postJson(client, signalForm(crypto.randomUUID(), { freeText: "x".repeat(70 * 1024) }));
    expect(json.status).toBe(413);
    expect(JSON.parse(json.text).error).toContain("te groot");
    expect(await countSignals()).toBe(before);
  });

  it("JSON answers for a service worker: 401 when logged out, 403 for staff, a server preview on request", async () => {
    expect((await postJson(new HttpClient(server.url), signalForm(crypto.randomUUID()))).status).toBe(401);
    const { client: coordinator } = await signIn("coordinator");
    const refused = await postJson(coordinator, signalForm(crypto.randomUUID()));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ ok: false, error: "forbidden" });
    const { client } = await signIn("ambassador");
    const preview = await postJson(client, { intent: "preview", freeText: "Mail van jan@voorbeeld.nl" });
    expect(JSON.parse(preview.text)).toEqual({ ok: true, preview: { text: "Mail van [e-mailadres]", counts: { email: 1 } } });
    const unconfirmed = await postJson(client, signalForm(crypto.randomUUID(), { freeText: "Mail van jan@voorbeeld.nl" }));
    expect(unconfirmed.status).toBe(422);
    expect(JSON.parse(unconfirmed.text)).toMatchObject({ ok: false, error: "preview_required", preview: { text: "Mail van [e-mailadres]" } });
  });

  it("an ambassador reads their own organisation's signals, never another's (and the refusal is audited)", async () => {
    const library = await createOrganisation(services, { name: "Bibliotheek Bezuidenhout", wijk: "Bezuidenhout" });
    const { user: sender } = await signIn("ambassador", { organisationId: library.id });
    const { client: colleague } = await signIn("ambassador", { organisationId: library.id });
    const { user: outsiderUser, client: outsider } = await signIn("ambassador");
    const signal = await createSignal(services, { sender: { id: sender.id, organisationId: library.id }, freeText: "Nepfacturen bij de leesclub." });

    const own = await colleague.get(`/mijn-signalen/${signal.id}`);
    expect(own.status).toBe(200);
    expect(visibleText(own.text)).toContain("Nepfacturen bij de leesclub.");
    expect(visibleText(await colleague.get("/mijn-signalen").then((r) => r.text))).toContain("Phishing");

    const refused = await outsider.get(`/mijn-signalen/${signal.id}`);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain("Nepfacturen");
    expect(visibleText((await outsider.get("/mijn-signalen")).text)).toContain("Uw organisatie heeft nog geen signalen doorgegeven.");
    const audit = await services.db.selectFrom("audit_events").selectAll().where("target_id", "=", signal.id).orderBy("id").execute();
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
      ["signal.viewed", expect.any(String)],
      ["signal.view_refused", outsiderUser.id],
    ]);
    expect((await outsider.get("/mijn-signalen/bestaat-niet")).status).toBe(404);
  });

  it("a coordinator opens a signal (audited), changes its status, writes feedback the ambassador reads, and forwards it to police", async () => {
    const { user: ambassador, client: phone } = await signIn("ambassador");
    const { user: coordinator, client: desk } = await signIn("coordinator");
    const { client: police } = await signIn("police");
    const signal = await createSignal(services, { sender: { id: ambassador.id, organisationId: ambassador.organisationId }, recipients: "gemeente" });

    const opened = await desk.get(`/signalen/${signal.id}`);
    expect(opened.status).toBe(200);
    expect(visibleText(opened.text)).toContain("Sms over een pakket met een link naar een nepsite.");
    const viewed = await services.db.selectFrom("audit_events").selectAll().where("action", "=", "signal.viewed").where("target_id", "=", signal.id).execute();
    expect(viewed).toMatchObject([{ actor_user_id: coordinator.id, actor_role: "coordinator", target_type: "signal" }]);

    expect((await police.get(`/signalen/${signal.id}`)).status).toBe(403);

    const feedback = await desk.post(`/signalen/${signal.id}`, {
      intent: "feedback",
      body: "Dank u — deze week 12 vergelijkbare signalen, we hebben de wijkagent gewaarschuwd. Meneer De Bruin belde ook.",
    });
    expect(feedback.status).toBe(200);
    expect(visibleText(feedback.text)).toContain("Uw reactie is verstuurd.");
    const mine = visibleText((await phone.get("/mijn-signalen")).text);
    expect(mine).toContain("Reactie van de gemeente Dank u — deze week 12 vergelijkbare signalen, we hebben de wijkagent gewaarschuwd. Meneer [naam] belde ook.");
    expect(mine).toContain("gezien");

    expect(visibleText((await desk.post(`/signalen/${signal.id}`, { intent: "forward" })).text)).toContain("doorgestuurd naar de politie");
    expect((await police.get(`/signalen/${signal.id}`)).status).toBe(200);

    const handled = await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "handled" });
    expect(visibleText(handled.text)).toContain("Het signaal is afgehandeld.");
    const again = await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "handled" });
    expect(again.status).toBe(409);
    expect(visibleText(again.text)).toContain("Er was niets te veranderen.");
    const bogus = await desk.post(`/signalen/${signal.id}`, { intent: "status", status: "vanished" });
    expect(bogus.status).toBe(400);

    const row = await services.db.selectFrom("signals").selectAll().where("id", "=", signal.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "handled", recipients: "both" });
    expect(row.seen_at).not.toBeNull();
    expect(row.handled_at).not.toBeNull();
    const changes = await services.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("target_id", "=", signal.id)
      .where("action", "in", ["signal.status_changed", "signal.feedback_written", "signal.forwarded_to_police"])
      .orderBy("id")
      .execute();
    expect(changes.map((c) => [c.action, JSON.parse(c.details)])).toEqual([
      ["signal.feedback_written", {}],
      ["signal.status_changed", { from: "received", to: "seen" }],
      ["signal.status_changed", { from: "seen", to: "forwarded_to_police" }],
      ["signal.forwarded_to_police", {}],
      ["signal.status_changed", { from: "forwarded_to_police", to: "handled" }],
    ]);
  });

  it("police see only signals addressed to politie, and change only their notes and their side of the workflow", async () => {
    const { user: ambassador } = await signIn("ambassador");
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
    const forPolice = await createSignal(services, { sender, recipients: "politie", phenomenon: "sextortion" });
    const forBoth = await createSignal(services, { sender, recipients: "both", phenomenon: "online-threats" });
    const forGemeente = await createSignal(services, { sender, recipients: "gemeente", phenomenon: "disinformation" });
    const { user: officer, client: police } = await signIn("police");
    const { client: desk } = await signIn("coordinator");

    const inbox = await police.get("/signalen");
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain(`/signalen/${forPolice.id}`);
    expect(inbox.text).toContain(`/signalen/${forBoth.id}`);
    expect(inbox.text).not.toContain(`/signalen/${forGemeente.id}`);
    expect((await police.get(`/signalen/${forGemeente.id}`)).status).toBe(403);
    expect((await police.post(`/signalen/${forGemeente.id}`, { intent: "note", body: "x" })).status).toBe(403);

    const attempts: Record<string, string>[] = [{ intent: "feedback", body: "hallo" }, { intent: "forward" }, { intent: "link", caseTitle: "x" }];
    for (const attempt of attempts) {
      expect((await police.post(`/signalen/${forPolice.id}`, attempt)).status, attempt.intent).toBe(403);
    }
    // Police may not close a signal nobody has taken up yet: the workflow refuses it.
    const skipped = await police.post(`/signalen/${forPolice.id}`, { intent: "status", status: "handled" });
    expect(skipped.status).toBe(409);
    expect(visibleText(skipped.text)).toContain("Dit signaal kan niet van ‘ontvangen’ naar ‘afgehandeld’");
    const note = await police.post(`/signalen/${forPolice.id}`, { intent: "note", body: "Bekend bij team digitale criminaliteit; mail van dader@nep.nl." });
    expect(note.status).toBe(200);
    expect(visibleText(note.text)).toContain("Bekend bij team digitale criminaliteit; mail van [e-mailadres].");
    const row = await services.db.selectFrom("signals").select(["status", "recipients"]).where("id", "=", forPolice.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "received", recipients: "politie" });
    const stored = await services.db.selectFrom("signal_notes").selectAll().where("signal_id", "=", forPolice.id).execute();
    expect(stored).toMatchObject([{ kind: "police_note", author_id: officer.id }]);
    // Police notes are for police: the coordinator's view does not show them.
    expect(visibleText((await desk.get(`/signalen/${forPolice.id}`)).text)).not.toContain("team digitale criminaliteit");
  });

  it("urgent signals come first in the inbox and are counted in the navigation", async () => {
    const { user: ambassador } = await signIn("ambassador");
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
    const { client: desk, user: coordinator } = await signIn("coordinator");
    const urgentBefore = Number(
      (
        await services.db
          .selectFrom("signals")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("urgency", "=", "urgent")
          .where("status", "!=", "handled")
          .executeTakeFirstOrThrow()
      ).n,
    );
    clock.advance(60_000);
    const urgent = await createSignal(services, { sender, urgency: "urgent", recipients: "gemeente", receivedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() });
    await createSignal(services, { sender, urgency: "urgent", status: "handled", recipients: "both" });
    const newest = await createSignal(services, { sender, urgency: "normal" });

    const page = await desk.get("/signalen");
    const order = [...page.text.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(order.indexOf(urgent.id)).toBeLessThan(order.indexOf(newest.id));
    expect(page.text).toMatch(new RegExp(`<span class="nav-badge" aria-hidden="true">${urgentBefore + 1}</span>`));
    const count = urgentBefore + 1;
    expect(visibleText(page.text)).toMatch(count === 1 ? /\(\s*1 spoedeisend signaal open\s*\)/ : new RegExp(`\\(\\s*${count} spoedeisende signalen open\\s*\\)`));

    const filtered = await desk.get("/signalen?urgentie=urgent&status=received");
    const ids = [...filtered.text.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids).toContain(urgent.id);
    expect(ids).not.toContain(newest.id);
    const listed = await services.db.selectFrom("audit_events").selectAll().where("action", "=", "signal.list_viewed").where("actor_user_id", "=", coordinator.id).execute();
    expect(listed.map((l) => JSON.parse(l.details))).toContainEqual(expect.objectContaining({ urgency: "urgent", status: "received" }));

    await desk.post(`/signalen/${urgent.id}`, { intent: "status", status: "handled" });
    expect((await desk.get("/signalen")).text).not.toMatch(new RegExp(`class="nav-badge" aria-hidden="true">${count}<`));
  });

  it("similar signals are linked into one phenomenon case with a title, and unlinked again", async () => {
    const { user: ambassador } = await signIn("ambassador");
    const sender = { id: ambassador.id, organisationId: ambassador.organisationId };
    const first = await createSignal(services, { sender, phenomenon: "investment-fraud" });
    const second = await createSignal(services, { sender, phenomenon: "investment-fraud", wijk: "Ypenburg" });
    const unrelated = await createSignal(services, { sender, phenomenon: "romance-fraud" });
    const { client: desk } = await signIn("coordinator");

    const detail = await desk.get(`/signalen/${first.id}`);
    expect(detail.text).toContain(`value="${second.id}"`);
    expect(detail.text).not.toContain(`value="${unrelated.id}"`);

    const tooLong = await desk.post(`/signalen/${first.id}`, { intent: "link", caseTitle: "x".repeat(121) });
    expect(tooLong.status).toBe(400);
    expect(visibleText(tooLong.text)).toContain("De titel is te lang");
    const empty = await desk.post(`/signalen/${first.id}`, { intent: "link", caseTitle: "" });
    expect(visibleText(empty.text)).toContain("Kies een bestaande zaak of geef de nieuwe zaak een titel.");

    const form = new URLSearchParams({ intent: "link", caseId: "", caseTitle: "Cryptobeleggen via Instagram, Escamp" });
    form.append("alsoSignalIds", second.id);
    const linked = await desk.request("POST", `/signalen/${first.id}`, { body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(visibleText(linked.text)).toContain("Zaak: Cryptobeleggen via Instagram, Escamp");
    const rows = await services.db.selectFrom("signals").select(["id", "case_id"]).where("id", "in", [first.id, second.id, unrelated.id]).execute();
    const caseIds = new Map(rows.map((r) => [r.id, r.case_id]));
    expect(caseIds.get(first.id)).not.toBeNull();
    expect(caseIds.get(second.id)).toBe(caseIds.get(first.id));
    expect(caseIds.get(unrelated.id)).toBeNull();
    expect(visibleText((await desk.get("/signalen")).text)).toContain("Cryptobeleggen via Instagram, Escamp");

    await desk.post(`/signalen/${second.id}`, { intent: "unlink" });
    expect((await services.db.selectFrom("signals").select("case_id").where("id", "=", second.id).executeTakeFirstOrThrow()).case_id).toBeNull();
    const audited = await services.db.selectFrom("audit_events").select("action").where("action", "in", ["signal_case.created", "signal.case_linked", "signal.case_unlinked"]).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(["signal.case_linked", "signal.case_linked", "signal.case_unlinked", "signal_case.created"]);
  });

  it("stores none of the personal data of any corpus sentence, and keeps what matters", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const viewer = await viewerOf(ambassador);
    const options = await scrubOptions(services, { id: services.municipality.id, name: services.municipality.name });
    const personal = /\{\{[a-z]+:([^}]+)\}\}/g;
    for (const line of scrubberCorpus) {
      const text = line.replace(personal, "$1").replace(/\[\[([^\]]+)\]\]/g, "$1");
      const result = await submitSignal(services, viewer, {
        idempotencyKey: crypto.randomUUID(),
        phenomenon: "phishing",
        wijkId: MOERWIJK,
        when: "this_week",
        channel: "sms",
        targetGroup: "residents",
        affected: "few",
        outcome: "attempt",
        urgency: "normal",
        recipients: "gemeente",
        freeText: text,
        // What the sender saw in the preview.
        confirmedText: scrub(text, options).text,
      });
      if (!result.ok) throw new Error(`not stored (${result.error}): ${text}`);
      const stored = (await services.db.selectFrom("signals").select("free_text").where("id", "=", result.signal.id).executeTakeFirstOrThrow()).free_text ?? "";
      for (const [, value] of line.matchAll(personal)) {
        const escaped = value!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        expect(stored, `${value} in: ${text}`).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u"));
      }
      for (const [, keep] of line.matchAll(/\[\[([^\]]+)\]\]/g)) expect(stored, text).toContain(keep);
    }
    expect(services.logLines.some((l) => l.includes("06-12345678"))).toBe(false);
  });

  it("signals stay, anonymised, when the sending ambassador's account is deleted", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const signal = await createSignal(services, { sender: { id: ambassador.id, organisationId: ambassador.organisationId } });
    await services.db.deleteFrom("sessions").where("user_id", "=", ambassador.id).execute();
    await services.db.deleteFrom("users").where("id", "=", ambassador.id).execute();
    const row = await services.db.selectFrom("signals").select(["created_by", "organisation_id"]).where("id", "=", signal.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: null, organisation_id: ambassador.organisationId });
  });
});
