import type { Detection } from "./scrubber.ts";
import { firstNames, nameKey, wordLikeFirstNames } from "./scrubber-first-names.ts";
import { commonWords, particles, placeEnding, roleOrInstitutionEnding, surnameParticles } from "./scrubber-lexicon.ts";

// Personal names in a signal's free text, found three ways:
// - after a cue ("meneer Jansen", "mijn buurvrouw ans de vries", "hij heet
//   Kevin", "groetjes, Lotte"), also with an age or a dash in between;
// - before a cue ("… zei dat hij Tom Hendriks heette");
// - without a cue, as a first name from the list followed by a surname
//   ("Kees Mulder", "Fatima El Amrani", "ans van dijk").
// A lower-case word counts as a name only where a person's name is expected
// and the word is not ordinary Dutch (scrubber-lexicon.ts).

export interface NameContext {
  text: string;
  /** The public term (organisation, place, brand) that starts at this index, if any. */
  keepTermAt(index: number): string | null;
}

type CueKind = "address" | "relation" | "naming" | "closing";

const cues: Record<CueKind, string[]> = {
  // forms of address: a surname may follow, also in lower case ("mevrouw jansen")
  address: ["meneer", "mevrouw", "mevr\\.?", "mw\\.", "mvr\\.", "dhr\\.?", "de heer", "heer", "juffrouw", "juf", "meester", "dokter", "dr\\.", "mr\\.", "mrs\\.?", "mister", "miss"],
  // relations: "mijn buurvrouw Ans"; in lower case only a known first name
  relation: [
    "buurvrouw", "buurman", "overbuurvrouw", "overbuurman", "buurmeisje", "buurjongen", "zoon", "dochter", "kleinzoon", "kleindochter", "kleinkind", "neef", "nicht", "oom",
    "tante", "broer", "zus", "zuster", "vader", "moeder", "opa", "oma", "man", "vrouw", "echtgenoot", "echtgenote", "partner", "vriend", "vriendin", "vriendje",
    "vriendinnetje", "collega", "kennis", "klant", "cliënt", "client", "bewoner", "bewoonster", "mantelzorger", "schoonzoon", "schoondochter", "schoonmoeder",
    "schoonvader", "stiefzoon", "stiefdochter", "leerling", "cursist", "lid", "vrijwilliger", "vrijwilligster", "eigenaar", "eigenaresse", "huisbaas", "huisgenoot",
    "medewerker", "medewerkster", "contactpersoon", "jongen", "meisje",
  ],
  // naming: whatever follows is what someone is called
  naming: [
    "heet", "heette", "heten", "genaamd", "genoemd", "noemde zich", "noemt zich", "noemde hij zich", "noemde zij zich", "stelde zich voor als", "stelt zich voor als",
    "deed zich voor als", "doet zich voor als", "gaf zich uit voor", "geeft zich uit voor", "zich uitgaf voor", "met de naam", "onder de naam", "naam is", "naam was",
    "naam:", "ene", "een zekere",
  ],
  // addressing and signing a message: "ten name van J. Smit", "groetjes, Lotte", "hoi Marieke"
  closing: [
    "op naam van", "ten name van", "t\\.n\\.v\\.?", "tnv", "ondertekend met", "ondertekend door", "getekend", "groeten van", "groetjes", "groet,", "groeten,", "namens",
    "afzender", "afzender:", "beste", "hoi", "hallo", "lieve", "geachte",
  ],
};

const cueKinds = Object.keys(cues) as CueKind[];
const NAME_CUE_RE = new RegExp(`(?<![\\p{L}])(?:${cueKinds.map((kind) => `(${cues[kind].join("|")})`).join("|")})(?![\\p{L}])`, "giu");

