import { describe, expect, it } from "vitest";
import { protectRatingSplit } from "./responses.server.ts";

// "Was this helpful?" per template and phenomenon: the split into helped and
// did-not-help is shown from the suppression threshold of answers on, never
// below it — not even as zero.

const services = (suppressionThreshold: number) => ({ municipality: { id: "m", slug: "m", name: "M", suppressionThreshold } });

describe("protectRatingSplit", () => {
  it("hides the split below the threshold, whatever the answers were", () => {
    expect(protectRatingSplit(services(5), 0, 0)).toEqual({ shown: false, threshold: 5 });
    expect(protectRatingSplit(services(5), 1, 0)).toEqual({ shown: false, threshold: 5 });
    expect(protectRatingSplit(services(5), 0, 1)).toEqual({ shown: false, threshold: 5 });
    expect(protectRatingSplit(services(5), 2, 2)).toEqual({ shown: false, threshold: 5 });
  });

  it("shows the exact split at the threshold and above", () => {
    expect(protectRatingSplit(services(5), 4, 1)).toEqual({ shown: true, answers: 5, helpful: 4, notHelpful: 1 });
    expect(protectRatingSplit(services(5), 0, 5)).toEqual({ shown: true, answers: 5, helpful: 0, notHelpful: 5 });
    expect(protectRatingSplit(services(10), 6, 3)).toEqual({ shown: false, threshold: 10 });
  });
});
