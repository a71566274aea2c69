import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "#app/clock.ts";
import { startTestServer, HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// /.well-known/security.txt (RFC 9116) and the plain-language privacy page.

describe("security.txt and the privacy page", () => {
  let services: TestServices;
  let server: TestServer;
  beforeAll(async () => {
    services = await createTestServices("sqlite", { clock: fixedClock("2026-11-24T09:00:00.000Z"), env: { SECURITY_CONTACT: "mailto:cert@denhaag.nl" } });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.database.drop();
  });

  it("security.txt names the contact, expires within a year and is canonical", async () => {
    const response = await new HttpClient(server.url).get("/.well-known/security.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.text).toContain("Contact: mailto:cert@denhaag.nl\n");
    expect(response.text).toContain("Expires: 2027-05-23T00:00:00.000Z\n");
    expect(response.text).toContain(`Canonical: ${server.url}/.well-known/security.txt\n`);
  });

  it.each([
    ["nl", "Privacy: wat Wijkwijs bewaart", "We bewaren niets over u"],
    ["en", "Privacy: what Wijkwijs keeps", "We keep nothing about you"],
    ["tr", "Gizlilik: Wijkwijs neyi saklar", "Sizinle ilgili hiçbir şey saklamıyoruz"],
    ["ar", "الخصوصية: ما الذي يحتفظ به Wijkwijs", "لا نحتفظ بأي شيء عنك"],
    ["pl", "Prywatność: co przechowuje Wijkwijs", "Nie przechowujemy o Tobie niczego"],
    ["uk", "Приватність: що зберігає Wijkwijs", "Ми нічого не зберігаємо про вас"],
  ])("the privacy page in %s, without scripts, linked from the footer", async (language, title, sentence) => {
    const response = await new HttpClient(server.url).get(`/privacy?lang=${language}`);
    expect(response.status).toBe(200);
    const text = visibleText(response.text);
    expect(text).toContain(title);
    expect(text).toContain(sentence);
    // No React (the service-worker registration script /pwa.js is allowed).
    expect(response.text).not.toMatch(/<script\b[^>]*\bsrc="\/assets\//);
    expect(response.text).not.toContain("type=\"module\"");
    expect(response.text).toContain(`href="/privacy?lang=${language}"`);
  });

  it.each([
    ["nl", "De gemeente Den Haag is verantwoordelijk voor de gegevens in Wijkwijs (de verwerkingsverantwoordelijke).", "Autoriteit Persoonsgegevens: een klacht indienen"],
    ["ar", "بلدية Den Haag هي المسؤولة عن البيانات في Wijkwijs (المتحكّم في البيانات).", "Autoriteit Persoonsgegevens: تقديم شكوى"],
  ])("the privacy page in %s names the controller from the municipality's settings, its privacy officer and the authority, with links", async (language, controller, authority) => {
    const response = await new HttpClient(server.url).get(`/privacy?lang=${language}`);
    const text = visibleText(response.text);
    expect(text).toContain(controller);
    // The officer's address comes from content/areas/den-haag.json.
    expect(response.text).toContain('<a class="utrecht-link" href="mailto:privacy@demo.wijkwijs.nl"><bdi dir="ltr">privacy@demo.wijkwijs.nl</bdi></a>');
    expect(response.text).toContain(`<a class="utrecht-link" href="https://www.autoriteitpersoonsgegevens.nl/" rel="noreferrer">${authority}</a>`);
  });
});
