import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, sortKeys } from "./inbox.server.ts";

describe("inbox keyset cursor", () => {
  it("round-trips a row's sort values for every order", () => {
    const values = { urgent: [0, "2026-11-24T09:00:00.000Z", "a"], due: [1, "9999-12-31T00:00:00.000Z", "2026-11-24T09:00:00.000Z", "b"], oldest: ["2026-11-24T09:00:00.000Z", "c"], newest: ["2026-11-24T09:00:00.000Z", "d"] } as const;
    for (const sort of Object.keys(sortKeys) as (keyof typeof sortKeys)[]) {
      expect(decodeCursor(encodeCursor([...values[sort]]), sort)).toEqual(values[sort]);
    }
  });

  it("reads a cursor that does not fit the order as 'from the start'", () => {
    expect(decodeCursor(undefined, "urgent")).toBeNull();
    expect(decodeCursor("not base64 json", "urgent")).toBeNull();
    expect(decodeCursor(encodeCursor(["2026-11-24T09:00:00.000Z", "d"]), "urgent")).toBeNull();
    expect(decodeCursor(encodeCursor([2, "x", "y"]), "urgent")).toBeNull();
    expect(decodeCursor(encodeCursor([0, "x"]), "newest")).toBeNull();
    expect(decodeCursor(encodeCursor(["x".repeat(101), "y"]), "newest")).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString("base64url"), "newest")).toBeNull();
  });
});
