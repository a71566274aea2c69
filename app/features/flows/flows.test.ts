import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { flowPage, searchFlows } from "./flows.ts";
import { loadHelpContent, type HelpContent } from "#app/features/content/content.server.ts";
import { rankByQuery } from "./search.ts";

let content: HelpContent;
beforeAll(async () => {
  content = await loadHelpContent(path.join(import.meta.dirname, "..", "..", "..", "content"));
});

describe("search: what happened?", () => {
  it.each([
    ["ik heb geld overgemaakt naar mijn zoon op whatsapp", "whatsapp-friend-in-need"],
    ["iemand belt van de bank", "bank-helpdesk"],
    ["naaktfoto", "sextortion"],
    ["mijn paspoort is gestolen", "identity-fraud"],
    ["paczka nie przyszła", "fake-webshop"],
    ["мене шантажують", "sextortion"],
    ["hesabım çalındı", "hacked-account"],
    ["crypto", "investment-fraud"],
    // A compound and the sender people name, found through keywords and synonyms.
    ["nepmail van belastingdienst", "phishing"],
    ["nepsms", "phishing"],
    ["fake email from the tax office", "phishing"],
  ])("%s → %s", (query, flow) => {
    expect(searchFlows(content, query, "nl")[0]?.id).toBe(flow);
  });

  it("ranks a hit in the title or keywords above a hit in the text, whatever the order of the items", () => {
    const items = [
      { id: "text", title: "Iets anders", text: "Het ging over een mail." },
      { id: "title", title: "Een verdachte mail", text: "" },
    ];
    const ranked = rankByQuery(items, (item) => ({ strong: [item.title], weak: [item.text] }), "mail");
    expect(ranked.map((item) => item.id)).toEqual(["title", "text"]);
  });

  it("finds a word through its synonyms and a compound through its last part", () => {
    const items = [{ text: "Geef uw bankpas nooit af." }, { text: "Een verdachte mail." }, { text: "Iets over een paspoort." }];
    const search = (query: string) => rankByQuery(items, (item) => ({ strong: [item.text], weak: [] }), query);
    expect(search("pinpas")).toEqual([items[0]]);
    expect(search("nepmail")).toEqual([items[1]]);
  });

  it("ignores case and accents, and finds nothing for nonsense", () => {
    const items = [{ text: "Café Übersee" }, { text: "Bibliotheek" }];
    expect(rankByQuery(items, (item) => ({ strong: [item.text], weak: [] }), "cafe UBERSEE")).toEqual([items[0]]);
    expect(rankByQuery(items, (item) => ({ strong: [item.text], weak: [] }), "xyz")).toEqual([]);
    expect(rankByQuery(items, (item) => ({ strong: [item.text], weak: [] }), "  ")).toEqual([]);
  });
});

describe("flow pages", () => {
  it("numbers questions by their distance from the start, and resolves organisations in the page's language", () => {
    const second = flowPage(content, "phishing", "entered", "pl");
    expect(second).toMatchObject({ kind: "question", number: 2, isStart: false, language: "pl", fallback: false });
    const outcome = flowPage(content, "phishing", "bank-details", "uk");
    expect(outcome?.kind).toBe("outcome");
    if (outcome?.kind !== "outcome") return;
    const bank = outcome.outcome.steps[0]!.organisations[0]!;
    expect(bank.name).toBe("Ваш банк");
    expect(flowPage(content, "phishing", "bestaat-niet", "nl")).toBeUndefined();
    expect(flowPage(content, "bestaat-niet", undefined, "nl")).toBeUndefined();
  });

  it("shows a flow in Dutch, marked as a fallback, in a language it is not written in", () => {
    expect(flowPage(content, "business-fraud", undefined, "ar")).toMatchObject({ language: "nl", fallback: true, kind: "question" });
    expect(flowPage(content, "business-fraud", undefined, "en")).toMatchObject({ language: "en", fallback: false });
  });
});
