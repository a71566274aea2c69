import { describe, expect, it } from "vitest";
import { nameHasWordStarting, resolveTerms, searchTerms, type StructuredNames } from "./search.server.ts";

describe("search terms", () => {
  it("splits on anything but letters and digits, lower case, without repeats or one-letter words", () => {
    expect(searchTerms('Pakket "OR" pakket* NEAR(bank) a 06')).toEqual(["pakket", "or", "near", "bank", "06"]);
    expect(searchTerms("Café  Zuid-West")).toEqual(["café", "zuid", "west"]);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms(" * ) ( ")).toEqual([]);
  });

  it("keeps at most eight words", () => {
    expect(searchTerms("aa bb cc dd ee ff gg hh ii jj")).toHaveLength(8);
  });

  it("finds a name by the start of one of its words, diacritics and case aside", () => {
    expect(nameHasWordStarting("Moerwijk", "moer")).toBe(true);
    expect(nameHasWordStarting("Moerwijk", "wijk")).toBe(false);
    expect(nameHasWordStarting("Laakkwartier en Spoorwijk", "spoor")).toBe(true);
    expect(nameHasWordStarting("Bibliotheek Café", "cafe")).toBe(true);
  });

  it("turns words into the structured fields they name, from three letters on", () => {
    const names = {
      phenomena: [{ id: "phishing", labels: { nl: "Phishing", en: "Phishing" } }] as StructuredNames["phenomena"],
      wijken: [
        { id: "w-moerwijk", name: "Moerwijk", stadsdeelName: "Escamp" },
        { id: "w-centrum", name: "Centrum", stadsdeelName: "Centrum" },
      ],
      organisations: [{ id: "o-1", name: "Bibliotheek Moerwijk" }],
    };
    const [moer, escamp, ph, de] = resolveTerms(["moer", "escamp", "phish", "de"], names);
    expect(moer).toMatchObject({ wijken: ["w-moerwijk"], organisations: ["o-1"] });
    expect(escamp).toMatchObject({ wijken: ["w-moerwijk"], organisations: [] });
    expect(ph!.phenomena).toContain("phishing");
    expect(de).toEqual({ term: "de", phenomena: [], wijken: [], organisations: [] });
  });
});
