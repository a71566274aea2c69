import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "#tests/support/app-process.ts";
import { createOrganisation, createSessionToken, createUser, TEST_PASSWORD } from "#tests/support/fixtures.ts";
import { startForwardingProxy, type ForwardingProxy } from "#tests/support/forwarding-proxy.ts";
import { createTestDatabase } from "#tests/support/test-database.ts";
import { HttpClient, visibleText } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The app as it is deployed: the built server started without APP_ENV is a
// production server, and instances behind a reverse proxy that rewrites Host,
// ends TLS without X-Forwarded-Proto and appends to X-Forwarded-For log in
// and accept posts — checked against the one public origin, PUBLIC_URL —
// while a client cannot choose its own address for the rate limits.

const PUBLIC_URL = "https://wijkwijs.test";
const AUDIT_KEY = "deployment-test-audit-key-0123456789abcdef";
/** What the environment of `npm run serve` looks like: no APP_ENV ("" counts as unset). */
const SERVE = { APP_ENV: "" };

describe("npm run serve without APP_ENV is a production server", () => {
  let services: TestServices;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    services = await createTestServices("sqlite");
  });
  afterAll(async () => {
    await app?.stop();
    await services?.database.drop();
  });

  it("refuses to start without PUBLIC_URL, naming it", async () => {
    await expect(startAppProcess({ ...SERVE, DATABASE_URL: services.database.url, AUDIT_KEY })).rejects.toThrow(/PUBLIC_URL: required when APP_ENV=production/);
  });

  it("with PUBLIC_URL: HSTS, no demo data, and invitation links only on the page, never in the log", async () => {
    app = await startAppProcess({ ...SERVE, DATABASE_URL: services.database.url, PUBLIC_URL, AUDIT_KEY });
    expect(app.output.join("\n")).toContain('"mode":"production"');
    const page = await new HttpClient(app.url).get("/inloggen");
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(await services.db.selectFrom("users").select("id").where("email", "=", "ambassadeur@demo.wijkwijs.nl").execute()).toEqual([]);

    const administrator = await createUser(services, { role: "admin" });
    const organisation = await createOrganisation(services);
    // The browser is on the public address.
    const staff = new HttpClient(app.url, { origin: PUBLIC_URL });
    staff.setSession(await createSessionToken(services, administrator));
    for (const role of ["ambassador", "coordinator", "admin"]) {
      const email = `${role}-${randomUUID().slice(0, 8)}@example.nl`;
      const created = await staff.post("/beheer/uitnodigingen", { emails: email, role, organisationId: role === "ambassador" ? organisation.id : "" });
      expect(created.status, visibleText(created.text)).toBe(200);
      const link = /https:\/\/wijkwijs\.test\/uitnodiging\/([A-Za-z0-9_-]+)/.exec(created.text)?.[1];
      expect(link, `the ${role} invitation link is shown, on the public address`).toBeDefined();
      expect(app.output.some((line) => line.includes(link!)), `the ${role} invitation link is not in the log`).toBe(false);
    }
    expect(app.output.some((line) => line.includes("invitation link"))).toBe(false);
  });
});

describe("npm start (--demo) without APP_ENV is the development demo", () => {
  it("seeds the demo on an empty SQLite database and lets the demo ambassador log in, without PUBLIC_URL", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase("sqlite");
    let app: AppProcess | undefined;
    try {
      app = await startAppProcess({ ...SERVE, DATABASE_URL: database.url, DEMO_DATA: "" }, ["--demo"]);
      const login = await new HttpClient(app.url).post("/inloggen", { email: "ambassadeur@demo.wijkwijs.nl", password: "wijkwijs-demo-2026" });
      expect(login.status, visibleText(login.text)).toBe(302);
      expect((await new HttpClient(app.url).get("/inloggen")).headers.get("strict-transport-security")).toBeNull();
    } finally {
      await app?.stop();
      await database.drop();
    }
  });
});