/** Capitalised words that start a sentence or clause, never a name. */
export const sentenceWords = new Set(
  "de het een die dat deze dit hij zij ze wij we ik u jij je jullie toen daarna en maar want dus ook als op in bij met van voor na om er hier daar wie wat waar hoe niet geen nog al zo of tot uit aan over door zonder tegen sinds volgens dan nu later vandaag gisteren morgen eergisteren vanochtend vanmiddag vanavond vannacht gistermiddag gisteravond iemand niemand alle veel sommige meerdere twee drie vier vijf mijn zijn haar hun onze ons uw jouw dezelfde hetzelfde via per welke zelf heeft had is was werd wordt kreeg kregen belde belden stuurde stuurden zegt zei vroeg vroegen".split(
    " ",
  ),
);

const firstNameKeys = new Set(firstNames.map(nameKey));
const wordLike = new Set(wordLikeFirstNames);

function isFirstName(word: string): boolean {
  if (word.length < 2 || word.length > 24) return false;
  const lower = word.toLowerCase();
  if (firstNameKeys.has(lower)) return true;
  // "Anne-Marie", "Jan-Willem"
  if (lower.includes("-")) return lower.split("-").every((part) => firstNameKeys.has(nameKey(part)));
  return !/^[\x00-\x7f]*$/.test(lower) && firstNameKeys.has(nameKey(lower));
}

const CAPITAL = /^\p{Lu}/u;
/** Endings of lower-case nouns ("buurthuis", "vereniging", "organisatie"); capitalised they can be surnames ("Nijhuis"). */
const LOWER_NOUN_ENDING = /.(?:huis|heid|ing|schap|isme|teit|tie|sie|ist)$/u;
const LOWER_WORD = /^\p{Ll}[\p{Ll}\p{M}'’-]*$/u;

function isOrdinary(lower: string): boolean {
  return sentenceWords.has(lower) || commonWords.has(lower) || roleOrInstitutionEnding.test(lower) || placeEnding.test(lower);
}

/** A lower-case word that could be a surname: not ordinary Dutch, not a past tense ("belde", "appte"). */
function couldBeLowerSurname(lower: string, afterParticle: boolean): boolean {
  if (lower.length < 2 || !LOWER_WORD.test(lower) || isOrdinary(lower) || particles.has(lower) || LOWER_NOUN_ENDING.test(lower)) return false;
  return afterParticle || !/^.{2,}(?:de|te|den|ten)$/u.test(lower);
}

/** A capitalised word that could be a surname. */
function couldBeCapitalSurname(word: string): boolean {
  const lower = word.toLowerCase();
  if (!CAPITAL.test(word) || word.length < 2 || sentenceWords.has(lower)) return false;
  // Shouting and acronyms ("Jan KPN") are not surnames; places and roles neither.
  if (word === word.toUpperCase()) return false;
  return !placeEnding.test(lower) && !roleOrInstitutionEnding.test(lower);
}

const NAME_TOKEN_RE = /(?:[\p{Lu}]\.){1,3}|[\p{L}'’][\p{L}\p{M}'’-]*/uy;
const AGE = "(?:van\\s+)?\\d{1,3}\\s?(?:jaar|jr\\.?|j\\.)?(?![\\p{L}\\p{N}])";
/** Between a cue and a name: punctuation, quotes, a dash, an age ("mijn buurvrouw (82), Ans", "een man van 45 – Kees"). */
const GAP_RE = new RegExp(`^(?:[\\s,:;"'‘“()\\-–—]|${AGE})*`, "u");

export function detectNames(context: NameContext): Detection[] {
  return [...detectNamesBeforeCues(context), ...detectNamesAfterCues(context), ...detectFullNames(context)];
}

// "… zei dat hij Tom Hendriks heette": the cue follows the name.
const NAME_BEFORE_CUE_RE = /(?<![\p{L}])(?:hij|zij|ze)\s+([\p{Lu}][\p{L}'’-]{1,40}(?:\s(?:van|de|der|den|ter|ten|[\p{Lu}][\p{L}'’-]{1,40})){0,3})\s+(?:heette|heet|heten|genoemd werd)(?![\p{L}])/gu;

