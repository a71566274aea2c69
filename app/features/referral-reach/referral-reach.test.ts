import { describe, expect, it } from "vitest";
import { isPersonVisiting, reachTable, viaCode } from "./referral-reach.server.ts";

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

  it("looks up only codes that have the form of one", () => {
    expect(viaCode(new URL("http://x/?via=bieb-moerwijk"))).toBe("bieb-moerwijk");
    expect(viaCode(new URL("http://x/?via=06%2012345678"))).toBeUndefined();
    expect(viaCode(new URL("http://x/?via=" + "a".repeat(65)))).toBeUndefined();
    expect(viaCode(new URL("http://x/"))).toBeUndefined();
  });

  it("shows small counts as 'fewer than' and gives no totals", () => {
    const weeks = ["2026-W48", "2026-W47"];
    const rows = reachTable(
      [
        { kind: "flow", targetId: "phishing", organisationId: "o1", week: "2026-W48", visits: 7 },
        { kind: "flow", targetId: "phishing", organisationId: "o1", week: "2026-W47", visits: 2 },
        { kind: "tip", targetId: "t1", organisationId: "o1", week: "2026-W47", visits: 5 },
      ],
      weeks,
      5,
    );
    expect(rows).toEqual([
      { kind: "flow", targetId: "phishing", organisationId: "o1", cells: [{ kind: "count", value: 7 }, { kind: "suppressed", below: 5 }] },
      { kind: "tip", targetId: "t1", organisationId: "o1", cells: [{ kind: "count", value: 0 }, { kind: "count", value: 5 }] },
    ]);
  });
});
