// Characters that change how text looks or reads without being seen: direction
// controls (a right-to-left override shows "gnp.exe" as "exe.png"), zero-width
// spaces and joiners, soft hyphens, tag characters (which can carry whole
// words unseen), fillers. One rule for the whole app: name fields refuse them,
// public pages strip them on output, and the signal scrubber strips them
// before it looks for personal data. Pure, so the browser runs it too.

/** Bidirectional controls: embeddings, overrides, isolates and the marks. */
const DIRECTION_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Always invisible: every format character (Cf: soft hyphen, zero-width space,
 * word joiner, BOM, tags, interlinear annotation, the controls above …), other
 * control characters (Cc, line and paragraph separators), the combining
 * grapheme joiner, Hangul and Khmer fillers, Mongolian variation selectors and
 * the blank braille pattern. The zero-width joiner and non-joiner are Cf too
 * but are judged by their neighbours (see isInvisibleAt).
 */
const ALWAYS_INVISIBLE = /[\p{Cf}\p{Cc}\u2028\u2029\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFFA0]/u;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/**
 * Scripts whose spelling needs the joiners: Persian writes "می‌خواهم" with a
 * zero-width non-joiner, Indic scripts choose conjunct forms with them.
 */
const JOINING_LETTER =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Thaana}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Emoji sequences ("👩‍💻", "❤️") join with ZWJ and choose their look with variation selectors. */
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
const HAN = /\p{Script=Han}/u;
const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

function joinsLetters(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_MARK.test(char) && JOINING_LETTER.test(char);
}

function isPictograph(char: string | undefined): boolean {
  return char !== undefined && (PICTOGRAPH.test(char) || char === "\uFE0F");
}

/**
 * Whether `char` is invisible where it stands, given the visible characters
 * around it. Joiners are kept between letters of scripts that need them and
 * inside emoji sequences; variation selectors after an emoji or a Han
 * character. Everything else on the lists above is invisible anywhere.
 */
export function isInvisibleCharacter(char: string, previous: string | undefined, next: string | undefined): boolean {
  const code = char.codePointAt(0)!;
  // Fast path: printable ASCII is never invisible.
  if (code >= 0x20 && code < 0x7f) return false;
  if (code === ZWNJ) return !(joinsLetters(previous) && joinsLetters(next));
  if (code === ZWJ) return !((joinsLetters(previous) && joinsLetters(next)) || (isPictograph(previous) && isPictograph(next)));
  if (VARIATION_SELECTOR.test(char)) return !(previous !== undefined && (PICTOGRAPH.test(previous) || HAN.test(previous)));
  if (char === "\n" || char === "\t" || char === "\r") return false;
  return ALWAYS_INVISIBLE.test(char);
}

/** Whether the character is a direction control (always invisible too). */
export function isDirectionControl(char: string): boolean {
  return DIRECTION_CONTROL.test(char);
}

/** Whether the text holds a direction control anywhere. */
export function hasDirectionControl(text: string): boolean {
  return DIRECTION_CONTROL.test(text);
}

/** Characters that are invisible everywhere or depending on their neighbours; the rest is plainly visible. */
export function mayBeInvisible(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return false;
  return code === ZWNJ || code === ZWJ || VARIATION_SELECTOR.test(char) || ALWAYS_INVISIBLE.test(char);
}

/**
 * The offsets of the invisible characters of a text, judged in context: a
 * joiner's neighbours are the nearest plainly visible characters on either side.
 */
function invisibleOffsets(text: string, { allowLineBreaks }: { allowLineBreaks: boolean }): Set<number> {
  const chars = Array.from(text);
  const plain = chars.map((char) => !mayBeInvisible(char));
  const nextPlain: (string | undefined)[] = new Array(chars.length);
  let upcoming: string | undefined;
  for (let i = chars.length - 1; i >= 0; i--) {
    nextPlain[i] = upcoming;
    if (plain[i]) upcoming = chars[i];
  }
  const offsets = new Set<number>();
  let offset = 0;
  let previousPlain: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const lineBreak = char === "\n" || char === "\r" || char === "\t";
    if (lineBreak ? !allowLineBreaks : !plain[i] && isInvisibleCharacter(char, previousPlain, nextPlain[i])) offsets.add(offset);
    if (plain[i]) previousPlain = char;
    offset += char.length;
  }
  return offsets;
}

/**
 * Whether a single-line field (a name) holds anything invisible: direction
 * controls, zero-width or formatting characters, control characters, line breaks.
 */
export function hasInvisibleCharacters(text: string): boolean {
  // Fast path for the usual case.
  if (/^[\x20-\x7e]*$/.test(text)) return false;
  return invisibleOffsets(text, { allowLineBreaks: false }).size > 0;
}

/**
 * The text without its invisible characters — for showing what was stored
 * before the rule existed. Line breaks and tabs stay unless `singleLine`.
 */
export function stripInvisibleCharacters(text: string, { singleLine = false }: { singleLine?: boolean } = {}): string {
  const drop = invisibleOffsets(text, { allowLineBreaks: !singleLine });
  if (drop.size === 0) return text;
  let result = "";
  let offset = 0;
  for (const char of text) {
    if (!drop.has(offset)) result += char;
    offset += char.length;
  }
  return result;
}
