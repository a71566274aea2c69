import { PNG } from "pngjs";
import { expect, pageReady, test } from "./fixtures.ts";

// Browsers ask for /favicon.ico on every page whatever the page says: it is
// there, a real icon, and no page asks for anything that is not.

/** The images in an .ico file: a header, one 16-byte entry per image, then the images (here PNGs). */
function icoImages(ico: Buffer): { width: number; height: number; png: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { width: ico.readUInt8(entry) || 256, height: ico.readUInt8(entry + 1) || 256, png: ico.subarray(offset, offset + size) };
  });
}

test("/favicon.ico is an icon with a 16, 32 and 48 pixel image", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/icon/);
  const images = icoImages(await response.body());
  expect(images.map((image) => image.width).sort((a, b) => a - b)).toEqual([16, 32, 48]);
  for (const image of images) {
    const png = PNG.sync.read(image.png);
    expect([png.width, png.height]).toEqual([image.width, image.height]);
  }
});

test("pages point to the icons, and nothing they ask for is missing", async ({ page, loginAs }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  for (const path of ["/", "/hulp?lang=ar", "/inloggen"]) {
    await page.goto(path);
    await pageReady(page);
  }
  await loginAs("ambassador");
  await page.goto("/start");
  await pageReady(page);
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.some((href) => href.endsWith("/favicon.ico"))).toBe(true);
  for (const href of icons) expect((await page.request.get(href)).status(), href).toBe(200);
  expect(missing).toEqual([]);
});
