import { publicNames } from "./scrubber-lexicon.ts";
import { detectNames, sentenceWords } from "./scrubber-names.ts";
import { normaliseForScrub, type NormalisedText } from "./scrubber-normalise.ts";

// Removes personal data from a signal's free text before it is stored.
// Pure: the server runs it on every submission (the control), the form runs
// the same code in the browser for the instant preview (a courtesy). What
// counts as public — the referral organisations' phone numbers, wijk and
// organisation names — comes in through ScrubOptions. The text is normalised
// first (scrubber-normalise.ts) and the result is the normalised text with
// the personal data replaced: what is stored is what the scrubber read.

export const personalDataKinds = [
  "name",
  "phone",
  "email",
  "iban",
  "bsn",
  "creditcard",
  "address",
  "plate",
  "ip",
  "birthdate",
  "handle",
  "link",
  "number",
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/** What replaces each kind in the stored text. Dutch, like the text itself. */
export const placeholders: Record<PersonalDataKind, string> = {
  name: "[naam]",
  phone: "[telefoonnummer]",
  email: "[e-mailadres]",
  iban: "[IBAN]",
  bsn: "[BSN]",
  creditcard: "[creditcardnummer]",
  address: "[adres]",
  plate: "[kenteken]",
  ip: "[IP-adres]",
  birthdate: "[geboortedatum]",
  handle: "[account]",
  link: "[link]",
  number: "[nummer]",
};

export interface ScrubOptions {
  /** Public phone numbers to keep, digits only ("0887867372"). */
  publicPhoneNumbers?: readonly string[];
  /** Public e-mail addresses to keep (e.g. a referral organisation's). */
  publicEmailAddresses?: readonly string[];
  /** Names that matter and are not personal: wijken, organisations, referral organisations. */
  keepTerms?: readonly string[];
  /** Full dates more than 16 years before this year are read as dates of birth. */
  referenceYear?: number;
}

export interface Detection {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

export interface ScrubResult {
  text: string;
  detections: Detection[];
  counts: Partial<Record<PersonalDataKind, number>>;
}

export function scrub(text: string, options: ScrubOptions = {}): ScrubResult {
  const normalised = normaliseForScrub(text);
  const detections = detectInNormalised(normalised, options);
  const source = normalised.text;
  let output = "";
  let cursor = 0;
  const counts: Partial<Record<PersonalDataKind, number>> = {};
  for (const detection of detections) {
    output += source.slice(cursor, detection.start);
    // A link keeps its host (the phishing domain is what police act on); the
    // path and query, where personal tokens sit, go.
    output += detection.kind === "link" ? `/${placeholders.link}` : placeholders[detection.kind];
    cursor = detection.end;
    counts[detection.kind] = (counts[detection.kind] ?? 0) + 1;
  }
  output += source.slice(cursor);
  return { text: output, detections, counts };
}

/**
 * Every piece of personal data in the text, in order, without overlaps; the
 * offsets are in the normalised text (`normaliseForScrub(text).text`).
 */
export function detectPersonalData(text: string, options: ScrubOptions = {}): Detection[] {
  return detectInNormalised(normaliseForScrub(text), options);
}

function detectInNormalised(normalised: NormalisedText, options: ScrubOptions): Detection[] {
  const context = makeContext(normalised, options);
  // Earlier detectors win overlaps: a link or e-mail address contains digits
  // and names that later detectors would otherwise claim piecemeal.
  const found: Detection[][] = [
    detectLinks(context),
    detectEmails(context),
    detectIbans(context),
    detectCreditCards(context),
    detectCuedBsns(context),
    detectBsns(context),
    detectPhones(context),
    detectIps(context),
    detectBirthdates(context),
    detectPostcodes(context),
    detectStreets(context),
    detectCuedAddresses(context),
    detectPlates(context),
    detectHandles(context),
    detectCuedNumbers(context),
    detectNames({ text: context.text, keepTermAt: (index) => keepTermAt(context, index) }),
  ];
  const accepted: Detection[] = [];
  // Which characters an accepted detection holds: overlaps are checked in linear time.
  const claimed = new Uint8Array(context.text.length);
  for (const list of found) {
    for (const candidate of list) {
      if (candidate.end <= candidate.start) continue;
      if (claimed.subarray(candidate.start, candidate.end).includes(1)) continue;
      claimed.fill(1, candidate.start, candidate.end);
      accepted.push(candidate);
    }
  }
  accepted.sort((a, b) => a.start - b.start);
  return mergeAdjacentAddresses(context.text, accepted);
}

// ---------------------------------------------------------------------------

interface Context {
  /** The normalised text: what is stored, and what names are read from. */
  text: string;
  /** The text with look-alike letters folded to Latin: what most detectors read. */
  view: string;
  /** The view with O/I/l read as digits inside numbers: what number detectors read. */
  digits: string;
  publicPhones: Set<string>;
  publicEmails: Set<string>;
  /** Public terms, lower case, longest first, by their first two characters. */
  keepTerms: Map<string, string[]>;
  referenceYear: number;
}

const keepTermCache = new WeakMap<readonly string[], Map<string, string[]>>();
const noKeepTerms: readonly string[] = [];

/** Public terms by their first two characters, lower case, longest first; built once per list. */
function keepTermIndex(extra: readonly string[]): Map<string, string[]> {
  let index = keepTermCache.get(extra);
  if (index) return index;
  index = new Map();
  const terms = [...publicNames, ...extra]
    .map((term) => normaliseForScrub(term).view.toLowerCase())
    .filter((term) => term.length >= 2)
    // Longest first, so "Den Haag Zuidwest" is matched before "Den Haag".
    .sort((a, b) => b.length - a.length);
  for (const term of new Set(terms)) {
    const key = term.slice(0, 2);
    const list = index.get(key);
    if (list) list.push(term);
    else index.set(key, [term]);
  }
  keepTermCache.set(extra, index);
  return index;
}

function makeContext(normalised: NormalisedText, options: ScrubOptions): Context {
  return {
    text: normalised.text,
    view: normalised.view,
    digits: normalised.digits,
    publicPhones: new Set((options.publicPhoneNumbers ?? []).map((n) => n.replace(/\D/g, ""))),
    publicEmails: new Set((options.publicEmailAddresses ?? []).map((e) => e.toLowerCase())),
    keepTerms: keepTermIndex(options.keepTerms ?? noKeepTerms),
    referenceYear: options.referenceYear ?? new Date().getFullYear(),
  };
}

/**
 * Runs a global regex; `accept` returns the detections for a match, null to
 * look again from the next character, or SKIP to pass over the whole match
 * (something public, such as a referral organisation's number).
 */
const SKIP = Symbol("skip");
function scan(re: RegExp, text: string, accept: (match: RegExpExecArray) => Detection | Detection[] | null | typeof SKIP): Detection[] {
  const result: Detection[] = [];
  re.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const detection = accept(match);
    if (detection === SKIP) {
      re.lastIndex = match.index + Math.max(1, match[0].length);
    } else if (detection) {
      const list = Array.isArray(detection) ? detection : [detection];
      result.push(...list);
      const last = list[list.length - 1];
      re.lastIndex = last && last.end > match.index ? last.end : match.index + 1;
    } else {
      // Retry from the next character: a greedy candidate may have swallowed a real one.
      re.lastIndex = match.index + 1;
    }
  }
  return result;
}

const digitsOf = (value: string) => value.replace(/\D/g, "");

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_]/u.test(char);
}

