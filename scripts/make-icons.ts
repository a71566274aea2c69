import { writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

// Draws the app icons (a white house on Den Haag blue) into public/icons/,
// and the browsers' tab icon into public/favicon.ico.
// Run once after changing the design: node scripts/make-icons.ts. The PNGs are
// committed so the build does not depend on this script.

const BLUE = [0x12, 0x60, 0xa1];
const WHITE = [0xff, 0xff, 0xff];

/** A house outline in a unit square, as a polygon (roof apex on top). */
const house: [number, number][] = [
  [0.5, 0.18],
  [0.84, 0.48],
  [0.74, 0.48],
  [0.74, 0.82],
  [0.26, 0.82],
  [0.26, 0.48],
  [0.16, 0.48],
];
/** The door, cut out of the house. */
const door: [number, number][] = [
  [0.44, 0.82],
  [0.44, 0.62],
  [0.56, 0.62],
  [0.56, 0.82],
];

function inside(polygon: [number, number][], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function draw(size: number, options: { maskable: boolean }): Buffer {
  const png = new PNG({ width: size, height: size });
  // A maskable icon keeps its drawing inside the central 80% safe zone.
  const scale = options.maskable ? 0.7 : 1;
  const radius = options.maskable ? 0 : size * 0.18;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const index = (size * y + x) * 4;
      const cornerX = Math.max(radius - x, x - (size - 1 - radius), 0);
      const cornerY = Math.max(radius - y, y - (size - 1 - radius), 0);
      const outside = radius > 0 && Math.hypot(cornerX, cornerY) > radius;
      const u = ((x + 0.5) / size - 0.5) / scale + 0.5;
      const v = ((y + 0.5) / size - 0.5) / scale + 0.5;
      const white = inside(house, u, v) && !inside(door, u, v);
      const [r, g, b] = white ? WHITE : BLUE;
      png.data[index] = r!;
      png.data[index + 1] = g!;
      png.data[index + 2] = b!;
      png.data[index + 3] = outside ? 0 : 255;
    }
  }
  return PNG.sync.write(png);
}

const directory = path.resolve(import.meta.dirname, "..", "public", "icons");
writeFileSync(path.join(directory, "icon-192.png"), draw(192, { maskable: false }));
writeFileSync(path.join(directory, "icon-512.png"), draw(512, { maskable: false }));
writeFileSync(path.join(directory, "maskable-512.png"), draw(512, { maskable: true }));
writeFileSync(path.join(directory, "apple-touch-icon.png"), draw(180, { maskable: true }));

/**
 * An .ico file that holds PNG images (every browser since IE Vista reads
 * them): a 6-byte header, a 16-byte entry per image, then the images.
 */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

writeFileSync(
  path.resolve(import.meta.dirname, "..", "public", "favicon.ico"),
  ico([16, 32, 48].map((size) => ({ size, png: draw(size, { maskable: false }) }))),
);
