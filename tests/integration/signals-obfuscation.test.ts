import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { HttpClient, startTestServer, visibleText, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// Personal data written to get past the scrubber, sent as a browser without
// JavaScript sends it: the preview and the stored text are the normalised,
// scrubbed text, so nothing hidden in invisible characters, other digits,
// look-alike letters or a right-to-left override reaches the database.

const MOERWIJK = "den-haag-wk-moerwijk";

function decode(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function previewOf(page: TestResponse): string | null {
  const match = /data-testid="signal-preview">([^<]*)</.exec(page.text);
  return match ? decode(match[1]!) : null;
}

function keyOf(page: TestResponse): string {
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)?.[1];
  if (!key) throw new Error("no idempotency key on the form");
  return key;
}

function signalForm(key: string, overrides: Record<string, string>): Record<string, string> {
  return {
    idempotencyKey: key,
    phenomenon: "phishing",
    wijkId: MOERWIJK,
    when: "this_week",
    date: "",
    channel: "sms",
    targetGroup: "elderly",
    affected: "few",
    outcome: "attempt",
    urgency: "normal",
    recipients: "gemeente",
    freeText: "",
    confirmedText: "",
    intent: "send",
    ...overrides,
  };
}

describe.each(testDialects())("hidden personal data in a signal on %s", (dialect) => {
  let services: TestServices;
  let server: TestServer;
  const clock = fixedClock("2026-11-24T09:00:00.000Z");

  beforeAll(async () => {
    services = await createTestServices(dialect, { clock });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  it("previews and stores the normalised, scrubbed text; nothing hidden survives", async () => {
    const user = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    const key = keyOf(await client.get("/signalen/nieuw"));

    const raw = [
      "Mijn buurvr\u043Euw ans de vries kreeg een sms van \u0660\u0666\u200B\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
      "en moest bellen naar \u202E87654321-60\u202C of mailen naar jan at gmail dot com.",
      "Ze maakte geld over naar NL91 \u0410BNA 0417 1643 00; de koerier reed in vx-123-b.",
      "Kees Mulder uit de flat kreeg hetzelfde, BSN 123\u00AD456\u00AD782 werd gevraagd.",
    ].join(" ");

    // Sent without the preview: the server shows its own first and stores nothing.
    const unseen = await client.post("/signalen/nieuw", signalForm(key, { freeText: raw }));
    expect(unseen.status).toBe(422);
    expect(await services.db.selectFrom("signals").select("id").execute()).toEqual([]);

    const preview = await client.post("/signalen/nieuw", signalForm(key, { intent: "preview", freeText: raw }));
    const shown = previewOf(preview);
    expect(shown).toBe(
      "Mijn buurvrouw [naam] kreeg een sms van [telefoonnummer] en moest bellen naar [telefoonnummer] of mailen naar [e-mailadres]. " +
        "Ze maakte geld over naar [IBAN]; de koerier reed in [kenteken]. [naam] uit de flat kreeg hetzelfde, BSN [BSN] werd gevraagd.",
    );
    expect(visibleText(preview.text)).toContain("Weggehaald:");

    const sent = await client.post("/signalen/nieuw", signalForm(key, { freeText: raw, confirmedText: shown! }));
    expect(sent.status, visibleText(sent.text)).toBe(302);
    const row = await services.db.selectFrom("signals").select("free_text").where("idempotency_key", "=", key).executeTakeFirstOrThrow();
    expect(row.free_text).toBe(shown);
    expect(row.free_text).not.toMatch(/[\u200B\u00AD\u202A-\u202E\u0400-\u04FF\u0660-\u0669]|\d{4}|vries|gmail|Mulder/u);
  });

  it("keeps an ordinary text in another script as it was typed", async () => {
    const user = await createUser(services, { role: "ambassador" });
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    const key = keyOf(await client.get("/signalen/nieuw"));
    const text = "Ми отримали фальшиве повідомлення про посилку; می‌خواهم همه بدانند. Çok dikkatli olun!";
    const sent = await client.post("/signalen/nieuw", signalForm(key, { freeText: text }));
    expect(sent.status, visibleText(sent.text)).toBe(302);
    const row = await services.db.selectFrom("signals").select("free_text").where("idempotency_key", "=", key).executeTakeFirstOrThrow();
    expect(row.free_text).toBe(text);
  });
});
