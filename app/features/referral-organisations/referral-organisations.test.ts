import { describe, expect, it } from "vitest";
import file from "#content/referral-organisations.json" with { type: "json" };
import { publicPhoneNumbers, referralOrganisationFileSchema, referralOrganisations } from "./referral-organisations.ts";

describe("referral organisations", () => {
  it("parse, with the display and tel forms of each number agreeing", () => {
    expect(referralOrganisations.length).toBeGreaterThanOrEqual(15);
    for (const organisation of referralOrganisations) {
      for (const phone of organisation.phones) {
        expect(phone.display.replace(/[^0-9]/g, ""), organisation.id).toBe(phone.tel.replace(/^\+31/, "0"));
      }
    }
    expect(publicPhoneNumbers()).toContain("0887867372");
  });

  it("reject a malformed phone number or website, naming the field", () => {
    const bad = structuredClone(file);
    bad.organisations[1]!.phones[0]!.display = "bel ons";
    const result = referralOrganisationFileSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join(".")).toBe("organisations.1.phones.0.display");
    const insecure = structuredClone(file);
    insecure.organisations[1]!.website = "http://www.politie.nl";
    expect(referralOrganisationFileSchema.safeParse(insecure).success).toBe(false);
  });
});
