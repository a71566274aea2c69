import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, readContentFiles, validateHelpContent, type ContentFiles } from "#app/features/content/content.server.ts";
import { normaliseForScrub } from "#app/features/signals/scrubber-normalise.ts";
import { detectPersonalData, scrub } from "#app/features/signals/scrubber.ts";
import { hasInvisibleCharacters, stripInvisibleCharacters } from "#app/text/invisible-characters.ts";
import { MARKUP_PROBE, nastyJson, nastyString } from "#tests/support/adversarial.ts";

// Property-based tests on the personal-data scrubber and the content loader.

const word = fc.stringMatching(/^[a-zA-Z]{1,12}$/);
const sentence = fc.array(word, { maxLength: 8 }).map((words) => words.join(" "));

describe("the scrubber", () => {
  it("never throws, and its detections lie inside the normalised text, in order, without overlap", () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const result = scrub(text);
        const normalised = normaliseForScrub(text).text;
        let previousEnd = 0;
        for (const detection of result.detections) {
          expect(detection.start).toBeGreaterThanOrEqual(previousEnd);
          expect(detection.end).toBeGreaterThan(detection.start);
          expect(detection.end).toBeLessThanOrEqual(normalised.length);
          previousEnd = detection.end;
        }
        expect(typeof result.text).toBe("string");
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("normalises once for good: the stored text holds nothing invisible, and normalising it again changes nothing", () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        const once = normaliseForScrub(text).text;
        expect(normaliseForScrub(once).text).toBe(once);
        expect(stripInvisibleCharacters(once)).toBe(once);
        const scrubbed = scrub(text).text;
        expect(scrub(scrubbed).text).toBe(scrubbed);
      }),
      { numRuns: 300 },
    );
  });

  it("removes a mobile number, an e-mail address and an IBAN wherever they stand between words", () => {
    const personal = fc.constantFrom(
      { value: "06-12345678", gone: "12345678" },
      { value: "+31 6 12345678", gone: "12345678" },
      { value: "jan.jansen@example.nl", gone: "jan.jansen" },
      { value: "NL91ABNA0417164300", gone: "0417164300" },
    );
    fc.assert(
      fc.property(sentence, personal, sentence, (before, { value, gone }, after) => {
        const text = `${before} ${value} ${after}`;
        expect(scrub(text).text).not.toContain(gone);
      }),
      { numRuns: 300 },
    );
  });

  // Ways to hide a number from a pattern: invisible characters between the
  // digits, digits of another script, look-alike letters, odd separators.
  const invisible = fc.constantFrom("\u200B", "\u200C", "\u200D", "\u00AD", "\u2060", "\uFEFF", "\u2063", "\u180E", "\u034F", "\u200E", "\u061C");
  const digitScripts = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0x1d7ce];
  function disguise(value: string, choices: { gaps: string[]; script: number; separator: string }): string {
    let out = "";
    [...value].forEach((char, index) => {
      const digit = /\d/.test(char) ? String.fromCodePoint(choices.script + Number(char)) : char === " " ? choices.separator : char;
      out += digit + (choices.gaps[index % choices.gaps.length] ?? "");
    });
    return out;
  }
  const disguises = fc.record({
    gaps: fc.array(fc.oneof(fc.constant(""), invisible), { minLength: 1, maxLength: 6 }),
    script: fc.constantFrom(...digitScripts),
    separator: fc.constantFrom(" ", "  ", "_", "-", "/", ".", " - "),
  });

  it("removes a disguised mobile number, IBAN or BSN wherever it stands (invisible characters, other digits, separators)", () => {
    const personal = fc.constantFrom(
      { value: "06 12 34 56 78", digits: "12345678" },
      { value: "+31 6 87654321", digits: "87654321" },
      { value: "NL91 ABNA 0417 1643 00", digits: "0417" },
      { value: "123 456 782", digits: "123456782" },
    );
    fc.assert(
      fc.property(sentence, personal, disguises, sentence, (before, { value, digits }, choices, after) => {
        const text = `${before} ${disguise(value, choices)} ${after}`;
        const scrubbed = scrub(text).text;
        expect(scrubbed.replace(/\D/g, ""), `${JSON.stringify(text)} → ${scrubbed}`).not.toContain(digits);
        expect(hasInvisibleCharacters(scrubbed.replace(/\n/g, " "))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("removes an e-mail address however the @ and dots are written", () => {
    const at = fc.constantFrom("@", " @ ", "\uFF20", " at ", "(at)", " [at] ", " apenstaartje ", "\uFE6B");
    const dot = fc.constantFrom(".", " dot ", "(punt)", " [dot] ", " punt ", "\uFF0E");
    fc.assert(
      fc.property(sentence, at, dot, invisible, sentence, (before, atSign, dotSign, hidden, after) => {
        const text = `${before} jan.jansen${atSign}voor${hidden}beeld${dotSign}nl ${after}`;
        const scrubbed = scrub(text).text;
        expect(scrubbed, `${JSON.stringify(text)} → ${scrubbed}`).not.toMatch(/voorbeeld/);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no phone number, e-mail address or IBAN behind for a second pass to find", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(sentence, fc.constantFrom("06-12345678", "a@b.nl", "NL91ABNA0417164300", "1234 AB", "<b>x</b>")), { maxLength: 6 }), (parts) => {
        const once = scrub(parts.join(" ")).text;
        const again = detectPersonalData(once).filter((d) => d.kind === "phone" || d.kind === "email" || d.kind === "iban");
        expect(again).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("handles long runs of the characters its patterns look for", () => {
    // Each would take quadratic time in a pattern that backtracks; the form allows 1,000 characters.
    for (const unit of ["a.", "0-", "0 ", "jan ", "Kees Jan ", "http://a/", "ab-", "-a", "a@", "meneer ", "\u202E1", "а", "O6 ", "A. "]) {
      const text = unit.repeat(Math.ceil(20_000 / unit.length));
      expect(typeof scrub(text).text).toBe("string");
    }
  });

  it("handles a very long text without trouble", () => {
    const text = `${"Bel 06-12345678 of mail a@b.nl. ".repeat(1000)}\u202E${"🙂".repeat(5000)}`;
    const result = scrub(text);
    expect(result.counts.phone).toBe(1000);
    expect(result.text).not.toContain("12345678");
  });
});

describe("the content loader", () => {
  const contentDirectory = path.resolve(import.meta.dirname, "..", "..", "content");

  /** Replaces the value at a random place in a JSON tree. */
  function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
    if (choices.length === 0 || value === null || typeof value !== "object") return replacement;
    const [choice, ...rest] = choices as [number, ...number[]];
    if (Array.isArray(value)) {
      if (value.length === 0) return replacement;
      const copy = [...value];
      const index = choice % copy.length;
      copy[index] = mutate(copy[index], rest, replacement);
      return copy;
    }
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[choice % keys.length]!;
    return { ...(value as Record<string, unknown>), [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
  }

  it("loads the shipped content", async () => {
    const files = await readContentFiles(contentDirectory);
    expect(validateHelpContent(files).flows.length).toBeGreaterThan(0);
  });

  it("either accepts a mutated content file or refuses it with a ContentError naming the file — never another error", async () => {
    const files = await readContentFiles(contentDirectory);
    fc.assert(
      fc.property(fc.nat({ max: files.flows.length + files.tips.length - 1 }), fc.array(fc.nat(), { maxLength: 7 }), nastyJson, (index, choices, replacement) => {
        const mutated: ContentFiles = structuredClone(files);
        const list = index < files.flows.length ? mutated.flows : mutated.tips;
        const target = list[index < files.flows.length ? index : index - files.flows.length]!;
        target.data = mutate(target.data, choices, replacement);
        try {
          validateHelpContent(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(ContentError);
          expect((error as ContentError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("text with markup in it is text: rendered escaped, never as markup", async () => {
    const files = await readContentFiles(contentDirectory);
    const mutated: ContentFiles = structuredClone(files);
    // Put the probe into every string of the first flow: content is rendered by React, which escapes it.
    const poison = (value: unknown): unknown =>
      typeof value === "string" ? (/^[a-z0-9-]+$/.test(value) ? value : `${value} ${MARKUP_PROBE}`) : Array.isArray(value) ? value.map(poison) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v)])) : value;
    mutated.flows[0]!.data = poison(mutated.flows[0]!.data);
    let content;
    try {
      content = validateHelpContent(mutated);
    } catch (error) {
      // Refusing it is fine too (e.g. a field that allows no such characters).
      expect(error).toBeInstanceOf(ContentError);
      return;
    }
    const html = renderToStaticMarkup(createElement("p", null, JSON.stringify(content.flows[0])));
    expect(html).not.toContain("<img");
  });
});
