import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { loadConfig } from "#app/config.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { kickPushQueue, LEASE_MS, processPushQueue, pushQueueRunning, trustPushServiceCertificate } from "#app/features/warnings/push.server.ts";
import { createLogger } from "#app/log.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { createServices } from "#server/services.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { startPushServiceStandIn, type PushServiceStandIn } from "#tests/support/push-service.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";

// A slow push service must not get a warning twice. A run claims a batch for
// LEASE_MS; a batch of slow deliveries takes longer than that, and meanwhile
// the 30-second timer of this instance and the queue of another instance look
// for due pushes. The run renews what it still holds before each delivery,
// and a kick while a run is going on does not start a second one.
// The clock is the services' test clock; the stand-in holds each push until
// the test lets it through, so the order of events is fixed, not timed.

describe.each(testDialects())("the push queue with a slow push service on %s", (dialect) => {
  let services: TestServices;
  let other: AppServices;
  let server: TestServer;
  let push: PushServiceStandIn;
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    push = await startPushServiceStandIn();
    const env = { PUSH_ALLOWED_HOSTS: push.host, PUSH_ALLOW_PRIVATE_NETWORK: "true" };
    services = await createTestServices(dialect, { clock, env });
    server = await startTestServer(services);
    trustPushServiceCertificate(services, push.certificate);
    // A second instance on the same database (its own connection pool), on the same clock.
    other = await createServices(loadConfig({ APP_ENV: "test", ...env }), {
      db: createDatabase(parseDatabaseUrl(services.database.url), { poolSize: 2 }),
      clock,
      log: createLogger("silent"),
    });
    trustPushServiceCertificate(other, push.certificate);
  });
  afterAll(async () => {
    await server?.close();
    await push?.close();
    await other?.db.destroy();
    await services?.database.drop();
  });

  it("each phone gets the warning once, although the batch outlives its lease while this instance's timer and another instance look for work", async () => {
    const organisation = await createOrganisation(services, { wijk: "Bouwlust" });
    const devices = [];
    for (let i = 0; i < 3; i++) {
      const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
      const phone = new HttpClient(server.url);
      phone.setSession(await createSessionToken(services, ambassador));
      const device = push.device(`slow-${i}-${randomUUID()}`, [201], { slow: true });
      const subscribed = await phone.request("POST", "/account/meldingen", {
        body: JSON.stringify({ endpoint: device.endpoint, keys: device.keys }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
      expect(subscribed.status).toBe(201);
      devices.push(device);
    }
    const coordinator = await createUser(services, { role: "coordinator" });
    const desk = new HttpClient(server.url);
    desk.setSession(await createSessionToken(services, coordinator));
    const before = push.received.length;
    const published = await desk.request("POST", "/waarschuwingen", {
      body: new URLSearchParams({
        title: "Nepmonteur aan de deur",
        body: "Iemand zegt van de netbeheerder te komen.",
        phenomenon: "phishing",
        wijkIds: wijkId(services.municipality.slug, "Bouwlust"),
        expiresOn: toIsoDate(calendarDateOf(clock.now())),
      }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(published.status, visibleText(published.text)).toBe(302);

    // Publishing started a run: it claimed all three and is sending the first, slowly.
    await push.arrived(before + 1);
    clock.advance(0.75 * LEASE_MS);
    push.release();
    await push.arrived(before + 2);
    // The batch has now outlived the lease it was claimed with.
    clock.advance(0.75 * LEASE_MS);
    // This instance's timer fires, and another instance runs its queue.
    kickPushQueue(services);
    const otherRun = processPushQueue(other);
    push.release();
    await push.arrived(before + 3);
    push.release({ stopHolding: true });
    expect(await otherRun, "the other instance found nothing to take over").toEqual({ delivered: 0, retried: 0, gone: 0, failed: 0 });
    await pushQueueRunning(services);
    await services.tasks.settled();
    // Anything still due is delivered by now; nothing is left for another round.
    expect(await processPushQueue(other)).toEqual({ delivered: 0, retried: 0, gone: 0, failed: 0 });

    const received = push.received.slice(before).map((r) => r.device);
    for (const device of devices) expect(received.filter((name) => device.endpoint.endsWith(`/${name}`)), device.endpoint).toHaveLength(1);
    expect(received).toHaveLength(3);
    const rows = await services.db
      .selectFrom("push_deliveries")
      .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
      .select(["push_deliveries.status", "push_deliveries.attempts"])
      .where("push_subscriptions.endpoint", "in", devices.map((d) => d.endpoint))
      .execute();
    expect(rows.map((row) => ({ status: row.status, attempts: Number(row.attempts) }))).toEqual(Array(3).fill({ status: "delivered", attempts: 1 }));
  });
});
