import { request as httpRequest } from "node:http";
import { beforeAll, expect, it } from "vitest";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { passSecondFactor } from "#tests/support/second-factor.ts";
import { HttpClient, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Every place a return path or a link is built from what the request says:
// the login form and page, the second step, the passkey answers, the language
// switch and the 404 page. "/..//evil.example" is a path on this site, but a
// browser normalises it to "//evil.example" — another site.

const vectors = [
  "/..//evil.example",
  "/..//evil.example/x",
  "/.%2e//evil.example/x",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "https://evil.example/",
];

/** Leads to another site once a browser resolves it against our page. */
function leavesSite(location: string | null, base: string): boolean {
  if (location === null) return false;
  return new URL(location, base).origin !== new URL(base).origin;
}

/** A GET with the path exactly as given: fetch would normalise "/..//" before sending. */
function rawGet(base: string, path: string, cookie?: string): Promise<{ status: number; location: string | null; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: "GET", headers: { accept: "text/html", "accept-language": "nl", ...(cookie ? { cookie } : {}) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, text }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describeApp("return paths stay on this site on %s", { now: "2026-11-24T09:00:00.000Z", env: { LOGIN_CLIENT_MAX_FAILURES: "1000" } }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it.each(vectors)("POST /inloggen with terug=%s sends an ambassador to their start page", async (terug) => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const response = await new HttpClient(server.url).post("/inloggen", { email: ambassador.email, password: ambassador.password, terug });
    expect(response.status).toBe(302);
    expect(response.location).toBe("/start");
  });

  it.each(vectors)("POST /inloggen and /tweede-stap with terug=%s keep staff on this site", async (terug) => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const client = new HttpClient(server.url);
    const login = await client.post("/inloggen", { email: coordinator.email, password: coordinator.password, terug });
    expect(login.location).toBe("/tweede-stap?terug=%2Fstart");
    const second = await client.post("/tweede-stap", { code: "000000", terug });
    expect(leavesSite(second.location, server.url)).toBe(false);
    const passed = await passSecondFactor(client, services, coordinator, { ...login, location: `/tweede-stap?terug=${encodeURIComponent(terug)}` });
    expect(passed.location).toBe("/start");
  });

  it.each(vectors)("a logged-in GET /inloggen?terug=%s redirects at once, to this site", async (terug) => {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, await createUser(services, { role: "ambassador" })));
    const response = await client.get(`/inloggen?terug=${encodeURIComponent(terug)}`);
    expect(response.status).toBe(302);
    expect(response.location).toBe("/start");
  });

  it.each(vectors)("GET /tweede-stap?terug=%s after the second step redirects at once, to this site", async (terug) => {
    for (const role of ["ambassador", "police"] as const) {
      const client = new HttpClient(server.url);
      client.setSession(await createSessionToken(services, await createUser(services, { role })));
      const response = await client.get(`/tweede-stap?terug=${encodeURIComponent(terug)}`);
      expect(response.status, role).toBe(302);
      expect(response.location, role).toBe("/start");
    }
  });

  it.each(vectors)("the login and second-step forms do not carry terug=%s on", async (terug) => {
    const page = await new HttpClient(server.url).get(`/inloggen?terug=${encodeURIComponent(terug)}`);
    expect(page.text).toContain('name="terug" value=""');
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, await createUser(services, { role: "admin" }), { secondFactor: false }));
    const step = await client.get(`/tweede-stap?terug=${encodeURIComponent(terug)}`);
    expect(step.text).toContain('name="terug" value=""');
  });

  it.each(vectors)("the language switch's terug=%s does not lead away", async (terug) => {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, await createUser(services, { role: "ambassador" })));
    const response = await client.post("/account", { intent: "language", language: "en", terug });
    expect(response.status).toBe(302);
    expect(response.location).toBe("/account");
  });

  it("a passkey answer never names another site to go to", async () => {
    // The redirect in the JSON answer comes from the same function; here the answer before a passkey is even checked.
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, await createUser(services, { role: "ambassador" })));
    const response = await client.request("POST", "/passkeys/registratie", {
      body: JSON.stringify({ response: {}, terug: "/..//evil.example" }),
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(response.text).not.toContain("evil.example");
  });

  it.each(["//evil.example/x", "/..//evil.example/x", "//evil.example/x?lang=en", "///evil.example/x"])(
    "the 404 page for %s links its languages to this site only",
    async (path) => {
      for (const cookie of [undefined, `__Host-wijkwijs-session=${await createSessionToken(services, await createUser(services, { role: "ambassador" }))}`]) {
        const response = await rawGet(server.url, path, cookie);
        expect(response.status, `${path}: ${response.status} ${response.location ?? ""}`).toBeLessThan(500);
        if (response.location !== null) {
          expect(leavesSite(response.location, server.url), response.location).toBe(false);
          continue;
        }
        const hrefs = [...response.text.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
        const terugs = [...response.text.matchAll(/name="terug" value="([^"]*)"/g)].map((match) => match[1]!);
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of [...hrefs, ...terugs]) {
          expect(href.startsWith("//") || leavesSite(href, server.url), `${path} links to ${href}`).toBe(false);
        }
      }
    },
  );
});
