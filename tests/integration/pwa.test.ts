import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import { projectRoot } from "#server/services.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { HttpClient, visibleText, type TestServer } from "#tests/support/test-server.ts";
import { type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The installable app as the production build ships it: the manifest and its
// icons, the service worker with its precache list, the offline pages.

const client = path.join(projectRoot, "build", "client");

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

describe("the production build", () => {
  const manifest = JSON.parse(readFileSync(path.join(client, "manifest.webmanifest"), "utf8")) as Record<string, unknown>;

  it("has a manifest with the members browsers need to install the app", () => {
    expect(manifest.name).toEqual(expect.stringContaining("Wijkwijs"));
    expect(manifest.short_name).toBe("Wijkwijs");
    expect(manifest.start_url).toBe("/start");
    expect(manifest.scope).toBe("/");
    expect(manifest.display).toBe("standalone");
    expect(manifest.lang).toBe("nl");
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("lists icons of 192 and 512 pixels and a maskable one, each existing with the size it states", () => {
    const icons = manifest.icons as ManifestIcon[];
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((icon) => icon.purpose?.split(" ").includes("maskable"))).toBe(true);
    for (const icon of icons) {
      expect(icon.type).toBe("image/png");
      const png = PNG.sync.read(readFileSync(path.join(client, icon.src)));
      expect(`${png.width}x${png.height}`, icon.src).toBe(icon.sizes);
    }
  });

  it("contains the service worker with a precache list of every hashed script and stylesheet, and the offline pages", () => {
    const worker = readFileSync(path.join(client, "sw.js"), "utf8");
    expect(worker).not.toContain("self.__WB_MANIFEST");
    const precached = new Set([...worker.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]));
    const assets = readdirSync(path.join(client, "assets")).filter((file) => /\.(js|css)$/.test(file));
    expect(assets.length).toBeGreaterThan(10);
    for (const file of assets) expect(precached, file).toContain(`assets/${file}`);
    for (const language of languages) expect(precached).toContain(`offline/${language}.html`);
    expect(precached).toContain("pwa.js");
    expect([...precached].filter((url) => url?.startsWith(".vite") || url === "sw.js")).toEqual([]);
  });

  it("has an offline page in each language, in that language and direction", () => {
    const dutch = readFileSync(path.join(client, "offline", "nl.html"), "utf8");
    expect(visibleText(dutch)).toContain("U bent offline");
    const arabic = readFileSync(path.join(client, "offline", "ar.html"), "utf8");
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(visibleText(arabic)).toContain("أنت غير متصل بالإنترنت");
    // Styled by the app's own stylesheet, which the worker precaches.
    const stylesheet = /href="\/(assets\/[^"]+\.css)"/.exec(dutch)?.[1];
    expect(stylesheet && readdirSync(path.join(client, "assets"))).toContain(stylesheet?.replace("assets/", ""));
  });
});

describeApp("the app as served on %s", {}, (app) => {
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    ({ services, server } = app);
  });

  it("serves the manifest as a web app manifest, and the worker without long caching", async () => {
    const http = new HttpClient(server.url);
    const manifest = await http.get("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const worker = await http.get("/sw.js");
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-type")).toMatch(/javascript/);
    expect(worker.headers.get("cache-control")).toBe("no-cache");
  });

  it("pages of logged-in people load the page script, also pages without React; residents get no script", async () => {
    const ambassador = new HttpClient(server.url);
    ambassador.setSession(await createSessionToken(services, await createUser(services, { role: "ambassador" })));
    for (const page of ["/start", "/hulp", "/hulp/phishing"]) {
      const response = await ambassador.get(page);
      expect(response.text).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
      expect(response.text).toContain('<script src="/pwa.js" defer="">');
    }
    const resident = new HttpClient(server.url);
    for (const page of ["/", "/hulp", "/hulp/phishing"]) {
      const response = await resident.get(page);
      expect(response.text).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
      expect(response.text).not.toContain("<script");
    }
  });
});
