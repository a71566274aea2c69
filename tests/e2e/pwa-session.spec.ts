import type { Page } from "@playwright/test";
import { createSessionToken } from "#tests/support/fixtures.ts";
import { addSessionCookie, expect, isCached, logInWithForm, pageReady, test, workerReady } from "./fixtures.ts";

// The installable app from the moment a person logs in until their session
// ends: offline works in the very first session (logging in is a client-side
// navigation, no new document), and a device whose session was ended
// elsewhere keeps nothing of the person once it hears so.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const menu = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });

/** Signals waiting on the device (the outbox in IndexedDB). */
function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open("wijkwijs-outbox", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("signals", { keyPath: "key" });
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const count = request.result.transaction("signals").objectStore("signals").count();
          count.onsuccess = () => {
            resolve(count.result);
            request.result.close();
          };
        };
      }),
  );
}

/** A signal composed offline, waiting on the device, as the signal form leaves it. */
async function leaveSignalWaiting(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open("wijkwijs-outbox", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("signals", { keyPath: "key" });
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction("signals", "readwrite");
          const key = crypto.randomUUID();
          transaction.objectStore("signals").put({
            key,
            fields: { idempotencyKey: key, phenomenon: "phishing", freeText: "Mijn buurvrouw kreeg een sms in de kelder." },
            label: "Phishing",
            createdAt: new Date().toISOString(),
            status: "waiting",
          });
          transaction.oncomplete = () => {
            request.result.close();
            resolve();
          };
        };
      }),
  );
}

test("logged in by the form, the app works offline in the same session: the menu's pages open, others show the offline page", async ({ page, context, makeUser }) => {
  const user = await makeUser("ambassador", { displayName: "Noor Kelder" });
  await logInWithForm(page, user.email, user.password);
  // Checking the password is deliberately slow (a memory-hard hash), more so on a busy machine.
  await expect(page).toHaveURL(/\/start$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Noor Kelder");
  // No new document was loaded: the worker is registered by the app itself, and controls this page.
  await workerReady(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  // A page of the menu, by a client-side navigation: the device's copy.
  await menu(page).getByRole("link", { name: "Signaal doorgeven" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signaal doorgeven");
  await expect(page.getByText("Ingelogd als Noor Kelder")).toBeVisible();
  await pageReady(page);
  await menu(page).getByRole("link", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Noor Kelder");
  await pageReady(page);
  // A page never opened and not kept: the app's own offline page, not the error page.
  await menu(page).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await expect(page.getByText("Er ging iets mis aan onze kant")).toHaveCount(0);
  await context.setOffline(false);
});

test.describe("without a service worker", () => {
  // A browser that refuses service workers: the app alone must tell the person what happened.
  test.use({ serviceWorkers: "block" });

  test("a logged-in page that loses its connection shows that it is offline, with the person still logged in", async ({ page, context, loginAs }) => {
  await loginAs("ambassador", { displayName: "Sanne Zonder Worker" });
  await page.goto("/start");
  await pageReady(page);
  // Visited once, so the browser has the page's code (without a worker, code it lacks offline makes it reload).
  await menu(page).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn account");
  await menu(page).getByRole("link", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sanne Zonder Worker");
  await context.setOffline(true);
  await menu(page).getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await expect(page.getByText("Ingelogd als Sanne Zonder Worker")).toBeVisible();
  await expect(page.getByRole("link", { name: "Inloggen" })).toHaveCount(0);
  await context.setOffline(false);
  });
});

test("logged out everywhere from another device: the phone keeps no page and no waiting signal once it next asks the server", async ({ browser, baseURL, page, makeUser, services }) => {
  const user = await makeUser("ambassador", { displayName: "Ilse Twee Toestellen" });
  // The phone: opens its pages, has a signal waiting.
  const phoneContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await addSessionCookie(phoneContext, baseURL!, await createSessionToken(services, user));
  const phone = await phoneContext.newPage();
  await phone.goto("/start");
  await workerReady(phone);
  await phone.goto("/mijn-signalen");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Mijn signalen");
  await expect.poll(() => isCached(phone, "/mijn-signalen")).toBe(true);
  expect(await isCached(phone, "/start")).toBe(true);
  await phoneContext.setOffline(true);
  await leaveSignalWaiting(phone);
  expect(await outboxCount(phone)).toBe(1);

  // The computer: "log out everywhere".
  await addSessionCookie(page.context(), baseURL!, await createSessionToken(services, user));
  await page.goto("/account");
  await page.getByRole("button", { name: "Overal uitloggen" }).click();
  await expect(page.getByText("U bent op al uw apparaten uitgelogd.")).toBeVisible();

  // The phone comes back and opens its start page: the server sends it to the login page.
  await phoneContext.setOffline(false);
  await phone.goto("/start");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await expect.poll(() => isCached(phone, "/start")).toBe(false);
  expect(await isCached(phone, "/mijn-signalen")).toBe(false);
  expect(await outboxCount(phone)).toBe(0);

  // Offline again, nothing of Ilse is left to show.
  await phoneContext.setOffline(true);
  await phone.goto("/start");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await expect(phone.getByText("Ilse Twee Toestellen")).toHaveCount(0);
  await phone.goto("/mijn-signalen");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await phoneContext.close();
});

test("logged out everywhere while the app is open: its next client-side navigation lands on the login page and the copies go", async ({ browser, baseURL, page, makeUser, services }) => {
  const user = await makeUser("ambassador", { displayName: "Jan Open App" });
  const phoneContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await addSessionCookie(phoneContext, baseURL!, await createSessionToken(services, user));
  const phone = await phoneContext.newPage();
  await phone.goto("/start");
  await workerReady(phone);
  await expect.poll(() => isCached(phone, "/start")).toBe(true);
  await pageReady(phone);

  await addSessionCookie(page.context(), baseURL!, await createSessionToken(services, user));
  await page.goto("/account");
  await page.getByRole("button", { name: "Overal uitloggen" }).click();
  await expect(page.getByText("U bent op al uw apparaten uitgelogd.")).toBeVisible();

  // Still the open page of before; the menu asks for loader data, not a document.
  await menu(phone).getByRole("link", { name: "Mijn signalen" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await expect.poll(() => isCached(phone, "/start")).toBe(false);
  await phoneContext.setOffline(true);
  await phone.goto("/start");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("U bent offline");
  await phoneContext.close();
});
