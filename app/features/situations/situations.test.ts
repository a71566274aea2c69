import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditPublication, SHOWN, SMALL } from "#app/features/publication/lp-audit.ts";
import { loadChecklist, validateChecklist } from "./checklist.server.ts";
import { hoursOf, instantToLocalTime, localTimeToInstant } from "./options.ts";
import { buildPictureStructure, hourlyWarnings, pictureValues, protectPicture, type Picture } from "./picture.ts";
import { situationFormSchema } from "./schemas.ts";

describe("the situation room's times", () => {
  it("reads a datetime-local value as time in The Hague, summer and winter", () => {
    expect(localTimeToInstant("2027-04-27T10:00")?.toISOString()).toBe("2027-04-27T08:00:00.000Z");
    expect(localTimeToInstant("2026-12-31T23:30")?.toISOString()).toBe("2026-12-31T22:30:00.000Z");
    expect(instantToLocalTime(new Date("2027-04-27T21:00:00.000Z"))).toBe("2027-04-27T23:00");
    expect(localTimeToInstant("2027-02-30T10:00")).toBeNull();
    expect(localTimeToInstant("morgen")).toBeNull();
  });

  it("counts whole hours of the window only", () => {
    expect(hoursOf("2027-04-27T08:00:00.000Z", "2027-04-27T11:00:00.000Z")).toEqual(["2027-04-27T08:00:00.000Z", "2027-04-27T09:00:00.000Z", "2027-04-27T10:00:00.000Z"]);
  });

  it("refuses a window that ends before it starts, or lasts longer than a week", () => {
    const base = { name: "Koningsdag", kind: "event", wijkIds: ["w"], organisations: [] };
    const backwards = situationFormSchema.safeParse({ ...base, startsAt: "2027-04-27T23:00", endsAt: "2027-04-27T10:00" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endsAt", "situations:errors.end_before_start"]]);
    const long = situationFormSchema.safeParse({ ...base, startsAt: "2027-04-20T10:00", endsAt: "2027-04-27T11:00" });
    expect(long.error?.issues.map((i) => i.message)).toEqual(["situations:errors.window_too_long"]);
    expect(situationFormSchema.safeParse({ ...base, organisations: ["a group's name"], startsAt: "2027-04-27T10:00", endsAt: "2027-04-27T11:00" }).success).toBe(false);
  });
});

describe("the mayor's approach", () => {
  it("is valid content: every power names its legal basis", async () => {
    const checklist = await loadChecklist(path.join(import.meta.dirname, "..", "..", "..", "content"));
    expect(checklist.length).toBeGreaterThan(5);
    expect(checklist.find((item) => item.id === "emergency-ordinance")?.legalBasis).toBe("Gemeentewet, art. 176");
    expect(() => validateChecklist({ items: [{ id: "camera", kind: "power", title: { nl: "Camera", en: "Camera" }, text: { nl: "x", en: "x" } }] })).toThrow(/every power names its legal basis/);
    expect(() => validateChecklist({ items: [{ id: "Camera!", kind: "step", title: { nl: "a", en: "a" }, text: { nl: "x", en: "x" } }] })).toThrow(/items\.0\.id/);
  });
});

describe("the hourly picture", () => {
  const hours = ["2027-04-27T09:00:00.000Z", "2027-04-27T10:00:00.000Z", "2027-04-27T11:00:00.000Z"];
  const signals = [
    ...Array.from({ length: 6 }, () => ({ hour: hours[0]!, phenomenon: "phishing", urgent: false })),
    { hour: hours[1]!, phenomenon: "phishing", urgent: true },
    { hour: hours[1]!, phenomenon: "phishing", urgent: false },
    ...Array.from({ length: 5 }, () => ({ hour: hours[2]!, phenomenon: "bank-helpdesk-fraud", urgent: false })),
  ];

  it("would give a small count back with primary suppression alone (the test below can fail)", async () => {
    const structure = buildPictureStructure(hours, ["bank-helpdesk-fraud", "phishing"]);
    const values = pictureValues(hours, ["bank-helpdesk-fraud", "phishing"], signals);
    const states = new Uint8Array(structure.size).map((_, cell) => (values[cell]! > 0 && values[cell]! < 5 ? SMALL : SHOWN));
    expect((await auditPublication({ states, shownValue: (cell) => values[cell]!, relations: structure.relations, threshold: 5 })).length).toBeGreaterThan(0);
  });

  it("is protected as one structure: the LP audit finds no hidden count it can narrow", async () => {
    const { picture, states, values, relations } = await protectPicture(hours, signals, 5);
    expect(picture.phenomena).toEqual(["bank-helpdesk-fraud", "phishing"]);
    expect(await auditPublication({ states, shownValue: (cell) => values[cell]!, relations, threshold: 5 })).toEqual([]);
    const small = picture.rows.find((row) => row.hour === hours[1]);
    expect(small?.total.kind).not.toBe("count");
    expect(picture.rows.map((row) => row.hour)).toEqual(hours);
  });

  it("has nothing to protect without linked signals", async () => {
    const { picture } = await protectPicture(hours, [], 5);
    expect(picture.phenomena).toEqual([]);
    expect(picture.leftOutHours).toBe(3);
  });
});

describe("the hourly early warning", () => {
  const hours = hoursOf("2027-04-27T08:00:00.000Z", "2027-04-27T21:00:00.000Z");
  const at = (h: number, n: number, phenomenon = "phishing") => Array.from({ length: n }, () => ({ hour: hours[h]!, phenomenon, urgent: false }));

  it("flags an hour far above the 8 hours before it, from shown counts only", async () => {
    // Nothing for 8 hours, then 12 in the ninth.
    const { picture } = await protectPicture(hours, at(8, 12), 5);
    const { items, minimumCount } = hourlyWarnings(picture, hours, 5);
    expect(minimumCount).toBe(5);
    // Phishing and all phenomena together, at the ninth hour.
    expect(items.map((i) => [i.hour, i.phenomenon])).toEqual(expect.arrayContaining([[hours[8], "phishing"], [hours[8], null]]));
    expect(items.every((i) => i.count === 12 && i.rarity >= 1000)).toBe(true);

    // One signal an hour before (shown as "< 5", read as 4), then 9: against the true 1 an hour it would be
    // flagged, against what the picture shows it is not — the warning knows no more than the picture.
    const steady = await protectPicture(hours, [...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((h) => at(h, 1)), ...at(8, 9)], 5);
    expect(steady.picture.rows[0]!.phenomena[0]!.kind).not.toBe("count");
    expect(hourlyWarnings(steady.picture, hours, 5).items).toEqual([]);
  });

  it("tests no hour in the first 8, no count below the minimum, and never a hidden one", async () => {
    const early = await protectPicture(hours, at(3, 20), 5);
    expect(hourlyWarnings(early.picture, hours, 5).items).toEqual([]);
    const small = await protectPicture(hours, at(9, 4), 5);
    expect(hourlyWarnings(small.picture, hours, 5).items).toEqual([]);
    // A picture whose counts are hidden: nothing is tested, whatever lies behind them.
    const hidden: Picture = {
      phenomena: ["phishing"],
      rows: hours.map((hour) => ({ hour, urgent: { kind: "hidden" }, notUrgent: { kind: "hidden" }, phenomena: [{ kind: "hidden" }], total: { kind: "hidden" } })),
      totals: { hour: null, urgent: { kind: "hidden" }, notUrgent: { kind: "hidden" }, phenomena: [{ kind: "hidden" }], total: { kind: "hidden" } },
      leftOutHours: 0,
    };
    expect(hourlyWarnings(hidden, hours, 5).items).toEqual([]);
    // A hidden hour in the baseline leaves the hour after it untested.
    const withHiddenBefore: Picture = {
      ...hidden,
      rows: hours.map((hour, h) => {
        const cell = h === 8 ? ({ kind: "count", value: 30 } as const) : h === 4 ? ({ kind: "hidden" } as const) : ({ kind: "count", value: 0 } as const);
        return { hour, urgent: { kind: "count", value: 0 }, notUrgent: cell, phenomena: [cell], total: cell };
      }),
    };
    expect(hourlyWarnings(withHiddenBefore, hours, 5).items).toEqual([]);
  });
});
