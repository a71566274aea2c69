import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "#app/config.server.ts";
import { buildServiceWorker } from "#app/sw/build.ts";
import { createServices, projectRoot } from "#server/services.ts";
import { startTestServer } from "#tests/support/test-server.ts";
import type { Page } from "@playwright/test";
import { wijkId } from "#app/features/areas/area-file.ts";
import { createSessionToken } from "#tests/support/fixtures.ts";
import { addSessionCookie, expect, expectNoAxeViolations, isCached, test, workerReady, type E2EServices } from "./fixtures.ts";

// The installable app in Chromium: the service worker keeps what the
// ambassador opened, and shows the offline page, in their language, for what
// it does not have.

/** A current warning for one wijk, as a coordinator would publish it. */
async function insertWarning(services: E2EServices, wijkId: string, title: string): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await services.db
    .insertInto("warnings")
    .values({ id, municipality_id: services.municipality.id, title, body: "Niet op de link klikken.", phenomenon: "phishing", flow_id: "phishing", expires_on: new Date(now.getTime() + 7 * 86400_000).toISOString().slice(0, 10), created_by: null, created_at: now.toISOString() })
    .execute();
  await services.db.insertInto("warning_wijken").values({ warning_id: id, wijk_id: wijkId }).execute();
  return id;
}

test("after one online visit the start page with its warnings, a flow and a tip open offline; an unknown page shows the offline page", async ({ page, context, loginAs, makeOrganisation, services }) => {
  const organisation = await makeOrganisation({ wijk: "Binckhorst" });
  const warningTitle = `Nepsms over een pakketje ${randomUUID().slice(0, 6)}`;
  await insertWarning(services, wijkId(services.municipality.slug, "Binckhorst"), warningTitle);
  await loginAs("ambassador", { displayName: "Fatima Offline", organisationId: organisation.id });
  await page.goto("/start");
  await expect(page.getByTestId("current-warning")).toContainText(warningTitle);
  await workerReady(page);
  // The very first page came from the network before the worker existed; it keeps a copy afterwards.
  await expect.poll(() => isCached(page, "/start")).toBe(true);
  await page.goto("/hulp/phishing");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const flowHeading = await page.getByRole("heading", { level: 1 }).textContent();
  await page.goto("/tips/bank-hang-up-call-back");
  const tipHeading = await page.getByRole("heading", { level: 1 }).textContent();

  await context.setOffline(true);
  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fatima Offline");
  await expect(page.getByTestId("current-warning")).toContainText(warningTitle);
  await page.goto("/hulp/phishing");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(flowHeading!);
  await page.goto("/tips/bank-hang-up-call-back");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tipHeading!);

  // Kept on the device, a warning still disappears after its last day.
  await page.clock.setFixedTime(new Date(Date.now() + 8 * 86400_000));
  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fatima Offline");
  await expect(page.getByTestId("current-warning")).toBeHidden();

  // Never visited: the offline page, not the browser's error page.
  await page.goto("/hulp/sextortion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await page.goto("/tips?lang=en&onbekend=1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
  await context.setOffline(false);
});

async function fillSignal(page: Page, text: string): Promise<void> {
  await page.getByLabel("Wat voor verschijnsel?").selectOption({ label: "Nepwebwinkel" });
  await page.getByLabel("Via welk kanaal?").selectOption({ label: "Website" });
  await page.getByRole("group", { name: "Wie waren het doelwit?" }).getByLabel("Ouderen").check();
  await page.getByRole("group", { name: "Ongeveer hoeveel mensen?" }).getByLabel("2 tot 5").check();
  await page.getByRole("group", { name: "Poging of schade?" }).getByLabel("Er is schade").check();
  await page.getByLabel("Toelichting (niet verplicht)").fill(text);
}