function detectNamesBeforeCues(context: NameContext): Detection[] {
  const result: Detection[] = [];
  for (const match of context.text.matchAll(NAME_BEFORE_CUE_RE)) {
    const name = match[1]!;
    const start = match.index + match[0].indexOf(name);
    if (context.keepTermAt(start) !== null || sentenceWords.has(name.split(" ")[0]!.toLowerCase())) continue;
    result.push({ kind: "name", start, end: start + name.length });
  }
  return result;
}

interface Token {
  start: number;
  end: number;
  /** A particle ("van", "de") belongs to the name only when a name word follows. */
  particle: boolean;
}

function detectNamesAfterCues(context: NameContext): Detection[] {
  const { text } = context;
  const result: Detection[] = [];
  NAME_CUE_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = NAME_CUE_RE.exec(text)) !== null) {
    const kind = cueKinds[match.slice(1).findIndex((group) => group !== undefined)]!;
    let index = match.index + match[0].length;
    const gap = GAP_RE.exec(text.slice(index, index + 40))![0];
    if (gap.length === 0) continue;
    index += gap.length;
    const tokens = nameTokensAt(context, index, kind, /^ $/.test(gap));
    if (tokens.length === 0) continue;
    const detection: Detection = { kind: "name", start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
    result.push(detection);
    NAME_CUE_RE.lastIndex = Math.max(NAME_CUE_RE.lastIndex, detection.end);
  }
  return result;
}

