import { beforeAll, expect, it } from "vitest";
import { createOrganisation, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// "Gecertificeerd" on the public find-an-ambassador page: only where the
// municipality chose to show it, only at places where an active ambassador
// holds a valid certificate, and never who.

describeApp("certification on the public find-an-ambassador page on %s", { now: "2026-06-15T10:00:00.000Z" }, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  function cardOf(html: string, name: string): string {
    const cards = html.split('data-testid="location"').slice(1);
    const card = cards.find((text) => text.includes(name));
    if (!card) throw new Error(`no card for ${name}`);
    return card.slice(0, card.indexOf("</li>"));
  }

  it("says gecertificeerd where a valid certificate holder helps, when the municipality chose it", async () => {
    const certifiedPlace = await createOrganisation(services, { name: "Bibliotheek Gecertificeerd", wijk: "Moerwijk" });
    const lapsedPlace = await createOrganisation(services, { name: "Buurthuis Verlopen", wijk: "Moerwijk" });
    const offPlace = await createOrganisation(services, { name: "Sportclub Uitgeschakeld", wijk: "Moerwijk" });
    const holder = await createUser(services, { role: "ambassador", organisationId: certifiedPlace.id, displayName: "Fatima Geheim" });
    const lapsed = await createUser(services, { role: "ambassador", organisationId: lapsedPlace.id });
    const switchedOff = await createUser(services, { role: "ambassador", organisationId: offPlace.id });
    await createUser(services, { role: "ambassador", organisationId: offPlace.id });
    const certificate = (userId: string, validUntil: string) => ({ user_id: userId, certified_at: "2025-09-01T10:00:00.000Z", valid_until: validUntil, reminder_sent_at: null });
    await services.db
      .insertInto("training_certificates")
      .values([certificate(holder.id, "2026-09-01T10:00:00.000Z"), certificate(lapsed.id, "2026-06-01T10:00:00.000Z"), certificate(switchedOff.id, "2026-09-01T10:00:00.000Z")])
      .execute();
    await services.db.updateTable("users").set({ deactivated_at: "2026-06-10T10:00:00.000Z" }).where("id", "=", switchedOff.id).execute();

    const visitor = new HttpClient(server.url);
    services.municipality.showCertifiedPublicly = false;
    const hiddenPage = await visitor.get("/ambassadeurs");
    expect(hiddenPage.status).toBe(200);
    expect(visibleText(hiddenPage.text)).toContain("Bibliotheek Gecertificeerd");
    expect(visibleText(hiddenPage.text)).not.toContain("Gecertificeerd Hier helpt");
    expect(hiddenPage.text).not.toContain('data-testid="certified"');

    services.municipality.showCertifiedPublicly = true;
    try {
      const page = await visitor.get("/ambassadeurs");
      expect(visibleText(cardOf(page.text, "Bibliotheek Gecertificeerd"))).toContain("Gecertificeerd Hier helpt een ambassadeur die de training van de gemeente heeft afgerond.");
      expect(cardOf(page.text, "Buurthuis Verlopen")).not.toContain('data-testid="certified"');
      expect(cardOf(page.text, "Sportclub Uitgeschakeld")).not.toContain('data-testid="certified"');
      // Never who: the ambassador's name is nowhere on the page.
      expect(page.text).not.toContain("Fatima Geheim");
      const arabic = await visitor.get("/ambassadeurs?lang=ar");
      expect(visibleText(cardOf(arabic.text, "Bibliotheek Gecertificeerd"))).toContain("حاصل على شهادة");
    } finally {
      services.municipality.showCertifiedPublicly = false;
    }
  });
});
