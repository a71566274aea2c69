import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, pageReady, test } from "./fixtures.ts";

// The dashboard's map in a browser: drawn from the CBS boundaries, clean for
// axe-core, operable with the keyboard, and readable on a 390 px phone — every
// label at least 10 CSS pixels high and no two labels overlapping, measured on
// the rendered page.

const MIN_LABEL_PX = 10;

interface LabelBox {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  fontPx: number;
}

/** Every drawn label's box on the screen and its rendered font size (the SVG is scaled to its width). */
async function labelBoxes(page: Page): Promise<LabelBox[]> {
  return page.getByTestId("area-map").evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    return [...svg.querySelectorAll<SVGTextElement>("text[data-label]")].map((text) => {
      const box = text.getBoundingClientRect();
      return {
        id: text.dataset.label!,
        left: box.left,
        top: box.top,
        right: box.right,
        bottom: box.bottom,
        fontPx: Number(text.getAttribute("font-size")) * scale,
      };
    });
  });
}

function overlapping(boxes: LabelBox[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${a.id} / ${b.id}`);
    }
  return pairs;
}

test("the map draws the 44 wijken of Den Haag with the table beside it and passes axe-core", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await loginAs("coordinator");
  await page.goto("/dashboard");
  const map = page.getByTestId("area-map");
  await expect(map).toBeVisible();
  await expect(map.locator("a[data-wijk]")).toHaveCount(44);
  await expect(map.locator("[data-stadsdeel]")).toHaveCount(8);
  await expect(page.getByText("Bron: Kadaster / Centraal Bureau voor de Statistiek, 2024")).toBeVisible();
  await expect(page.getByText("bij benadering")).toHaveCount(0);
  // The table stands beside the map at 1366 px, not below it.
  const mapBox = (await map.boundingBox())!;
  const tableBox = (await page.getByRole("table").first().boundingBox())!;
  expect(tableBox.x).toBeGreaterThanOrEqual(mapBox.x + mapBox.width - 1);
  expect(tableBox.y).toBeLessThan(mapBox.y + mapBox.height);
  await expectNoAxeViolations(page, "dashboard map");
});

test("a wijk on the map is reached with the keyboard and opens its stadsdeel, zoomed in", async ({ page, loginAs }) => {
  await loginAs("coordinator");
  await page.goto("/dashboard");
  await pageReady(page);
  const moerwijk = page.getByRole("link", { name: /^36 Moerwijk, Escamp: / });
  await expect(moerwijk).toHaveCount(1);
  await moerwijk.focus();
  await expect(moerwijk).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/gebied=den-haag-wk-moerwijk/);
  await expect(page.getByTestId("map-zoom")).toContainText("Ingezoomd op stadsdeel Escamp");
  const shapes = page.getByTestId("area-map").locator("a[data-wijk]");
  await expect(shapes).toHaveCount(8);
  expect(await shapes.evaluateAll((links) => links.map((link) => link.getAttribute("data-wijk")))).toContain("den-haag-wk-groente-en-fruitmarkt");
  await expectNoAxeViolations(page, "dashboard map zoomed to Escamp");
});

for (const area of ["", "?gebied=den-haag-sd-escamp", "?gebied=den-haag-sd-centrum&maat=per1000"]) {
  test(`on a 390 px phone the map${area ? ` (${area})` : ""} keeps its labels readable and apart`, async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs("police");
    await page.goto(`/dashboard${area}`);
    await pageReady(page);
    const map = page.getByTestId("area-map");
    await expect(map).toBeVisible();
    const box = (await map.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const labels = await labelBoxes(page);
    // Most wijken carry their number; the rest are in the table's "Nr." column.
    const shapes = await map.locator("a[data-wijk]").count();
    expect(labels.length).toBeGreaterThanOrEqual(Math.ceil(shapes * 0.6));
    for (const label of labels) expect(label.fontPx, label.id).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    expect(overlapping(labels)).toEqual([]);
    await expectNoAxeViolations(page, `dashboard map at 390 px ${area}`);
  });
}
