import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import areaFile from "#content/areas/den-haag.json" with { type: "json" };
import { everydayText, obfuscationCorpus, publicPhrases, scrubberCorpus } from "./scrubber-corpus.ts";
import { scrubOptionsFor } from "./scrub-options.ts";
import { normaliseForScrub, type NormalisedText } from "./scrubber-normalise.ts";
import { bsnValid, detectPersonalData, ibanChecksumValid, luhnValid, personalDataKinds, scrub, type Detection, type PersonalDataKind } from "./scrubber.ts";

interface LabelledSentence {
  text: string;
  personal: { kind: PersonalDataKind; value: string; start: number; end: number }[];
  keep: string[];
}

/** Turns "bel {{phone:06-12345678}} of [[0900-8844]]" into text and labels. */
function parseCorpusSentence(line: string): LabelledSentence {
  let text = "";
  const personal: LabelledSentence["personal"] = [];
  const keep: string[] = [];
  const re = /\{\{([a-z]+):([^}]+)\}\}|\[\[([^\]]+)\]\]/g;
  let cursor = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(line)) !== null) {
    text += line.slice(cursor, match.index);
    if (match[1]) {
      const kind = match[1] as PersonalDataKind;
      if (!personalDataKinds.includes(kind)) throw new Error(`unknown kind ${kind} in: ${line}`);
      personal.push({ kind, value: match[2]!, start: text.length, end: text.length + match[2]!.length });
      text += match[2];
    } else {
      keep.push(match[3]!);
      text += match[3];
    }
    cursor = match.index + match[0].length;
  }
  text += line.slice(cursor);
  return { text, personal, keep };
}

const content = await loadHelpContent(path.join(import.meta.dirname, "..", "..", "..", "content"));

const options = scrubOptionsFor(
  content,
  {
    municipalityName: areaFile.municipality.name,
    stadsdeelNames: areaFile.stadsdelen.map((s) => s.name),
    wijkNames: areaFile.stadsdelen.flatMap((s) => s.wijken.map((w) => w.name)),
    // The demo organisations (scripts/seed/demo.ts) and one named in the corpus.
    organisationNames: [
      "Bibliotheek Moerwijk",
      "Voetbalvereniging Laakkwartier",
      "Ondernemersvereniging Scheveningen Haven",
      "Buurthuis Het Schilderspalet",
      "Wijkcentrum Bouwlust",
      "Seniorenvereniging Loosduinen",
    ],
  },
  2026,
);

const corpus = scrubberCorpus.map(parseCorpusSentence);

function standalone(haystack: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(haystack);
}

/** Where the input characters [start, end) ended up in the normalised text. */
function normalisedRange(normalised: NormalisedText, start: number, end: number): number[] {
  const result: number[] = [];
  for (let index = 0; index < normalised.text.length; index++) {
    const from = normalised.origin(index);
    if (from >= start && from < end) result.push(index);
  }
  return result;
}

/** Scrubs a labelled sentence; a label counts as found when detections cover every visible character it became. */
function evaluate(sentence: LabelledSentence): { detections: Detection[]; scrubbed: string; found: boolean[] } {
  const normalised = normaliseForScrub(sentence.text);
  const detections = detectPersonalData(sentence.text, options);
  const scrubbed = scrub(sentence.text, options).text;
  const found = sentence.personal.map((item) => {
    const positions = normalisedRange(normalised, item.start, item.end).filter((i) => !/\s/.test(normalised.text[i]!));
    return positions.length > 0 && positions.every((i) => detections.some((d) => d.start <= i && i < d.end));
  });
  return { detections, scrubbed, found };
}

