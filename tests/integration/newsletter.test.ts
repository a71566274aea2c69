import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { stadsdeelId } from "#app/features/areas/area-file.ts";
import { deliverDueMails } from "#app/features/mail/outbox.server.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import type { TestSmtpServer } from "#tests/support/smtp-server.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import type { TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The coordinator's newsletter: to all ambassadors or one stadsdeel's, by
// e-mail (received by a real SMTP server in this process) and push (queued
// per device), with delivery counts on the page; bad input changes nothing.

describeApp("newsletters to ambassadors on %s", { now: "2026-12-07T10:00:00.000Z", mail: true }, (app) => {
  const { clock } = app;
  let services: TestServices;
  let server: TestServer;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    ({ services, server, smtp } = app);
  });

  async function clientFor(user: TestUser) {
    const client = new HttpClient(server.url);
    client.setSession(await createSessionToken(services, user));
    return client;
  }

  it("reaches the chosen stadsdeel's ambassadors only, counts delivery, and refuses bad input whole", async () => {
    const escamp = stadsdeelId(services.municipality.slug, "Escamp");
    const moerwijk = await createOrganisation(services, { wijk: "Moerwijk" });
    const vogelwijk = await createOrganisation(services, { wijk: "Vogelwijk" });
    const inEscamp = [await createUser(services, { role: "ambassador", organisationId: moerwijk.id }), await createUser(services, { role: "ambassador", organisationId: moerwijk.id })];
    const elsewhere = await createUser(services, { role: "ambassador", organisationId: vogelwijk.id });
    const switchedOff = await createUser(services, { role: "ambassador", organisationId: moerwijk.id });
    await services.db.updateTable("users").set({ deactivated_at: "2026-12-01T10:00:00.000Z" }).where("id", "=", switchedOff.id).execute();
    await services.db
      .insertInto("push_subscriptions")
      .values({ id: randomUUID(), user_id: inEscamp[0]!.id, endpoint: `https://push.example.invalid/${randomUUID()}`, p256dh: "key", auth: "auth", created_at: clock.now().toISOString() })
      .execute();
    const coordinator = await createUser(services, { role: "coordinator" });
    const staff = await clientFor(coordinator);

    // Bad input: nothing stored, nothing queued, each problem named.
    const empty = await staff.post("/beheer/nieuwsbrief", { stadsdeelId: escamp, subject: " ", body: "" });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.text)).toContain("Vul een onderwerp in.");
    expect(visibleText(empty.text)).toContain("Vul de tekst in.");
    const unknown = await staff.post("/beheer/nieuwsbrief", { stadsdeelId: "nergens", subject: "Nieuws", body: "Tekst" });
    expect(unknown.status).toBe(400);
    expect(visibleText(unknown.text)).toContain("Kies een stadsdeel uit de lijst.");
    const nobody = await staff.post("/beheer/nieuwsbrief", { stadsdeelId: stadsdeelId(services.municipality.slug, "Leidschenveen-Ypenburg"), subject: "Nieuws", body: "Tekst" });
    expect(nobody.status).toBe(400);
    expect(visibleText(nobody.text)).toContain("Er zijn geen actieve ambassadeurs in dit stadsdeel; er is niets verstuurd.");
    expect(await services.db.selectFrom("newsletters").selectAll().execute()).toEqual([]);
    expect(await services.db.selectFrom("mail_outbox").select("id").where("kind", "=", "newsletter").execute()).toEqual([]);

    smtp.received.length = 0;
    const sent = await staff.post("/beheer/nieuwsbrief", { stadsdeelId: escamp, subject: "Nieuws uit Escamp", body: "Eerste alinea over phishing.\n\nTweede alinea <b>zonder</b> opmaak." });
    expect(sent.status).toBe(302);
    expect(visibleText((await staff.get(sent.location!)).text)).toContain("Verstuurd aan 2 ambassadeurs.");
    await deliverDueMails(services);
    await services.tasks.settled();
    for (const person of inEscamp) {
      const mail = await smtp.waitFor((m) => m.envelopeTo.includes(person.email));
      expect(mail.subject).toBe("Nieuws uit Escamp");
      expect(mail.text).toContain("Eerste alinea over phishing.");
      expect(mail.html).toContain("Tweede alinea &lt;b&gt;zonder&lt;/b&gt; opmaak.");
    }
    expect(smtp.received.some((m) => m.envelopeTo.includes(elsewhere.email) || m.envelopeTo.includes(switchedOff.email))).toBe(false);
    const pushes = await services.db.selectFrom("push_deliveries").select("payload").execute();
    expect(pushes.map((row) => JSON.parse(row.payload).title)).toEqual(["Nieuws uit Escamp"]);

    const page = visibleText((await staff.get("/beheer/nieuwsbrief")).text);
    // Two mails sent, none waiting or failed; one push queued.
    expect(page).toMatch(/Nieuws uit Escamp Escamp 2 2 \/ 0 \/ 0 \d \/ 1 \/ \d/);

    // Ambassadors read what was meant for them.
    expect(visibleText((await (await clientFor(inEscamp[1]!)).get("/nieuwsbrieven")).text)).toContain("Nieuws uit Escamp");
    const other = visibleText((await (await clientFor(elsewhere)).get("/nieuwsbrieven")).text);
    expect(other).not.toContain("Nieuws uit Escamp");
    expect(other).toContain("Er zijn nog geen nieuwsbrieven voor u.");

    // To everyone: all three active ambassadors.
    const all = await staff.post("/beheer/nieuwsbrief", { stadsdeelId: "", subject: "Voor iedereen", body: "Dank voor jullie inzet." });
    expect(all.location).toBe("/beheer/nieuwsbrief?verstuurd=3");
    expect(visibleText((await (await clientFor(elsewhere)).get("/nieuwsbrieven")).text)).toContain("Voor iedereen");
  });
});
