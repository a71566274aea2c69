import { hasDirectionControl, isDirectionControl, isInvisibleCharacter, mayBeInvisible } from "#app/text/invisible-characters.ts";

// What the scrubber does to a text before it looks for personal data, so that
// a number or an address cannot be hidden from the patterns by how it is
// written: a zero-width space inside a phone number, digits in another script,
// a Cyrillic "а" in an IBAN or in "mevrouw", a right-to-left override that
// shows "87654321-60" as "06-12345678". The normalised text is what is stored
// (after scrubbing) and what the preview shows, so nobody reads anything the
// scrubber did not read. Pure and dependency-light: it runs in the browser too.
//
// Three strings of equal length come out:
// - text: NFKC, invisible characters and direction controls gone (an
//   override's span put in the order it was shown), every decimal digit as
//   ASCII, whitespace as plain spaces, and look-alike letters folded to Latin
//   inside Latin words only ("Rаbobank" with a Cyrillic а). A Ukrainian or
//   Greek word stays as it is.
// - view: text with every look-alike letter folded to Latin — what the
//   detectors read, never shown.
// - digits: view with O/o read as 0 and I/l as 1 inside numbers — what the
//   number detectors read.

export interface NormalisedText {
  text: string;
  view: string;
  digits: string;
  /** For a UTF-16 index of `text`, the index of the input character it came from. */
  origin(index: number): number;
}

const RLO = "\u202E";
const PDF = "\u202C";

/** Latin look-alikes of Cyrillic, Greek and Armenian letters (each one UTF-16 unit, so lengths hold). */
const lookAlikes: Record<string, string> = {
  // Cyrillic
  А: "A", В: "B", С: "C", Е: "E", Н: "H", І: "I", Ј: "J", К: "K", М: "M", О: "O", Р: "P", Ѕ: "S", Т: "T", Х: "X", У: "Y", Ү: "Y", Ԛ: "Q", Ԝ: "W", Ӏ: "I",
  а: "a", с: "c", е: "e", һ: "h", і: "i", ј: "j", к: "k", о: "o", р: "p", ѕ: "s", х: "x", у: "y", ү: "y", ԁ: "d", ԛ: "q", ԝ: "w", ѵ: "v", ӏ: "l", ё: "ë", ї: "ï",
  // Greek
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  ο: "o", ν: "v", α: "a", ι: "i", κ: "k", ρ: "p", υ: "u", χ: "x", ϲ: "c", ϳ: "j", Ϲ: "C",
  // Armenian
  օ: "o", Օ: "O", ս: "u", Ս: "U", ո: "n", հ: "h", զ: "q", ց: "g",
  // Latin letters that read as other Latin letters
  ı: "i", ȷ: "j", ɑ: "a", ɡ: "g", ʏ: "y",
};

const LATIN_LETTER = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{M}\p{N}]/u;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE_SEPARATOR = /\p{Zs}/u;
/** Lines through or under a character ("0̶6̶"): never part of how a word is spelled. */
const OVERLAY_MARK = /[\u0332-\u0338\u20D2-\u20D6\u20E5-\u20EA]/u;

const digitCache = new Map<number, string>();

/** The ASCII digit of any Unicode decimal digit; Nd digits come in runs of ten from zero. */
function asciiDigit(code: number): string {
  let digit = digitCache.get(code);
  if (digit === undefined) {
    let start = code;
    while (start > 0 && code - start < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    digit = String((code - start) % 10);
    digitCache.set(code, digit);
  }
  return digit;
}

interface Unit {
  char: string;
  origin: number;
}

const ASCII_ONLY = /^[\x20-\x7e\n\t]*$/;

export function normaliseForScrub(input: string): NormalisedText {
  if (ASCII_ONLY.test(input)) return asciiOnly(input);
  const units = hasDirectionControl(input) ? displayOrder(input) : codePoints(input);
  const { text: full, origin: fullOrigin } = normaliseUnits(units);
  let start = 0;
  let end = full.length;
  while (start < end && /\s/.test(full[start]!)) start++;
  while (end > start && /\s/.test(full[end - 1]!)) end--;
  const text = foldMixedWords(full.slice(start, end));
  const view = foldAll(text);
  return { text, view, digits: readDigits(view), origin: (index) => fullOrigin[start + index] ?? -1 };
}

function asciiOnly(input: string): NormalisedText {
  const start = input.length - input.trimStart().length;
  const text = input.trim();
  return { text, view: text, digits: readDigits(text), origin: (index) => start + index };
}

function codePoints(input: string): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < input.length; ) {
    const code = input.codePointAt(i)!;
    const char = code > 0xffff ? String.fromCodePoint(code) : input[i]!;
    units.push({ char, origin: i });
    i += char.length;
  }
  return units;
}

