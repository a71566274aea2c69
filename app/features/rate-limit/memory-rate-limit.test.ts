import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "./memory-rate-limit.ts";

describe("in-memory rate limiter", () => {
  it("allows the limit per window and key, then refuses until the window has passed", () => {
    const limiter = new MemoryRateLimiter({ limit: 3, windowMs: 1000, secret: "s" });
    expect([1, 2, 3, 4].map(() => limiter.take("a", 0))).toEqual([true, true, true, false]);
    expect(limiter.take("b", 10)).toBe(true);
    expect(limiter.take("a", 999)).toBe(false);
    expect(limiter.take("a", 1001)).toBe(true);
  });
});
