import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { describeApp } from "#tests/support/describe-app.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { HttpClient, visibleText } from "#tests/support/test-server.ts";

// Responses that reach the ambassador (issue 17, item 7): staff pick a
// template for the signal's phenomenon, maybe edit it; the scrubber runs
// before anything is stored; the sender is told by push and, if they chose
// it, by mail, never with the content; "was this helpful?" is answered once,
// by the sender only, and kept only as totals per template and phenomenon.

describeApp("responses to a signal's sender on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  async function signIn(role: Role, options: { organisationId?: string; language?: string; displayName?: string } = {}): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(app.services, { role, ...(options.organisationId ? { organisationId: options.organisationId } : {}), ...(options.displayName ? { displayName: options.displayName } : {}) });
    if (options.language) await app.services.db.updateTable("users").set({ language: options.language }).where("id", "=", user.id).execute();
    const client = new HttpClient(app.server.url);
    client.setSession(await createSessionToken(app.services, user));
    return { user, client };
  }

  async function subscribeDevice(userId: string) {
    await app.services.db
      .insertInto("push_subscriptions")
      .values({ id: randomUUID(), user_id: userId, endpoint: `https://push.invalid/${randomUUID()}`, p256dh: "key", auth: "auth", created_at: app.clock.now().toISOString() })
      .execute();
  }

  const template = (id: string) => app.services.responseTemplates.byId.get(id)!;
  const responsesOf = (signalId: string) => app.services.db.selectFrom("signal_responses").selectAll().where("signal_id", "=", signalId).orderBy("created_at").execute();
  const mailsTo = (email: string) => app.services.db.selectFrom("mail_outbox").select(["kind", "subject", "text_body", "html_body", "language"]).where("recipient", "=", email).execute();
  const pushesTo = (userId: string) =>
    app.services.db
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select("push_deliveries.payload")
      .where("push_subscriptions.user_id", "=", userId)
      .execute();
  const audits = (action: string) => app.services.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();

  async function people() {
    const organisation = await createOrganisation(app.services, { name: `Bibliotheek ${randomUUID().slice(0, 6)}` });
    const sender = await signIn("ambassador", { organisationId: organisation.id, language: "tr", displayName: "Ayla" });
    const colleague = await signIn("ambassador", { organisationId: organisation.id });
    const coordinator = await signIn("coordinator", { displayName: "Fatima" });
    return { organisation, sender, colleague, coordinator };
  }

  it("sends a template, tells the sender by push and (after they chose it) by mail without the content, and shows it to them in their language", async () => {
    const { sender, colleague, coordinator } = await people();
    await subscribeDevice(sender.user.id);
    const signal = await createSignal(app.services, { sender: sender.user, phenomenon: "phishing", freeText: "Nepmail van de bank." });

    // The sender asks for mail about responses on their list of signals.
    expect((await sender.client.post("/mijn-signalen", { mail: "on" })).status).toBe(200);

    // Staff see only the templates for the signal's phenomenon; picking one fills the text area.
    const page = await coordinator.client.get(`/signalen/${signal.id}/antwoord`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="phishing-warning"');
    expect(page.text).toContain('value="thanks-general"');
    expect(page.text).not.toContain('value="whatsapp-call-back"');
    const picked = await coordinator.client.get(`/signalen/${signal.id}/antwoord?sjabloon=phishing-warning&taal=nl`);
    expect(picked.status).toBe(200);
    expect(visibleText(picked.text)).toContain(template("phishing-warning").body.nl);

    const sent = await coordinator.client.post(`/signalen/${signal.id}/antwoord?sjabloon=phishing-warning&taal=nl`, { key: randomUUID(), templateId: "phishing-warning", language: "nl", body: template("phishing-warning").body.nl });
    expect(sent.status).toBe(200);
    expect(visibleText(sent.text)).toContain("Het antwoord is verstuurd");
    const [stored] = await responsesOf(signal.id);
    expect(stored).toMatchObject({ template_id: "phishing-warning", phenomenon: "phishing", language: "nl", edited: 0, sender_id: sender.user.id, author_id: coordinator.user.id, rated: 0 });
    expect(await audits("signal.response_sent")).toHaveLength(1);

    // Mail in the sender's language, with a link and without the response or the signal's text.
    const mails = await mailsTo(sender.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "signal_response", subject: "Belediye bildiriminize yanıt verdi", language: "tr" });
    expect(mails[0]!.text_body).toContain(`/mijn-signalen/${signal.id}`);
    for (const secret of [template("phishing-warning").body.nl, template("phishing-warning").body.tr, "Nepmail"]) {
      expect(mails[0]!.text_body).not.toContain(secret);
      expect(mails[0]!.html_body).not.toContain(secret);
    }
    const pushes = await pushesTo(sender.user.id);
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(pushes[0]!.payload)).toMatchObject({ url: `/mijn-signalen/${signal.id}`, lang: "tr" });
    expect(pushes[0]!.payload).not.toContain("klik niet");
    // The colleague did not send it: no mail, no push.
    expect(await mailsTo(colleague.user.email)).toHaveLength(0);

    // The unedited template reaches each reader in their own language; only the sender is asked.
    const own = visibleText((await sender.client.get(`/mijn-signalen/${signal.id}`)).text);
    expect(own).toContain(template("phishing-warning").body.tr);
    expect(own).toContain("Bu size yardımcı oldu mu?");
    const theirs = visibleText((await colleague.client.get(`/mijn-signalen/${signal.id}`)).text);
    expect(theirs).toContain(template("phishing-warning").body.nl);
    expect(theirs).not.toContain("Had u hier iets aan?");
    // And on the list of the organisation's signals.
    expect(visibleText((await colleague.client.get("/mijn-signalen")).text)).toContain(template("phishing-warning").body.nl);

    // Mail switched off again: the next response comes by push only.
    expect((await sender.client.post("/mijn-signalen", {})).status).toBe(200);
    expect((await coordinator.client.post(`/signalen/${signal.id}/antwoord`, { key: randomUUID(), templateId: "thanks-general", language: "en", body: template("thanks-general").body.en })).status).toBe(200);
    expect(await mailsTo(sender.user.email)).toHaveLength(1);
    expect(await pushesTo(sender.user.id)).toHaveLength(2);
  });

  it("stores nothing the scrubber would change until the writer saw it; an edited text is shown as written", async () => {
    const { sender, coordinator } = await people();
    const signal = await createSignal(app.services, { sender: sender.user, phenomenon: "whatsapp-fraud" });
    const typed = `${template("whatsapp-call-back").body.nl} Bel mevrouw Jansen terug op 06-12345678.`;

    const asked = await coordinator.client.post(`/signalen/${signal.id}/antwoord?sjabloon=whatsapp-call-back&taal=nl`, { key: randomUUID(), templateId: "whatsapp-call-back", language: "nl", body: typed });
    expect(asked.status).toBe(422);
    expect(visibleText(asked.text)).toContain("We hebben persoonsgegevens uit de tekst gehaald");
    expect(asked.text).not.toContain("06-12345678");
    expect(asked.text).not.toContain("Jansen");
    expect(await responsesOf(signal.id)).toHaveLength(0);

    // What the page showed, sent again, is stored as it is.
    const shown = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(asked.text)![1]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").trim();
    expect(shown).toContain(template("whatsapp-call-back").body.nl);
    expect((await coordinator.client.post(`/signalen/${signal.id}/antwoord`, { key: randomUUID(), templateId: "whatsapp-call-back", language: "nl", body: shown })).status).toBe(200);
    const [stored] = await responsesOf(signal.id);
    expect(stored).toMatchObject({ edited: 1, language: "nl", body: shown });
    expect(stored!.body).not.toContain("12345678");

    // Edited: the sender (who reads Turkish) sees it as it was written, in Dutch, marked as such.
    const own = (await sender.client.get(`/mijn-signalen/${signal.id}`)).text;
    expect(visibleText(own)).toContain(shown);
    expect(own).toContain('lang="nl"');
  });

  it("refuses bad input clearly, changes nothing, and audits the refusals", async () => {
    const { sender, coordinator } = await people();
    const signal = await createSignal(app.services, { sender: sender.user, phenomenon: "phishing" });
    const url = `/signalen/${signal.id}/antwoord`;
    const body = template("thanks-general").body.nl;

    const cases: [Record<string, string>, number, string][] = [
      [{ templateId: "no-such-template", language: "nl", body }, 400, "Dit standaardantwoord bestaat niet"],
      [{ templateId: "whatsapp-call-back", language: "nl", body: template("whatsapp-call-back").body.nl }, 400, "hoort niet bij het fenomeen van dit signaal"],
      [{ templateId: "thanks-general", language: "xx", body }, 400, "Kies een taal uit de lijst"],
      [{ templateId: "thanks-general", language: "nl", body: "   " }, 400, "Schrijf de tekst van het antwoord"],
      [{ templateId: "thanks-general", language: "nl", body: "Dank. ".repeat(300) }, 400, "De tekst is te lang"],
      [{ language: "nl", body }, 400, "Kies een standaardantwoord"],
    ];
    for (const [form, status, message] of cases) {
      const answer = await coordinator.client.post(url, { key: randomUUID(), ...form });
      expect(answer.status, JSON.stringify(form).slice(0, 80)).toBe(status);
      expect(visibleText(answer.text)).toContain(message);
      expect(visibleText(answer.text)).not.toMatch(/TypeError|\bat [\w.]+ \(/);
    }
    expect(await responsesOf(signal.id)).toHaveLength(0);
    expect((await audits("signal.response_refused")).filter((row) => row.target_id === signal.id)).toHaveLength(1);

    // A template that does not fit, asked for in the address: the page says so.
    const wrongPick = await coordinator.client.get(`${url}?sjabloon=whatsapp-call-back&taal=nl`);
    expect(wrongPick.status).toBe(400);
    expect(visibleText(wrongPick.text)).toContain("hoort niet bij het fenomeen van dit signaal");

    // Police and ambassadors may not respond; an unknown signal is a 404.
    const police = await signIn("police");
    expect((await police.client.get(url)).status).toBe(403);
    expect((await police.client.post(url, { key: randomUUID(), templateId: "thanks-general", language: "nl", body })).status).toBe(403);
    expect((await sender.client.post(url, { key: randomUUID(), templateId: "thanks-general", language: "nl", body })).status).toBe(403);
    expect((await coordinator.client.post(`/signalen/${randomUUID()}/antwoord`, { key: randomUUID(), templateId: "thanks-general", language: "nl", body })).status).toBe(404);
    expect(await responsesOf(signal.id)).toHaveLength(0);
    expect(await mailsTo(sender.user.email)).toHaveLength(0);
  });

  it("takes 'was this helpful?' once, from the sender only, even when two answers arrive at once, and keeps only totals", async () => {
    const { sender, colleague, coordinator } = await people();
    const other = await signIn("ambassador");
    const first = await createSignal(app.services, { sender: sender.user, phenomenon: "fake-webshop" });
    const second = await createSignal(app.services, { sender: sender.user, phenomenon: "fake-webshop" });
    for (const signal of [first, second]) {
      expect((await coordinator.client.post(`/signalen/${signal.id}/antwoord`, { key: randomUUID(), templateId: "thanks-general", language: "nl", body: template("thanks-general").body.nl })).status).toBe(200);
    }
    const [r1] = await responsesOf(first.id);
    const [r2] = await responsesOf(second.id);

    // Not the sender: refused, audited, nothing counted.
    expect((await colleague.client.post(`/mijn-signalen/${first.id}`, { responseId: r1!.id, helpful: "yes" })).status).toBe(403);
    expect((await other.client.post(`/mijn-signalen/${first.id}`, { responseId: r1!.id, helpful: "yes" })).status).toBe(403);
    expect((await audits("signal.response_rating_refused")).filter((row) => row.target_id === first.id)).toHaveLength(2);
    // A response under another signal's address, and a made-up answer: refused plainly.
    expect((await sender.client.post(`/mijn-signalen/${second.id}`, { responseId: r1!.id, helpful: "yes" })).status).toBe(404);
    const bad = await sender.client.post(`/mijn-signalen/${first.id}`, { responseId: r1!.id, helpful: "maybe" });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain("Evet veya hayır seçin.");

    const yes = await sender.client.post(`/mijn-signalen/${first.id}`, { responseId: r1!.id, helpful: "yes" });
    expect(yes.status).toBe(200);
    expect(visibleText(yes.text)).toContain("Yanıtınız için teşekkür ederiz.");
    const again = await sender.client.post(`/mijn-signalen/${first.id}`, { responseId: r1!.id, helpful: "no" });
    expect(again.status).toBe(409);
    expect(visibleText(again.text)).toContain("İlk yanıtınız geçerlidir");

    // Two answers at once on the second response: one counts.
    const both = await Promise.all([
      sender.client.post(`/mijn-signalen/${second.id}`, { responseId: r2!.id, helpful: "no" }),
      sender.client.post(`/mijn-signalen/${second.id}`, { responseId: r2!.id, helpful: "no" }),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);

    const totals = await app.services.db.selectFrom("signal_response_ratings").selectAll().where("template_id", "=", "thanks-general").where("phenomenon", "=", "fake-webshop").execute();
    expect(totals).toEqual([{ municipality_id: app.services.municipality.id, template_id: "thanks-general", phenomenon: "fake-webshop", helpful: 1, not_helpful: 1 }]);
    // The response keeps only that it was rated; no audit row records who rated (only the refusals).
    expect(Object.keys(r1!).filter((column) => /helpful/.test(column))).toEqual([]);
    expect((await responsesOf(first.id))[0]!.rated).toBe(1);
    const actions = await app.services.db.selectFrom("audit_events").select("action").where("actor_user_id", "=", sender.user.id).execute();
    expect(actions.map((row) => row.action).filter((action) => /rating|helpful/.test(action) && action !== "signal.response_rating_refused")).toEqual([]);
    expect(visibleText((await sender.client.get(`/mijn-signalen/${first.id}`)).text)).not.toContain("Bu size yardımcı oldu mu?");

    // Staff see the row, but two answers are fewer than the threshold: no split; police see nothing.
    const threshold = app.services.municipality.suppressionThreshold;
    expect(threshold).toBeGreaterThan(2);
    const page = visibleText((await coordinator.client.get("/signalen/antwoorden")).text);
    expect(page).toContain(`Bedankt, meegenomen in het beeld van de wijk Nepwebwinkel 2 < ${threshold} verborgen verborgen`);
    expect((await (await signIn("police")).client.get("/signalen/antwoorden")).status).toBe(403);
  });

  it("shows a template's split only from the threshold on: one answer reads '< t' on the page and in the page's data, and no total gives it away", async () => {
    // The attacker is staff watching the totals page while a single ambassador answers.
    const threshold = app.services.municipality.suppressionThreshold;
    expect(threshold).toBeGreaterThan(1);
    const organisation = await createOrganisation(app.services, { name: `Buurthuis ${randomUUID().slice(0, 6)}` });
    const coordinator = await signIn("coordinator");
    const forwarded = template("forwarded-to-police");
    async function respondAndRate(phenomenon: string, helpful: "yes" | "no") {
      const sender = await signIn("ambassador", { organisationId: organisation.id });
      const signal = await createSignal(app.services, { sender: sender.user, phenomenon });
      expect((await coordinator.client.post(`/signalen/${signal.id}/antwoord`, { key: randomUUID(), templateId: forwarded.id, language: "nl", body: forwarded.body.nl })).status).toBe(200);
      const [response] = await responsesOf(signal.id);
      // What the ambassador is promised before answering.
      expect(visibleText((await sender.client.get(`/mijn-signalen/${signal.id}`)).text)).toContain(
        `De gemeente ziet alleen totalen per standaardantwoord, en pas als minstens ${threshold} ambassadeurs erop antwoordden; nooit wie wat antwoordde.`,
      );
      expect((await sender.client.post(`/mijn-signalen/${signal.id}`, { responseId: response!.id, helpful })).status).toBe(200);
    }
    const totalsPage = async () => {
      const response = await coordinator.client.get("/signalen/antwoorden");
      expect(response.status).toBe(200);
      return response.text;
    };

    // One answer, "did not help", on online threats.
    await respondAndRate("online-threats", "no");
    const afterOne = await totalsPage();
    // Not in the data the page carries for the browser, nor in the data route a script could fetch.
    const dataRoute = await coordinator.client.get("/signalen/antwoorden.data");
    expect(dataRoute.status).toBe(200);
    expect(dataRoute.text).toContain('"ratings"');
    // (In the page the data sits in a script string, with its quotes escaped.)
    for (const source of [afterOne, dataRoute.text]) {
      expect(source).toMatch(/\\?"ratings\\?"/);
      expect(source).not.toMatch(/notHelpful|not_helpful|\\?"helpful\\?"|\\?"answers\\?"/);
    }

    // On the page: "< t" answers and no split.
    expect(visibleText(afterOne)).toContain(`${forwarded.title.nl} Online bedreiging en intimidatie 1 < ${threshold} verborgen verborgen`);
    expect(visibleText(afterOne)).toContain(`Of een standaardantwoord hielp, staat er pas als minstens ${threshold} ambassadeurs erop antwoordden bij dat fenomeen.`);
    expect(visibleText(afterOne)).not.toMatch(/Online bedreiging en intimidatie 1 1 0 1|Online bedreiging en intimidatie 1 0 1/);
    // Exactly the threshold on sextortion (one "no", the rest "yes"): the split is shown as counted.
    for (let i = 0; i < threshold; i++) await respondAndRate("sextortion", i === 0 ? "no" : "yes");
    const atThreshold = visibleText(await totalsPage());
    expect(atThreshold).toContain(`${forwarded.title.nl} Sextortion en misbruik van beelden ${threshold} ${threshold} ${threshold - 1} 1`);
    expect(atThreshold).toContain(`${forwarded.title.nl} Online bedreiging en intimidatie 1 < ${threshold} verborgen verborgen`);

    // No total across rows: had there been a sum of "did not help" (2) next to the shown row (1),
    // the hidden row's single answer would follow by subtraction. The table has one row per
    // template and phenomenon that was sent, and nothing else.
    const rows = await app.services.db
      .selectFrom("signal_responses")
      .select(["template_id", "phenomenon"])
      .where("municipality_id", "=", app.services.municipality.id)
      .groupBy(["template_id", "phenomenon"])
      .execute();
    const table = (await totalsPage()).split('data-testid="response-ratings"')[1]!.split("</table>")[0]!;
    expect(table.match(/<tr[\s>]/g)).toHaveLength(rows.length + 1);
    expect(visibleText(table)).not.toMatch(/Totaal|Samen|Alle standaardantwoorden/);

    // One more answer on online threats is still hidden; the threshold itself is not a leak of the one before.
    await respondAndRate("online-threats", "yes");
    expect(visibleText(await totalsPage())).toContain(`${forwarded.title.nl} Online bedreiging en intimidatie 2 < ${threshold} verborgen verborgen`);
  });

  it("a sender who deletes their account takes their e-mail choice along; the response stays with the organisation, unrated", async () => {
    const { sender, colleague, coordinator } = await people();
    const signal = await createSignal(app.services, { sender: sender.user, phenomenon: "phishing" });
    expect((await sender.client.post("/mijn-signalen", { mail: "on" })).status).toBe(200);
    expect((await coordinator.client.post(`/signalen/${signal.id}/antwoord`, { key: randomUUID(), templateId: "thanks-general", language: "nl", body: template("thanks-general").body.nl })).status).toBe(200);
    expect((await sender.client.post("/account/verwijderen", { password: sender.user.password, confirm: "ja" })).status).toBe(302);
    expect(await app.services.db.selectFrom("signal_response_mail_optins").selectAll().where("user_id", "=", sender.user.id).execute()).toEqual([]);
    const [stored] = await responsesOf(signal.id);
    expect(stored).toMatchObject({ sender_id: null, rated: 0 });
    const theirs = visibleText((await colleague.client.get(`/mijn-signalen/${signal.id}`)).text);
    expect(theirs).toContain(template("thanks-general").body.nl);
    expect(theirs).not.toContain("Had u hier iets aan?");
    expect((await colleague.client.post(`/mijn-signalen/${signal.id}`, { responseId: stored!.id, helpful: "yes" })).status).toBe(403);
  });

  it("makes one response of a form sent twice, also at once, and refuses a form without its key or with another's", async () => {
    const { sender, coordinator } = await people();
    await subscribeDevice(sender.user.id);
    const signal = await createSignal(app.services, { sender: sender.user, phenomenon: "phishing" });
    const other = await createSignal(app.services, { sender: sender.user, phenomenon: "phishing" });
    const form = { key: randomUUID(), templateId: "thanks-general", language: "nl", body: template("thanks-general").body.nl };
    const url = `/signalen/${signal.id}/antwoord`;

    const twice = await Promise.all([coordinator.client.post(url, form), coordinator.client.post(url, form)]);
    expect(twice.map((answer) => answer.status)).toEqual([200, 200]);
    expect((await coordinator.client.post(url, form)).status).toBe(200);
    expect(await responsesOf(signal.id)).toHaveLength(1);
    expect(await pushesTo(sender.user.id)).toHaveLength(1);

    // The key of that form, on another signal or from another person: refused, nothing stored.
    const usedElsewhere = await coordinator.client.post(`/signalen/${other.id}/antwoord`, form);
    expect(usedElsewhere.status).toBe(400);
    expect(visibleText(usedElsewhere.text)).toContain("Dit formulier is al gebruikt voor een ander antwoord");
    const colleague = await signIn("coordinator");
    expect((await colleague.client.post(url, form)).status).toBe(400);
    // Without a key (an old page, a hand-made post): the form has expired.
    const { key: _key, ...withoutKey } = form;
    const expired = await coordinator.client.post(url, withoutKey);
    expect(expired.status).toBe(400);
    expect(visibleText(expired.text)).toContain("Dit formulier is verlopen");
    expect(await responsesOf(signal.id)).toHaveLength(1);
    expect(await responsesOf(other.id)).toHaveLength(0);
  });
});