/**
 * The characters in the order they were shown: a right-to-left override's
 * span (up to its pop or the end of the line) is reversed, except that runs of
 * right-to-left letters keep their order (they read the same with or without
 * the override). Other direction controls are dropped.
 */
function displayOrder(input: string): Unit[] {
  const chars = codePoints(input);
  const result: Unit[] = [];
  for (let i = 0; i < chars.length; ) {
    const { char } = chars[i]!;
    if (char === RLO) {
      let j = i + 1;
      while (j < chars.length && chars[j]!.char !== PDF && chars[j]!.char !== "\n" && chars[j]!.char !== "\r" && chars[j]!.char !== "\u2029") j++;
      result.push(...reversedForDisplay(chars.slice(i + 1, j).filter((unit) => !isDirectionControl(unit.char))));
      i = j < chars.length && chars[j]!.char === PDF ? j + 1 : j;
    } else {
      if (!isDirectionControl(char)) result.push(chars[i]!);
      i++;
    }
  }
  return result;
}

function reversedForDisplay(units: Unit[]): Unit[] {
  // Clusters: a base character with its combining marks, which stay after it.
  const clusters: Unit[][] = [];
  for (const unit of units) {
    const last = clusters[clusters.length - 1];
    if (last && MARK.test(unit.char)) last.push(unit);
    else clusters.push([unit]);
  }
  clusters.reverse();
  const rtl = (cluster: Unit[]) => RTL_LETTER.test(cluster[0]!.char);
  const neutral = (cluster: Unit[]) => !LETTER_OR_NUMBER.test(cluster[0]!.char);
  for (let i = 0; i < clusters.length; i++) {
    if (!rtl(clusters[i]!)) continue;
    let j = i;
    let lastRtl = i;
    while (j + 1 < clusters.length && (rtl(clusters[j + 1]!) || neutral(clusters[j + 1]!))) {
      j++;
      if (rtl(clusters[j]!)) lastRtl = j;
    }
    const run = clusters.slice(i, lastRtl + 1).reverse();
    clusters.splice(i, run.length, ...run);
    i = lastRtl;
  }
  return clusters.flat();
}

const isPlainAscii = (char: string) => char.length === 1 && char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) < 0x7f;

/**
 * NFKC per cluster (a base character and its combining marks, so each output
 * character knows where it came from); then every decimal digit as ASCII,
 * spaces as " ", line separators as "\n"; invisible characters, and marks on
 * digits ("0̶6̶", keycaps "0️⃣"), go.
 */
function normaliseUnits(units: Unit[]): { text: string; origin: number[] } {
  // A joiner's neighbours are the nearest plainly visible characters.
  const nextVisible: (string | undefined)[] = new Array(units.length);
  let upcoming: string | undefined;
  for (let i = units.length - 1; i >= 0; i--) {
    nextVisible[i] = upcoming;
    const char = units[i]!.char;
    if (isPlainAscii(char) || !mayBeInvisible(char)) upcoming = char;
  }
  let text = "";
  const origin: number[] = [];
  let previous: string | undefined;
  const emit = (char: string, from: number) => {
    text += char;
    origin.push(from);
    if (char.length === 2) origin.push(from);
    if (!MARK.test(char)) previous = char;
  };
  for (let i = 0; i < units.length; ) {
    const base = units[i]!;
    const markFollows = i + 1 < units.length && !isPlainAscii(units[i + 1]!.char) && MARK.test(units[i + 1]!.char);
    if (isPlainAscii(base.char) && !markFollows) {
      text += base.char;
      origin.push(base.origin);
      previous = base.char;
      i++;
      continue;
    }
    let cluster = base.char;
    const clusterStart = i;
    i++;
    while (i < units.length && !isPlainAscii(units[i]!.char) && MARK.test(units[i]!.char)) cluster += units[i++]!.char;
    const normalised = cluster.length === 1 && cluster.charCodeAt(0) < 0x80 ? cluster : cluster.normalize("NFKC");
    for (const char of normalised) {
      if (isPlainAscii(char)) {
        emit(char, base.origin);
        continue;
      }
      if (char === "\r") {
        if (units[i]?.char !== "\n") emit("\n", base.origin);
      } else if (char === "\u2028" || char === "\u2029" || char === "\u0085" || char === "\n" || char === "\t") {
        emit(char === "\t" ? "\t" : "\n", base.origin);
      } else if (DECIMAL_DIGIT.test(char)) {
        emit(asciiDigit(char.codePointAt(0)!), base.origin);
      } else if (SPACE_SEPARATOR.test(char)) {
        emit(" ", base.origin);
      } else if (mayBeInvisible(char) && isInvisibleCharacter(char, previous, nextVisible[i - 1] ?? nextVisible[clusterStart])) {
        continue;
      } else if (MARK.test(char) && (OVERLAY_MARK.test(char) || (previous !== undefined && /[0-9@.]/.test(previous)))) {
        continue;
      } else {
        emit(char, base.origin);
      }
    }
  }
  return { text, origin };
}

