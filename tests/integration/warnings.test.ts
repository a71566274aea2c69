import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";
import { processPushQueue, trustPushServiceCertificate, vapidKeys } from "#app/features/warnings/push.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import type { Role } from "#db/tables/auth.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { startPushServiceStandIn, type FakeDevice, type PushServiceStandIn } from "#tests/support/push-service.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Warnings from coordinator to ambassadors, and web push end to end: the
// server encrypts for the subscription and signs with VAPID; a push-service
// stand-in on localhost decrypts and checks what a real one would.

describe.each(testDialects())("warnings and push on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  let push: PushServiceStandIn;
  const clock = fixedClock(new Date());

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

  async function signIn(role: Role, options: { organisationId?: string } = {}): Promise<{ user: TestUser; client: HttpClient }> {
    const user = await createUser(services, { role, ...options });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return { user, client };
  }

  function subscribe(client: HttpClient, device: FakeDevice) {
    return client.request("POST", "/account/meldingen", {
      body: JSON.stringify({ endpoint: device.endpoint, keys: device.keys }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
  }

  function publish(client: HttpClient, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
    return client.request("POST", "/waarschuwingen", { body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }

  // Today in the municipality: after 23:00 UTC it is already tomorrow in Den Haag.
  const today = () => toIsoDate(calendarDateOf(clock.now()));
  const wijk = (name: string) => wijkId(services.municipality.slug, name);

  it("publishing sends an encrypted push with valid VAPID to the ambassadors of the wijk who opted in, and the counts show it", async () => {
    const organisation = await createOrganisation(services, { wijk: "Laakkwartier en Spoorwijk" });
    const { client: ambassador } = await signIn("ambassador", { organisationId: organisation.id });
    const elsewhere = await createOrganisation(services, { wijk: "Binckhorst" });
    const { client: other } = await signIn("ambassador", { organisationId: elsewhere.id });
    const phone = push.device(`laak-${randomUUID()}`);
    const otherPhone = push.device(`scheveningen-${randomUUID()}`);
    expect((await subscribe(ambassador, phone)).status).toBe(201);
    expect((await subscribe(other, otherPhone)).status).toBe(201);
    const before = push.received.length;

    const { client: coordinator } = await signIn("coordinator");
    const published = await publish(coordinator, {
      title: "Nepsms van de bank over een nieuwe pas",
      body: "Bewoners in Laak krijgen een sms met een link. Niet klikken; bel de bank zelf.",
      phenomenon: "phishing",
      wijkIds: [wijk("Laakkwartier en Spoorwijk")],
      flowId: "phishing",
      expiresOn: today(),
    });
    expect(published.status).toBe(302);
    expect(published.location).toMatch(/^\/waarschuwingen\?gepubliceerd=[0-9a-f-]{36}&telefoons=1$/);
    const warningId = new URL(published.location!, server.url).searchParams.get("gepubliceerd")!;
    await services.tasks.settled();

    const received = push.received.slice(before);
    expect(received.map((r) => r.device)).toEqual([phone.endpoint.split("/push/")[1]]);
    const [delivery] = received;
    expect(delivery!.headers["content-encoding"]).toBe("aes128gcm");
    expect(delivery!.vapid.valid).toBe(true);
    expect(delivery!.vapid.publicKey).toBe((await vapidKeys(services)).publicKey);
    expect(JSON.parse(delivery!.text!)).toMatchObject({ title: "Nepsms van de bank over een nieuwe pas", url: `/waarschuwingen/${warningId}` });

    const page = visibleText((await coordinator.get("/waarschuwingen")).text);
    expect(page).toContain("Nepsms van de bank over een nieuwe pas");
    expect(page).toContain("1 van 1");

    // The ambassador in Laak sees it on the start page; the one in Scheveningen does not.
    const start = visibleText((await ambassador.get("/start")).text);
    expect(start).toContain("Nepsms van de bank over een nieuwe pas");
    // Its last day as people write it, not as 2026-12-21.
    expect(start).toMatch(/geldt tot en met \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/);
    expect(start).not.toContain(today());
    expect(visibleText((await other.get("/start")).text)).not.toContain("Nepsms van de bank");
    // It expires after its last day.
    clock.advance(24 * 3600 * 1000);
    expect(visibleText((await ambassador.get("/start")).text)).not.toContain("Nepsms van de bank");
    clock.advance(-24 * 3600 * 1000);
  });

  it("a 410 from the push service removes the subscription; 5xx and 429 are retried later with backoff", async () => {
    const organisation = await createOrganisation(services, { wijk: "Transvaalkwartier" });
    const { client: first } = await signIn("ambassador", { organisationId: organisation.id });
    const { client: second } = await signIn("ambassador", { organisationId: organisation.id });
    const gone = push.device(`gone-${randomUUID()}`, [410]);
    const busy = push.device(`busy-${randomUUID()}`, [503, 429, 201]);
    await subscribe(first, gone);
    await subscribe(second, busy);
    const { client: coordinator } = await signIn("coordinator");
    const published = await publish(coordinator, {
      title: "Valse helpdesk belt",
      body: "Iemand belt namens de bank.",
      phenomenon: "bank-helpdesk-fraud",
      wijkIds: [wijk("Transvaalkwartier")],
      expiresOn: today(),
    });
    expect(published.status, visibleText(published.text)).toBe(302);
    await services.tasks.settled();

    const subscriptions = await services.db.selectFrom("push_subscriptions").select("endpoint").execute();
    expect(subscriptions.map((s) => s.endpoint)).not.toContain(gone.endpoint);
    expect(subscriptions.map((s) => s.endpoint)).toContain(busy.endpoint);

    const pending = await services.db
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select(["push_deliveries.status", "push_deliveries.attempts", "push_deliveries.next_attempt_at"])
      .where("push_subscriptions.endpoint", "=", busy.endpoint)
      .executeTakeFirstOrThrow();
    expect(pending.status).toBe("pending");
    expect(Number(pending.attempts)).toBe(1);
    expect(pending.next_attempt_at > clock.now().toISOString()).toBe(true);
    // Not due yet: nothing is sent.
    expect(await processPushQueue(services)).toEqual({ delivered: 0, retried: 0, gone: 0, failed: 0 });

    clock.advance(31_000);
    expect(await processPushQueue(services)).toMatchObject({ retried: 1 });
    // The 429 said Retry-After: 60.
    clock.advance(61_000);
    expect(await processPushQueue(services)).toMatchObject({ delivered: 1 });

    const page = visibleText((await coordinator.get("/waarschuwingen")).text);
    expect(page).toMatch(/Valse helpdesk belt .* 1 van 2/);
  });

  it("switching push off removes the device; bad subscriptions are refused", async () => {
    const { user, client } = await signIn("ambassador");
    const phone = push.device(`off-${randomUUID()}`);
    await subscribe(client, phone);
    expect(visibleText((await client.get("/account")).text)).toContain("U krijgt meldingen op 1 apparaat.");
    // The volunteer's data export names the device's push service, not the secret endpoint.
    const exported = JSON.parse((await client.get("/account/mijn-gegevens")).text) as { preferences: { pushDevices: { pushService: string }[] } };
    expect(exported.preferences.pushDevices).toEqual([{ pushService: new URL(phone.endpoint).host, createdAt: expect.any(String) }]);
    const off = await client.request("POST", "/account/meldingen", {
      body: JSON.stringify({ intent: "unsubscribe", endpoint: phone.endpoint }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(off.status).toBe(200);
    expect(await services.db.selectFrom("push_subscriptions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    const bad = await client.request("POST", "/account/meldingen", {
      body: JSON.stringify({ endpoint: "http://insecure.example/push", keys: phone.keys }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(bad.status).toBe(400);
  });

  it("refuses a warning without wijken or with a past last day, with messages per field, storing nothing", async () => {
    const { client: coordinator } = await signIn("coordinator");
    const count = async () => (await services.db.selectFrom("warnings").select("id").execute()).length;
    const before = await count();
    const response = await publish(coordinator, { title: "", body: "Tekst", phenomenon: "phishing", expiresOn: "2000-01-01" });
    expect(response.status).toBe(400);
    const text = visibleText(response.text);
    expect(text).toContain("Geef de waarschuwing een titel.");
    expect(text).toContain("Kies ten minste één wijk.");
    expect(text).toContain("De laatste dag mag niet in het verleden liggen.");
    expect(await count()).toBe(before);
  });

  it("an urgent signal is pushed to coordinators who opted in, without its free text", async () => {
    const { client: coordinatorClient } = await signIn("coordinator");
    const desk = push.device(`desk-${randomUUID()}`);
    await subscribe(coordinatorClient, desk);
    const before = push.received.length;
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const { client: ambassador } = await signIn("ambassador", { organisationId: organisation.id });
    const sent = await ambassador.request("POST", "/signalen/nieuw", {
      body: JSON.stringify({
        idempotencyKey: randomUUID(),
        phenomenon: "phishing",
        wijkId: wijk("Moerwijk"),
        when: "this_week",
        channel: "sms",
        targetGroup: "elderly",
        affected: "few",
        outcome: "damage",
        urgency: "urgent",
        recipients: "gemeente",
        freeText: "Geheimwoord in de tekst",
        confirmedText: "Geheimwoord in de tekst",
        intent: "send",
      }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(sent.status, sent.text).toBe(201);
    await services.tasks.settled();
    const toDesk = push.received.slice(before).filter((r) => desk.endpoint.endsWith(r.device));
    expect(toDesk).toHaveLength(1);
    const payload = JSON.parse(toDesk[0]!.text!) as { title: string; body: string; url: string };
    expect(payload.title).toContain("Spoedeisend signaal");
    expect(payload.body).toBe("Moerwijk");
    expect(payload.url).toMatch(/^\/signalen\/[0-9a-f-]{36}$/);
    expect(toDesk[0]!.text).not.toContain("Geheimwoord");
  });
});
