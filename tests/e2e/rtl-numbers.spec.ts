import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { splitLtrRuns } from "#app/components/ui/ltr-runs.ts";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { expect, pageReady, test } from "./fixtures.ts";

// A resident who copies a phone number from an Arabic page must dial the
// right one. For every phone number in the content (the referral
// organisations, and numbers inside the text of flows, tips and the resident
// pages' translations), this measures where the browser draws each of its
// characters on the Arabic pages that show it — the flows with their print
// views, the tips, the help and tips indexes, the ambassador finder and the
// posters — and requires them left to right, in the order they are written.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const root = path.resolve(import.meta.dirname, "..", "..");
const content = await loadHelpContent(path.join(root, "content"));

function phonesIn(text: string | undefined): string[] {
  return text ? splitLtrRuns(text).flatMap((run) => (run.kind === "phone" ? [run.text] : [])) : [];
}

function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

/** Every phone number a resident can read on an Arabic page. */
const expectedNumbers = new Set<string>([
  ...content.organisations.flatMap((organisation) => organisation.phones.map((phone) => phone.display)),
  ...content.flows.flatMap((flow) => allStrings(flow).flatMap(phonesIn)),
  ...content.tips.flatMap((tip) => allStrings(tip).flatMap(phonesIn)),
  ...readdirSync(path.join(root, "app", "locales", "ar")).flatMap((file) =>
    allStrings(JSON.parse(readFileSync(path.join(root, "app", "locales", "ar", file), "utf8"))).flatMap(phonesIn),
  ),
]);

const residentPages = [
  "/hulp?lang=ar",
  "/tips?lang=ar",
  "/ambassadeurs?lang=ar",
  ...content.flows.flatMap((flow) => [
    ...flow.questions.map((question) => `/hulp/${flow.id}/${question.id}?lang=ar`),
    ...flow.outcomes.flatMap((outcome) => [`/hulp/${flow.id}/${outcome.id}?lang=ar`, `/hulp/${flow.id}/${outcome.id}?lang=ar&afdrukken=1`]),
  ]),
  ...content.tips.map((tip) => `/tips/${tip.id}?lang=ar`),
];

const posterPages = [
  ...content.flows.filter((flow) => allStrings([flow.title, flow.summary]).some((text) => phonesIn(text).length)).map((flow) => `/delen/hulp/${flow.id}/poster?taal=ar`),
  ...content.tips.filter((tip) => allStrings(tip.text).some((text) => phonesIn(text).length)).map((tip) => `/delen/tips/${tip.id}/poster?taal=ar`),
  // Every poster says how to reach 112.
  "/delen/hulp/whatsapp-friend-in-need/poster?taal=ar",
];

interface Drawn {
  number: string;
  /** The characters in the order they are drawn, left to right. */
  drawn: string;
  lines: number;
}

/** Where each phone number on the page is drawn: its characters sorted by their position on screen. */
function measure(page: Page, numbers: string[]): Promise<Drawn[]> {
  return page.evaluate((numbers) => {
    const found: Drawn[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest("script, style, [hidden]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (const number of numbers) {
        for (let start = node.data.indexOf(number); start !== -1; start = node.data.indexOf(number, start + number.length)) {
          // Not a number inside a longer one ("113" in "0800-0113").
          const before = node.data[start - 1] ?? "";
          const after = node.data[start + number.length] ?? "";
          if (/[\d-]/.test(before) || /\d/.test(after) || (after === "-" && /\d/.test(node.data[start + number.length + 1] ?? ""))) continue;
          const characters: { character: string; left: number; top: number }[] = [];
          for (let i = 0; i < number.length; i++) {
            if (number[i] === " ") continue;
            const range = document.createRange();
            range.setStart(node, start + i);
            range.setEnd(node, start + i + 1);
            const box = range.getBoundingClientRect();
            if (box.width === 0) continue;
            characters.push({ character: number[i]!, left: box.left, top: box.top });
          }
          if (characters.length === 0) continue; // not shown (e.g. only on paper)
          const lines = new Set(characters.map((c) => Math.round(c.top / 4))).size;
          const line = (c: { top: number }) => Math.round(c.top / 4);
          const drawn = [...characters].sort((a, b) => line(a) - line(b) || a.left - b.left).map((c) => c.character).join("");
          found.push({ number, drawn, lines });
        }
      }
    }
    return found;
  }, numbers);
}

function expectLeftToRight(drawnOn: Map<string, Drawn[]>): void {
  const wrong: string[] = [];
  for (const [url, drawn] of drawnOn) {
    for (const { number, drawn: order, lines } of drawn) {
      if (order !== number.replaceAll(" ", "") || lines !== 1) wrong.push(`${url}: ${number} is drawn as ${order}${lines > 1 ? ` over ${lines} lines` : ""}`);
    }
  }
  expect(wrong).toEqual([]);
}

test("every phone number of the content is drawn left to right on the Arabic resident pages and print views", async ({ page }) => {
  // About 140 pages, one after the other.
  test.setTimeout(300_000);
  expect(expectedNumbers.size).toBeGreaterThanOrEqual(14);
  const numbers = [...expectedNumbers];
  const drawnOn = new Map<string, Drawn[]>();
  for (const url of residentPages) {
    await page.goto(url);
    await pageReady(page);
    drawnOn.set(url, await measure(page, numbers));
  }
  expectLeftToRight(drawnOn);
  const seen = new Set([...drawnOn.values()].flat().map((drawn) => drawn.number));
  expect(numbers.filter((number) => !seen.has(number)), "numbers not found on any Arabic page").toEqual([]);
  // The print views show the organisations' numbers too, where nothing can be tapped.
  const printed = new Set([...drawnOn].filter(([url]) => url.includes("afdrukken=1")).flatMap(([, drawn]) => drawn.map((d) => d.number)));
  const referred = new Set(content.flows.flatMap((flow) => flow.outcomes.flatMap((outcome) => outcome.steps.flatMap((step) => step.organisations))));
  for (const organisation of content.organisations.filter((o) => referred.has(o.id))) {
    for (const phone of organisation.phones) expect(printed, `${phone.display} in a print view`).toContain(phone.display);
  }
});

test("the phone numbers on Arabic posters are drawn left to right", async ({ page, loginAs }) => {
  await loginAs("ambassador");
  const drawnOn = new Map<string, Drawn[]>();
  for (const url of posterPages) {
    await page.goto(url);
    await pageReady(page);
    drawnOn.set(url, await measure(page, [...expectedNumbers]));
  }
  expectLeftToRight(drawnOn);
  expect([...drawnOn.values()].flat().map((drawn) => drawn.number)).toContain("112");
});

test("every phone number a resident may call is a tel: link, with the number it shows", async ({ page }) => {
  for (const url of ["/hulp", "/hulp?lang=ar", "/ambassadeurs", "/ambassadeurs?lang=ar", "/hulp/online-threats/danger-now?lang=ar", "/tips/public-order-report-not-share?lang=ar"]) {
    await page.goto(url);
    const inText = await measure(page, [...expectedNumbers]);
    expect(inText.length, url).toBeGreaterThan(0);
    const notCallable = await page.evaluate(
      (shown) =>
        shown.filter((number) => {
          const links = [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="tel:"]')];
          const digits = number.replace(/\D/g, "");
          return !links.some((link) => link.href.replace(/\D/g, "") === digits && (link.textContent ?? "").includes(number));
        }),
      inText.map((drawn) => drawn.number),
    );
    expect(notCallable, url).toEqual([]);
  }
});
