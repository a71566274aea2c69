import { describe, expect, it } from "vitest";
import { safeReturnPath, sameOriginPath } from "./safe-path.ts";

describe("sameOriginPath", () => {
  it("keeps ordinary paths with their query and fragment", () => {
    expect(sameOriginPath("/signalen/abc?status=open#top")).toBe("/signalen/abc?status=open#top");
    expect(sameOriginPath("/hulp/phishing?lang=en")).toBe("/hulp/phishing?lang=en");
    expect(sameOriginPath("/a/../b")).toBe("/b");
  });

  it.each([
    "//evil.example",
    "//evil.example/x",
    "/..//evil.example",
    "/..//evil.example/x",
    "/../..//evil.example",
    "/.%2e//evil.example",
    "/%2e%2e//evil.example",
    "/./..//evil.example",
    "/a/../..//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/ /evil.example",
    "/\u200b/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j", (value) => {
    expect(sameOriginPath(value)).toBeNull();
    expect(safeReturnPath(value)).toBe("/start");
  });

  it("leaves encoded slashes encoded: a browser does not read them as a host", () => {
    expect(sameOriginPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });
});
