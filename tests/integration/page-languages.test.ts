import { beforeAll, expect, it } from "vitest";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestResponse, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// A page is shown only in a language it is complete in (handle.languages):
// ambassador pages in all six, staff pages in Dutch and English. Asked for
// another language, a page falls back to English, laid out left to right —
// never Dutch or English text laid out right to left.

function documentLanguage(response: TestResponse): { lang: string | undefined; dir: string | undefined } {
  const html = /<html\b([^>]*)>/.exec(response.text)?.[1] ?? "";
  return { lang: /\blang="([^"]*)"/.exec(html)?.[1], dir: /\bdir="([^"]*)"/.exec(html)?.[1] };
}

function heading(response: TestResponse): string {
  return visibleText(/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(response.text)?.[1] ?? "");
}

describeApp("the language of a page on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  async function clientFor(role: "ambassador" | "coordinator", acceptLanguage = "nl") {
    const organisationId = role === "ambassador" ? (await createOrganisation(services, { name: "Bibliotheek Moerwijk" })).id : null;
    const user = await createUser(services, { role, displayName: "Fatima", organisationId });
    const client = new HttpClient(server.url, { acceptLanguage });
    client.setSession(await createSessionToken(services, user));
    return { client, user };
  }

  it("an ambassador page asked for in Arabic is Arabic, right to left", async () => {
    const { client } = await clientFor("ambassador");
    const page = await client.get("/start?lang=ar");
    expect(page.status).toBe(200);
    expect(documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl" });
    expect(page.headers.get("content-language")).toBe("ar");
    expect(heading(page)).toBe("مرحباً، Fatima");
    // The Dutch organisation name keeps its own direction inside the Arabic sentence.
    expect(page.text).toContain("دورك: سفير رقمي لدى <bdi>Bibliotheek Moerwijk</bdi>.");
  });

  it("a staff page asked for in Arabic is English, left to right", async () => {
    const { client } = await clientFor("coordinator", "ar");
    const page = await client.get("/signalen?lang=ar");
    expect(page.status).toBe(200);
    expect(documentLanguage(page)).toEqual({ lang: "en", dir: "ltr" });
    expect(page.headers.get("content-language")).toBe("en");
    expect(heading(page)).toBe("Signals");
  });

  it("staff get the shared ambassador pages in their own languages only", async () => {
    const { client } = await clientFor("coordinator", "ar");
    const page = await client.get("/start?lang=ar");
    expect(documentLanguage(page)).toEqual({ lang: "en", dir: "ltr" });
    // Nor does the language switch offer what the page is not in.
    expect(page.text).not.toContain('value="ar"');
  });

  it("an ambassador's phone in Arabic: the start page is Arabic, a page only staff may open says so in English", async () => {
    const { client } = await clientFor("ambassador", "ar-MA,ar;q=0.9");
    expect(documentLanguage(await client.get("/start"))).toEqual({ lang: "ar", dir: "rtl" });
    const forbidden = await client.get("/signalen");
    expect(forbidden.status).toBe(403);
    expect(documentLanguage(forbidden)).toEqual({ lang: "en", dir: "ltr" });
    expect(heading(forbidden)).toBe("No access");
  });

  it("an ambassador saves Arabic with the language switch; staff cannot save a language their pages are not in", async () => {
    const { client, user } = await clientFor("ambassador");
    const saved = await client.post("/account", { intent: "language", language: "ar", terug: "/mijn-signalen" });
    expect(saved.location).toBe("/mijn-signalen");
    const row = await services.db.selectFrom("users").select("language").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.language).toBe("ar");
    expect(documentLanguage(await client.get("/mijn-signalen"))).toEqual({ lang: "ar", dir: "rtl" });

    const staff = await clientFor("coordinator");
    const refused = await staff.client.post("/account", { intent: "profile", displayName: "Fatima", language: "ar" });
    expect(refused.status).toBe(400);
    const staffRow = await services.db.selectFrom("users").select("language").where("id", "=", staff.user.id).executeTakeFirstOrThrow();
    expect(staffRow.language).toBeNull();
  });

  it.each(["/?lang=ar", "/hulp?lang=ar", "/hulp/phishing?lang=ar", "/tips?lang=ar", "/ambassadeurs?lang=ar", "/bestaat-niet?lang=ar", "/inloggen?lang=ar"])(
    "%s, a page for residents or for logging in, is Arabic, right to left",
    async (path) => {
      const page = await new HttpClient(server.url).get(path);
      expect(documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl" });
    },
  );

  it.each([
    ["a language we do not have in the URL", "/inloggen?lang=de", "*", "en"],
    ["a browser in a language we do not have", "/inloggen", "de-DE,de;q=0.9", "en"],
    ["a browser that names none", "/inloggen", "*", "nl"],
    ["a language we do not have, then one we have", "/inloggen?lang=fr", "fr,tr;q=0.5", "tr"],
    ["a resident page in a language we do not have", "/hulp?lang=xx", "*", "en"],
  ])("%s falls back to English, then Dutch", async (_label, path, acceptLanguage, expected) => {
    const page = await new HttpClient(server.url, { acceptLanguage }).get(path);
    expect(page.status).toBe(200);
    expect(documentLanguage(page)).toEqual({ lang: expected, dir: "ltr" });
  });
});