/** Amounts are kept: "€ 123.456.789", "1250 euro", "€1.250,-". */
function looksLikeAmount(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start);
  const after = text.slice(end, end + 8);
  return /(€|eur|euro)\s*$/i.test(before) || /^\s*(,-|,\d{2}\b|euro\b|eur\b)/i.test(after);
}

// --- links -----------------------------------------------------------------

// Labels are bounded (as in DNS) so that a long run of "a.a.a." is read in linear time.
const URL_RE = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"'“”‘’]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,12}(?=[/?#])[^\s<>"'“”‘’]*/gi;

const shorteners = new Set(["bit.ly", "tinyurl.com", "t.co", "goo.gl", "is.gd", "rb.gy", "cutt.ly", "shorturl.at", "t.ly", "tiny.cc", "ow.ly", "s.id", "tiny.one", "rebrand.ly"]);

function tokenLike(segment: string): boolean {
  const s = decodeURIComponentSafe(segment);
  if (s.length < 6) return false;
  // A slug of words ("aangifte-of-melding-doen") is not a token.
  if (/^[a-z]+(?:[-_][a-z]+)*(?:\.[a-z]{2,5})?$/.test(s)) return false;
  if (/\d/.test(s) && /[a-z]/i.test(s)) return true;
  if (/^\d{6,}$/.test(s)) return true;
  if (s.length >= 12 && /[A-Z]/.test(s) && /[a-z]/.test(s)) return true;
  return s.length >= 20;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const TRAILING_PUNCTUATION = new Set([..."., ;:!?)]}'\"’”"].filter((char) => char !== " "));

function detectLinks({ view: text }: Context): Detection[] {
  if (!/[/?#]|www\./i.test(text)) return [];
  return scan(URL_RE, text, (match) => {
    // Sentence punctuation after a link is not part of it.
    let length = match[0].length;
    while (length > 0 && TRAILING_PUNCTUATION.has(match[0][length - 1]!)) length--;
    const url = match[0].slice(0, length);
    const schemeEnd = /^https?:\/\//i.exec(url)?.[0].length ?? 0;
    const restIndex = url.slice(schemeEnd).search(/[/?#]/);
    // A link that is not personal is passed over whole: what follows in it is part of it.
    if (restIndex === -1) return SKIP;
    const hostEnd = schemeEnd + restIndex;
    const host = url.slice(schemeEnd, hostEnd).toLowerCase().replace(/^www\./, "");
    const rest = url.slice(hostEnd);
    if (rest.replace(/[/?#]/g, "") === "") return SKIP;
    // Already scrubbed: "nep-bank.nl/[link]".
    if (text.startsWith(`/${placeholders.link}`, match.index + hostEnd)) return SKIP;
    const hasQuery = /[?#]./.test(rest);
    const path = rest.split(/[?#]/)[0] ?? "";
    const segments = path.split("/").filter(Boolean);
    const personal = hasQuery || (shorteners.has(host) && segments.length > 0) || segments.some(tokenLike);
    if (!personal) return SKIP;
    return { kind: "link", start: match.index + hostEnd, end: match.index + url.length };
  });
}

// --- e-mail addresses ------------------------------------------------------

// Written plainly ("jan@gmail.com"), with spaces ("jan @ gmail.com"), or
// spelled out to get past filters: "jan at gmail dot com", "jan(at)gmail(punt)com",
// "jan [at] gmail [dot] com", "jan apenstaartje gmail punt com". (A fullwidth
// "＠" is already "@" after normalisation.)
const EMAIL_LOCAL_AT_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:[ \t]?(@)[ \t]?|[ \t]?[(\[{<][ \t]?(?:at|@|apenstaartje)[ \t]?[)\]}>][ \t]?|[ \t]+(?:at|apenstaartje)[ \t]+)/giu;
const EMAIL_LABEL_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?/uy;
const EMAIL_PLAIN_DOT_RE = /\./y;
const EMAIL_SPACED_DOT_RE = /[ \t]?[.,][ \t]?/y;
const EMAIL_SPELLED_DOT_RE = /[ \t]?[(\[{<][ \t]?(?:dot|punt|\.)[ \t]?[)\]}>][ \t]?|[ \t]+(?:dot|punt)[ \t]+/iy;

/** Top-level domains accepted after a spelled-out "at" or "dot", where a word could otherwise pass for one. */
const knownTopLevelDomains = new Set(
  "nl be de eu fr uk es it pt at ch pl ro bg tr ma sr cw aw ua ru com net org info biz nu io co me tv cc us ca au app online shop site store live email xyz top club eu".split(" "),
);

function stickyAt(re: RegExp, text: string, index: number): string | null {
  re.lastIndex = index;
  return re.exec(text)?.[0] ?? null;
}

function detectEmails({ view: text, publicEmails }: Context): Detection[] {
  if (!/@|\bat\b|apenstaartje/i.test(text)) return [];
  return scan(EMAIL_LOCAL_AT_RE, text, (match) => {
    const plainAt = match[1] === "@";
    const local = /^[\p{L}\p{N}._%+-]+/u.exec(match[0])![0];
    const labels: string[] = [];
    let obfuscated = !plainAt || match[0].length !== local.length + 1;
    let position = match.index + match[0].length;
    let best: { end: number; address: string } | null = null;
    for (let count = 0; count < 12; count++) {
      const label = stickyAt(EMAIL_LABEL_RE, text, position);
      if (label === null) break;
      labels.push(label);
      position += label.length;
      const tld = label.toLowerCase();
      if (labels.length >= 2 && /^[a-z]{2,12}$/i.test(label) && (!obfuscated || knownTopLevelDomains.has(tld)) && !isWordChar(text[position])) {
        best = { end: position, address: `${local}@${labels.join(".")}`.toLowerCase() };
      }
      const spelled = stickyAt(EMAIL_SPELLED_DOT_RE, text, position);
      const dot = stickyAt(EMAIL_PLAIN_DOT_RE, text, position) ?? spelled ?? (plainAt ? stickyAt(EMAIL_SPACED_DOT_RE, text, position) : null);
      if (dot === null) break;
      if (dot !== ".") obfuscated = true;
      // "… gmail.com. Nl-alert": after a spaced dot only a lower-case domain continues.
      if (dot !== "." && spelled === null && !/^[a-z]/.test(text.slice(position + dot.length, position + dot.length + 1))) break;
      position += dot.length;
    }
    if (!best) return null;
    if (publicEmails.has(best.address)) return SKIP;
    return { kind: "email", start: match.index, end: best.end };
  });
}

// --- bank accounts ---------------------------------------------------------

/** Length and BBAN shape of the IBANs people here are likely to meet. */
const ibanFormats: Record<string, { length: number; bban: RegExp }> = {
  NL: { length: 18, bban: /^[A-Z]{4}\d{10}$/ },
  BE: { length: 16, bban: /^\d{12}$/ },
  DE: { length: 22, bban: /^\d{18}$/ },
  FR: { length: 27, bban: /^\d{10}[A-Z0-9]{11}\d{2}$/ },
  GB: { length: 22, bban: /^[A-Z]{4}\d{14}$/ },
  IE: { length: 22, bban: /^[A-Z]{4}\d{14}$/ },
  ES: { length: 24, bban: /^\d{20}$/ },
  PT: { length: 25, bban: /^\d{21}$/ },
  IT: { length: 27, bban: /^[A-Z]\d{10}[A-Z0-9]{12}$/ },
  LU: { length: 20, bban: /^\d{3}[A-Z0-9]{13}$/ },
  AT: { length: 20, bban: /^\d{16}$/ },
  CH: { length: 21, bban: /^\d{5}[A-Z0-9]{12}$/ },
  PL: { length: 28, bban: /^\d{24}$/ },
  LT: { length: 20, bban: /^\d{16}$/ },
  LV: { length: 21, bban: /^[A-Z]{4}[A-Z0-9]{13}$/ },
  EE: { length: 20, bban: /^\d{16}$/ },
  RO: { length: 24, bban: /^[A-Z]{4}[A-Z0-9]{16}$/ },
  BG: { length: 22, bban: /^[A-Z]{4}\d{6}[A-Z0-9]{8}$/ },
  TR: { length: 26, bban: /^\d{6}[A-Z0-9]{16}$/ },
  CY: { length: 28, bban: /^\d{8}[A-Z0-9]{16}$/ },
  MT: { length: 31, bban: /^[A-Z]{4}\d{5}[A-Z0-9]{18}$/ },
};

export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// Groups may be split by spaces (also several), dots, dashes, slashes, underscores or commas.
const IBAN_SEPARATOR = /[\s./_,–-]/;
const IBAN_RE = /(?<![\p{L}\p{N}])[a-z]{2}[\s./_,–-]{0,3}\d{2}(?:[\s./_,–-]{0,3}[a-z0-9]){8,32}/giu;

function detectIbans({ digits: text }: Context): Detection[] {
  return scan(IBAN_RE, text, (match) => {
    const country = match[0].slice(0, 2).toUpperCase();
    const format = ibanFormats[country];
    if (!format) return null;
    // Walk the original text until the IBAN's length in characters is reached.
    let compact = "";
    let end = match.index;
    let separators = 0;
    for (let i = match.index; i < text.length && compact.length < format.length; i++) {
      const char = text[i]!;
      if (/[a-z0-9]/i.test(char)) {
        compact += char.toUpperCase();
        separators = 0;
        end = i + 1;
      } else if (IBAN_SEPARATOR.test(char) && ++separators <= 3) {
        continue;
      } else {
        break;
      }
    }
    if (compact.length !== format.length || isWordChar(text[end])) return null;
    if (!/^\d{2}$/.test(compact.slice(2, 4)) || !format.bban.test(compact.slice(4))) return null;
    // A Dutch account number is shaped specifically enough to redact even with
    // a typo in it; elsewhere the mod-97 check keeps product codes apart.
    if (country !== "NL" && !ibanChecksumValid(compact)) return null;
    return { kind: "iban", start: match.index, end };
  });
}

// --- payment cards ---------------------------------------------------------

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const CARD_RE = /(?<![\d.,])\d(?:[ -]?\d){12,18}(?![\d])/g;

function detectCreditCards({ digits: text }: Context): Detection[] {
  return scan(CARD_RE, text, (match) => {
    const digits = digitsOf(match[0]);
    if (!luhnValid(digits) || /^0/.test(digits) || looksLikeAmount(text, match.index, match.index + match[0].length)) return null;
    return { kind: "creditcard", start: match.index, end: match.index + match[0].length };
  });
}

// --- BSN -------------------------------------------------------------------

/** The "elfproef" a burgerservicenummer passes. */
export function bsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

const CUED_BSN_RE = /(?<![\p{L}])(?:bsn|burgerservicenummer|burger\s?service\s?nummer|sofinummer|sofi-nummer)(?:[- ]?(?:nummer|nr\.?))?\s*(?:is|was|van|:)?\s*:?\s*((?:\d[\s._/-]{0,3}){7,8}\d)(?!\d)/giu;

function detectCuedBsns({ digits: text }: Context): Detection[] {
  return scan(CUED_BSN_RE, text, (match) => {
    const number = match[1]!;
    const start = match.index + match[0].length - number.length;
    return { kind: "bsn", start, end: start + number.length };
  });
}

const BSN_RE = /(?<![\d.,€_/-])\d(?:[ ._/-]{0,3}\d){8}(?![\d]|[.,_/-]\d)/g;

function detectBsns({ digits: text }: Context): Detection[] {
  return scan(BSN_RE, text, (match) => {
    const end = match.index + match[0].length;
    if (!bsnValid(digitsOf(match[0])) || looksLikeAmount(text, match.index, end)) return null;
    return { kind: "bsn", start: match.index, end };
  });
}

// --- phone numbers ---------------------------------------------------------

// Between digit groups: a space, or a dash, dot, slash, underscore or comma with optional spaces.
const SEPARATOR = "(?:[ \\t]{0,2}[-–./_,][ \\t]{0,2}|\\s{1,3})";
const INTERNATIONAL_RE = new RegExp(
  `(?<![\\w+])(?:\\+|00)\\s?([1-9]\\d{0,2})(?:\\s?\\(0\\))?((?:${SEPARATOR}?\\(?\\d{1,15}\\)?){1,15})`,
  "g",
);
// Bounded: a number has at most 11 digits, so a long run of digits is read piecewise, in linear time.
const NATIONAL_RE = new RegExp(`(?<![\\w+/-])\\(?0(?:\\)?${SEPARATOR}?\\(?\\d){1,12}`, "g");

/** Digit groups of a matched number, with the index just after each group. */
function groupsOf(match: string, offset: number): { digits: string; end: number }[] {
  const groups: { digits: string; end: number }[] = [];
  const re = /\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(match)) !== null) groups.push({ digits: m[0], end: offset + m.index + m[0].length });
  return groups;
}

function nationalTarget(digits: string): number[] {
  if (/^0(800|900|906|909)/.test(digits)) return [8, 11];
  return [10];
}

function detectPhones({ digits: text, publicPhones }: Context): Detection[] {
  const found: Detection[] = [];
  found.push(
    ...scan(INTERNATIONAL_RE, text, (match) => {
      const country = match[1]!;
      const rest = match[2]!;
      const groups = groupsOf(rest, match.index + match[0].length - rest.length);
      let national = "";
      let end = -1;
      for (const group of groups) {
        national += group.digits;
        const total = country.length + national.length;
        if (country === "31") {
          if (national.length === 9) {
            end = group.end;
            break;
          }
          if (national.length > 9) break;
        } else {
          if (total > 15) break;
          if (total >= 9) end = group.end;
        }
      }
      if (end === -1 || isLetter(text[end])) return null;
      if (country === "31" && publicPhones.has(`0${national.slice(0, 9)}`)) return SKIP;
      return { kind: "phone", start: match.index, end };
    }),
  );
  found.push(
    ...scan(NATIONAL_RE, text, (match) => {
      const groups = groupsOf(match[0], match.index);
      let digits = "";
      for (const group of groups) {
        digits += group.digits;
        const targets = nationalTarget(digits);
        if (targets.includes(digits.length) && !isWordChar(text[group.end])) {
          // "0900-8844 of 0800-7000": a longer target may still follow; prefer the
          // shortest complete number only when the next group would overshoot.
          const longer = Math.max(...targets);
          if (digits.length < longer) {
            const next = groups[groups.indexOf(group) + 1];
            const gap = next ? text.slice(group.end, next.end - next.digits.length) : "";
            if (next && /^(?:[ \t]{0,2}[-–./_,][ \t]{0,2}|\s{1,3})$/.test(gap) && digits.length + next.digits.length <= longer) continue;
          }
          if (publicPhones.has(digits)) return SKIP;
          if (looksLikeAmount(text, match.index, group.end)) return null;
          return { kind: "phone", start: match.index, end: group.end };
        }
        if (digits.length > Math.max(...targets)) return null;
      }
      return null;
    }),
  );
  return found;
}

// --- IP addresses ----------------------------------------------------------

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_RE = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d]|\\.\\d)`, "g");
const IPV6_RE = /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]{0,30})(?![\w:])/gi;

function detectIps({ digits: text }: Context): Detection[] {
  if (!/\d\.\d|[0-9a-f]:[0-9a-f:]/i.test(text)) return [];
  return [
    ...scan(IPV4_RE, text, (match) => ({ kind: "ip", start: match.index, end: match.index + match[0].length })),
    ...scan(IPV6_RE, text, (match) => {
      const value = match[0];
      // Clock times ("10:00:00") are not addresses: require a 3–4 digit hex group or "::".
      if (!/[0-9a-f]{3,4}/i.test(value) && !value.includes("::")) return null;
      if (value.split(":").length < 4 && !value.includes("::")) return null;
      return { kind: "ip", start: match.index, end: match.index + value.length };
    }),
  ];
}

// --- dates of birth --------------------------------------------------------

const MONTH = "(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\\.?";
const FULL_DATE = `(?:\\d{1,2}[-/.]\\d{1,2}[-/.](?:19|20)\\d{2}|\\d{1,2}\\s${MONTH}\\s(?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2})`;
const SHORT_DATE = "\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2}";
const CUED_BIRTH_RE = new RegExp(
  `(?<![\\p{L}])(?:geboren|geb\\.?|geboortedatum|geboortedag|geb\\.?\\s?datum|geboortejaar|verjaardag|jarig)\\s*(?:is|was|op|in|:)?\\s*:?\\s*(${FULL_DATE}|${SHORT_DATE}|\\d{1,2}\\s${MONTH}|(?:19|20)\\d{2})(?![\\d])`,
  "giu",
);
const DATE_RE = new RegExp(`(?<![\\d])${FULL_DATE}(?![\\d])`, "giu");

function detectBirthdates({ view: text, referenceYear }: Context): Detection[] {
  const cued = scan(CUED_BIRTH_RE, text, (match) => {
    const value = match[1]!;
    const start = match.index + match[0].length - value.length;
    return { kind: "birthdate", start, end: start + value.length };
  });
  // A full date long ago is a date of birth, not the date of a scam wave.
  const old = scan(DATE_RE, text, (match) => {
    const year = Number(/(?:19|20)\d{2}/.exec(match[0])?.[0]);
    if (!(year >= 1900 && year <= referenceYear - 16)) return null;
    return { kind: "birthdate", start: match.index, end: match.index + match[0].length };
  });
  return [...cued, ...old];
}

// --- addresses -------------------------------------------------------------

const HOUSE_NUMBER = "\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}])|\\s?-\\s?\\d{1,4}(?![\\d])|\\s(?:hs|bis|I{1,3}|huis|boven|beneden)(?![\\p{L}]))?";
const POSTCODE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])[1-9]\\d{3}(?:\\s?[A-Z]{2}|[a-z]{2})(?![\\p{L}\\p{N}])(?:\\s*,?\\s*(?:nr\\.?|nummer|huisnummer)?\\s*${HOUSE_NUMBER}(?![\\d:.,]\\d))?`,
  "gu",
);

function detectPostcodes({ view: text }: Context): Detection[] {
  return scan(POSTCODE_RE, text, (match) => {
    // "in 2024 de" is a year and a word, not a postcode.
    if (/^\d{4}\s[a-z]/.test(match[0])) return null;
    return { kind: "address", start: match.index, end: match.index + match[0].length };
  });
}

const STREET_SUFFIX =
  "(?:straat|straatje|laan|laantje|weg|plein|pleintje|kade|gracht|singel|dreef|hof|hofje|park|pad|steeg|dijk|markt|plantsoen|boulevard|dam|baan|ring|wal|erf|oord|hoek|werf|haven|passage|promenade|rade|stede|zijde|kant|berg|bos|bosch|duin|allee|lei|gaarde|hoeve|vliet|veste|burg|poort|gang)";
// Words are bounded so that a long run of letters is read in linear time.
const NAME_WORD = "[\\p{Lu}][\\p{L}'’.-]{0,40}";
const STREET_RE = new RegExp(
  [
    // "Laan van Meerdervoort 123", "Plein 1813 2"
    `(?<![\\p{L}])(?:Laan|Plein|Kade|Weg|Straat|Dreef|Singel|Gracht|Markt|Park|Hof)\\s(?:(?:van|der|de|den|het|'t|ter|ten|op|aan|in)\\s){1,3}${NAME_WORD}(?:\\s${NAME_WORD})?\\s(${HOUSE_NUMBER})(?![\\p{L}\\p{N}]|[.,:]\\d)`,
    // "Burgemeester Patijnlaan 12", "Van Alphenstraat 5", "Kerkstraat 3a"
    `(?<![\\p{L}])(?:(?:${NAME_WORD}|van|de|der|den|het|'t|ter|ten)\\s){0,3}[\\p{Lu}][\\p{L}'’-]{0,40}${STREET_SUFFIX}\\s(${HOUSE_NUMBER})(?![\\p{L}\\p{N}]|[.,:]\\d)`,
    // lower-case street names people type on a phone: "kerkstraat 12"
    `(?<![\\p{L}])[\\p{Ll}][\\p{Ll}-]{2,40}(?:straat|laan|plein|gracht|singel|dreef|steeg|kade)\\s(${HOUSE_NUMBER})(?![\\p{L}\\p{N}]|[.,:]\\d)`,
  ].join("|"),
  "gu",
);

/** Words that begin street names ("Van Alphenstraat", "De Savornin Lohmanlaan"). */
const streetParticles = new Set(["van", "de", "der", "den", "het", "'t", "ter", "ten"]);

function detectStreets(context: Context): Detection[] {
  const { view: text } = context;
  return scan(STREET_RE, text, (match) => {
    let start = match.index;
    const value = match[0];
    // Leading capitalised words may be the start of a sentence rather than of
    // the street ("Gisteren Kerkstraat 4"): trim words that are not part of a name.
    const words = value.split(/\s/);
    let skip = 0;
    while (skip < words.length - 2 && sentenceWords.has(words[skip]!.toLowerCase()) && !streetParticles.has(words[skip]!.toLowerCase())) {
      start += words[skip]!.length + 1;
      skip++;
    }
    const name = text.slice(start, match.index + value.length).replace(/\s\d.*$/, "");
    if (isKeepTerm(context, name) || keepTermAt(context, start) !== null) return null;
    return { kind: "address", start, end: match.index + value.length };
  });
}

// A street without a street word ("Mient 104") is recognised after "woont op" and the like.
const CUED_ADDRESS_RE = new RegExp(
  `(?<![\\p{L}])(?:[Ww]oon(?:t|en|de|achtig)|[Aa]dres (?:is|was)|[Aa]dres:|afleveren op|bezorgen op|ophalen op|opgehaald op)\\s+(?:(?:op|aan|in)\\s+)?(?:(?:de|het)\\s+)?((?:${NAME_WORD}\\s){1,3}${HOUSE_NUMBER})(?![\\p{L}\\p{N}]|[.,:]\\d)`,
  "gu",
);

function detectCuedAddresses(context: Context): Detection[] {
  return scan(CUED_ADDRESS_RE, context.view, (match) => {
    const value = match[1]!;
    const start = match.index + match[0].length - value.length;
    if (keepTermAt(context, start) !== null || sentenceWords.has(value.split(/\s/)[0]!.toLowerCase())) return null;
    return { kind: "address", start, end: start + value.length };
  });
}

/** Adjacent address parts ("Kerkstraat 4, 2533 AA") become one [adres]. */
function mergeAdjacentAddresses(text: string, detections: Detection[]): Detection[] {
  const merged: Detection[] = [];
  for (const detection of detections) {
    const previous = merged[merged.length - 1];
    if (previous && previous.kind === "address" && detection.kind === "address" && /^[\s,]*$/.test(text.slice(previous.end, detection.start))) {
      previous.end = detection.end;
    } else {
      merged.push({ ...detection });
    }
  }
  return merged;
}

// --- licence plates --------------------------------------------------------

const sidecodes = [
  /^[A-Z]{2}-\d{2}-\d{2}$/,
  /^\d{2}-\d{2}-[A-Z]{2}$/,
  /^\d{2}-[A-Z]{2}-\d{2}$/,
  /^[A-Z]{2}-\d{2}-[A-Z]{2}$/,
  /^[A-Z]{2}-[A-Z]{2}-\d{2}$/,
  /^\d{2}-[A-Z]{2}-[A-Z]{2}$/,
  /^\d{2}-[A-Z]{3}-\d$/,
  /^\d-[A-Z]{3}-\d{2}$/,
  /^[A-Z]{2}-\d{3}-[A-Z]$/,
  /^[A-Z]-\d{3}-[A-Z]{2}$/,
  /^[A-Z]{3}-\d{2}-[A-Z]$/,
  /^[A-Z]-\d{2}-[A-Z]{3}$/,
  /^\d-[A-Z]{2}-\d{3}$/,
  /^\d{3}-[A-Z]{2}-\d$/,
];

const PLATE_RE = /(?<![\p{L}\p{N}-])([a-z0-9]{1,3})[- ]([a-z0-9]{2,3})[- ]([a-z0-9]{1,3})(?![\p{L}\p{N}]|-[\p{L}\p{N}])/giu;
const CUED_PLATE_RE = /(?<![\p{L}])(?:kenteken|nummerplaat|kentekenplaat)\s*(?:is|was|:|van)?\s*:?\s*([a-z0-9]{6}|[a-z0-9]{1,3}[- ][a-z0-9]{2,3}[- ][a-z0-9]{1,3})(?![\p{L}\p{N}])/giu;

function plateShape(value: string): boolean {
  const upper = value.toUpperCase().replace(/ /g, "-");
  return sidecodes.some((sidecode) => sidecode.test(upper));
}

function detectPlates({ view: text }: Context): Detection[] {
  const cued = scan(CUED_PLATE_RE, text, (match) => {
    const value = match[1]!;
    const compact = value.replace(/[- ]/g, "");
    if (!/\d/.test(compact) || !/[a-z]/i.test(compact)) return null;
    const start = match.index + match[0].length - value.length;
    return { kind: "plate", start, end: start + value.length };
  });
  const plain = scan(PLATE_RE, text, (match) => {
    const value = match[0];
    // Without a cue only the written form counts: hyphens (in capitals or typed in lower case).
    if (value.includes(" ") || !plateShape(value)) return null;
    return { kind: "plate", start: match.index, end: match.index + value.length };
  });
  return [...cued, ...plain];
}

// --- social media handles --------------------------------------------------

const publicHandles = new Set(["politie", "fraudehelpdesk", "gemeentedenhaag", "denhaag", "slachtofferhulp", "helpwanted", "digid", "rijksoverheid", "polderpolitie"]);
const HANDLE_RE = /(?<![\p{L}\p{N}_.@/])@([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)(?![\p{L}\p{N}_@])/giu;
const CUED_HANDLE_RE =
  /(?<![\p{L}])(?:instagram|insta|tiktok|snapchat|snap|facebook|twitter|telegram|discord|threads|youtube|x)(?:[- ]?(?:account|profiel|naam|kanaal))?\s*(?:(?:als|:|genaamd|met de naam|heet|van|onder de naam)\s*)?["'‘“]?([\p{L}\p{N}_.]{3,30})/giu;

function detectHandles({ view: text }: Context): Detection[] {
  const plain = scan(HANDLE_RE, text, (match) => {
    if (publicHandles.has(match[1]!.toLowerCase())) return SKIP;
    return { kind: "handle", start: match.index, end: match.index + match[0].length };
  });
  const cued = scan(CUED_HANDLE_RE, text, (match) => {
    const handle = match[1]!.replace(/[.]+$/, "");
    // A handle has something a plain word lacks: a digit, an underscore or an inner dot.
    if (!/[\d_]|\.\p{L}/u.test(handle) || publicHandles.has(handle.toLowerCase())) return null;
    const start = match.index + match[0].length - match[1]!.length;
    return { kind: "handle", start, end: start + handle.length };
  });
  return [...plain, ...cued];
}

// --- customer, order and case numbers --------------------------------------

const CUED_NUMBER_RE =
  /(?<![\p{L}])(?:klantnummer|klantnr\.?|dossiernummer|dossiernr\.?|ordernummer|bestelnummer|polisnummer|zaaknummer|referentienummer|referentie|kenmerk|pakketnummer|trackingnummer|track(?:[- ]?(?:and|&|en)[- ]?trace)(?:[- ]?code)?|zendingnummer|verificatiecode|inlogcode|sms-code|smscode|pincode|pasnummer|lidnummer|factuurnummer|contractnummer|rekeningnummer|registratienummer|vergunningnummer|paspoortnummer|documentnummer|rijbewijsnummer)\s*(?:is|was|:|nr\.?)?\s*:?\s*([a-z0-9][a-z0-9-]{2,30})/giu;

function detectCuedNumbers({ view: text }: Context): Detection[] {
  return scan(CUED_NUMBER_RE, text, (match) => {
    const value = match[1]!.replace(/-+$/, "");
    if (!/\d/.test(value)) return null;
    const start = match.index + match[0].length - match[1]!.length;
    return { kind: "number", start, end: start + value.length };
  });
}

// --- public terms ----------------------------------------------------------

function isKeepTerm(context: Context, value: string): boolean {
  const lower = value.trim().toLowerCase();
  return context.keepTerms.get(lower.slice(0, 2))?.includes(lower) ?? false;
}

/** The keep term that starts at this index (followed by a word boundary), if any. */
function keepTermAt(context: Context, index: number): string | null {
  if (isWordChar(context.view[index - 1])) return null;
  const candidates = context.keepTerms.get(context.view.slice(index, index + 2).toLowerCase());
  if (!candidates) return null;
  const lower = context.view.slice(index, index + 80).toLowerCase();
  for (const term of candidates) {
    if (lower.startsWith(term) && !isWordChar(lower[term.length])) return term;
  }
  return null;
}
