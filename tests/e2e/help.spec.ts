import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// Residents on their own phones, perhaps without JavaScript; ambassadors
// sharing a flow by link, QR code or poster.

test.describe("a resident without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("answers the questions in English and reaches the steps, with numbers to tap", async ({ page }) => {
    await page.goto("/hulp/phishing?lang=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Did you click a link or scan the QR code?");
    await page.getByRole("link", { name: "Yes, I clicked or scanned" }).click();
    await expect(page).toHaveURL(/\/hulp\/phishing\/entered\?lang=en$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What did you do after that?");
    await page.getByRole("link", { name: "I entered bank details or paid" }).click();
    await expect(page).toHaveURL(/\/hulp\/phishing\/bank-details\?lang=en$/);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Call your bank now");
    const steps = page.locator("ol.flow-steps > li");
    await expect(steps).toHaveCount(6);
    await expect(steps.nth(0)).toContainText("Right now");
    await expect(steps.nth(0)).toContainText("Call your bank at once.");
    await expect(steps.nth(1)).toContainText("Have your card blocked at once.");
    await expect(steps.nth(4)).toContainText("Report it to the police.");
    await expect(steps.nth(5)).toContainText("After that");
    await expect(page.getByRole("link", { name: "Call 0800-0313" })).toHaveAttribute("href", "tel:08000313");
    await expect(page.getByRole("link", { name: "Call 088-786 73 72" })).toHaveAttribute("href", "tel:0887867372");
    await expect(page.getByRole("link", { name: "Find an ambassador near you" })).toHaveAttribute("href", "/ambassadeurs?lang=en");

    await page.getByRole("link", { name: "Print or save these steps" }).click();
    await expect(page).toHaveURL(/\/hulp\/phishing\/bank-details\?afdrukken=1&lang=en$/);
    await expect(page.getByText("Phone: 0800-0313")).toBeVisible();

    // The language switch keeps the resident's place.
    await page.getByRole("navigation", { name: "Choose a language" }).getByRole("link", { name: "Polski" }).click();
    await expect(page).toHaveURL(/\/hulp\/phishing\/bank-details\?afdrukken=1&lang=pl$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zadzwoń teraz do banku");
  });

  test("in Arabic the page is right-to-left", async ({ page }) => {
    await page.goto("/hulp/hacked-account?lang=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("أي حساب تم اختراقه؟");
    await page.getByRole("link", { name: "واتساب" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("استعد حساب واتساب الخاص بك");
  });

  test("a flow not yet translated shows the Dutch text and says so", async ({ page }) => {
    await page.goto("/hulp/business-fraud?lang=uk");
    await expect(page.getByTestId("fallback-notice")).toHaveText("Ця допомога ще не перекладена вашою мовою. Нижче — текст нідерландською.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wat is er gebeurd?");
    // Marked as Dutch, so that screen readers pronounce it as Dutch.
    await expect(page.locator('[lang="nl"] h1')).toHaveText("Wat is er gebeurd?");
  });

  test("finds help by describing what happened, and filters tips", async ({ page }) => {
    await page.goto("/hulp?lang=en");
    await page.getByLabel("What happened?").fill("sold my bike and the buyer sent a link");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/hulp\?lang=en&q=/);
    await expect(page.locator("#search-results ~ ul a").first()).toHaveText("I am selling something online and the buyer sends a link");

    await page.goto("/tips?lang=en");
    await page.getByLabel("Topic", { exact: true }).selectOption({ label: "Romance fraud" });
    await page.getByLabel("For whom", { exact: true }).selectOption({ label: "Older people" });
    await page.getByRole("button", { name: "Show tips" }).click();
    await expect(page).toHaveURL(/fenomeen=romance-fraud&doelgroep=elderly/);
    await expect(page.getByText("2 tips", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3 })).toHaveText([
      "Never send money to someone you only know online, however nice the contact is.",
      "Tell someone you trust about a new online relationship.",
    ]);
  });
});

test.describe("a resident searching on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, javaScriptEnabled: false });

  test("sees the best results first, above the fold, ranked by title and the words people use", async ({ page }) => {
    await page.goto("/hulp");
    await page.getByLabel("Wat is er gebeurd?").fill("nepmail van belastingdienst");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page).toHaveURL(/\/hulp\?q=nepmail\+van\+belastingdienst$/);
    const results = page.getByRole("region", { name: /^Gevonden bij/ }).getByRole("listitem");
    await expect(results.first().getByRole("link")).toHaveText("Ik kreeg een verdacht bericht of scande een QR-code");
    // The first result is on the first screen, without scrolling.
    const box = (await results.first().getByRole("link").boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // The warning to call 112 is still on the page, after the results.
    await expect(page.getByText(/112/).first()).toBeVisible();
  });

  test("finds tips by the words in them and the words people use for them", async ({ page }) => {
    await page.goto("/tips");
    await page.getByLabel("Zoek in de tips").fill("pinpas");
    await page.getByRole("button", { name: "Toon tips" }).click();
    await expect(page).toHaveURL(/\/tips\?q=pinpas&/);
    await expect(page.getByRole("heading", { level: 3 })).toHaveText([
      "Belt de ‘bank’ over uw geld? Hang op en bel zelf het nummer op uw bankpas.",
      "Geef uw bankpas en pincode nooit aan iemand, ook niet aan een koerier of ‘bankmedewerker’ aan de deur.",
    ]);
    // Words from the text of a tip, not only its topic.
    await page.goto("/tips?q=koerier");
    await expect(page.getByRole("heading", { level: 3 })).toContainText(["Geef uw bankpas en pincode nooit aan iemand"]);
    // A search that finds nothing says so about the words, not about a topic.
    await page.goto("/tips?q=zwembad");
    await expect(page.getByText("0 tips", { exact: true })).toBeVisible();
    await expect(page.getByText("Geen tips gevonden bij „zwembad”. Probeer een ander of korter woord.")).toBeVisible();
  });
});

