import { beforeAll, expect, it } from "vitest";
import { roles } from "#db/tables/auth.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { authorizationMatrix, type Who } from "./authorization-matrix.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Headers and origins on every route, table-driven over the authorization
// matrix (which the matrix test keeps in step with app/routes.ts): each page
// as someone who may see it carries the security headers and no CORS grant;
// each action refuses a cross-origin post, as someone who may post there,
// and the database does not change.

const EVIL = "https://evil.example";

describeApp("headers and origins on every route on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;
  const users = new Map<Who, { id: string; role: (typeof roles)[number] }>();

  beforeAll(async () => {
    ({ services, server } = app);
    for (const role of roles) users.set(role, await createUser(services, { role }));
  });

  const firstAllowed = (access: Record<Who, string>): Who => (Object.entries(access).find(([, a]) => a === "allow")?.[0] as Who) ?? "anonymous";
  const pages = Object.entries(authorizationMatrix).map(([file, entry]) => ({ file, who: firstAllowed(entry.get) }));
  const actions = Object.entries(authorizationMatrix)
    .filter(([, entry]) => entry.post)
    .map(([file, entry]) => ({ file, who: firstAllowed(entry.post!) }));

  async function clientFor(who: Who): Promise<HttpClient> {
    const client = new HttpClient(server.url);
    const user = users.get(who);
    if (user) client.setSession(await createSessionToken(services, user));
    return client;
  }
  const urlOf = async (file: string) => {
    const entry = authorizationMatrix[file]!;
    return entry.prepare ? entry.prepare(services) : entry.path;
  };

  it.each(pages)("GET $file as $who: security headers, nonce on every inline script, no CORS", async ({ file, who }) => {
    const response = await (await clientFor(who)).get(await urlOf(file), { origin: EVIL });
    expect(response.status).toBeLessThan(500);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    for (const script of response.text.matchAll(/<script\b([^>]*)>/g)) {
      const attributes = script[1]!;
      // External scripts come from our own origin (a relative path); inline ones carry the nonce.
      if (/\bsrc=/.test(attributes)) expect(attributes).toMatch(/\bsrc="\/[^/]/);
      else expect(attributes).toContain(`nonce="${nonce}"`);
    }
    // No inline event handlers or style attributes the CSP would block.
    expect(response.text).not.toMatch(/<[^>]+\son[a-z]+="/);
    expect(response.text).not.toMatch(/<[^>]+\sstyle="/);
  });

  it.each(actions)("POST $file as $who from another origin is refused and changes nothing", async ({ file, who }) => {
    const url = await urlOf(file);
    const before = await services.db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const sessionsBefore = await services.db.selectFrom("sessions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const forged: Record<string, string>[] = [{ origin: EVIL }, { origin: "null", "sec-fetch-site": "cross-site" }, { origin: "http://127.0.0.1.evil.example" }];
    for (const headers of forged) {
      const client = await clientFor(who);
      const response = await client.post(url, { intent: "x" }, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.text).toContain("geweigerd");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await client.request("OPTIONS", url, {
        headers: { origin: EVIL, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      expect(preflight.headers.get("access-control-allow-methods")).toBeNull();
    }
    const after = await services.db.selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const sessionsAfter = await services.db.selectFrom("sessions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // Only the sessions this test made for itself were added.
    expect(Number(sessionsAfter.n)).toBe(Number(sessionsBefore.n) + (users.has(who) ? 3 : 0));
  });
});
