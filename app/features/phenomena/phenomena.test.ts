import { describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import taxonomyFile from "#content/phenomena.json" with { type: "json" };
import { phenomena, phenomenonFileSchema, phenomenonLabel } from "./phenomena.ts";

describe("phenomenon taxonomy", () => {
  it("covers what the Den Haag approach asks for, each labelled in all six languages", () => {
    const ids = phenomena.map((p) => p.id);
    for (const id of [
      "phishing",
      "whatsapp-fraud",
      "bank-helpdesk-fraud",
      "fake-webshop",
      "marketplace-fraud",
      "hacked-account",
      "sextortion",
      "identity-fraud",
      "investment-fraud",
      "romance-fraud",
      "business-fraud",
      "online-threats",
      "public-order-calls",
      "disinformation",
      "other",
    ]) {
      expect(ids).toContain(id);
    }
    for (const phenomenon of phenomena) {
      for (const language of languages) expect(phenomenon.labels[language], `${phenomenon.id} in ${language}`).toBeTruthy();
    }
  });

  it("rejects duplicate ids and missing Dutch labels", () => {
    const duplicate = { phenomena: [...taxonomyFile.phenomena, taxonomyFile.phenomena[0]] };
    expect(phenomenonFileSchema.safeParse(duplicate).success).toBe(false);
    const noDutch = { phenomena: [{ id: "x", labels: { en: "X" } }] };
    expect(phenomenonFileSchema.safeParse(noDutch).success).toBe(false);
  });

  it("labels fall back to Dutch", () => {
    expect(phenomenonLabel("phishing", "en")).toBe("Phishing (e-mail, text message or QR code)");
    expect(phenomenonLabel("unknown-id", "en")).toBe("unknown-id");
  });
});
