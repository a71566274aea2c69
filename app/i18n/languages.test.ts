import { describe, expect, it } from "vitest";
import { effectiveLanguageSet, languageFromAcceptHeader, languageSets, pageLanguage, savableLanguages, textDirection } from "./languages.ts";
import { languageSetsOfRoutes } from "./route-languages.server.ts";
import { withLanguage } from "./localized-path.ts";

describe("languages", () => {
  it("picks the best supported language from Accept-Language", () => {
    expect(languageFromAcceptHeader("en-GB,en;q=0.9,nl;q=0.8")).toBe("en");
    expect(languageFromAcceptHeader("de-DE,de;q=0.9,tr;q=0.5")).toBe("tr");
    expect(languageFromAcceptHeader("fr;q=1, ar-EG;q=0.3")).toBe("ar");
    expect(languageFromAcceptHeader("de, fr")).toBeUndefined();
    expect(languageFromAcceptHeader("uk;q=0, pl;q=0.1")).toBe("pl");
    expect(languageFromAcceptHeader(null)).toBeUndefined();
  });

  it("Arabic is right-to-left", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("nl")).toBe("ltr");
  });

  it("adds ?lang= to a path, keeping its query and fragment", () => {
    expect(withLanguage("/hulp", "en")).toBe("/hulp?lang=en");
    expect(withLanguage("/hulp/x?stap=2#top", "ar")).toBe("/hulp/x?stap=2&lang=ar#top");
    expect(withLanguage("/?lang=nl", "pl")).toBe("/?lang=pl");
  });

  it("a page is in the first language asked for that it is complete in; else English when something was asked for, else Dutch", () => {
    const staff = languageSets.staff;
    const all = languageSets.ambassador;
    expect(pageLanguage(["ar"], all)).toBe("ar");
    expect(pageLanguage(["ar"], staff)).toBe("en");
    expect(pageLanguage(["ar", "nl"], staff)).toBe("nl");
    expect(pageLanguage(["de", "fr"], all)).toBe("en");
    expect(pageLanguage(["xx", "pl"], all)).toBe("pl");
    expect(pageLanguage([], all)).toBe("nl");
    expect(pageLanguage(["*"], all)).toBe("nl");
    expect(pageLanguage(["uk"], ["nl"])).toBe("nl");
  });

  it("ambassador pages are in six languages for ambassadors and visitors, in two for staff", () => {
    expect(effectiveLanguageSet("ambassador", "ambassador")).toBe("ambassador");
    expect(effectiveLanguageSet("ambassador", null)).toBe("ambassador");
    expect(effectiveLanguageSet("ambassador", "coordinator")).toBe("staff");
    expect(effectiveLanguageSet("resident", "police")).toBe("resident");
    expect(effectiveLanguageSet(undefined, "ambassador")).toBe("staff");
    expect(savableLanguages("ambassador")).toContain("ar");
    expect(savableLanguages("admin")).toEqual(["nl", "en"]);
  });

  it("finds the language set a matched route pattern declares, as React Router writes the pattern", () => {
    const route = (id: string, path: string | undefined, parentId: string | undefined, handle?: unknown) =>
      [id, { id, path, parentId, index: path === undefined && parentId !== undefined, module: { handle } }] as const;
    const routes = Object.fromEntries([
      route("root", "", undefined),
      route("routes/home", undefined, "root", { languages: "resident" }),
      route("routes/start", "start", "root", { languages: "ambassador" }),
      route("routes/inbox-detail", "signalen/:signalId", "root"),
      route("routes/layout", "hulp", "root", { languages: "resident" }),
      route("routes/flow", ":flowId", "routes/layout"),
    ]) as never;
    const lookup = languageSetsOfRoutes(routes);
    expect(lookup("/")).toBe("resident");
    expect(lookup("start")).toBe("ambassador");
    expect(lookup("signalen/:signalId")).toBeUndefined();
    expect(lookup("hulp/:flowId")).toBe("resident");
    expect(lookup("")).toBeUndefined();
  });
});
