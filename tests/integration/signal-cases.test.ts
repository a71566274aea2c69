import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import type { Role } from "#db/tables/auth.ts";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Cases as pages of their own, over HTTP on both databases: linked from the
// inbox and the signal, with owner, status, linked signals and one timeline;
// the inbox filters by case; police and ambassadors do not see cases.

describe.each(testDialects())("signal cases on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let ambassador: TestUser;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
    ambassador = await createUser(services, { role: "ambassador" });
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  let people = 0;
  async function signIn(role: Role) {
    const displayName = `Medewerker ${role} ${++people}`;
    const user = await createUser(services, { role, displayName });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user: { ...user, displayName }, client };
  }
  const sender = () => ({ id: ambassador.id, organisationId: ambassador.organisationId });
  const tick = () => clock.advance(60_000);

  it("a case has its own page: owner, status, linked signals and a timeline of what happened", async () => {
    const { user: me, client: desk } = await signIn("coordinator");
    const first = await createSignal(services, { sender: sender(), phenomenon: "investment-fraud" });
    const second = await createSignal(services, { sender: sender(), phenomenon: "investment-fraud", wijk: "Ypenburg" });
    const outside = await createSignal(services, { sender: sender(), phenomenon: "romance-fraud" });

    const form = new URLSearchParams({ intent: "link", caseId: "", caseTitle: "Cryptobeleggen via Instagram" });
    form.append("alsoSignalIds", second.id);
    await desk.request("POST", `/signalen/${first.id}`, { body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    const caseId = (await services.db.selectFrom("signals").select("case_id").where("id", "=", first.id).executeTakeFirstOrThrow()).case_id!;

    // The case title links to the case, from the inbox and from the signal.
    expect((await desk.get("/signalen")).text).toMatch(new RegExp(`href="/zaken/${caseId}"[^>]*>Cryptobeleggen via Instagram</a>`));
    expect((await desk.get(`/signalen/${first.id}`)).text).toContain(`href="/zaken/${caseId}"`);
    const list = await desk.get("/zaken");
    expect(list.status).toBe(200);
    expect(visibleText(list.text)).toContain("Cryptobeleggen via Instagram Open — 2");

    // The inbox filters by case.
    const filtered = await desk.get(`/signalen?zaak=${caseId}`);
    const ids = [...filtered.text.matchAll(/href="\/signalen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual([first.id, second.id].sort());
    expect(ids).not.toContain(outside.id);

    tick();
    await desk.post(`/signalen/${first.id}`, { intent: "status", status: "in_progress" });
    tick();
    await desk.post(`/signalen/${second.id}`, { intent: "feedback", body: "Dank u, we kijken ernaar." });
    tick();
    const noted = await desk.post(`/zaken/${caseId}`, { intent: "note", body: "Besproken met de wijkagent; mevrouw Jansen belde 06-12345678." });
    expect(visibleText(noted.text)).toContain("Uw notitie is opgeslagen.");
    tick();
    const assigned = await desk.post(`/zaken/${caseId}`, { intent: "assign", assignee: `person:${me.id}` });
    expect(visibleText(assigned.text)).toContain("De eigenaar van de zaak is veranderd.");
    tick();
    const closed = await desk.post(`/zaken/${caseId}`, { intent: "status", status: "closed", from: "open" });
    expect(visibleText(closed.text)).toContain("De zaak is gesloten.");
    const stale = await desk.post(`/zaken/${caseId}`, { intent: "status", status: "closed", from: "open" });
    expect(stale.status).toBe(409);
    expect(visibleText(stale.text)).toContain("Iemand anders heeft dit signaal intussen veranderd.");

    const page = await desk.get(`/zaken/${caseId}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain(`Status Gesloten Eigenaar ${me.displayName}`);
    expect(page.text.match(/data-testid="case-signal"/g)).toHaveLength(2);
    const timeline = visibleText(/data-testid="case-timeline">([\s\S]*?)<\/ol>/.exec(page.text)![1]!);
    const order = [
      `Zaak aangemaakt (${me.displayName})`,
      `Beleggings- en cryptofraude, Moerwijk: van ‘ontvangen’ naar ‘in behandeling’ (${me.displayName})`,
      `Reactie aan de ambassadeur bij Beleggings- en cryptofraude, Ypenburg (${me.displayName}) Dank u, we kijken ernaar.`,
      `Notitie bij de zaak (${me.displayName}) Besproken met de wijkagent; mevrouw [naam] belde [telefoonnummer].`,
      `Eigenaar nu: ${me.displayName} (${me.displayName})`,
      `Zaak gesloten (${me.displayName})`,
    ];
    let from = 0;
    for (const entry of order) {
      const at = timeline.indexOf(entry, from);
      expect(at, entry).toBeGreaterThanOrEqual(0);
      from = at;
    }
    expect(timeline).not.toContain("06-12345678");
    const audited = await services.db.selectFrom("audit_events").select("action").where("target_id", "=", caseId).execute();
    expect(audited.map((a) => a.action).filter((a) => a !== "signal_case.viewed").sort()).toEqual(["signal_case.assigned", "signal_case.closed", "signal_case.created", "signal_case.note"]);
    expect(audited.map((a) => a.action)).toContain("signal_case.viewed");
  });

  it("a case belongs to the gemeente: police may not own it or see it, ambassadors neither", async () => {
    const { client: desk } = await signIn("coordinator");
    const { user: officer, client: police } = await signIn("police");
    const signal = await createSignal(services, { sender: sender(), recipients: "both" });
    await desk.post(`/signalen/${signal.id}`, { intent: "link", caseTitle: "Gedeelde zaak" });
    const caseId = (await services.db.selectFrom("signals").select("case_id").where("id", "=", signal.id).executeTakeFirstOrThrow()).case_id!;

    const toPolice = await desk.post(`/zaken/${caseId}`, { intent: "assign", assignee: `person:${officer.id}` });
    expect(toPolice.status).toBe(409);
    expect((await services.db.selectFrom("signal_cases").select("assigned_to").where("id", "=", caseId).executeTakeFirstOrThrow()).assigned_to).toBeNull();
    expect((await police.get(`/zaken/${caseId}`)).status).toBe(403);
    expect((await police.get("/zaken")).status).toBe(403);
    // Police see the title on a signal they may read, but no link to the case.
    const policeView = await police.get(`/signalen/${signal.id}`);
    expect(visibleText(policeView.text)).toContain("Zaak: Gedeelde zaak");
    expect(policeView.text).not.toContain(`/zaken/${caseId}`);
    const phone = new HttpClient(server.url);
    phone.setSession(await createSessionToken(services, ambassador));
    expect((await phone.get(`/zaken/${caseId}`)).status).toBe(403);
    expect(visibleText((await phone.get(`/mijn-signalen/${signal.id}`)).text)).not.toContain("Gedeelde zaak");
  });

  it("police answer the gemeente with a note they share; unshared notes stay behind the wall", async () => {
    const { client: desk } = await signIn("coordinator");
    const { user: officer, client: police } = await signIn("police");
    const signal = await createSignal(services, { sender: sender(), recipients: "gemeente" });
    await desk.post(`/signalen/${signal.id}`, { intent: "link", caseTitle: "Terugkoppeling politie" });
    await desk.post(`/signalen/${signal.id}`, { intent: "forward" });
    const caseId = (await services.db.selectFrom("signals").select("case_id").where("id", "=", signal.id).executeTakeFirstOrThrow()).case_id!;

    tick();
    await police.post(`/signalen/${signal.id}`, { intent: "note", body: "Intern: dader bekend uit eerder onderzoek." });
    tick();
    const shared = await police.post(`/signalen/${signal.id}`, { intent: "note", body: "Aangifte opgenomen, wijkagent gaat langs.", shared: "on" });
    expect(shared.status).toBe(200);
    const policeView = visibleText(shared.text);
    expect(policeView).toContain("Intern: dader bekend uit eerder onderzoek.");
    expect(policeView).toContain("Aangifte opgenomen, wijkagent gaat langs.");

    const deskView = visibleText((await desk.get(`/signalen/${signal.id}`)).text);
    expect(deskView).toContain("Van de politie Aangifte opgenomen, wijkagent gaat langs.");
    expect(deskView).not.toContain("dader bekend");
    const casePage = visibleText((await desk.get(`/zaken/${caseId}`)).text);
    expect(casePage).toContain(`Notitie van de politie bij Phishing (mail, sms of QR-code), Moerwijk (${officer.displayName}) Aangifte opgenomen, wijkagent gaat langs.`);
    expect(casePage).not.toContain("dader bekend");

    const phone = new HttpClient(server.url);
    phone.setSession(await createSessionToken(services, ambassador));
    const own = visibleText((await phone.get(`/mijn-signalen/${signal.id}`)).text);
    expect(own).not.toContain("Aangifte opgenomen");
    expect(own).not.toContain("dader bekend");
    const audited = await services.db.selectFrom("audit_events").select("details").where("action", "=", "signal.police_note_written").where("target_id", "=", signal.id).orderBy("id").execute();
    expect(audited.map((a) => JSON.parse(a.details))).toEqual([{ sharedWithGemeente: false }, { sharedWithGemeente: true }]);
  });
});
