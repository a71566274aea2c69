import { describe, expect, it } from "vitest";
import { backoffMs, MAX_ATTEMPTS } from "./push.server.ts";

describe("push retry backoff", () => {
  it("doubles from 30 seconds, at most an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(MAX_ATTEMPTS + 10)).toBe(3600_000);
  });

  it("follows the push service's Retry-After, capped at an hour", () => {
    expect(backoffMs(1, 60)).toBe(60_000);
    expect(backoffMs(1, 86_400)).toBe(3600_000);
    expect(backoffMs(2, Number.NaN)).toBe(60_000);
  });
});
