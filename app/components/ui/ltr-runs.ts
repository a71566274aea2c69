// Finds the parts of a sentence that are read left to right in every
// language — phone numbers, addresses on the web, e-mail addresses, dates,
// times, amounts, postcodes — so that an Arabic page can isolate them. Without
// that, the Unicode bidirectional algorithm turns "0900-8844" after Arabic
// letters into "8844-0900", and a resident dials the wrong number.

export type TextRun =
  | { kind: "text"; text: string }
  /** A number a person can call; `tel` is what a tel: link dials. */
  | { kind: "phone"; text: string; tel: string }
  /** Anything else that must stay left to right. */
  | { kind: "ltr"; text: string };

const URL_PATTERN = String.raw`https?://[^\s<>"]+|\bwww\.[^\s<>"]+|\b[a-zA-Z0-9][a-zA-Z0-9-]*(?:\.[a-zA-Z0-9-]+)*\.(?:nl|com|org|net|eu|info|be)\b(?:/[^\s<>"]*)?`;
const EMAIL_PATTERN = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
// Dutch numbers as people write them: "088-786 73 72", "0800-0113", "+31 70 353 30 00",
// the municipal "14 070", and the short numbers 112 (emergency) and 113 (suicide prevention).
// One hyphen at most, after the area code: "01-12-2026" is a date.
const PHONE_PATTERN = String.raw`\+\d{1,3}(?: ?\d){6,13}\b|\b0\d{1,3}[- ]?\d(?: ?\d){3,8}\b|\b14 ?0\d{2,3}\b|\b11[23]\b`;
const POSTCODE_PATTERN = String.raw`\b\d{4} ?[A-Z]{2}\b`;
// Amounts, dates, times and other numbers with separators: "€ 1.250,50", "21-12-2026", "9.00", "17:30".
const NUMBER_PATTERN = String.raw`€ ?\d[\d.,]*\d|€ ?\d|\d+(?:[.:/,-]\d+)+`;

const RUNS = new RegExp(
  `(?<email>${EMAIL_PATTERN})|(?<url>${URL_PATTERN})|(?<phone>${PHONE_PATTERN})|(?<postcode>${POSTCODE_PATTERN})|(?<number>${NUMBER_PATTERN})`,
  "gu",
);

/** Sentence punctuation after an address is not part of it. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]»”’'"]+$/u;

function phoneDigits(text: string): string {
  return text.replace(/[^\d+]/g, "");
}

function isPhoneNumber(text: string): boolean {
  const digits = text.replace(/\D/g, "");
  if (text.startsWith("+")) return digits.length >= 8 && digits.length <= 15;
  if (text.startsWith("0")) return digits.length >= 8 && digits.length <= 11;
  return true; // 112, 113, 14 0xx
}

/** Whether the whole text is one phone number a person can call (surrounding spaces aside). */
export function isCallableNumber(text: string): boolean {
  const runs = splitLtrRuns(text.trim());
  return runs.length === 1 && runs[0]!.kind === "phone";
}

export function splitLtrRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let plain = "";
  let index = 0;
  const flush = () => {
    if (plain) runs.push({ kind: "text", text: plain });
    plain = "";
  };
  for (const match of text.matchAll(RUNS)) {
    const groups = match.groups!;
    let found = match[0];
    if (groups.url) found = found.replace(TRAILING_PUNCTUATION, "");
    if (groups.phone && !isPhoneNumber(found)) continue;
    plain += text.slice(index, match.index);
    flush();
    runs.push(groups.phone ? { kind: "phone", text: found, tel: phoneDigits(found) } : { kind: "ltr", text: found });
    index = match.index + found.length;
  }
  plain += text.slice(index);
  flush();
  return runs;
}