/** Fires the outbox's Background Sync in the service worker, as the browser would when the connection returns. */
async function dispatchSync(page: Page, baseURL: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((registration) => registration.scopeURL.startsWith(baseURL) && !registration.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.dispatchSyncEvent", { origin: new URL(baseURL).origin, registrationId: await registrationId, tag: "signal-outbox", lastChance: false });
  await cdp.detach();
}

test("a signal sent offline waits on the device, is sent when the connection returns, and is stored once", async ({ page, context, loginAs, services, baseURL }) => {
  await context.grantPermissions(["background-sync"]);
  await loginAs("ambassador");
  await page.goto("/mijn-signalen");
  await workerReady(page);
  await page.goto("/mijn-signalen");
  await page.goto("/signalen/nieuw");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signaal doorgeven");
  const marker = `Kelderbericht${Date.now().toString(36).replace(/\d/g, "")}`;

  await context.setOffline(true);
  await fillSignal(page, `${marker}: een nepwinkel in de bibliotheekkelder.`);
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bewaard op uw apparaat");
  const key = await page.evaluate(async () => {
    const { result } = await new Promise<IDBRequest<IDBDatabase>>((resolve) => {
      const request = indexedDB.open("wijkwijs-outbox");
      request.onsuccess = () => resolve(request);
    });
    return new Promise<string>((resolve) => {
      const all = result.transaction("signals").objectStore("signals").getAll();
      all.onsuccess = () => resolve((all.result as { key: string }[])[0]!.key);
    });
  });

  // "My signals", from the device's copy: the signal waits.
  await page.getByRole("link", { name: "Naar mijn signalen" }).click();
  const waiting = page.getByTestId("outbox-signal");
  await expect(waiting).toContainText("Nepwebwinkel");
  await expect(waiting).toContainText("wacht op verzending");
  expect(await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).execute()).toHaveLength(0);

  // Back online: the page sends it, and the browser's sync fires twice on top.
  await context.setOffline(false);
  await dispatchSync(page, baseURL!);
  await dispatchSync(page, baseURL!);
  await expect(waiting).toHaveCount(0);
  const sent = page.getByTestId("own-signal").filter({ hasText: "Nepwebwinkel" });
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText("ontvangen");
  const rows = await services.db.selectFrom("signals").select(["id", "free_text"]).where("idempotency_key", "=", key).execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]!.free_text).toContain(marker);

  // A signal the server refuses (here: a phenomenon it does not know) stays, with the reason.
  await page.evaluate(
    (entry) =>
      new Promise<void>((resolve) => {
        const request = indexedDB.open("wijkwijs-outbox");
        request.onsuccess = () => {
          const transaction = request.result.transaction("signals", "readwrite");
          transaction.objectStore("signals").put(entry);
          transaction.oncomplete = () => resolve();
        };
      }),
    {
      key: crypto.randomUUID(),
      fields: { idempotencyKey: crypto.randomUUID(), phenomenon: "bestaat-niet", wijkId: "den-haag-wk-moerwijk", when: "this_week", channel: "website", targetGroup: "elderly", affected: "few", outcome: "damage", urgency: "normal", recipients: "gemeente", freeText: "" },
      label: "Onbekend verschijnsel",
      createdAt: new Date().toISOString(),
      status: "waiting",
    },
  );
  await page.reload();
  const refused = page.getByTestId("outbox-signal").filter({ hasText: "Onbekend verschijnsel" });
  await expect(refused).toContainText("niet verstuurd");
  await expect(refused).toContainText("Dit verschijnsel kennen we niet. Kies er een uit de lijst.");
  await refused.getByRole("button", { name: "Verwijderen van dit apparaat" }).click();
  await expect(refused).toHaveCount(0);
});

test("a signal whose sending fails half-way, with the phone still claiming a connection, is kept and sent later", async ({ page, context, loginAs, services }) => {
  await loginAs("ambassador");
  await page.goto("/signalen/nieuw");
  await workerReady(page);
  const key = await page.locator('input[name="idempotencyKey"]').inputValue();
  await fillSignal(page, "Halve verbinding in de sporthal.");
  // No connection, while the browser still says it has one.
  await context.setOffline(true);
  await page.evaluate(() => Object.defineProperty(Navigator.prototype, "onLine", { get: () => true }));
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Signaal doorgeven");
  expect(await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).execute()).toHaveLength(0);

  // The connection comes back: the page sends what the outbox kept.
  await context.setOffline(false);
  await expect.poll(async () => (await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).execute()).length).toBe(1);
});

