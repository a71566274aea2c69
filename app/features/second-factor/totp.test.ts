import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, isUsedTotp, matchTotp, totpCode, totpStep } from "./totp.ts";

// RFC 6238 appendix B: the SHA-1 test vectors (secret "12345678901234567890"),
// last six digits of the eight-digit values.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("at %i s the code is %s (RFC 6238)", (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it("round-trips base32", () => {
    expect(base32Decode(base32Encode(Buffer.from("hello world!"))).toString()).toBe("hello world!");
  });

  it("accepts one step of clock drift, refuses two, and never the same step twice", () => {
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, "12345", now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, "abcdef", now, null)).toBeNull();
  });

  it("tells a code of a step already used (not a guess) from a wrong one", () => {
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    expect(isUsedTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now, step)).toBe(true);
    expect(isUsedTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, step)).toBe(true);
    expect(isUsedTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now, step)).toBe(false);
    expect(isUsedTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now, null)).toBe(false);
    expect(isUsedTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 5), now, step)).toBe(false);
  });
});