test.describe("an ambassador shares a flow", () => {
  test("the QR code on the share page decodes to exactly the share link, with the organisation's code", async ({ page, loginAs, makeOrganisation, baseURL }) => {
    const organisation = await makeOrganisation({ name: "Bibliotheek Bomenbuurt" });
    await loginAs("ambassador", { organisationId: organisation.id });
    await page.goto("/delen");
    await page.getByLabel("Zoeken").fill("whatsapp");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("link", { name: "Delen – Een bekende vraagt via WhatsApp om geld" }).click();
    await page.getByLabel("In welke taal?").selectOption({ label: "Türkçe" });
    await page.getByRole("button", { name: "Link maken" }).click();

    const expected = `${baseURL}/hulp/whatsapp-friend-in-need?via=${organisation.code}&lang=tr`;
    await expect(page.getByLabel("Link voor de bewoner")).toHaveValue(expected);
    const qr = page.getByTestId("share-qr");
    await expect(qr).toHaveAttribute("src", "/delen/hulp/whatsapp-friend-in-need/qr.svg?taal=tr");
    await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(expected);
  });

  test("copies the link with one tap where the browser allows it", async ({ page, context, loginAs, makeOrganisation, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const organisation = await makeOrganisation();
    await loginAs("ambassador", { organisationId: organisation.id });
    await page.goto("/delen/tips/bank-hang-up-call-back");
    // The button exists only once the page has hydrated and found the browser's clipboard.
    await pageReady(page);
    await page.getByRole("button", { name: "Link kopiëren" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De link is gekopieerd." })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/tips/bank-hang-up-call-back?via=${organisation.code}`);
  });

  test("a resident who opens the link is counted for the organisation, and the ambassador sees it once the week is published", async ({ page, browser, baseURL, loginAs, makeOrganisation, services }) => {
    const organisation = await makeOrganisation({ name: "Wijkcentrum De Kroon" });
    // A phone's browser: Playwright's headless Chromium calls itself a bot, and bots are not counted.
    const phone = await browser.newContext({
      baseURL,
      javaScriptEnabled: false,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
    });
    const resident = await phone.newPage();
    for (let visit = 0; visit < 5; visit++) {
      await resident.goto(`/hulp/romance-fraud?via=${organisation.code}`);
      await expect(resident.getByRole("heading", { level: 1 })).toHaveText("Hebt u al geld gestuurd?");
    }
    expect(await phone.cookies()).toEqual([]);
    await phone.close();

    // Counted for this week (the count is written after the page is on its way)…
    await expect
      .poll(async () => {
        const rows = await services.db.selectFrom("referral_visits").select(["target_id", "visits"]).where("organisation_id", "=", organisation.id).execute();
        return rows.map((row) => `${row.target_id} ${row.visits}`);
      })
      .toEqual(["romance-fraud 5"]);
    // …and shown once the week is published, on the Tuesday after it: until then the page says so.
    await loginAs("ambassador", { organisationId: organisation.id });
    await page.goto("/bereik");
    await expect(page.getByRole("status")).toHaveText("Nog geen bezoeken via gedeelde links in de laatste 8 gepubliceerde weken.");
    await expect(page.getByText(/Een week verschijnt op de dinsdag erna/)).toBeVisible();
    await expectNoAxeViolations(page, "reach page before the week is published");
  });
});

test.describe("accessibility (axe-core)", () => {
  for (const path of ["/hulp", "/hulp?lang=ar", "/hulp/phishing", "/hulp/phishing/entered?lang=ar", "/hulp/phishing/bank-details", "/hulp/sextortion/young?lang=uk", "/hulp/phishing/bank-details?afdrukken=1", "/hulp/business-fraud?lang=tr", "/tips", "/tips?lang=ar", "/tips/whatsapp-call-back?lang=tr", "/?lang=en"]) {
    test(`resident page ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  for (const path of ["/delen", "/delen?fenomeen=bestaat-niet", "/delen/hulp/phishing?taal=ar", "/delen/hulp/phishing/poster?taal=ar", "/delen/tips/whatsapp-call-back/poster", "/bereik"]) {
    test(`ambassador page ${path}`, async ({ page, loginAs, makeOrganisation }) => {
      test.slow(/^\/delen(\?|$)/.test(path), "axe-core checks every one of the library's 47 cards");
      const organisation = await makeOrganisation();
      await loginAs("ambassador", { organisationId: organisation.id });
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test("a coordinator's reach page", async ({ page, loginAs }) => {
    await loginAs("coordinator");
    await page.goto("/bereik");
    await expectNoAxeViolations(page);
  });
});
