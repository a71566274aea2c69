import { beforeAll, describe, expect, it } from "vitest";
import routes from "#app/routes.ts";
import { roles } from "#db/tables/auth.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { authorizationMatrix, type Access, type Who } from "./authorization-matrix.ts";
import { describeApp } from "#tests/support/describe-app.ts";

interface RouteEntry {
  file: string;
  children?: RouteEntry[];
}

function routeFiles(entries: readonly RouteEntry[]): string[] {
  return entries.flatMap((entry) => [entry.file, ...routeFiles(entry.children ?? [])]);
}

function outcome(response: TestResponse): Access | "error" {
  if (response.status >= 500) return "error";
  if (response.status === 403) return "deny";
  if (response.status >= 300 && response.status < 400 && response.location?.startsWith("/inloggen?terug=")) return "deny";
  return "allow";
}

describe("authorization matrix", () => {
  it("has an entry for every route in app/routes.ts, and none for routes that do not exist", () => {
    const files = routeFiles(routes as RouteEntry[]);
    const missing = files.filter((file) => !(file in authorizationMatrix));
    expect(missing, `routes without an authorization-matrix entry: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(authorizationMatrix).filter((file) => !files.includes(file));
    expect(stale, `matrix entries for routes that do not exist: ${stale.join(", ")}`).toEqual([]);
  });
});

describeApp("authorization matrix on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;
  const users = new Map<Who, { id: string; role: (typeof roles)[number] }>();

  beforeAll(async () => {
    ({ services, server } = app);
    for (const role of roles) users.set(role, await createUser(services, { role }));
  });

  const cases = Object.entries(authorizationMatrix).flatMap(([file, entry]) => [
    ...Object.entries(entry.get).map(([who, access]) => ({ file, method: "GET" as const, path: entry.path, who: who as Who, access })),
    ...Object.entries(entry.post ?? {}).map(([who, access]) => ({ file, method: "POST" as const, path: entry.path, who: who as Who, access })),
  ]);
  const prepared = new Map<string, Promise<string>>();
  const urlFor = (file: string, path: string): Promise<string> => {
    const prepare = authorizationMatrix[file]?.prepare;
    if (!prepare) return Promise.resolve(path);
    if (!prepared.has(file)) prepared.set(file, prepare(services));
    return prepared.get(file)!;
  };

  it.each(cases)("$method $path as $who: $access", async ({ file, method, path: named, who, access }) => {
    const path = await urlFor(file, named);
    // A fresh session per case: a POST to /uitloggen ends the session it was sent with.
    const probe = new HttpClient(server.url);
    const user = users.get(who);
    if (user) probe.setSession(await createSessionToken(services, user));
    const response = method === "GET" ? await probe.get(path) : await probe.post(path, {});
    expect(outcome(response), `${method} ${path} as ${who} answered ${response.status} ${response.location ?? ""}`).toBe(access);
  });
});
