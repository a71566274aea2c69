import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { splitLtrRuns, type TextRun } from "./ltr-runs.ts";

const kinds = (text: string) => splitLtrRuns(text).filter((run) => run.kind !== "text").map((run) => [run.kind, run.text]);

describe("the parts of a sentence that stay left to right", () => {
  it("finds phone numbers in Arabic and Dutch sentences, with what a tel: link dials", () => {
    const runs = splitLtrRuns("هل هناك خطر الآن؟ اتصل بالرقم 112. للإبلاغ عن جريمة اتصل بالرقم 0900-8844.");
    expect(runs.filter((run) => run.kind === "phone")).toEqual([
      { kind: "phone", text: "112", tel: "112" },
      { kind: "phone", text: "0900-8844", tel: "09008844" },
    ]);
    expect(runs.map((run) => run.text).join("")).toBe("هل هناك خطر الآن؟ اتصل بالرقم 112. للإبلاغ عن جريمة اتصل بالرقم 0900-8844.");
    expect(kinds("Bel 088-786 73 72 of +31 70 353 30 00, of de gemeente op 14 070.")).toEqual([
      ["phone", "088-786 73 72"],
      ["phone", "+31 70 353 30 00"],
      ["phone", "14 070"],
    ]);
  });

  it("recognises every phone number of the referral organisations as one number that dials what the content says", async () => {
    const content = await loadHelpContent(path.join(import.meta.dirname, "..", "..", "..", "content"));
    for (const organisation of content.organisations) {
      for (const phone of organisation.phones) {
        const runs = splitLtrRuns(`اتصل بالرقم ${phone.display}.`);
        expect(runs.filter((run) => run.kind === "phone"), phone.display).toEqual([{ kind: "phone", text: phone.display, tel: phone.tel }]);
      }
    }
  });

  it("keeps dates, times, amounts, postcodes, web and e-mail addresses left to right, but does not call them", () => {
    expect(kinds("Op 01-12-2026 om 9.00 of 17:30, € 1.250,50, Hoefkade 1, 2526 AB Den Haag, zie www.politie.nl/aangifte. Of mail info@fraudehelpdesk.nl; https://wijkwijs.example/hulp?via=AB12&lang=ar.")).toEqual([
      ["ltr", "01-12-2026"],
      ["ltr", "9.00"],
      ["ltr", "17:30"],
      ["ltr", "€ 1.250,50"],
      ["ltr", "2526 AB"],
      ["ltr", "www.politie.nl/aangifte"],
      ["ltr", "info@fraudehelpdesk.nl"],
      ["ltr", "https://wijkwijs.example/hulp?via=AB12&lang=ar"],
    ]);
    expect(kinds("fraudehelpdesk.nl")).toEqual([["ltr", "fraudehelpdesk.nl"]]);
  });

  it("leaves plain words and small numbers alone", () => {
    const text = "Tussen 2 en 5 mensen, in 2026 en jonger dan 18.";
    expect(splitLtrRuns(text)).toEqual([{ kind: "text", text } satisfies TextRun]);
  });
});
