import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { acceptInvitationSchema } from "#app/features/auth/schemas.ts";
import { organisationSchema } from "#app/features/organisations/schemas.ts";
import { profileSchema } from "#app/features/profile/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import en from "#app/locales/en/common.json" with { type: "json" };
import nl from "#app/locales/nl/common.json" with { type: "json" };
import { hasInvisibleCharacters, stripInvisibleCharacters } from "./invisible-characters.ts";
import { INVISIBLE_CHARACTERS_MESSAGE } from "./name-field.ts";

const directionControls = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];
const otherInvisible = ["\u200B", "\u00AD", "\u2060", "\uFEFF", "\u2061", "\u2063", "\u180E", "\u034F", "\u3164", "\u115F", "\uFFA0", "\u2800", "\u{E0041}", "\uFFF9", "\u0000", "\u0007", "\n", "\t", "\u2028"];

describe("the invisible-character rule", () => {
  it("finds every direction control and other invisible character, wherever it stands in a name", () => {
    for (const char of [...directionControls, ...otherInvisible]) {
      for (const name of [`${char}Jan`, `Jan${char}`, `Ja${char}n de Vries`]) {
        expect(hasInvisibleCharacters(name), JSON.stringify(name)).toBe(true);
      }
    }
  });

  it("finds a zero-width joiner or non-joiner between Latin letters or digits, and a variation selector after a letter", () => {
    for (const name of ["Ja\u200Dn", "Ja\u200Cn", "06\u200D12", "Jan\uFE0F", "Jan\u200D"]) expect(hasInvisibleCharacters(name), JSON.stringify(name)).toBe(true);
  });

  it("accepts names in every script, with accents, Persian joiners and emoji sequences", () => {
    for (const name of [
      "Jan de Vries",
      "Çağla Öztürk",
      "Łukasz Wiśniewski",
      "Олена Коваленко",
      "فاطمة الزهراء",
      "مهر\u200Cناز", // Persian: a zero-width non-joiner between letters is spelling
      "देव\u200Dी",
      "Bibliotheek 👩\u200D💻",
      "Ans ❤\uFE0F",
      "Koning Willem-Alexander",
      "Café 't Hoekje",
    ]) {
      expect(hasInvisibleCharacters(name), JSON.stringify(name)).toBe(false);
    }
  });

  it("strips what it finds and keeps the rest, line breaks included unless asked otherwise", () => {
    expect(stripInvisibleCharacters("Bibliotheek \u202Ekees\u202C\u200B Zuid")).toBe("Bibliotheek kees Zuid");
    expect(stripInvisibleCharacters("Welkom\u2067\nbij ons")).toBe("Welkom\nbij ons");
    expect(stripInvisibleCharacters("Welkom\nbij ons", { singleLine: true })).toBe("Welkombij ons");
    expect(stripInvisibleCharacters("مهر\u200Cناز 👩\u200D💻")).toBe("مهر\u200Cناز 👩\u200D💻");
    expect(stripInvisibleCharacters("Jan de Vries")).toBe("Jan de Vries");
  });
});

describe("name fields refuse invisible characters with a message in the user's language", () => {
  const translate = (messages: Record<string, unknown>) =>
    ((key: string) => {
      const path = key.replace(/^common:/, "").split(".");
      let value: unknown = messages;
      for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
      return typeof value === "string" ? value : key;
    }) as unknown as TFunction;

  const cases = [
    { schema: organisationSchema, field: "name", form: { kind: "library", wijkId: "x", address: "Kerkweg 1", walkInHours: "dinsdag", languages: "nl" } },
    { schema: profileSchema("ambassador"), field: "displayName", form: {} },
    { schema: acceptInvitationSchema, field: "displayName", form: { password: "een lange zin als wachtwoord", passwordConfirmation: "een lange zin als wachtwoord" } },
  ] as const;

  it.each(cases)("$field", ({ schema, field, form }) => {
    const body = new URLSearchParams({ ...form, [field]: "Bibliotheek \u202Ekees" });
    const dutch = parseForm(schema, body, translate(nl), { arrayFields: ["languages"] });
    expect(dutch.success).toBe(false);
    if (dutch.success) return;
    expect(dutch.fieldErrors[field]).toEqual([nl.errors.invisible_characters]);
    expect(nl.errors.invisible_characters).toContain("mag geen onzichtbare tekens bevatten");
    const english = parseForm(schema, body, translate(en), { arrayFields: ["languages"] });
    expect(english.success ? [] : english.fieldErrors[field]).toEqual([en.errors.invisible_characters]);
    expect(en.errors.invisible_characters).toContain("may not contain invisible characters");

    const fine = parseForm(schema, new URLSearchParams({ ...form, [field]: "Kütüphane Çarşı" }), translate(nl), { arrayFields: ["languages"] });
    expect(fine.success ? [] : (fine.fieldErrors[field] ?? [])).toEqual([]);
  });

  it("uses one message key", () => {
    expect(INVISIBLE_CHARACTERS_MESSAGE).toBe("errors.invisible_characters");
  });
});