const LOOK_ALIKE_RE = new RegExp(`[${Object.keys(lookAlikes).join("")}]`, "gu");

/**
 * Folds look-alike letters inside words that also hold Latin letters
 * ("mеvrouw", "NL91АBNA"), except in what looks like a domain or an e-mail
 * address, where the mixed script is the evidence of a look-alike domain.
 */
function foldMixedWords(text: string): string {
  LOOK_ALIKE_RE.lastIndex = 0;
  if (!LOOK_ALIKE_RE.test(text)) return text;
  LOOK_ALIKE_RE.lastIndex = 0;
  let result = "";
  let cursor = 0;
  let match: RegExpExecArray | null;
  while ((match = LOOK_ALIKE_RE.exec(text)) !== null) {
    if (match.index < cursor || LATIN_LETTER.test(match[0])) continue;
    // The word around this letter.
    let start = match.index;
    while (start > 0 && LETTER_OR_NUMBER.test(text[start - 1]!)) start--;
    let end = match.index + 1;
    while (end < text.length && LETTER_OR_NUMBER.test(text[end]!)) end++;
    const word = text.slice(start, end);
    LOOK_ALIKE_RE.lastIndex = end;
    if (!/\p{Script=Latin}/u.test(word)) continue;
    const before = text[start - 1];
    const after = text.slice(end, end + 2);
    if (before === "." || before === "@" || before === "/" || /^(?:[@/]|\.[\p{L}\p{N}])/u.test(after)) continue;
    result += text.slice(cursor, start);
    for (const char of word) result += LATIN_LETTER.test(char) ? char : (lookAlikes[char] ?? char);
    cursor = end;
  }
  return cursor === 0 ? text : result + text.slice(cursor);
}

function foldAll(text: string): string {
  LOOK_ALIKE_RE.lastIndex = 0;
  if (!LOOK_ALIKE_RE.test(text)) return text;
  let result = "";
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const folded = char.charCodeAt(0) < 0x80 ? undefined : lookAlikes[char];
    if (folded !== undefined) changed = true;
    result += folded ?? char;
  }
  return changed ? result : text;
}

const NUMBER_WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * Reads O/o as 0 and I/l as 1 where they stand for digits: in a word of only
 * those letters and digits that has a digit ("O6", "l2345678"), and in a word
 * of only O's next to such a word ("06 OO 12").
 */
const MAY_HIDE_DIGITS = /\d[OoIl]|[OoIl]\d|(?<![\p{L}\p{N}])[Oo]+(?![\p{L}\p{N}])/u;

function readDigits(view: string): string {
  if (!MAY_HIDE_DIGITS.test(view) || !/\d/.test(view)) return view;
  const words: { start: number; end: number; kind: "number" | "zeros" | "other" }[] = [];
  NUMBER_WORD_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = NUMBER_WORD_RE.exec(view)) !== null) {
    const word = match[0];
    const kind = /^[0-9OoIl]+$/.test(word) && /\d/.test(word) ? "number" : /^[Oo]+$/.test(word) ? "zeros" : "other";
    words.push({ start: match.index, end: match.index + word.length, kind });
  }
  const adjacent = (a: { end: number }, b: { start: number }) => /^[\s\-–._,/()]{1,2}$/.test(view.slice(a.end, b.start));
  const read = words.map((word) => word.kind === "number");
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < words.length; k++) {
      if (read[k] || words[k]!.kind !== "zeros") continue;
      const left = k > 0 && read[k - 1] && adjacent(words[k - 1]!, words[k]!);
      const right = k + 1 < words.length && read[k + 1] && adjacent(words[k]!, words[k + 1]!);
      if (left || right) read[k] = true;
    }
  }
  if (!read.some(Boolean)) return view;
  const chars = view.split("");
  words.forEach((word, k) => {
    if (!read[k]) return;
    for (let i = word.start; i < word.end; i++) {
      const char = chars[i]!;
      if (char === "O" || char === "o") chars[i] = "0";
      else if (char === "I" || char === "l") chars[i] = "1";
    }
  });
  return chars.join("");
}