describeApp("behind a reverse proxy that rewrites Host on %s", { env: { AUDIT_KEY }, noServer: true }, (app) => {
  const { dialect } = app;
  let services: TestServices;
  const instances: AppProcess[] = [];
  let proxy: ForwardingProxy;
  // The proxy sees every test request come from 127.0.0.1; a header plays other clients.
  const clientOf = (request: { headers: Record<string, string | string[] | undefined> }) => String(request.headers["x-test-client"] ?? "127.0.0.1");

  beforeAll(async () => {
    ({ services } = app);
    const env = {
      ...SERVE,
      DATABASE_URL: services.database.url,
      PUBLIC_URL,
      AUDIT_KEY,
      TRUST_PROXY: "1",
      LOGIN_CLIENT_MAX_FAILURES: "3",
      DATABASE_POOL_SIZE: "4",
    };
    // Several instances share PostgreSQL; SQLite is one instance (decision 0600).
    const count = dialect === "postgres" ? 2 : 1;
    for (let i = 0; i < count; i++) instances.push(await startAppProcess(env));
    proxy = await startForwardingProxy(
      instances.map((instance) => instance.url),
      { clientAddress: clientOf },
    );
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it("logs in and posts through the proxy, on every instance", async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    // The browser is on https://wijkwijs.test; the app sees http, and Host 127.0.0.1:<its port>.
    const browser = new HttpClient(proxy.url, { origin: PUBLIC_URL });
    const login = await browser.post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD });
    expect(login.status, visibleText(login.text)).toBe(302);
    expect(login.location).toBe("/start");
    expect(browser.sessionToken).toBeDefined();
    for (let i = 0; i < 4; i++) {
      const key = randomUUID();
      const sent = await browser.request("POST", "/signalen/nieuw", {
        body: JSON.stringify({
          idempotencyKey: key,
          phenomenon: "phishing",
          wijkId: "den-haag-wk-moerwijk",
          when: "this_week",
          channel: "sms",
          targetGroup: "elderly",
          affected: "few",
          outcome: "attempt",
          urgency: "normal",
          recipients: "gemeente",
          intent: "send",
        }),
        headers: { "content-type": "application/json", accept: "application/json" },
      });
      expect(sent.status, sent.text).toBe(201);
      expect(await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).execute()).toHaveLength(1);
    }
    const account = await browser.get("/account");
    expect(account.status).toBe(200);
    // A plain form post (Origin: null, Sec-Fetch-Site: same-origin) through the proxy.
    const logout = await browser.post("/uitloggen", {}, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(logout.status).toBe(302);
    expect(new Set(proxy.servedBy)).toEqual(new Set(instances.map((_, index) => index)));
    // Another origin is still refused through the proxy, and so is the Host the instance sees.
    for (const origin of ["https://evil.example", instances[0]!.url, "http://wijkwijs.test"]) {
      const forged = await new HttpClient(proxy.url, { origin }).post("/inloggen", { email: ambassador.email, password: TEST_PASSWORD });
      expect(forged.status, origin).toBe(403);
    }
  });

  it("the client's address is the one the proxy appended: what a client writes into X-Forwarded-For does not get it new login attempts", async () => {
    const attempt = (client: string, spoofed: string) =>
      new HttpClient(proxy.url, { origin: PUBLIC_URL }).post(
        "/inloggen",
        { email: `nobody-${randomUUID()}@example.nl`, password: "wrong-password-here" },
        { "x-forwarded-for": spoofed, "x-test-client": client },
      );
    // Failures from 198.51.100.7, each claiming another address on the left: the limit of 3 holds all the same.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await attempt("198.51.100.7", `203.0.113.${i}`);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal, `statuses: ${statuses.join(", ")}`).toBeGreaterThanOrEqual(2);
    expect(firstRefusal, `statuses: ${statuses.join(", ")}`).toBeLessThanOrEqual(3);
    expect(statuses.slice(firstRefusal).every((status) => status === 429)).toBe(true);
    // Another client (another appended address) is not affected.
    expect((await attempt("198.51.100.8", "203.0.113.99")).status).toBe(400);
  });
});
