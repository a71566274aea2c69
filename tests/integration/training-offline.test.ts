import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// What the training outbox sends when the connection is back (decision
// 0904): a whole attempt answered on the device, keyed by the device's id.
// Stored once however often it arrives, refused whole when incomplete or
// foreign, passed at the module's score, and certifying on the last basic
// module — through the real server, on each database.

describeApp("training answered offline on %s", { now: "2026-03-02T09:00:00.000Z" }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function clientFor(user: TestUser) {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return client;
  }
  const module = (id: string) => services.training.modules.find((m) => m.id === id)!;
  function answers(id: string, wrong: number[] = []): Record<string, string> {
    return Object.fromEntries(
      module(id).questions.map((q, index) => [`a.${q.id}`, wrong.includes(index) ? q.options.find((o) => o.id !== q.answer)!.id : q.answer!]),
    );
  }
  const send = (client: HttpClient, id: string, key: string, fields: Record<string, string>) =>
    client.post(`/training/${id}`, { intent: "offline", key, ...fields }, { accept: "application/json" });

  it("stores an attempt once, refuses it whole when incomplete or foreign, and certifies on the last basic module", async () => {
    const ambassador = await createUser(services, { role: "ambassador", displayName: "Offline Oefenaar" });
    const client = await clientFor(ambassador);
    const basic = services.training.modules.filter((m) => m.basic).map((m) => m.id);
    const [last, ...others] = [...basic].reverse();

    // Incomplete: one question left out — nothing stored.
    const partial = answers(last!);
    delete partial[Object.keys(partial)[0]!];
    const incomplete = await send(client, last!, randomUUID(), partial);
    expect(incomplete.status).toBe(400);
    expect(JSON.parse(incomplete.text).message).toBe("Niet elke vraag is beantwoord; er is niets opgeslagen.");
    const foreignOption = await send(client, last!, randomUUID(), { ...answers(last!), [Object.keys(partial)[0]!]: "no-such-option" });
    expect(foreignOption.status).toBe(400);
    expect(await services.db.selectFrom("training_attempts").select("id").where("user_id", "=", ambassador.id).execute()).toEqual([]);

    // The other basic modules, then the last one offline: passed with one wrong, certified once it arrives.
    for (const id of others) expect((await send(client, id, randomUUID(), answers(id))).status).toBe(201);
    clock.advance(60_000);
    const key = randomUUID();
    const first = await send(client, last!, key, answers(last!, [0]));
    expect(first.status).toBe(201);
    expect(JSON.parse(first.text)).toEqual({ ok: true, passed: true, correct: module(last!).questions.length - 1, total: module(last!).questions.length, certified: true });
    const certificate = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", ambassador.id).executeTakeFirstOrThrow();
    expect(certificate.certified_at).toBe(clock.now().toISOString());

    // Sent again (the answer was lost on the way): the same answer, nothing new stored.
    clock.advance(60_000);
    const again = await send(client, last!, key, answers(last!));
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ passed: true, correct: module(last!).questions.length - 1, certified: true });
    const rows = await services.db.selectFrom("training_answers").select("question_id").where("attempt_id", "=", key).execute();
    expect(rows).toHaveLength(module(last!).questions.length);
    expect((await services.db.selectFrom("training_certificates").select("certified_at").where("user_id", "=", ambassador.id).executeTakeFirstOrThrow()).certified_at).toBe(certificate.certified_at);

    // Another ambassador cannot use that key.
    const other = await clientFor(await createUser(services, { role: "ambassador", displayName: "Andere Ambassadeur" }));
    const stolen = await send(other, last!, key, answers(last!));
    expect(stolen.status).toBe(400);
    expect(JSON.parse(stolen.text).message).toBe("Deze vragenronde bestaat niet (meer). Begin opnieuw vanaf de les.");

    // The roster shows the status.
    const coordinator = await clientFor(await createUser(services, { role: "coordinator" }));
    const roster = await coordinator.get("/beheer/ambassadeurs?training=gecertificeerd");
    expect(roster.status).toBe(200);
    expect(visibleText(roster.text)).toContain("Offline Oefenaar");
    expect(visibleText(roster.text)).not.toContain("Andere Ambassadeur");
  });
});
