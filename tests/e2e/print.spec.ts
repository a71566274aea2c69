import { expect, pageReady, test } from "./fixtures.ts";

// What ambassadors put on paper: the A4 poster for the notice board is one
// sheet, in Dutch and in Arabic, with an address short enough to type that
// wraps between its parts, never inside a word.

/** The pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the tree itself is `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

for (const { language, query } of [
  { language: "Dutch", query: "" },
  { language: "Arabic", query: "?taal=ar" },
]) {
  for (const path of ["/delen/hulp/whatsapp-friend-in-need/poster", "/delen/tips/phishing-check-sender/poster"]) {
    test(`the poster ${path} in ${language} prints on one A4 sheet with a short address`, async ({ page, loginAs, makeOrganisation }) => {
      const organisation = await makeOrganisation({ name: "Buurthuis De Posterzaal" });
      await loginAs("ambassador", { organisationId: organisation.id });
      await page.goto(`${path}${query}`);
      await pageReady(page);
      await expect(page.locator(".poster__qr")).toHaveJSProperty("complete", true);

      const address = page.locator(".poster__address [dir=ltr]");
      const printed = await address.textContent();
      expect(printed).not.toContain("https://");
      expect(printed).not.toContain(organisation.code);
      expect(printed!.length).toBeLessThanOrEqual(70);

      await page.emulateMedia({ media: "print" });
      // The address breaks only between its parts: after a "/" or before the "?".
      const lines = await address.evaluate((element) => {
        const text = element.textContent ?? "";
        const node = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const tops = new Map<number, string>();
        for (let current = node.nextNode(); current; current = node.nextNode()) {
          const data = (current as Text).data;
          for (let i = 0; i < data.length; i++) {
            const range = document.createRange();
            range.setStart(current, i);
            range.setEnd(current, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            tops.set(top, (tops.get(top) ?? "") + data[i]);
          }
        }
        return { text, lines: [...tops.values()] };
      });
      expect(lines.lines.join("")).toBe(lines.text);
      for (let i = 1; i < lines.lines.length; i++) {
        const [before, after] = [lines.lines[i - 1]!, lines.lines[i]!];
        expect(before.endsWith("/") || after.startsWith("?"), `"${before}" | "${after}"`).toBe(true);
      }

      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdfPageCount(pdf)).toBe(1);
    });
  }
}
