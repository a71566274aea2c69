import type { CDPSession, Page } from "@playwright/test";
import { totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { createSessionToken } from "../support/fixtures.ts";
import { addSessionCookie, expect, expectNoAxeViolations, logInWithForm, test } from "./fixtures.ts";

// Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain): an
// authenticator with a resident key and user verification, as a phone's
// fingerprint sensor or a laptop's Windows Hello would be.

async function virtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return cdp;
}

test("an ambassador adds a passkey and logs in with it, without a password", async ({ page, loginAs }) => {
  const ambassador = await loginAs("ambassador", { displayName: "Passkey Paula" });
  await virtualAuthenticator(page);
  await page.goto("/account");
  await page.getByRole("link", { name: "Inlogmethoden" }).click();
  await expect(page.getByText("U heeft nog geen passkey.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Passkey toevoegen" }).click();
  await expect(page.getByTestId("passkey-list")).toContainText("Passkey · Linux");

  await page.context().clearCookies();
  await page.goto("/inloggen");
  await page.getByRole("button", { name: "Passkey gebruiken" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom, Passkey Paula");
  expect(ambassador.email).toContain("@");
});

test("a coordinator's passkey is their second step; without it signal details stay closed", async ({ page, makeUser, services, baseURL }) => {
  const coordinator = await makeUser("coordinator", { displayName: "Passkey Coördinator" });
  await addSessionCookie(page.context(), baseURL!, await createSessionToken(services, coordinator, { secondFactor: false }));
  await virtualAuthenticator(page);
  await page.goto("/signalen");
  await expect(page).toHaveURL(/\/tweede-stap\?terug=%2Fsignalen$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tweede stap");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Passkey toevoegen" }).click();
  await expect(page).toHaveURL(/\/signalen$/);

  // Next time: password, then the passkey as second step.
  await page.context().clearCookies();
  await logInWithForm(page, coordinator.email, coordinator.password);
  await expect(page).toHaveURL(/\/tweede-stap/);
  await page.getByRole("button", { name: "Gebruik mijn passkey" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await page.goto("/signalen");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/signalen$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a new police officer links an authenticator app at first login, from the QR page's secret", async ({ page, makeUser }) => {
    const officer = await makeUser("police");
    await logInWithForm(page, officer.email, officer.password);
    await expect(page).toHaveURL(/\/tweede-stap/);
    await expect(page.getByRole("heading", { name: "Authenticator-app instellen" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Passkey gebruiken" })).toHaveCount(0);
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await page.getByLabel("Code uit de app").fill("000000".slice(0, 5));
    await page.getByRole("button", { name: "App koppelen" }).click();
    await expect(page.getByTestId("error-summary")).toBeFocused();
    await expect(page.getByText("Vul de zes cijfers uit uw authenticator-app in.")).toHaveCount(2);
    await page.getByLabel("Code uit de app").fill(totpCode(secret, totpStep(new Date())));
    await page.getByRole("button", { name: "App koppelen" }).click();
    await expect(page).toHaveURL(/\/start$/);
  });
});
