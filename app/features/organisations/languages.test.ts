import { describe, expect, it } from "vitest";
import { languageName, languageOptions, parseLanguages, serialiseLanguages, spokenLanguages } from "./languages.ts";

describe("spoken languages", () => {
  it("has a name for every code in each of the six interface languages", () => {
    for (const ui of ["nl", "en", "tr", "ar", "pl", "uk"]) {
      for (const code of spokenLanguages) {
        expect(languageName(code, ui), `${code} in ${ui}`).not.toBe(code);
      }
    }
  });

  it("names languages in the reader's language, starting with a capital", () => {
    expect(languageName("tr", "nl")).toBe("Turks");
    expect(languageName("tr", "en")).toBe("Turkish");
    expect(languageName("tr", "pl")).toBe("Turecki");
  });

  it("stores codes in a fixed order without duplicates and drops unknown ones when reading", () => {
    expect(serialiseLanguages(["tr", "nl", "tr", "xx"])).toBe("nl,tr");
    expect(parseLanguages("nl, tr,xx,")).toEqual(["nl", "tr"]);
    expect(parseLanguages("")).toEqual([]);
  });

  it("sorts options by their name in the reader's language", () => {
    expect(languageOptions(["tr", "en", "nl"], "nl").map((o) => o.label)).toEqual(["Engels", "Nederlands", "Turks"]);
  });
});
