import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "#tests/support/fixtures.ts";
import { HttpClient, startTestServer, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

function expectSecurityHeaders(response: TestResponse) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("permissions-policy")).toContain("camera=()");
  expect(response.headers.get("access-control-allow-origin")).toBeNull();
}

describeApp("security headers and request checks on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it("a page carries the headers, and its inline scripts carry the response's nonce", async () => {
    const response = await new HttpClient(server.url).get("/inloggen");
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
    const inlineScripts = [...response.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A different nonce on every response.
    const next = await new HttpClient(server.url).get("/inloggen");
    expect(next.headers.get("content-security-policy")).not.toBe(response.headers.get("content-security-policy"));
  });

  it("an action response carries the headers, and the session cookie is Secure, HttpOnly and SameSite=Lax", async () => {
    const user = await createUser(services, { role: "coordinator" });
    const response = await new HttpClient(server.url).post("/inloggen", { email: user.email, password: user.password });
    expect(response.status).toBe(302);
    expectSecurityHeaders(response);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-wijkwijs-session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const failed = await new HttpClient(server.url).post("/inloggen", { email: user.email, password: "nee" });
    expect(failed.status).toBe(400);
    expectSecurityHeaders(failed);
  });

  it("a write from another origin is refused and changes nothing", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const ambassador = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    await client.post("/inloggen", { email: coordinator.email, password: coordinator.password });
    const forged = await client.post(
      "/beheer/ambassadeurs",
      { intent: "deactivate", userId: ambassador.id },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect(forged.text).toContain("geweigerd");
    const siteless = await client.post(
      "/beheer/ambassadeurs",
      { intent: "deactivate", userId: ambassador.id },
      { origin: "", "sec-fetch-site": "cross-site" },
    );
    expect(siteless.status).toBe(403);
    const row = await services.db.selectFrom("users").select("deactivated_at").where("id", "=", ambassador.id).executeTakeFirstOrThrow();
    expect(row.deactivated_at).toBeNull();
  });

  it("a plain form post from our own page (Origin: null under no-referrer) is accepted", async () => {
    const user = await createUser(services, { role: "ambassador" });
    const response = await new HttpClient(server.url).post(
      "/inloggen",
      { email: user.email, password: user.password },
      { origin: "null", "sec-fetch-site": "same-origin" },
    );
    expect(response.status).toBe(302);
    expect(response.location).toBe("/start");
    const crossSite = await new HttpClient(server.url).post(
      "/inloggen",
      { email: user.email, password: user.password },
      { origin: "null", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
  });

  it("CORS stays closed: a preflight gets no permission", async () => {
    const response = await new HttpClient(server.url).request("OPTIONS", "/inloggen", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("an oversized body is refused before it is read", async () => {
    const count = async () => (await services.db.selectFrom("audit_events").select("id").execute()).length;
    const before = await count();
    const client = new HttpClient(server.url);
    const response = await client.post("/inloggen", { email: "a@b.nl", password: "x".repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.text).toContain("te groot");
    expect(await count(), "no login attempt was processed").toBe(before);
  });

  it("pages are not cached by shared caches", async () => {
    const response = await new HttpClient(server.url).get("/");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("HSTS in production", () => {
  it("is sent when APP_ENV=production", async () => {
    const services = await createTestServices("sqlite", {
      env: { APP_ENV: "production", DEMO_DATA: "false", PUBLIC_URL: "https://wijkwijs.example.nl", AUDIT_KEY: "a-test-audit-key-of-at-least-32-characters" },
    });
    const server = await startTestServer(services);
    try {
      const response = await new HttpClient(server.url).get("/inloggen");
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      const development = await createTestServices("sqlite");
      const devServer = await startTestServer(development);
      const plain = await new HttpClient(devServer.url).get("/inloggen");
      expect(plain.headers.get("strict-transport-security")).toBeNull();
      await devServer.close();
      await development.database.drop();
    } finally {
      await server.close();
      await services.database.drop();
    }
  });
});
