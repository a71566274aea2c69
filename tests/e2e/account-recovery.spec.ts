import { readMailDrop, type ReceivedMail } from "../support/smtp-server.ts";
import { expect, expectNoAxeViolations, logInWithForm, test } from "./fixtures.ts";

// Getting back in after a forgotten password, as a volunteer does it on a
// phone: the mail arrives at a real SMTP server that the test run started
// (tests/e2e/global-setup.ts), and its link is opened in the browser.

const NEW_PASSWORD = "de kat slaapt op de vensterbank";

/** The mail to this address with this subject, once it has arrived. */
async function mailFor(address: string, subject: string): Promise<ReceivedMail> {
  const directory = process.env.E2E_MAIL_DIR;
  if (!directory) throw new Error("E2E_MAIL_DIR is not set: run the tests through `npm run test:e2e`.");
  let found: ReceivedMail | undefined;
  await expect
    .poll(() => {
      found = readMailDrop(directory).find((mail) => mail.envelopeTo.includes(address) && mail.subject === subject);
      return found !== undefined;
    }, { message: `a mail "${subject}" to ${address}` })
    .toBe(true);
  return found!;
}

function resetLink(mail: ReceivedMail): string {
  const link = /^(https?:\/\/\S+\/wachtwoord-herstellen\/\S+)$/m.exec(mail.text)?.[1];
  if (!link) throw new Error(`no reset link in:\n${mail.text}`);
  return link;
}

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test("forgot password → mail → link → new password → log in with it", async ({ page, makeUser }) => {
  const person = await makeUser("ambassador", { displayName: "Ans" });
  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord vergeten" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("E-mailadres").fill(person.email);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in uw e-mail" })).toBeVisible();
  await expect(page.getByText(`Als er een account is met het adres ${person.email}`)).toBeVisible();

  const mail = await mailFor(person.email, "Nieuw wachtwoord voor Wijkwijs");
  expect(mail.text).toContain("Beste Ans,");
  await page.goto(resetLink(mail));
  await expect(page.getByRole("heading", { level: 1, name: "Kies een nieuw wachtwoord" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uw wachtwoord is gewijzigd" })).toBeVisible();
  await expectNoAxeViolations(page);

  await logInWithForm(page, person.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/start$/);
  await mailFor(person.email, "Uw wachtwoord voor Wijkwijs is gewijzigd");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an unknown address gets the same answer as a known one, and no mail", async ({ page, makeUser, services }) => {
    const known = await makeUser("ambassador");
    const unknown = `niemand-${Date.now()}@example.nl`;
    const answers: string[] = [];
    for (const address of [unknown, known.email]) {
      await page.goto("/wachtwoord-vergeten");
      await page.getByLabel("E-mailadres").fill(address);
      await page.getByRole("button", { name: "Stuur mij een link" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Kijk in uw e-mail" })).toBeVisible();
      answers.push((await page.locator("main").innerText()).replace(address, "<adres>"));
    }
    expect(answers[0]).toBe(answers[1]);
    await mailFor(known.email, "Nieuw wachtwoord voor Wijkwijs");
    expect(readMailDrop(process.env.E2E_MAIL_DIR!).some((mail) => mail.envelopeTo.includes(unknown))).toBe(false);
    expect(await services.db.selectFrom("mail_outbox").select("id").where("recipient", "=", unknown).execute()).toEqual([]);
  });
});

test("the development mailbox lists the mails, with each mail's text and working links", async ({ page, makeUser }) => {
  const person = await makeUser("ambassador");
  await page.goto("/wachtwoord-vergeten");
  await page.getByLabel("E-mailadres").fill(person.email);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  const link = resetLink(await mailFor(person.email, "Nieuw wachtwoord voor Wijkwijs"));
  await page.goto(link);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await mailFor(person.email, "Uw wachtwoord voor Wijkwijs is gewijzigd");

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Postvak (ontwikkeling)" })).toBeVisible();
  await expectNoAxeViolations(page);
  const row = page.getByRole("row").filter({ hasText: person.email }).filter({ hasText: "Uw wachtwoord voor Wijkwijs is gewijzigd" });
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Uw wachtwoord voor Wijkwijs is gewijzigd" })).toBeVisible();
  await expect(page.getByTestId("mail-text")).toContainText("U bent op al uw apparaten uitgelogd");
  await expectNoAxeViolations(page);
  // The reset mail itself held a key: the mailbox shows that its text is gone.
  await page.goto("/dev/mailbox");
  await page.getByRole("row").filter({ hasText: person.email }).filter({ hasText: "Nieuw wachtwoord voor Wijkwijs" }).getByRole("link").click();
  await expect(page.getByText("De inhoud van deze e-mail is gewist")).toBeVisible();
  await page.goBack();
  await page.getByRole("row").filter({ hasText: person.email }).filter({ hasText: "Uw wachtwoord voor Wijkwijs is gewijzigd" }).getByRole("link").click();
  await page.getByRole("link", { name: "Nieuw wachtwoord aanvragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord vergeten" })).toBeVisible();
});
