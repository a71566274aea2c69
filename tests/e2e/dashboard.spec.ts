import { expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// The neighbourhood dashboard in the browser: every view renders and passes
// axe-core, the filters work without JavaScript, and the early warning lists
// the demo's phishing wave in the last published week.

const views = [
  { path: "/dashboard", heading: "Kaart", figure: "area-map" },
  { path: "/dashboard/trends", heading: "Trends", figure: "trend-chart" },
  { path: "/dashboard/heatmap", heading: "Wijk × fenomeen" },
  { path: "/dashboard/vroegsignalering", heading: "Vroegsignalering" },
  { path: "/dashboard/bereik", heading: "Bereik" },
  { path: "/dashboard/netwerk", heading: "Netwerk" },
];

for (const view of views) {
  test(`the dashboard's ${view.heading} view renders and passes axe-core`, async ({ page, loginAs }) => {
    await loginAs("coordinator");
    await page.goto(view.path);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(view.heading);
    if (view.figure) await expect(page.getByTestId(view.figure)).toBeVisible();
    await expect(page.getByText("Hoe we kleine aantallen beschermen")).toBeVisible();
    await expectNoAxeViolations(page, view.path);
  });
}

test("the printable weekly report passes axe-core", async ({ page, loginAs }) => {
  await loginAs("police");
  await page.goto("/dashboard/rapport");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Weekrapport digitale veiligheid");
  await expect(page.getByTestId("trend-chart")).toBeVisible();
  await expectNoAxeViolations(page, "weekly report");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("police filter the heatmap with the GET form; the URL holds the filters", async ({ page, loginAs }) => {
    await loginAs("police");
    await page.goto("/dashboard/heatmap");
    await page.getByLabel("Fenomeen", { exact: true }).selectOption({ label: "Nepwebwinkel" });
    await page.getByLabel("Gebied", { exact: true }).selectOption({ label: "Escamp" });
    await page.getByLabel("Kanaal", { exact: true }).selectOption("website");
    await page.getByRole("button", { name: "Toon" }).click();
    await expect(page).toHaveURL(/fenomeen=fake-webshop/);
    await expect(page).toHaveURL(/kanaal=website/);
    await expect(page.getByTestId("dashboard-scope")).toContainText("Escamp");
    const head = page.locator("thead");
    await expect(head).toContainText("Nepwebwinkel");
    await expect(head).not.toContainText("Phishing");
    // The network view is not offered to police.
    await expect(page.getByRole("navigation", { name: "Onderdelen van het dashboard" }).getByRole("link", { name: "Netwerk" })).toHaveCount(0);
  });
});

test("the early warning lists the demo's phishing wave of the last published week", async ({ page, loginAs }) => {
  await loginAs("police");
  await page.goto("/dashboard/vroegsignalering?fenomeen=phishing");
  const row = page.getByTestId("warning").filter({ hasText: /\((stad|stadsdeel)\)/ }).first();
  await expect(row).toContainText("Phishing");
  await expect(row).toContainText("dit gebeurt bij toeval minder dan 1 op de");
  await expect(page.getByText("Poisson", { exact: false }).first()).toBeVisible();
});

/** The pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the tree itself is `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

for (const { scope, query } of [
  { scope: "the city", query: "" },
  { scope: "a stadsdeel", query: "?gebied=den-haag-sd-escamp" },
]) {
  test(`the weekly report for ${scope} prints on one or two A4 pages, for the last complete week`, async ({ page, loginAs }) => {
    await loginAs("police");
    await page.goto(`/dashboard/rapport${query}`);
    await pageReady(page);
    await expect(page.getByTestId("trend-chart")).toBeVisible();
    // The last complete week by default, said once ("week 49 (2026)", never "week week 49").
    const subtitle = page.getByTestId("report-subtitle");
    await expect(subtitle).not.toContainText(/week week/i);
    const chosen = await page.getByLabel("Welke week").inputValue();
    expect(chosen).toMatch(/^\d{4}-W\d{2}$/);
    if (query) {
      // Only that stadsdeel: its wijken, no other stadsdeel.
      await expect(page.locator("main")).toContainText("Totaal stadsdeel Escamp");
      await expect(page.locator("main")).not.toContainText("Scheveningen");
    }
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });
}

test.describe("the weekly report without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("shows any complete week chosen with the GET form", async ({ page, loginAs }) => {
    await loginAs("police");
    await page.goto("/dashboard/rapport");
    const select = page.getByLabel("Welke week");
    const options = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(2);
    await select.selectOption(options[2]!);
    await page.getByRole("button", { name: "Toon" }).click();
    await expect(page).toHaveURL(new RegExp(`rapportweek=${options[2]}`));
    await expect(page.getByLabel("Welke week")).toHaveValue(options[2]!);
    const [year, week] = options[2]!.split("-W");
    await expect(page.getByTestId("report-subtitle")).toContainText(String(Number(week)));
    await expect(page.getByTestId("report-subtitle")).toContainText(year!);
  });
});
