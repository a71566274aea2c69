import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { roles } from "#db/tables/auth.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { deeplyNested, MARKUP_PROBE, nastyJson, nastyString } from "#tests/support/adversarial.ts";
import { HttpClient, visibleText, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { authorizationMatrix, type Who } from "./authorization-matrix.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// Malformed bodies to every action, table-driven over the authorization
// matrix (so a new route with an action is fuzzed without a new test), as
// each role that may post there: never a 500, a 4xx always says something,
// and nothing sent comes back as markup.

const SEED = 20261124;

interface Body {
  label: string;
  contentType?: string;
  accept?: string;
  body: string | Uint8Array<ArrayBuffer>;
}

function bodies(): Body[] {
  const forms = fc.sample(fc.array(fc.tuple(nastyString, nastyString), { minLength: 1, maxLength: 8 }), { seed: SEED, numRuns: 4 });
  const intents = fc.sample(fc.tuple(nastyString, nastyString), { seed: SEED + 1, numRuns: 2 });
  const json = fc.sample(nastyJson, { seed: SEED + 2, numRuns: 2 });
  return [
    ...forms.map((pairs, index) => ({ label: `random form ${index}`, contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(pairs).toString() })),
    ...intents.map(([intent, value], index) => ({
      label: `odd intent ${index}`,
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams({ intent, email: value, password: value, code: value, terug: MARKUP_PROBE, displayName: MARKUP_PROBE }).toString(),
    })),
    ...json.map((value, index) => ({ label: `json ${index}`, contentType: "application/json", accept: "application/json", body: JSON.stringify(value) })),
    { label: "deep json", contentType: "application/json", accept: "application/json", body: JSON.stringify(deeplyNested(3_000)) },
    { label: "broken json", contentType: "application/json", accept: "application/json", body: '{"intent": "send", "a": [' },
    { label: "json to an html form", contentType: "application/json", body: '{"intent":"x"}' },
    { label: "broken multipart", contentType: "multipart/form-data; boundary=zzz", body: "--zzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--yyy--" },
    { label: "text/plain", contentType: "text/plain", body: "intent=send&x=1" },
    { label: "no content type", body: new Uint8Array(new ArrayBuffer(6)).map((_, i) => [0, 255, 254, 1, 2, 3][i]!) },
    { label: "bad percent-encoding", contentType: "application/x-www-form-urlencoded", body: "intent=%E0%A4%A&email=%" },
  ];
}

function saysSomething(response: TestResponse): boolean {
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    const body = JSON.parse(response.text) as Record<string, unknown>;
    return typeof body.message === "string" || typeof body.error === "string" || typeof body.fieldErrors === "object";
  }
  // An HTML page with a heading and more than the bare layout.
  return /<h1[\s>]/.test(response.text) && visibleText(response.text).length > 40;
}

describeApp("HTTP fuzz of every action on %s", { env: { INVITE_ATTEMPTS_PER_HOUR: "10000", LOGIN_CLIENT_MAX_FAILURES: "10000", LOGIN_MAX_FAILURES: "10000" } }, (app) => {
  let services: TestServices;
  let server: TestServer;
  const users = new Map<Who, { id: string; role: (typeof roles)[number] }>();

  beforeAll(async () => {
    ({ services, server } = app);
    for (const role of roles) users.set(role, await createUser(services, { role }));
  });

  // Each route with an action, as anonymous and as every role the matrix lets post there.
  const cases = Object.entries(authorizationMatrix).flatMap(([file, entry]) =>
    Object.entries(entry.post ?? {})
      .filter(([who, access]) => access === "allow" || who === "anonymous")
      .map(([who]) => ({ file, who: who as Who })),
  );

  it.each(cases)("$file as $who", async ({ file, who }) => {
    const entry = authorizationMatrix[file]!;
    const path = entry.prepare ? await entry.prepare(services) : entry.path;
    for (const body of bodies()) {
      const client = new HttpClient(server.url);
      const user = users.get(who);
      if (user) client.setSession(await createSessionToken(services, user));
      const headers: Record<string, string> = {};
      if (body.contentType) headers["content-type"] = body.contentType;
      if (body.accept) headers.accept = body.accept;
      const response = await client.request("POST", path, { body: body.body, headers });
      const where = `${file} as ${who}, ${body.label}: ${response.status} ${visibleText(response.text).slice(0, 200)}`;
      expect(response.status, where).toBeLessThan(500);
      if (response.status >= 400) expect(saysSomething(response), where).toBe(true);
      expect(response.text, where).not.toContain(MARKUP_PROBE);
    }
  });
});
