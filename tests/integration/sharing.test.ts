import { beforeAll, expect, it } from "vitest";
import { createOrganisation, createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The ambassadors' library: find a flow or tip, and share it by link, QR code
// or poster, with the organisation's code for referral reach.

function field(html: string, testId: string): string {
  return (new RegExp(`value="([^"]*)"[^>]*data-testid="${testId}"|data-testid="${testId}"[^>]*value="([^"]*)"`).exec(html)?.slice(1).find(Boolean) ?? "").replace(/&amp;/g, "&");
}

describeApp("sharing with residents on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;
  let ambassador: HttpClient;
  let code: string;

  beforeAll(async () => {
    ({ services, server } = app);
    const library = await createOrganisation(services, { name: "Bibliotheek Leyenburg", code: "bieb-leyenburg" });
    code = library.code;
    const user = await createUser(services, { role: "ambassador", organisationId: library.id });
    ambassador = new HttpClient(server.url);
    ambassador.setSession(await createSessionToken(services, user));
  });

  it("the library finds flows and tips by words and filters, and explains a bad filter", async () => {
    const all = await ambassador.get("/delen");
    expect(all.status).toBe(200);
    const items = (html: string) => [...html.matchAll(/data-item="([^"]+)"/g)].map((match) => match[1]);
    expect(items(all.text)).toHaveLength(services.content.flows.length + services.content.tips.length);

    const whatsapp = items((await ambassador.get("/delen?q=whatsapp")).text);
    expect(whatsapp[0]).toBe("hulp/whatsapp-friend-in-need");
    expect(whatsapp).toContain("tips/whatsapp-call-back");

    const tipsForBusinesses = items((await ambassador.get("/delen?soort=tips&doelgroep=entrepreneurs")).text);
    expect(tipsForBusinesses.length).toBeGreaterThan(0);
    expect(tipsForBusinesses.every((item) => item!.startsWith("tips/business-"))).toBe(true);

    const bad = await ambassador.get("/delen?fenomeen=kwijtgeraakt&soort=alles");
    expect(bad.status).toBe(200);
    const text = visibleText(bad.text);
    // Each problem at its field, and again in the error summary at the top.
    expect(text.match(/Kies een van de mogelijkheden\./g)).toHaveLength(4);
    expect(bad.text).toMatch(/<div[^>]*data-testid="error-summary"[^>]*>/);

    expect(visibleText((await ambassador.get("/delen?q=qwxz")).text)).toContain("Niets gevonden.");
  });

  it("the share page gives the public link with the organisation's code and the chosen language, as text and as a QR code", async () => {
    const page = await ambassador.get("/delen/hulp/sextortion?taal=uk");
    expect(page.status).toBe(200);
    expect(field(page.text, "share-url")).toBe(`${server.url}/hulp/sextortion?via=${code}&lang=uk`);
    expect(visibleText(page.text)).toContain("Bezoeken via deze link tellen we per week voor Bibliotheek Leyenburg.");
    expect(page.text).toContain('src="/delen/hulp/sextortion/qr.svg?taal=uk"');
    expect(page.text).toContain('href="/delen/hulp/sextortion/poster?taal=uk"');

    const qr = await ambassador.get("/delen/hulp/sextortion/qr.svg?taal=uk");
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(qr.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(qr.text).not.toContain("style=");

    const phoneLanguage = await ambassador.get("/delen/tips/romance-never-send-money");
    expect(field(phoneLanguage.text, "share-url")).toBe(`${server.url}/tips/romance-never-send-money?via=${code}`);

    const untranslated = await ambassador.get("/delen/hulp/business-fraud?taal=ar");
    expect(visibleText(untranslated.text)).toContain("Dit is nog niet vertaald in het العربية.");

    const badLanguage = await ambassador.get("/delen/hulp/phishing?taal=fr");
    expect(badLanguage.status).toBe(200);
    expect(visibleText(badLanguage.text)).toContain("Kies een van de mogelijkheden.");
    expect(field(badLanguage.text, "share-url")).toBe(`${server.url}/hulp/phishing?via=${code}`);

    expect((await ambassador.get("/delen/hulp/bestaat-niet")).status).toBe(404);
    expect((await ambassador.get("/delen/video/phishing")).status).toBe(404);
  });

  it("people without an organisation share links without a code, and are told visits are not counted", async () => {
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = new HttpClient(server.url);
    staff.setSession(await createSessionToken(services, coordinator));
    const page = await staff.get("/delen/hulp/phishing?taal=en");
    expect(field(page.text, "share-url")).toBe(`${server.url}/hulp/phishing?lang=en`);
    expect(visibleText(page.text)).toContain("bezoeken via deze link worden niet geteld");
  });

  it("the poster is in the chosen language, right-to-left for Arabic, with the QR code and the address written out", async () => {
    const poster = await ambassador.get("/delen/hulp/whatsapp-friend-in-need/poster?taal=ar");
    expect(poster.status).toBe(200);
    // The page around the poster stays in the ambassador's language.
    expect(poster.text).toContain('<html lang="nl" dir="ltr">');
    expect(poster.text).toMatch(/<article class="poster" lang="ar" dir="rtl"/);
    const text = visibleText(poster.text);
    expect(text).toContain("شخص أعرفه يطلب مني مالاً عبر واتساب");
    expect(text).toContain("امسح الرمز بكاميرا هاتفك.");
    // Short enough to type: no organisation code (the QR code carries it), the language kept.
    expect(text).toContain(`${new URL(server.url).host}/hulp/whatsapp-friend-in-need?lang=ar`);
    expect(text).not.toContain(`via=${code}`);
    expect(text).toContain("مقدَّم من Bibliotheek Leyenburg");
    expect(poster.text).toContain('src="/delen/hulp/whatsapp-friend-in-need/qr.svg?taal=ar"');
  });
});
