import type { Page } from "@playwright/test";
import { createSession } from "#app/features/auth/session.server.ts";
import { authorizationMatrix, type Who } from "../integration/authorization-matrix.ts";
import { createSignal } from "../support/signal-fixtures.ts";
import { expect, pageReady, test } from "./fixtures.ts";

// WCAG 1.4.10 (reflow): at 320 CSS pixels wide no page scrolls sideways.
// Every page of every role (table-driven over the authorization matrix, as
// every-page.spec.ts), with data that makes pages wide: long device names on
// the account page, signals on "my signals", the dashboard's views. A wide
// table may scroll inside its own container, but only one that a keyboard can
// reach and that has a name; nothing the person must tap may hide in one.

const whos: Who[] = ["anonymous", "ambassador", "coordinator", "police", "admin"];
const isPage = (file: string) => file.endsWith(".tsx") && file !== "routes/logout.tsx";

/** Pages the matrix names once, with the variants that look different. */
const extraPages: Record<Who, string[]> = {
  anonymous: ["/hulp?lang=ar", "/hulp/whatsapp-friend-in-need/paid?lang=ar", "/hulp/whatsapp-friend-in-need/paid?lang=ar&afdrukken=1", "/tips?lang=ar", "/ambassadeurs?lang=ar", "/privacy?lang=uk"],
  ambassador: ["/delen/hulp/whatsapp-friend-in-need/poster?taal=ar", "/delen/hulp/phishing?taal=ar"],
  coordinator: ["/dashboard", "/dashboard/trends", "/dashboard/vroegsignalering", "/dashboard/bereik", "/dashboard/netwerk", "/dashboard/rapport", "/beheer/uitnodigingen?status=open"],
  police: ["/dashboard", "/dashboard/trends"],
  admin: [],
};

interface Overflow {
  page: string;
  problem: string;
}

