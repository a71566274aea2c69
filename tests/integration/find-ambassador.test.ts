import { beforeAll, expect, it } from "vitest";
import { createOrganisation, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The public page residents use to find a place to walk in: no account, no
// cookie, no scripts, nothing from other sites.

describeApp("find an ambassador on %s", { now: "2026-11-24T09:00:00.000Z" }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
    const staffed = async (name: string, wijk: string, languages: string, hours: string) => {
      const organisation = await createOrganisation(services, { name, wijk });
      await services.db
        .updateTable("organisations")
        .set({ languages, walk_in_hours: hours, description: `Welkom bij ${name}.` })
        .where("id", "=", organisation.id)
        .execute();
      await createUser(services, { role: "ambassador", organisationId: organisation.id });
      return organisation;
    };
    const library = await staffed("Bibliotheek Moerwijk", "Moerwijk", "nl,tr", "Digi-café: dinsdag 14:00–16:00");
    await services.db.updateTable("organisations").set({ phone: "070-353 30 00", code: "bieb-moerwijk" }).where("id", "=", library.id).execute();
    await staffed("Wijkcentrum Bouwlust", "Bouwlust", "nl,pl,uk", "Vrijdag 13:00–15:00");
    await staffed("Buurthuis Duindorp", "Duindorp", "nl,ar", "Woensdag 10:00–12:00");
    const archived = await staffed("Gesloten Club", "Moerwijk", "nl,tr", "Nooit");
    await services.db.updateTable("organisations").set({ archived_at: clock.now().toISOString() }).where("id", "=", archived.id).execute();
    // Nobody to talk to yet: not a place to send residents.
    await createOrganisation(services, { name: "Nog Leeg", wijk: "Moerwijk" });
    const switchedOff = await createOrganisation(services, { name: "Alleen Uitgezet", wijk: "Moerwijk" });
    const off = await createUser(services, { role: "ambassador", organisationId: switchedOff.id });
    await services.db.updateTable("users").set({ deactivated_at: clock.now().toISOString() }).where("id", "=", off.id).execute();
  });

  const names = (html: string) => [...html.matchAll(/<h4[^>]*>([^<]+)<\/h4>/g)].map((m) => m[1]);

  it("lists only open, staffed organisations, grouped by stadsdeel and wijk, with their hours and languages", async () => {
    const response = await new HttpClient(server.url).get("/ambassadeurs");
    expect(response.status).toBe(200);
    expect(names(response.text)).toEqual(["Wijkcentrum Bouwlust", "Bibliotheek Moerwijk", "Buurthuis Duindorp"]);
    const text = visibleText(response.text);
    expect(text).toContain("3 plekken gevonden");
    expect(text).toMatch(/Stadsdeel Escamp Bouwlust Wijkcentrum Bouwlust .* Moerwijk Bibliotheek Moerwijk .* Stadsdeel Scheveningen Duindorp Buurthuis Duindorp/);
    expect(text).toContain("Binnenlopen Digi-café: dinsdag 14:00–16:00");
    expect(text).toContain("Talen Nederlands, Turks");
    expect(text).toContain("Welkom bij Bibliotheek Moerwijk.");
    expect(text).not.toContain("Gesloten Club");
    expect(text).not.toContain("Nog Leeg");
    expect(text).not.toContain("Alleen Uitgezet");
  });

  it("gives the police's number from the referral organisations, in every resident language, as a tel: link", async () => {
    const police = services.content.organisations.find((o) => o.id === "politie")!.phones[0]!;
    for (const lang of ["nl", "en", "tr", "ar", "pl", "uk"]) {
      const response = await new HttpClient(server.url).get(`/ambassadeurs?lang=${lang}`);
      expect(response.text, lang).toContain(`href="tel:${police.tel}"`);
      expect(visibleText(response.text), lang).toContain(police.display);
      expect(response.text, lang).not.toContain("{{");
    }
  });

  it("has tap-to-navigate links and no scripts, cookies or third-party resources", async () => {
    const response = await new HttpClient(server.url).get("/ambassadeurs");
    expect(response.text).toContain('href="geo:0,0?q=Teststraat%201%2C%202500%20AA%20Den%20Haag"');
    expect(response.text).toContain('href="https://www.openstreetmap.org/search?query=Teststraat%201%2C%202500%20AA%20Den%20Haag"');
    // No scripts at all: residents get neither React nor the service worker (decision 0300).
    expect(response.text).not.toContain("<script");
    expect(response.headers.getSetCookie()).toEqual([]);
    // Every src and stylesheet is our own; the only outside addresses are links a visitor may follow.
    const sources = [...response.text.matchAll(/(?:src|href)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(sources.every((url) => url.startsWith("https://www.openstreetmap.org/search?"))).toBe(true);
    expect(response.text).not.toMatch(/<(iframe|img|script|link)[^>]+(src|href)="https?:\/\//);
  });

  it("filters by wijk and by language with a plain GET form", async () => {
    const client = new HttpClient(server.url);
    const moerwijk = await client.get("/ambassadeurs?wijk=den-haag-wk-moerwijk&taal=");
    expect(names(moerwijk.text)).toEqual(["Bibliotheek Moerwijk"]);
    expect(visibleText(moerwijk.text)).toContain("1 plek gevonden");
    expect(moerwijk.text).toMatch(/<option value="den-haag-wk-moerwijk" selected="">Moerwijk<\/option>/);

    const polish = await client.get("/ambassadeurs?wijk=&taal=pl");
    expect(names(polish.text)).toEqual(["Wijkcentrum Bouwlust"]);
    // Only languages spoken somewhere are offered.
    expect(polish.text).toContain('<option value="pl" selected="">Pools</option>');
    expect(polish.text).not.toContain('value="de"');

    const none = await client.get("/ambassadeurs?wijk=den-haag-wk-duindorp&taal=pl");
    expect(names(none.text)).toEqual([]);
    expect(visibleText(none.text)).toContain("Er is geen plek die past bij uw keuze.");

    const nearby = await client.get("/ambassadeurs?wijk=den-haag-wk-morgenstond");
    expect(names(nearby.text)).toEqual(["Wijkcentrum Bouwlust", "Bibliotheek Moerwijk"]);
    expect(visibleText(nearby.text)).toContain("In Morgenstond is nog geen ambassadeur. Hieronder staan de plekken in de buurt, in stadsdeel Escamp.");

    const nonsense = await client.get("/ambassadeurs?wijk=%3Cscript%3E&taal=xx");
    expect(nonsense.status).toBe(200);
    expect(names(nonsense.text)).toHaveLength(3);
  });

  it("speaks the resident's language and keeps it in the filter form and links", async () => {
    const response = await new HttpClient(server.url).get("/ambassadeurs?lang=tr&taal=tr");
    const text = visibleText(response.text);
    expect(response.headers.get("content-language")).toBe("tr");
    expect(text).toContain("Yakınınızdaki bir elçiyi bulun");
    expect(text).toContain("1 yer bulundu");
    expect(text).toContain("Kütüphane");
    expect(text).toContain("Diller Felemenkçe, Türkçe");
    expect(response.text).toContain('<input type="hidden" name="lang" value="tr"/>');
    // Dutch text from the organisation is marked as Dutch for screen readers.
    expect(response.text).toMatch(/lang="nl">Digi-café: dinsdag <bdi dir="ltr">14:00<\/bdi>–<bdi dir="ltr">16:00<\/bdi>/);

    const arabic = await new HttpClient(server.url).get("/ambassadeurs?lang=ar");
    expect(arabic.text).toMatch(/<html lang="ar" dir="rtl"/);
    expect(visibleText(arabic.text)).toContain("اعثر على سفير رقمي بالقرب منك");
    // The places' own texts are Dutch only: a visitor reading another language is told so; a Dutch reader is not.
    expect(text).toContain("Adresleri, ziyaret saatlerini ve açıklamaları yerlerin kendisi Felemenkçe yazar.");
    expect(visibleText(arabic.text)).toContain("تكتب الأماكن عناوينها وأوقات الاستقبال والأوصاف بنفسها، باللغة الهولندية.");
    const dutch = await new HttpClient(server.url).get("/ambassadeurs");
    expect(visibleText(dutch.text)).not.toContain("in het Nederlands.");
  });

  it("shows a place's phone number as a number to tap, isolated left to right in Arabic", async () => {
    const response = await new HttpClient(server.url).get("/ambassadeurs?wijk=den-haag-wk-moerwijk");
    expect(visibleText(response.text)).toContain("Telefoon 070-353 30 00");
    expect(response.text).toContain('<a class="utrecht-link tel-inline" href="tel:0703533000"><bdi dir="ltr" class="ltr-number">070-353 30 00</bdi></a>');
    // A place without a phone number has no empty "Telefoon" line.
    const duindorp = await new HttpClient(server.url).get("/ambassadeurs?wijk=den-haag-wk-duindorp");
    expect(visibleText(duindorp.text)).not.toContain("Telefoon");
    const arabic = await new HttpClient(server.url).get("/ambassadeurs?wijk=den-haag-wk-moerwijk&lang=ar");
    expect(arabic.text).toContain('href="tel:0703533000"><bdi dir="ltr" class="ltr-number">070-353 30 00</bdi>');
  });

  it("shows first the place whose share link brought the resident (?via=), and keeps it when filtering", async () => {
    const client = new HttpClient(server.url);
    const response = await client.get("/ambassadeurs?via=bieb-moerwijk&wijk=den-haag-wk-duindorp");
    const text = visibleText(response.text);
    expect(text).toMatch(/U kwam via Bibliotheek Moerwijk Dit is de plek die u de link gaf\..*Bibliotheek Moerwijk .*Digi-café.*1 plek gevonden .*Buurthuis Duindorp/);
    expect(response.text).toContain('<li class="card card--highlighted" data-testid="location"><h3');
    expect(response.text).toContain('<input type="hidden" name="via" value="bieb-moerwijk"/>');
    // An unknown code, or a place nobody staffs, highlights nothing.
    for (const via of ["bestaat-niet", "%3Cscript%3E"]) {
      const other = await client.get(`/ambassadeurs?via=${via}`);
      expect(other.status).toBe(200);
      expect(visibleText(other.text)).not.toContain("U kwam via");
      expect(other.text).not.toContain('name="via"');
    }
  });
});
