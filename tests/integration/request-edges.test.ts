import { randomUUID } from "node:crypto";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wijkId } from "#app/features/areas/area-file.ts";
import { startAppProcess, type AppProcess } from "#tests/support/app-process.ts";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { rawHttp } from "#tests/support/forwarding-proxy.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, visibleText } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";

// What an attacker sends a running server (its own process, on each
// database): methods and request forms no browser uses, posts that show no
// origin, push endpoints that point into the server's own network, formulas
// in exported names. Each is refused or neutralised, answered with the
// security headers, and never logged as a server error.

const P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
const AUTH = "tBHItJI5svbpez7KI4CCXg";

describe.each(testDialects())("a server process under attack on %s", (dialect) => {
  let services: TestServices;
  let app: AppProcess;
  let trap: TcpServer;
  let trapPort = 0;
  let trapConnections = 0;

  beforeAll(async () => {
    // A service on the server's own machine that a push endpoint must never reach.
    trap = createTcpServer((socket) => {
      trapConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    trapPort = (trap.address() as { port: number }).port;
    services = await createTestServices(dialect);
    // localhost:<trap> is an allowed push host here, but it resolves to loopback: sending must still refuse it.
    app = await startAppProcess({ DATABASE_URL: services.database.url, DEMO_DATA: "false", PUSH_ALLOWED_HOSTS: `localhost:${trapPort}` });
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => trap?.close(resolve));
    await services?.database.drop();
  });

  const host = () => new URL(app.url).host;
  const expectRefusalPage = (response: { status: number; headers: Record<string, string>; body: string }, status: number, message: string) => {
    expect(response.status).toBe(status);
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body).toContain(message);
    expect(response.body).not.toContain("Unexpected Server Error");
  };

  it("methods no page uses get 405, a request target that is not a path and a missing or broken Host 400; none is a server error", async () => {
    const linesBefore = app.output.length;
    for (const method of ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "QUERY", "TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PURGE", "REPORT"]) {
      for (const path of ["/", "/inloggen", "/signalen/nieuw"]) {
        const response = await rawHttp(app.url, `${method} ${path} HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        expectRefusalPage(response, 405, "Wijkwijs gebruikt dit soort verzoek niet.");
        expect(response.headers.allow).toBe("GET, HEAD, POST");
      }
    }
    expectRefusalPage(
      await rawHttp(app.url, `GET http://evil.example/inloggen HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`),
      400,
      "Het adres van dit verzoek is ongeldig.",
    );
    expectRefusalPage(await rawHttp(app.url, `GET / HTTP/1.0\r\n\r\n`), 400, "Het verzoek noemt geen geldige host.");
    expectRefusalPage(await rawHttp(app.url, `GET / HTTP/1.1\r\nConnection: close\r\n\r\n`), 400, "Het verzoek noemt geen geldige host.");
    for (const bad of ["evil.example/x", "[::1", "a b", "host:port", "@evil.example"]) {
      expectRefusalPage(await rawHttp(app.url, `GET / HTTP/1.1\r\nHost: ${bad}\r\nConnection: close\r\n\r\n`), 400, "Het verzoek noemt geen geldige host.");
    }
    // In English when asked.
    const english = await rawHttp(app.url, `PROPFIND / HTTP/1.1\r\nHost: ${host()}\r\nAccept-Language: en\r\nConnection: close\r\n\r\n`);
    expectRefusalPage(english, 405, "Wijkwijs does not accept this kind of request.");
    // An ordinary page still works.
    expect((await rawHttp(app.url, `GET /inloggen HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).status).toBe(200);

    const logged = app.output.slice(linesBefore);
    expect(logged.filter((line) => line.includes('"level":"error"')), "no error-level line").toEqual([]);
    expect(logged.filter((line) => line.includes("stack")), "no stack trace").toEqual([]);
    expect(logged.some((line) => line.includes('"level":"info","message":"request refused","status":405'))).toBe(true);
  });

  it("a POST that shows no origin (no Origin or Origin: null, and no Sec-Fetch-Site) is refused and changes nothing", async () => {
    const user = await createUser(services, { role: "ambassador" });
    const logins = async () =>
      (await services.db.selectFrom("audit_events").select("id").where("actor_user_id", "=", user.id).where("action", "=", "auth.login").execute()).length;
    for (const headers of [{ origin: "", "sec-fetch-site": "" }, { origin: "null", "sec-fetch-site": "" }, { origin: "", "sec-fetch-site": "none" }]) {
      const client = new HttpClient(app.url);
      const response = await client.post("/inloggen", { email: user.email, password: user.password }, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(visibleText(response.text)).toContain("Dit verzoek komt niet van Wijkwijs zelf en is geweigerd.");
      expect(client.sessionToken).toBeUndefined();
    }
    expect(await logins()).toBe(0);
    // What browsers send: our own Origin, or "null" with Sec-Fetch-Site: same-origin (a plain form under no-referrer).
    expect((await new HttpClient(app.url).post("/inloggen", { email: user.email, password: user.password }, { origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(302);
    expect((await new HttpClient(app.url).post("/inloggen", { email: user.email, password: user.password }, { "sec-fetch-site": "" })).status).toBe(302);
    expect(await logins()).toBe(2);
  });

  it("a formula in an organisation name leaves the network export as text", async () => {
    const names = ["－2+3+cmd|' /C calc'!A0", "-1+HYPERLINK(\"https://evil.example\",\"x\")", "\t=1+1", "＝SUM(A1)"];
    for (const name of names) await createOrganisation(services, { name });
    const coordinator = await createUser(services, { role: "coordinator" });
    const client = new HttpClient(app.url);
    client.setSession(await createSessionToken(services, coordinator));
    const csv = await client.get("/dashboard/export?tabel=netwerk");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const fields = csv.text.split(/\r\n/).map((line) => line.match(/^("(?:[^"]|"")*"|[^;]*)/)![1]!);
    const firstFields = fields.map((field) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field));
    for (const name of names) expect(firstFields, name).toContain(`'${name}`);
  });

  it("push endpoints: only browsers' push services are accepted, and a push never connects into the server's own network", async () => {
    const organisation = await createOrganisation(services, { wijk: "Regentessekwartier" });
    const ambassador = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    const phone = new HttpClient(app.url);
    phone.setSession(await createSessionToken(services, ambassador));
    const subscribe = (endpoint: string) =>
      phone.request("POST", "/account/meldingen", {
        body: JSON.stringify({ endpoint, keys: { p256dh: P256DH, auth: AUTH } }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
    for (const endpoint of [
      `https://127.0.0.1:${trapPort}/push`,
      `https://[::1]:${trapPort}/push`,
      `https://2130706433:${trapPort}/push`,
      `https://169.254.169.254/latest/meta-data`,
      "https://evil.example/push",
      "https://fcm.googleapis.com.evil.example/fcm/send/x",
      "https://fcm.googleapis.com:8443/fcm/send/x",
      `https://localhost:${trapPort + 1}/push`,
      "https://user:pass@fcm.googleapis.com/fcm/send/x",
    ]) {
      const response = await subscribe(endpoint);
      expect(response.status, endpoint).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ ok: false, message: expect.stringContaining("pushdienst") });
    }
    expect(await services.db.selectFrom("push_subscriptions").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);
    // The browsers' own services are accepted.
    for (const endpoint of ["https://fcm.googleapis.com/fcm/send/abc", "https://updates.push.services.mozilla.com/wpush/v2/abc", "https://web.push.apple.com/QGx", "https://wns2-par02p.notify.windows.com/w/?token=abc"]) {
      const response = await subscribe(endpoint);
      expect(response.status, endpoint).toBe(201);
      await phone.request("POST", "/account/meldingen", {
        body: JSON.stringify({ intent: "unsubscribe", endpoint }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
    }

    // A host the configuration allows, but whose address is loopback: accepted as a subscription, refused when sending.
    const allowed = `https://localhost:${trapPort}/push/${randomUUID()}`;
    expect((await subscribe(allowed)).status).toBe(201);
    const coordinator = await createUser(services, { role: "coordinator" });
    const desk = new HttpClient(app.url);
    desk.setSession(await createSessionToken(services, coordinator));
    const form = new URLSearchParams({
      title: "Valse bezorger aan de deur",
      body: "Iemand vraagt om een code.",
      phenomenon: "phishing",
      wijkIds: wijkId(services.municipality.slug, "Regentessekwartier"),
      expiresOn: toIsoDate(calendarDateOf(new Date())),
    });
    const published = await desk.request("POST", "/waarschuwingen", { body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(published.status, visibleText(published.text)).toBe(302);
    const delivery = async () =>
      services.db
        .selectFrom("push_deliveries")
        .innerJoin("push_subscriptions", "push_subscriptions.id", "push_deliveries.subscription_id")
        .select(["push_deliveries.status", "push_deliveries.last_error"])
        .where("push_subscriptions.endpoint", "=", allowed)
        .executeTakeFirst();
    // The server works through its queue in the background: wait until it has dealt with this push.
    for (let row = await delivery(); !row || row.status === "pending"; row = await delivery()) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await delivery()).toEqual({ status: "failed", last_error: "refused: internal address" });
    expect(trapConnections, "the server never connected to its own network").toBe(0);
  });
});
