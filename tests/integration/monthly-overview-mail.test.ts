import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { deliverDueMails } from "#app/features/mail/outbox.server.ts";
import { sendMonthlyOverviewMails } from "#app/features/programme/overview-mail.server.ts";
import { createOrganisation, createSessionToken, createUser, type TestUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import { isoWeekAt } from "#app/calendar/iso-week.ts";
import type { TestSmtpServer } from "#tests/support/smtp-server.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import type { TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The monthly overview by e-mail, only for those who chose it: switched on
// and off on /mijn-overzicht without JavaScript, sent once per month per
// person (received by a real SMTP server in this process), with the figures
// of the page — which equal the rows in the database.

describeApp("the monthly overview by e-mail on %s", { now: "2026-07-03T08:00:00.000Z", mail: true }, (app) => {
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

  it("goes only to those who switched it on, once a month, with the page's figures", async () => {
    const threshold = services.municipality.suppressionThreshold;
    const organisation = await createOrganisation(services, { wijk: "Moerwijk" });
    const chooser = await createUser(services, { role: "ambassador", organisationId: organisation.id, displayName: "Ayşe Kiest" });
    const colleague = await createUser(services, { role: "ambassador", organisationId: organisation.id });
    await services.db.updateTable("users").set({ language: "tr" }).where("id", "=", chooser.id).execute();
    // threshold + 1 signals in June, two of them answered; one in July (not June's).
    for (let index = 0; index <= threshold; index++) {
      const receivedAt = new Date(Date.UTC(2026, 5, 3 + index, 9)).toISOString();
      const signal = await createSignal(services, { sender: colleague, wijk: "Moerwijk", receivedAt, isoWeek: isoWeekAt(new Date(receivedAt)) });
      if (index < 2) {
        await services.db
          .insertInto("signal_notes")
          .values({ id: randomUUID(), signal_id: signal.id, kind: "feedback", author_id: null, author_role: "coordinator", body: "Dank!", created_at: "2026-06-28T09:00:00.000Z" })
          .execute();
      }
    }
    await createSignal(services, { sender: colleague, wijk: "Moerwijk", receivedAt: "2026-07-01T09:00:00.000Z", isoWeek: "2026-W27" });
    const juneRows = await services.db.selectFrom("signals").select("id").where("organisation_id", "=", organisation.id).where("received_at", ">=", "2026-06-01").where("received_at", "<", "2026-07-01").execute();
    expect(juneRows).toHaveLength(threshold + 1);

    const client = await clientFor(chooser);
    const before = visibleText((await client.get("/mijn-overzicht?lang=nl")).text);
    expect(before).toContain("Wilt u dit overzicht elke maand per e-mail krijgen?");
    // Bad input: no choice, or a made-up one, changes nothing.
    const bad = await client.post("/mijn-overzicht?lang=nl", { mail: "misschien" });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain("Kies of u de e-mail wilt aanzetten of uitzetten.");
    expect(await services.db.selectFrom("monthly_overview_subscribers").selectAll().execute()).toEqual([]);

    const on = await client.post("/mijn-overzicht?lang=nl", { mail: "aan" });
    expect(on.status).toBe(200);
    expect(visibleText(on.text)).toContain("U krijgt het overzicht voortaan elke maand per e-mail.");
    expect(visibleText(on.text)).toContain("Stop de e-mail");
    // A second click changes nothing.
    await client.post("/mijn-overzicht?lang=nl", { mail: "aan" });
    expect(await services.db.selectFrom("monthly_overview_subscribers").select("user_id").execute()).toEqual([{ user_id: chooser.id }]);

    smtp.received.length = 0;
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-06", queued: 1 });
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-06", queued: 0 });
    await deliverDueMails(services);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(chooser.email));
    expect(mail.subject).toBe("2026-06 ayında sinyallerinize ne oldu");
    expect(mail.text).toContain("Sayın Ayşe Kiest,");
    expect(mail.text).toContain(`Kuruluşunuzun sinyalleri: ${juneRows.length}`);
    expect(mail.text).toContain(`Bunlardan belediyeden yanıt alanlar: < ${threshold}`);
    expect(mail.text).toContain("/mijn-overzicht?maand=2026-06");
    // The same figures as the page.
    const page = visibleText((await client.get("/mijn-overzicht?maand=2026-06&lang=nl")).text);
    expect(page).toContain(`Signalen van uw organisatie ${juneRows.length} Daarvan met een reactie van de gemeente < ${threshold}`);
    await services.tasks.settled();
    expect(smtp.received.filter((m) => m.envelopeTo.includes(chooser.email))).toHaveLength(1);
    expect(smtp.received.some((m) => m.envelopeTo.includes(colleague.email))).toBe(false);

    // Next month: again, once; switched off: nothing.
    // July (weeks 27–31, by their Thursdays) is complete once week 31 is published, on Tuesday 4 August.
    clock.set("2026-08-03T08:00:00.000Z");
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-06", queued: 0 });
    clock.set("2026-08-04T08:00:00.000Z");
    // A month on, the session has lapsed: sign in again.
    client.setSession(await createSessionToken(services, chooser));
    const off = await client.post("/mijn-overzicht?lang=nl", { mail: "uit" });
    expect(visibleText(off.text)).toContain("U krijgt het overzicht niet meer per e-mail.");
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-07", queued: 0 });
    await client.post("/mijn-overzicht?lang=nl", { mail: "aan" });
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-07", queued: 1 });
    // A switched-off account gets nothing.
    clock.set("2026-09-02T08:00:00.000Z");
    await services.db.updateTable("users").set({ deactivated_at: "2026-08-20T08:00:00.000Z" }).where("id", "=", chooser.id).execute();
    expect(await sendMonthlyOverviewMails(services)).toEqual({ month: "2026-08", queued: 0 });
  });
});
