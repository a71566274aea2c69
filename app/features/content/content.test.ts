import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import organisationFile from "#content/referral-organisations.json" with { type: "json" };
import taxonomyFile from "#content/phenomena.json" with { type: "json" };
import { loadHelpContent } from "./content.server.ts";
import { activePhenomena, isPhenomenonId, organisationPhone, phenomenonLabel, publicPhoneNumbers } from "./content.ts";
import { phenomenonFileSchema, referralOrganisationFileSchema, type HelpContent } from "./schemas.ts";

const contentDirectory = path.join(import.meta.dirname, "..", "..", "..", "content");

let content: HelpContent;
beforeAll(async () => {
  content = await loadHelpContent(contentDirectory);
});

describe("phenomenon taxonomy", () => {
  it("holds every phenomenon flows and tips name, each labelled in all six languages", () => {
    for (const id of [...content.flows.flatMap((flow) => flow.phenomena), ...content.tips.map((tip) => tip.phenomenon)]) {
      expect(isPhenomenonId(content, id), id).toBe(true);
    }
    expect(isPhenomenonId(content, "constructor")).toBe(false);
    for (const phenomenon of content.phenomena) {
      for (const language of languages) expect(phenomenon.labels[language], `${phenomenon.id} in ${language}`).toBeTruthy();
    }
    expect(activePhenomena(content).every((p) => !p.retired)).toBe(true);
  });

  it("rejects duplicate ids and missing Dutch labels", () => {
    const duplicate = { phenomena: [...taxonomyFile.phenomena, taxonomyFile.phenomena[0]] };
    expect(phenomenonFileSchema.safeParse(duplicate).success).toBe(false);
    const noDutch = { phenomena: [{ id: "x", labels: { en: "X" } }] };
    expect(phenomenonFileSchema.safeParse(noDutch).success).toBe(false);
  });

  it("labels fall back to Dutch", () => {
    expect(phenomenonLabel(content, "phishing", "en")).toBe("Phishing (e-mail, text message or QR code)");
    expect(phenomenonLabel(content, "unknown-id", "en")).toBe("unknown-id");
  });
});

describe("referral organisations", () => {
  it("parse, with the display and tel forms of each number agreeing", () => {
    expect(content.organisations.length).toBeGreaterThanOrEqual(15);
    for (const organisation of content.organisations) {
      for (const phone of organisation.phones) {
        expect(phone.display.replace(/[^0-9]/g, ""), organisation.id).toBe(phone.tel.replace(/^\+31/, "0"));
      }
    }
    expect(publicPhoneNumbers(content)).toContain("0887867372");
    expect(organisationPhone(content, "politie")).toBe("0900-8844");
    expect(() => organisationPhone(content, "ncsc")).toThrow(/no phone number for "ncsc"/);
  });

  it("reject a malformed phone number or website, naming the field", () => {
    const bad = structuredClone(organisationFile);
    bad.organisations[1]!.phones[0]!.display = "bel ons";
    const result = referralOrganisationFileSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join(".")).toBe("organisations.1.phones.0.display");
    const insecure = structuredClone(organisationFile);
    insecure.organisations[1]!.website = "http://www.politie.nl";
    expect(referralOrganisationFileSchema.safeParse(insecure).success).toBe(false);
  });
});