/** The words of a name starting at `position`, after a cue of this kind; empty when none. */
function nameTokensAt(context: NameContext, position: number, kind: CueKind, plainGap: boolean): Token[] {
  const { text } = context;
  const tokens: Token[] = [];
  while (tokens.length < 6) {
    if (context.keepTermAt(position) !== null) break;
    NAME_TOKEN_RE.lastIndex = position;
    const token = NAME_TOKEN_RE.exec(text);
    if (!token) break;
    const word = token[0];
    const lower = word.toLowerCase();
    const particle = particles.has(lower);
    const sawName = tokens.some((t) => !t.particle);
    const previous = tokens[tokens.length - 1];
    const afterParticle = previous?.particle === true;
    // A word that continues as a domain or an address ("heet www.nep.nl") is no name.
    if (/^(?:\.[\p{L}\p{N}]|@|\/)/u.test(text.slice(position + word.length, position + word.length + 2))) break;
    // A title ("Inspecteur Smits") belongs to the name only when a name follows, like a particle.
    const title = CAPITAL.test(word) && roleOrInstitutionEnding.test(lower);
    let accepted = particle || title;
    if (!particle && !title) {
      if (CAPITAL.test(word)) {
        accepted = !sentenceWords.has(lower) && !placeEnding.test(lower);
      } else if (isFirstName(word) && !wordLike.has(nameKey(word)) && !isOrdinary(lower)) {
        accepted = true;
      } else if (
        couldBeLowerSurname(lower, afterParticle) &&
        !(afterParticle && /^(?:het|'t)$/i.test(text.slice(previous!.start, previous!.end))) &&
        // "Mevrouw, geboren op …": without a known first name, a lower-case surname follows the cue directly.
        (sawName || plainGap)
      ) {
        // After a first name or a form of address a surname is expected; after
        // "heet"/"genaamd" any name; a bare article ("namens de …") is no particle.
        const articlesOnly = tokens.length > 0 && tokens.every((t) => t.particle && /^(?:de|het|'t|den)$/i.test(text.slice(t.start, t.end)));
        accepted = sawName || kind === "address" || (kind === "naming" && !articlesOnly);
      }
    }
    if (!accepted) break;
    tokens.push({ start: position, end: position + word.length, particle: particle || title });
    position += word.length;
    // Names continue over a single space or hyphen.
    if (text[position] !== " " && text[position] !== "-") break;
    position += 1;
  }
  while (tokens.length && tokens[tokens.length - 1]!.particle) tokens.pop();
  return tokens;
}

// --- full names without a cue ------------------------------------------------

const WORD_RE = /[\p{L}][\p{L}\p{M}'’]*(?:-[\p{L}][\p{L}\p{M}'’]*)*/gu;

interface Word {
  start: number;
  end: number;
  value: string;
}

const INITIALS_RE = /(?:\p{Lu}\.[ ]?){1,3}/uy;
const AGE_AFTER_NAME_RE = / \(\d{1,3}(?: jaar| jr\.?)?\)/uy;

function detectFullNames(context: NameContext): Detection[] {
  const { text } = context;
  const words: Word[] = [];
  WORD_RE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD_RE.exec(text)) !== null) words.push({ start: match.index, end: match.index + match[0].length, value: match[0] });
  const joined = (a: Word, b: Word) => b.start === a.end + 1 && text[a.end] === " ";
  const result: Detection[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!;
    const capital = CAPITAL.test(first.value);
    let last = i;
    let partEnd = first.end;
    let initials = false;
    if (capital && first.value.length === 1 && text[first.end] === "." && !/[\p{L}\p{N}.]/u.test(text[first.start - 1] ?? "")) {
      // "J. de Vries", "J.W. Jansen": initials, then a capitalised surname.
      INITIALS_RE.lastIndex = first.start;
      const run = INITIALS_RE.exec(text)![0];
      if (!run.endsWith(" ")) continue;
      partEnd = first.start + run.length - 1;
      while (last + 1 < words.length && words[last + 1]!.start < partEnd) last++;
      initials = true;
    } else {
      if (!isFirstName(first.value)) continue;
      if (!capital && (wordLike.has(nameKey(first.value)) || isOrdinary(first.value))) continue;
      if (context.keepTermAt(first.start) !== null) continue;
      // More first names ("Jan Willem", "Anne Marie"), written the same way; at most three.
      while (
        last < i + 2 &&
        last + 1 < words.length &&
        joined(words[last]!, words[last + 1]!) &&
        isFirstName(words[last + 1]!.value) &&
        CAPITAL.test(words[last + 1]!.value) === capital &&
        context.keepTermAt(words[last + 1]!.start) === null
      ) last++;
      partEnd = words[last]!.end;
    }
    // "Henk (79) de Boer": an age between first name and surname.
    AGE_AFTER_NAME_RE.lastIndex = partEnd;
    const age = initials ? null : AGE_AFTER_NAME_RE.exec(text);
    const gapEnd = partEnd + (age?.[0].length ?? 0);
    const follows = (k: number) => k + 1 < words.length && (k === last ? words[k + 1]!.start === gapEnd + 1 && text[gapEnd] === " " : joined(words[k]!, words[k + 1]!));
    let k = last;
    let particleCount = 0;
    while (follows(k) && surnameParticles.has(words[k + 1]!.value.toLowerCase()) && context.keepTermAt(words[k + 1]!.start) === null) {
      k++;
      particleCount++;
    }
    let end: number | null = null;
    const surname = follows(k) ? words[k + 1]! : undefined;
    if (surname && context.keepTermAt(surname.start) === null) {
      const lowerAllowed = particleCount > 0 && !initials && couldBeLowerSurname(surname.value.toLowerCase(), true);
      if (couldBeCapitalSurname(surname.value) || lowerAllowed) {
        end = surname.end;
        // A second surname word ("Garcia Lopez").
        const second = words[k + 2];
        if (
          capital &&
          CAPITAL.test(surname.value) &&
          second &&
          joined(surname, second) &&
          couldBeCapitalSurname(second.value) &&
          !isFirstName(second.value) &&
          context.keepTermAt(second.start) === null
        ) end = second.end;
      }
    }
    // Two first names and no surname ("Jan Willem belde"), or a first name with an age ("Henk (79) belde").
    if (end === null && !initials && (last > i || age) && capital && particleCount === 0) end = partEnd;
    if (end === null) continue;
    if (age && end > gapEnd) {
      // The age stays: it is what the signal is about, the name is not.
      result.push({ kind: "name", start: first.start, end: partEnd }, { kind: "name", start: words[last + 1]!.start, end });
    } else {
      result.push({ kind: "name", start: first.start, end });
    }
    while (i + 1 < words.length && words[i + 1]!.start < end) i++;
  }
  return result;
}
