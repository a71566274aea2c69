import { randomUUID } from "node:crypto";
import { wijkId } from "#app/features/areas/area-file.ts";
import { addToRollups } from "#app/features/dashboard/rollups.server.ts";
import { calendarDateOf, isoWeekOf } from "#app/features/signals/iso-week.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

// The neighbourhood dashboard in the browser: every view renders and passes
// axe-core, the filters work without JavaScript, and the early warning lists
// a spike injected into this week.

const views = [
  { path: "/dashboard", heading: "Kaart", figure: "tile-map" },
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

test("the early warning lists a spike injected into this week", async ({ page, loginAs, services }) => {
  const organisation = await services.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
  const week = isoWeekOf(calendarDateOf(new Date()));
  const now = new Date().toISOString();
  const forepark = wijkId(services.municipality.slug, "Forepark");
  for (let i = 0; i < 14; i++) {
    const row: SignalTable = {
      id: randomUUID(), municipality_id: services.municipality.id, organisation_id: organisation.id, created_by: null, idempotency_key: randomUUID(),
      phenomenon: "investment-fraud", wijk_id: forepark, iso_week: week, channel: "social_media", target_group: "entrepreneurs", affected: "one",
      outcome: "attempt", urgency: "normal", recipients: "gemeente", free_text: null, free_text_erased_at: null, status: "received", seen_at: null,
      handled_at: null, forwarded_at: null, case_id: null, assigned_team: null, assigned_to: null, due_at: null, received_at: now, updated_at: now,
    };
    await services.db.transaction().execute(async (trx) => {
      await trx.insertInto("signals").values(row).execute();
      await addToRollups(trx, row);
    });
  }
  await loginAs("police");
  await page.goto(`/dashboard/vroegsignalering?gebied=${forepark}&fenomeen=investment-fraud`);
  const row = page.getByTestId("warning").filter({ hasText: "Forepark (wijk)" });
  await expect(row).toContainText("Beleggings- en cryptofraude");
  await expect(row).toContainText("dit gebeurt bij toeval minder dan 1 op de");
  await expect(page.getByText("Poisson", { exact: false }).first()).toBeVisible();
});