test("the start page offers installation where the browser can install, and explains it on an iPhone", async ({ page, browser, baseURL, loginAs, makeUser, services }) => {
  await loginAs("ambassador");
  await page.goto("/start");
  await workerReady(page);
  await expect(page.getByRole("heading", { name: "Zet Wijkwijs op uw telefoon" })).toBeHidden();
  // What Chromium does when the app can be installed.
  await page.evaluate(() => {
    const offer = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: async () => void document.documentElement.setAttribute("data-install-prompted", "yes"),
    });
    window.dispatchEvent(offer);
  });
  await page.getByRole("button", { name: "App installeren" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-install-prompted", "yes");
  await expect(page.getByRole("heading", { name: "Zet Wijkwijs op uw telefoon" })).toBeHidden();

  const iphone = await browser.newContext({
    baseURL,
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  });
  await addSessionCookie(iphone, baseURL!, await createSessionToken(services, await makeUser("ambassador")));
  const phone = await iphone.newPage();
  await phone.goto("/start");
  await expect(phone.getByRole("heading", { name: "Op een iPhone of iPad" })).toBeVisible();
  await expect(phone.getByText("Kies ‘Zet op beginscherm’ en tik op ‘Voeg toe’.")).toBeVisible();
  await expect(phone.getByRole("button", { name: "App installeren" })).toBeHidden();
  await iphone.close();
});

