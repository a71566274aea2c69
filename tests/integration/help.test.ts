import { beforeAll, expect, it } from "vitest";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The resident pages as a phone without JavaScript uses them: every answer is
// a link to the next step's own address, every filter a GET form.

function links(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map(([, href, text]) => ({
    href: href!.replace(/&amp;/g, "&"),
    text: visibleText(text!),
  }));
}

function h1(html: string): string {
  return visibleText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "");
}

describeApp("help flows and tips on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it("/hulp lists every flow, and the search box finds the one that fits", async () => {
    const client = new HttpClient(server.url);
    const index = await client.get("/hulp");
    expect(index.status).toBe(200);
    const text = visibleText(index.text);
    expect(text).toContain("Een bekende vraagt via WhatsApp om geld");
    expect(text).toContain("Ik kreeg een verdacht bericht of scande een QR-code");
    expect(text).toContain("Voor ondernemers");
    expect(links(index.text).filter((link) => /^\/hulp\/[a-z-]+$/.test(link.href))).toHaveLength(services.content.flows.length);

    const found = await client.get("/hulp?q=" + encodeURIComponent("Mijn dochter appte vanaf een nieuw nummer"));
    const results = found.text.slice(found.text.indexOf('id="search-results"'), found.text.indexOf('id="all-flows"'));
    expect(links(results)[0]!.href).toBe("/hulp/whatsapp-friend-in-need");

    const nothing = await client.get("/hulp?q=qwxz");
    expect(visibleText(nothing.text)).toContain("We vonden niets dat hierbij past.");

    const tooLong = await client.get("/hulp?q=" + "a".repeat(101));
    expect(tooLong.status).toBe(200);
    expect(visibleText(tooLong.text)).toContain("Gebruik hoogstens 100 tekens.");
  });

  it("a resident walks a flow in English by plain links to an outcome with steps and tap-to-call numbers", async () => {
    const client = new HttpClient(server.url, { acceptLanguage: "nl" });
    const start = await client.get("/hulp/phishing?lang=en");
    expect(start.status).toBe(200);
    expect(start.text).toContain('<html lang="en" dir="ltr">');
    expect(h1(start.text)).toBe("Did you click a link or scan the QR code?");
    // No React on resident pages, and no cookie for residents.
    // Nor the service worker's page script: that is for logged-in people (decision 0300).
    expect(start.text).not.toMatch(/<script/);
    expect(start.headers.getSetCookie()).toEqual([]);

    const yes = links(start.text).find((link) => link.text === "Yes, I clicked or scanned")!;
    expect(yes.href).toBe("/hulp/phishing/entered?lang=en");
    const second = await client.get(yes.href);
    expect(h1(second.text)).toBe("What did you do after that?");
    expect(visibleText(second.text)).toContain("Question 2");

    const paid = links(second.text).find((link) => link.text === "I entered bank details or paid")!;
    const outcome = await client.get(paid.href);
    expect(outcome.status).toBe(200);
    expect(h1(outcome.text)).toBe("Call your bank now");
    const steps = [...outcome.text.matchAll(/<li class="flow-step flow-step--(now|today|later)"/g)].map((match) => match[1]);
    expect(steps).toEqual(["now", "now", "today", "today", "today", "later"]);
    const outcomeText = visibleText(outcome.text);
    expect(outcomeText).toContain("Call your bank at once. Use the number on the back of your bank card");
    expect(outcomeText).toContain("Right now");
    expect(outcomeText).toContain("Bank card blocking line");
    const telLinks = links(outcome.text).filter((link) => link.href.startsWith("tel:"));
    expect(telLinks).toEqual(
      expect.arrayContaining([
        { href: "tel:08000313", text: "Call 0800-0313" },
        { href: "tel:09008844", text: "Call 0900-8844" },
        { href: "tel:0887867372", text: "Call 088-786 73 72" },
      ]),
    );
    const hrefs = links(outcome.text).map((link) => link.href);
    expect(hrefs).toContain("/ambassadeurs?lang=en");
    expect(hrefs).toContain("/hulp/phishing/bank-details?afdrukken=1&lang=en");

    const print = await client.get("/hulp/phishing/bank-details?afdrukken=1&lang=en");
    const printText = visibleText(print.text);
    expect(printText).toContain("Print this page, or save it as a PDF");
    expect(printText).toContain("Phone: 0800-0313");
    expect(printText).toContain("https://www.fraudehelpdesk.nl");
    expect(printText).toContain(`These steps are from ${server.url}/hulp/phishing/bank-details?lang=en`);
    expect(links(print.text).filter((link) => link.href.startsWith("tel:"))).toEqual([]);
  });

  it("an unknown flow is a 404 in the visitor's language; an old step of a known flow leads to the flow", async () => {
    const client = new HttpClient(server.url);
    const flow = await client.get("/hulp/bestaat-niet?lang=en");
    expect(flow.status).toBe(404);
    expect(visibleText(flow.text)).toContain("Page not found");
    expect((await client.get("/hulp/bestaat-niet/ook-niet")).status).toBe(404);
    // A step that no longer exists, e.g. from a link saved before the flow was rewritten: to its first question, language and share code kept.
    const step = await client.get("/hulp/phishing/bestaat-niet?lang=en&via=bieb-moerwijk");
    expect(step.status).toBe(302);
    expect(step.location).toBe("/hulp/phishing?lang=en&via=bieb-moerwijk");
    const start = await client.get(step.location!);
    expect(start.status).toBe(200);
    expect(h1(start.text)).toBe("Did you click a link or scan the QR code?");
  });

  it("Arabic pages are right-to-left and in Arabic", async () => {
    const page = await new HttpClient(server.url).get("/hulp/whatsapp-friend-in-need?lang=ar");
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(h1(page.text)).toBe("ماذا حدث؟");
    expect(visibleText(page.text)).toContain("لم أدفع بعد");
  });

  it("a flow without a translation shows the Dutch text, marked as Dutch, with a notice in the visitor's language", async () => {
    const page = await new HttpClient(server.url).get("/hulp/business-fraud?lang=tr");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="tr" dir="ltr">');
    expect(visibleText(page.text)).toContain("Bu yardım henüz sizin dilinize çevrilmedi. Aşağıda Felemenkçe metni görüyorsunuz.");
    expect(h1(page.text)).toBe("Wat is er gebeurd?");
    expect(page.text).toMatch(/<div lang="nl" dir="ltr" class="stack">[\s\S]*<h1[^>]*>Wat is er gebeurd\?<\/h1>/);
    // A translated flow in the same language has no notice.
    const translated = await new HttpClient(server.url).get("/hulp/phishing?lang=tr");
    expect(translated.text).not.toContain("fallback-notice");
  });

  it("/tips filters by phenomenon and audience with a GET form, and explains a bad filter", async () => {
    const client = new HttpClient(server.url);
    const all = await client.get("/tips");
    expect(visibleText(all.text)).toContain(`${services.content.tips.length} tips`);

    const filtered = await client.get("/tips?fenomeen=bank-helpdesk-fraud&doelgroep=elderly");
    const tipIds = [...filtered.text.matchAll(/data-tip="([^"]+)"/g)].map((match) => match[1]);
    const expected = services.content.tips
      .filter((tip) => tip.phenomenon === "bank-helpdesk-fraud" && tip.audiences.includes("elderly"))
      .map((tip) => tip.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(tipIds).toEqual(expected);

    const bad = await client.get("/tips?fenomeen=bestaat-niet");
    expect(bad.status).toBe(200);
    expect(visibleText(bad.text)).toContain("Kies een van de mogelijkheden.");
    expect([...bad.text.matchAll(/data-tip="/g)]).toHaveLength(services.content.tips.length);

    const searched = await client.get("/tips?q=" + encodeURIComponent("safe account") + "&lang=en");
    expect(visibleText(searched.text)).toContain("Never transfer money to a ‘safe account’");
    expect(searched.text).toContain('name="lang" value="en"');
  });

  it("a tip has its own page with its why, and a link to the flow for when it already happened", async () => {
    const page = await new HttpClient(server.url).get("/tips/selling-no-payment-links?lang=pl");
    expect(page.status).toBe(200);
    expect(h1(page.text)).toBe("Sprzedajesz coś? Nigdy nie klikaj w link do płatności od kupującego.");
    expect(links(page.text).map((link) => link.href)).toContain("/hulp/selling-online?lang=pl");
    expect((await new HttpClient(server.url).get("/tips/bestaat-niet")).status).toBe(404);
    const untranslated = await new HttpClient(server.url).get("/tips/business-offline-backups?lang=uk");
    expect(visibleText(untranslated.text)).toContain("Ця порада ще не перекладена вашою мовою.");
  });

  it("the home page leads residents to help and tips, keeping their language", async () => {
    const home = await new HttpClient(server.url).get("/?lang=uk");
    const hrefs = links(home.text).map((link) => link.href);
    expect(hrefs).toContain("/hulp?lang=uk");
    expect(hrefs).toContain("/tips?lang=uk");
    expect(visibleText(home.text)).toContain("Що мені робити зараз?");
  });
});
