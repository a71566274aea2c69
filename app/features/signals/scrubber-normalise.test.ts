import { describe, expect, it } from "vitest";
import { normaliseForScrub } from "./scrubber-normalise.ts";

const text = (input: string) => normaliseForScrub(input).text;

describe("normalising a signal's text before it is scrubbed", () => {
  it("turns compatibility forms into plain letters and digits (NFKC)", () => {
    expect(text("０６－１２３４５６７８")).toBe("06-12345678");
    expect(text("jan＠gmail．com")).toBe("jan@gmail.com");
    expect(text("𝐣𝐚𝐧 ⓪⑥ ¹²")).toBe("jan 06 12");
    expect(text("e\u0301en")).toBe("éen");
  });

  it("reads every decimal digit as its ASCII digit", () => {
    expect(text("٠٦١٢٣٤٥٦٧٨")).toBe("0612345678");
    expect(text("۰۶۱۲۳۴۵۶۷۸")).toBe("0612345678");
    expect(text("०६ ০৬ ๐๖")).toBe("06 06 06");
  });

  it("removes invisible formatting characters, also at the ends, and makes other spaces plain", () => {
    expect(text("06\u200B1234\u00AD5678\u2060")).toBe("0612345678");
    expect(text("\uFEFF  Kerkstraat\u00A012 \u200B")).toBe("Kerkstraat 12");
    expect(text("a\u{E0041}\u{E0042}b")).toBe("ab");
    expect(text("regel een\u2028regel twee")).toBe("regel een\nregel twee");
  });

  it("removes marks on digits (keycaps, strike-through) but keeps accents on letters", () => {
    expect(text("0\uFE0F\u20E36\uFE0F\u20E3")).toBe("06");
    expect(text("0\u03366\u0336")).toBe("06");
    expect(text("coördinator naïef")).toBe("coördinator naïef");
  });

  it("puts the span of a right-to-left override in the order it was shown", () => {
    expect(text("bel \u202E87654321-60\u202C nu")).toBe("bel 06-12345678 nu");
    expect(text("bel \u202E87654321-60")).toBe("bel 06-12345678");
    // Right-to-left words read the same with or without the override.
    expect(text("\u202Eسلام عليكم\u202C")).toBe("سلام عليكم");
    // Other direction controls only go.
    expect(text("\u2067abc\u2069 \u200Fdef\u200E")).toBe("abc def");
  });

  it("keeps the joiners scripts spell with, and emoji sequences", () => {
    expect(text("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    expect(text("👩\u200D💻 ❤\uFE0F")).toBe("👩\u200D💻 ❤\uFE0F");
    expect(text("Ja\u200Dn")).toBe("Jan");
  });

  it("folds look-alike letters inside Latin words only; Cyrillic and Greek words stay, and so does a look-alike domain", () => {
    expect(text("mijn buurvr\u043Euw")).toBe("mijn buurvrouw");
    expect(text("NL91\u0410BNA0417164300")).toBe("NL91ABNA0417164300");
    expect(text("Привіт, мене звати Олена")).toBe("Привіт, мене звати Олена");
    expect(text("Η αστυνομία")).toBe("Η αστυνομία");
    expect(text("Kırmızı araba")).toBe("Kırmızı araba");
    expect(text("https://p\u0430ypal.com/login")).toBe("https://p\u0430ypal.com/login");
  });

  it("gives the detectors a view with every look-alike folded and, in numbers, O and l read as digits", () => {
    const result = normaliseForScrub("NL91 \u0410\u0412\u0421\u0415 O417 1643 OO, bel O6-l2345678 of 06 OO 12 34 56, Ook lol");
    expect(result.view).toBe("NL91 ABCE O417 1643 OO, bel O6-l2345678 of 06 OO 12 34 56, Ook lol");
    expect(result.digits).toBe("NL91 ABCE 0417 1643 00, bel 06-12345678 of 06 00 12 34 56, Ook lol");
    expect(result.view.length).toBe(result.text.length);
  });

  it("knows where each character came from", () => {
    const input = "ab\u200Bc\u202E21\u202C";
    const result = normaliseForScrub(input);
    expect(result.text).toBe("abc12");
    expect([...result.text].map((_, index) => result.origin(index))).toEqual([0, 1, 3, 6, 5]);
  });

  it("changes nothing the second time", () => {
    for (const input of ["bel \u202E87654321-60", "０６ ١٢ NL91\u0410BNA", "می\u200Cخواهم 👩\u200D💻", " a\u200B "]) {
      const once = text(input);
      expect(text(once)).toBe(once);
    }
  });
});