test("a push message makes the service worker show a notification with the warning's title", async ({ page, context, loginAs, baseURL }) => {
  await context.grantPermissions(["notifications"]);
  await loginAs("ambassador");
  await page.goto("/start");
  await workerReady(page);
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((registration) => registration.scopeURL.startsWith(baseURL!) && !registration.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const title = `Valse bankmedewerker belt ${randomUUID().slice(0, 6)}`;
  const id = await registrationId;
  // DevTools may drop a push that arrives while the worker is being started on a busy machine (seen
  // once in CI): the push is delivered again until it shows. Same tag, so never two notifications.
  await expect
    .poll(
      async () => {
        await cdp.send("ServiceWorker.deliverPushMessage", {
          origin: new URL(baseURL!).origin,
          registrationId: id,
          data: JSON.stringify({ title, body: "Hang op en bel uw bank zelf.", url: "/waarschuwingen/00000000-0000-4000-8000-000000000000", tag: "warning-test" }),
        });
        return page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title} | ${n.body}`));
      },
      { intervals: [1_000, 2_000, 4_000], timeout: 20_000 },
    )
    .toContain(`${title} | Hang op en bel uw bank zelf.`);
  await cdp.detach();

  // Tapping it opens the warning (the tap stood in for by the event the browser would fire).
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(baseURL!))!;
  await worker.evaluate(async () => {
    const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(event: Event): boolean };
    const [notification] = await scope.registration.getNotifications();
    const NotificationEventClass = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
    scope.dispatchEvent(new NotificationEventClass("notificationclick", { notification: notification! }));
  });
  await expect(page).toHaveURL(/\/waarschuwingen\/00000000-0000-4000-8000-000000000000$/);
});

test("a new build with a changed asset shows the 'new version' prompt, and reloading serves the new asset", async ({ page, context, loginAs }) => {
  // Starting a second server and rebuilding the worker take longer than a page does on a busy machine.
  test.setTimeout(60_000);
  // A server of its own, serving a copy of the client build that this test changes as a deploy would.
  const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-update-"));
  cpSync(path.join(projectRoot, "build", "client"), directory, { recursive: true });
  const services = await createServices(loadConfig({ APP_ENV: "test", DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: "silent" }));
  const server = await startTestServer(services, { clientDirectory: directory });
  try {
    const origin = server.url.replace("127.0.0.1", "localhost");
    // The session cookie is for localhost, whatever the port.
    await loginAs("ambassador");
    await page.goto(`${origin}/start`);
    await workerReady(page);
    await expect(page.locator("#pwa-update")).toBeHidden();

    const offlinePage = path.join(directory, "offline", "nl.html");
    writeFileSync(offlinePage, readFileSync(offlinePage, "utf8").replace(">U bent offline</h1>", ">U bent offline – nieuwe versie</h1>"));
    await buildServiceWorker(directory, { offlinePages: false });

    await page.reload();
    await expect(page.getByText("Er is een nieuwe versie van Wijkwijs.")).toBeVisible();
    await page.getByRole("button", { name: "Opnieuw laden" }).click();
    await expect(page.locator("#pwa-update")).toBeHidden();
    await workerReady(page);

    await context.setOffline(true);
    await page.goto(`${origin}/hulp/online-threats`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent offline – nieuwe versie");
  } finally {
    await context.setOffline(false);
    await server.close();
    await services.db.destroy();
    rmSync(directory, { recursive: true, force: true });
  }
});

test.describe("warnings pages and the push switch (with axe-core)", () => {
  test("the coordinator's warnings page after publishing, and the warning itself", async ({ page, loginAs, services }) => {
    await loginAs("coordinator");
    await insertWarning(services, wijkId(services.municipality.slug, "Moerwijk"), "Toegankelijkheid: nepsms");
    await page.goto("/waarschuwingen");
    await page.getByLabel("Titel").fill("Valse collecte aan de deur");
    await page.getByLabel("Korte tekst").fill("Iemand vraagt om een betaalverzoek te scannen.");
    await page.getByLabel("Verschijnsel").selectOption({ label: "Phishing (mail, sms of QR-code)" });
    await page.locator("summary", { hasText: "Escamp" }).click();
    await page.getByLabel("Moerwijk").check();
    await page.getByRole("button", { name: "Publiceren" }).click();
    await expect(page.getByRole("status")).toContainText("De waarschuwing is gepubliceerd");
    await expect(page.getByRole("row", { name: /Valse collecte aan de deur/ })).toContainText("0 van 0");
    await expectNoAxeViolations(page, "warnings page");
    await page.getByRole("link", { name: "Valse collecte aan de deur" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Valse collecte aan de deur");
    await expectNoAxeViolations(page, "warning");
  });

  test("the account page's push switch subscribes this device and unsubscribes it; the offline page", async ({ page, context, loginAs, services }) => {
    // Headless Chromium refuses real push subscriptions: the browser's side is stood in for, the server's is real.
    await context.grantPermissions(["notifications"]);
    await context.addInitScript(() => {
      let current: PushSubscription | null = null;
      const fake = {
        endpoint: "https://push.example.invalid/e2e-device",
        toJSON: () => ({ endpoint: fake.endpoint, keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) } }),
        unsubscribe: async () => ((current = null), true),
      } as unknown as PushSubscription;
      PushManager.prototype.subscribe = async () => (current = fake);
      PushManager.prototype.getSubscription = async () => current;
    });
    const me = await loginAs("ambassador");
    await page.goto("/account");
    await workerReady(page);
    await expect(page.getByRole("heading", { name: "Pushmeldingen op dit apparaat" })).toBeVisible();
    await expectNoAxeViolations(page, "account");
    const subscriptions = () => services.db.selectFrom("push_subscriptions").select("endpoint").where("user_id", "=", me.id).execute();
    await page.getByRole("button", { name: "Meldingen aanzetten" }).click();
    await expect(page.getByText("Meldingen staan aan op dit apparaat.")).toBeVisible();
    await expect(page.getByText("U krijgt meldingen op 1 apparaat.")).toBeVisible();
    expect(await subscriptions()).toEqual([{ endpoint: "https://push.example.invalid/e2e-device" }]);
    await page.getByRole("button", { name: "Meldingen uitzetten" }).click();
    await expect(page.getByText("Meldingen staan uit op dit apparaat.")).toBeVisible();
    expect(await subscriptions()).toEqual([]);

    await page.goto("/offline/ar.html");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("أنت غير متصل بالإنترنت");
    await expectNoAxeViolations(page, "offline page");
  });
});
