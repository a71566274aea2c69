import { describe, expect, it } from "vitest";
import { languageFromAcceptHeader, textDirection } from "./languages.ts";
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
});