describe("the scrubber on the labelled corpus", () => {
  it("has at least 200 sentences, personal data of every kind, and sentences with nothing to remove", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const kind of personalDataKinds) {
      expect(corpus.some((s) => s.personal.some((p) => p.kind === kind)), kind).toBe(true);
    }
    expect(corpus.filter((s) => s.personal.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it("finds all personal data (recall 100 % per class) and keeps what matters; prints recall, precision and what was wrongly removed", () => {
    const stats = new Map<PersonalDataKind, { labelled: number; found: number; detected: number; correct: number }>();
    const stat = (kind: PersonalDataKind) => {
      let entry = stats.get(kind);
      if (!entry) stats.set(kind, (entry = { labelled: 0, found: 0, detected: 0, correct: 0 }));
      return entry;
    };
    const missed: string[] = [];
    const wronglyRemoved: string[] = [];
    const lost: string[] = [];
    const leaked: string[] = [];

    for (const sentence of corpus) {
      const { detections, scrubbed, found } = evaluate(sentence);
      sentence.personal.forEach((item, index) => {
        const entry = stat(item.kind);
        entry.labelled++;
        if (found[index]) entry.found++;
        else missed.push(`${item.kind}: "${item.value}" in: ${sentence.text}`);
        for (const form of new Set([item.value, normaliseForScrub(item.value).text])) {
          if (standalone(scrubbed, form)) leaked.push(`${item.kind}: "${form}" → ${scrubbed}`);
        }
      });
      const normalised = normaliseForScrub(sentence.text);
      for (const detection of detections) {
        const entry = stat(detection.kind);
        entry.detected++;
        const labelled = sentence.personal.some((p) => normalisedRange(normalised, p.start, p.end).some((i) => detection.start <= i && i < detection.end));
        if (labelled) entry.correct++;
        else wronglyRemoved.push(`${detection.kind}: "${normalised.text.slice(detection.start, detection.end)}" in: ${normalised.text}`);
      }
      for (const keep of sentence.keep) {
        if (!scrubbed.includes(normaliseForScrub(keep).text)) lost.push(`"${keep}" → ${scrubbed}`);
      }
    }

    const percent = (part: number, whole: number) => (whole === 0 ? "   –  " : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
    const rows = personalDataKinds.map((kind) => {
      const s = stat(kind);
      return `  ${kind.padEnd(11)} ${String(s.labelled).padStart(8)} ${String(s.found).padStart(6)}  ${percent(s.found, s.labelled)} ${String(s.detected).padStart(9)} ${String(s.correct).padStart(8)}  ${percent(s.correct, s.detected)}`;
    });
    const total = [...stats.values()].reduce(
      (sum, s) => ({ labelled: sum.labelled + s.labelled, found: sum.found + s.found, detected: sum.detected + s.detected, correct: sum.correct + s.correct }),
      { labelled: 0, found: 0, detected: 0, correct: 0 },
    );
    const classRows = Object.entries(obfuscationCorpus).map(([name, lines]) => {
      let labelled = 0;
      let found = 0;
      for (const line of lines) {
        const result = evaluate(parseCorpusSentence(line));
        labelled += result.found.length;
        found += result.found.filter(Boolean).length;
      }
      return `  ${name.padEnd(62)} ${String(labelled).padStart(4)} ${String(found).padStart(6)}  ${percent(found, labelled)}`;
    });
    console.log(
      [
        `Scrubber on ${corpus.length} corpus sentences (${corpus.filter((s) => s.personal.length === 0).length} without personal data):`,
        "  class       labelled  found   recall  detected  correct  precision",
        ...rows,
        `  ${"all".padEnd(11)} ${String(total.labelled).padStart(8)} ${String(total.found).padStart(6)}  ${percent(total.found, total.labelled)} ${String(total.detected).padStart(9)} ${String(total.correct).padStart(8)}  ${percent(total.correct, total.detected)}`,
        "",
        "  hidden personal data, by trick                                 labelled  found   recall",
        ...classRows,
        "",
        wronglyRemoved.length ? "  wrongly removed (detections of nothing labelled):" : "  wrongly removed: nothing",
        ...wronglyRemoved.map((line) => `    ${line}`),
      ].join("\n"),
    );

    expect(missed, "personal data the scrubber did not find").toEqual([]);
    expect(leaked, "personal data still in the scrubbed text").toEqual([]);
    expect(lost, "things that matter and were removed").toEqual([]);
    // Precision is reported, and held above a floor so that the preview stays useful.
    expect(total.correct / total.detected).toBeGreaterThanOrEqual(0.95);
  });

  it("has many sentences for every way of hiding personal data", () => {
    for (const [name, lines] of Object.entries(obfuscationCorpus)) {
      expect(lines.length, name).toBeGreaterThanOrEqual(7);
      for (const line of lines) expect(parseCorpusSentence(line).personal.length, line).toBeGreaterThan(0);
    }
  });

  it("leaves scrubbed text as it is (placeholders are not personal data)", () => {
    for (const sentence of corpus) {
      const once = scrub(sentence.text, options).text;
      expect(scrub(once, options).text).toBe(once);
    }
  });
});

describe("the checks behind the patterns", () => {
  it("mod-97 for IBANs, the elfproef for BSNs and Luhn for card numbers", () => {
    expect(ibanChecksumValid("NL91ABNA0417164300")).toBe(true);
    expect(ibanChecksumValid("NL91ABNA0417164301")).toBe(false);
    expect(bsnValid("123456782")).toBe(true);
    expect(bsnValid("123456789")).toBe(false);
    expect(bsnValid("000000000")).toBe(false);
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });

  it("a number that fails its check is left alone without a cue", () => {
    expect(scrub("Er waren 123456789 bezoekers en een product BE12 3456 7890 1234.", options).text).toBe(
      "Er waren 123456789 bezoekers en een product BE12 3456 7890 1234.",
    );
    expect(scrub("Kaart 4111 1111 1111 1112 is ongeldig.", options).text).toBe("Kaart 4111 1111 1111 1112 is ongeldig.");
  });

  it("replaces with labelled placeholders and keeps a link's host", () => {
    expect(scrub("Bel mevrouw Jansen op 06-12345678 of mail jan@example.nl.", options).text).toBe(
      "Bel mevrouw [naam] op [telefoonnummer] of mail [e-mailadres].",
    );
    expect(scrub("Zie https://nep-bank.nl/login?id=abc123 nu.", options).text).toBe("Zie https://nep-bank.nl/[link] nu.");
    expect(scrub("Adres: Kerkstraat 4, 2533 AA Den Haag", options).text).toBe("Adres: [adres] Den Haag");
  });
});

describe("what the scrubber keeps", () => {
  const carriers = [
    (phrase: string) => `${phrase}`,
    (phrase: string) => `Het ging over ${phrase}, zei ze.`,
    (phrase: string) => `${phrase} werd genoemd in het bericht.`,
    (phrase: string) => `Mijn buurvrouw zag ${phrase} op Facebook.`,
    (phrase: string) => `Mijn buurvrouw woont vlak bij ${phrase}.`,
    (phrase: string) => `Meneer zag het op ${phrase} en bij de buren.`,
    (phrase: string) => `bij ${phrase} kregen ze dezelfde sms`,
  ];

  it("keeps every public word and phrase, wherever it stands", () => {
    const lost: string[] = [];
    for (const phrase of publicPhrases) {
      for (const carrier of carriers) {
        const text = carrier(phrase);
        const scrubbed = scrub(text, options).text;
        if (!scrubbed.includes(phrase)) lost.push(`"${phrase}" → ${scrubbed}`);
      }
    }
    expect(lost).toEqual([]);
  });

  it("leaves ordinary text in Dutch, Turkish, Polish, Ukrainian, Arabic, Persian and Greek unchanged, emoji and joiners included", () => {
    for (const text of everydayText) expect(scrub(text, options).text).toBe(text);
  });
});
