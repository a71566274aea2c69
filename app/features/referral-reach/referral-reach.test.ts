import { describe, expect, it } from "vitest";
import { isPersonVisiting, lastPublishedWeeks, viaCode } from "./referral-reach.server.ts";

const browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1";

describe("referral reach", () => {
  it("counts people, not crawlers, link previews or prefetches", () => {
    const get = (headers: Record<string, string>, method = "GET") => new Request("http://x/hulp/a?via=bieb", { method, headers });
    expect(isPersonVisiting(get({ "user-agent": browser }))).toBe(true);
    expect(isPersonVisiting(get({ "user-agent": "WhatsApp/2.24.1 A" }))).toBe(false);
    expect(isPersonVisiting(get({ "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }))).toBe(false);
    expect(isPersonVisiting(get({}))).toBe(false);
    expect(isPersonVisiting(get({ "user-agent": browser, "sec-purpose": "prefetch;prerender" }))).toBe(false);
    expect(isPersonVisiting(get({ "user-agent": browser }, "HEAD"))).toBe(false);
  });

  it("shows the last published weeks, newest first: a week is published on the Tuesday after it", () => {
    // Monday 7 December 2026: week 49 has just ended, week 48 was published last Tuesday.
    expect(lastPublishedWeeks(new Date("2026-12-07T10:00:00Z"), 3)).toEqual(["2026-W48", "2026-W47", "2026-W46"]);
    expect(lastPublishedWeeks(new Date("2026-12-08T10:00:00Z"), 2)).toEqual(["2026-W49", "2026-W48"]);
    // Across the turn of the year: 2026-W01 ran from 29 December to 4 January.
    expect(lastPublishedWeeks(new Date("2026-01-06T10:00:00Z"), 2)).toEqual(["2026-W01", "2025-W52"]);
  });

  it("looks up only codes that have the form of one", () => {
    expect(viaCode(new URL("http://x/?via=bieb-moerwijk"))).toBe("bieb-moerwijk");
    expect(viaCode(new URL("http://x/?via=06%2012345678"))).toBeUndefined();
    expect(viaCode(new URL("http://x/?via=" + "a".repeat(65)))).toBeUndefined();
    expect(viaCode(new URL("http://x/"))).toBeUndefined();
  });
});