async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      // Name the widest culprits, to fix them.
      const wide = [...document.body.querySelectorAll<HTMLElement>("*")]
        .filter((element) => element.getBoundingClientRect().right > width + 1 && element.getClientRects().length > 0)
        .filter((element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= width + 1)
        .slice(0, 4)
        .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">${(element.textContent ?? "").trim().slice(0, 40)}`);
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide: ${wide.join(" | ")}`);
    }
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const style = getComputedStyle(element);
      if (!["auto", "scroll"].includes(style.overflowX) || element.scrollWidth <= element.clientWidth + 1) continue;
      const named = element.getAttribute("role") === "region" && (element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby"));
      if (element.tabIndex < 0 || !named) problems.push(`a sideways scroller a keyboard cannot reach: <${element.tagName.toLowerCase()} class="${element.className}">`);
      const box = element.getBoundingClientRect();
      const hidden = [...element.querySelectorAll<HTMLElement>("button, a[href], input:not([type=hidden]), select, textarea")].filter((control) => {
        const rect = control.getBoundingClientRect();
        return rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1);
      });
      if (hidden.length) problems.push(`controls out of sight in a scroller: ${hidden.slice(0, 3).map((control) => (control.textContent ?? "").trim() || control.getAttribute("name")).join(", ")}`);
    }
    return problems;
  });
}

for (const who of whos) {
  test(`every page as ${who} reflows at 320 px: nothing scrolls sideways`, async ({ page, loginAs, services }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 320, height: 720 });
    if (who !== "anonymous") {
      // An ambassador of the demo's busiest organisation: "my signals" full of the demo's signals.
      const busiest =
        who === "ambassador"
          ? await services.db
              .selectFrom("signals")
              .select(["organisation_id", (eb) => eb.fn.countAll().as("count")])
              .groupBy("organisation_id")
              .orderBy("count", "desc")
              .executeTakeFirstOrThrow()
          : null;
      const user = await loginAs(who, { displayName: `Reflow ${who} met een lange naam`, ...(busiest ? { organisationId: busiest.organisation_id } : {}) });
      // Other devices, as people have them, on the account page.
      for (const device of ["Chrome op Android (Samsung Galaxy A52s 5G)", "Safari op iPhone", "Firefox op Windows 11 (werkplek gemeente)"]) {
        await createSession(services, user, device, { secondFactor: who !== "ambassador" });
      }
      if (who === "ambassador") {
        for (const urgency of ["normal", "urgent"] as const) {
          await createSignal(services, {
            sender: user,
            urgency,
            freeText: "Een bericht over een pakketje met een heel-lange-link-zonder-spaties-https://nep-bezorging.example/track/abcdefghijklmnopqrstuvwxyz0123456789",
          });
        }
      }
    }
    const problems: Overflow[] = [];
    const paths: string[] = [];
    for (const [file, entry] of Object.entries(authorizationMatrix)) {
      if (!isPage(file) || entry.get[who] !== "allow") continue;
      paths.push(entry.prepare ? await entry.prepare(services as never) : entry.path);
    }
    paths.push(...extraPages[who]);
    for (const path of paths) {
      await page.goto(path);
      await pageReady(page);
      for (const problem of await reflowProblems(page)) problems.push({ page: path, problem });
    }
    expect(paths.length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
}

test("the account page's per-device log-out buttons are on a phone's screen", async ({ page, loginAs, services }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await loginAs("ambassador");
  await createSession(services, user, "Chrome op Android (Samsung Galaxy A52s 5G)");
  await page.goto("/account");
  await pageReady(page);
  const endButtons = page.getByRole("button", { name: /^Uitloggen op dit apparaat – / });
  await expect(endButtons).toHaveCount(1);
  const box = (await endButtons.first().boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});

// Issue 16 §4: staff work at 1366 px on a desk and at 390 px on a phone (the demo's year of signals fills the inbox).
const staff = ["coordinator", "police", "admin"] as const;

async function staffPaths(who: Who, services: unknown): Promise<string[]> {
  const paths: string[] = [];
  for (const [file, entry] of Object.entries(authorizationMatrix)) {
    if (!isPage(file) || entry.get[who] !== "allow") continue;
    paths.push(entry.prepare ? await entry.prepare(services as never) : entry.path);
  }
  return [...paths, ...extraPages[who], "/dashboard/heatmap"];
}

for (const who of staff) {
  test(`every page as ${who} fits 1366 px: no sideways scrolling of the page, the inbox table whole`, async ({ page, loginAs, services }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginAs(who, { displayName: `Reflow ${who} met een lange naam` });
    const problems: Overflow[] = [];
    for (const path of await staffPaths(who, services)) {
      await page.goto(path);
      await pageReady(page);
      for (const problem of await reflowProblems(page)) problems.push({ page: path, problem });
    }
    expect(problems).toEqual([]);
    // The inbox's table is read whole at 1366 px: no column (the case column least of all) beyond its container.
    await page.goto(who === "police" ? "/signalen?ontvanger=politie" : "/signalen");
    await pageReady(page);
    const inbox = page.locator(".table-scroll").first();
    if (await inbox.count()) {
      const { scroll, client } = await inbox.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
      expect(scroll, "inbox table width").toBeLessThanOrEqual(client + 1);
    }
  });

  test(`as ${who} on a 390 px phone: a compact header, the inbox as cards, the heatmap's first column fixed`, async ({ page, loginAs, services }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(who, { displayName: `Reflow ${who} met een lange naam` });
    const problems: Overflow[] = [];
    for (const path of await staffPaths(who, services)) {
      await page.goto(path);
      await pageReady(page);
      for (const problem of await reflowProblems(page)) problems.push({ page: path, problem });
    }
    expect(problems).toEqual([]);

    // The header leaves most of the first screen to the page: the heading starts in its top quarter.
    await page.goto("/dashboard");
    await pageReady(page);
    const heading = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
    expect(heading.y, "where the page's heading starts").toBeLessThan(844 / 4);
    // The navigation is one tap away, and works without JavaScript (a details element).
    const menu = page.locator("details.shell-menu");
    await expect(menu).toBeVisible();
    await menu.locator("summary").click();
    await expect(menu.getByRole("navigation").getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    // The inbox as cards: each signal a block with its cells labelled, nothing beyond the screen.
    await page.goto("/signalen");
    await pageReady(page);
    const row = page.getByTestId("inbox-row").first();
    if (await row.count()) {
      expect(await row.evaluate((element) => getComputedStyle(element).display)).not.toBe("table-row");
      const box = (await row.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }

    // The heatmap scrolls inside its region with the area column fixed at the start.
    await page.goto("/dashboard/heatmap");
    await pageReady(page);
    const region = page.getByRole("region").filter({ has: page.locator("table") }).first();
    const firstCell = region.locator("tbody th").first();
    const before = (await firstCell.boundingBox())!;
    await region.evaluate((element) => element.scrollBy({ left: 400 }));
    await expect.poll(async () => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    const after = (await firstCell.boundingBox())!;
    expect(Math.abs(after.x - before.x), "the first column stays where it was").toBeLessThanOrEqual(2);
  });
}
