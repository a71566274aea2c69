import { synonymGroups } from "./synonyms.ts";

// "What happened?" — a forgiving search over a handful of flows and tips in six
// languages. Words are matched without accents or case, as parts of words, and
// through their synonyms. Each query word counts by how rare it is among the
// items, so words that occur almost everywhere ("ik", "mijn", "the") weigh
// little. A hit in the title or the keywords (what the item is called, and
// the words people use for it) counts three times one in the rest of the text:
// a long text mentions many things in passing.

export interface Searchable {
  /** Titles, keywords and labels. */
  strong: readonly string[];
  weak: readonly string[];
}

const STRONG_WEIGHT = 3;

export function normaliseForSearch(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export function searchWords(value: string): string[] {
  return [...new Set(normaliseForSearch(value).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2))];
}

/**
 * A query word matches a word of the text that contains it ("sms" in "sms'je"); a word of five
 * letters or more that it starts with, so that an inflected form finds its stem in the keywords
 * ("шантажують" finds "шантаж", "betaalde" finds "betaal"); or a word of four letters or more
 * that it ends with, so that a Dutch compound finds its last part ("nepmail" finds "mail").
 */
function contains(words: readonly string[], query: string): boolean {
  if (query.length < 3) return words.includes(query);
  return words.some(
    (word) => word.includes(query) || (word.length >= 5 && query.startsWith(word)) || (word.length >= 4 && query.endsWith(word)),
  );
}

const synonymsByWord: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of synonymGroups) {
    const words = [...new Set(group.flatMap((entry) => searchWords(entry)))];
    for (const word of words) map.set(word, [...new Set([...(map.get(word) ?? []), ...words])]);
  }
  return map;
})();

/**
 * The query word as typed (matched forgivingly), or one of its synonyms as a
 * part of a word: matching a synonym by its stem as well would let
 * "betaalpas" find everything about "betalen".
 */
function matches(words: readonly string[], query: string): boolean {
  if (contains(words, query)) return true;
  const synonyms = synonymsByWord.get(query) ?? [];
  return synonyms.some((synonym) => synonym !== query && words.some((word) => word.includes(synonym)));
}

/** The items that match the query, best first; an empty list when nothing matches. */
export function rankByQuery<T>(items: readonly T[], describe: (item: T) => Searchable, query: string): T[] {
  const queryWords = searchWords(query);
  if (queryWords.length === 0) return [];
  const documents = items.map((item) => {
    const { strong, weak } = describe(item);
    return { item, strong: searchWords(strong.join(" ")), weak: searchWords(weak.join(" ")) };
  });
  const weights = queryWords.map((word) => {
    const frequency = documents.filter((doc) => matches(doc.strong, word) || matches(doc.weak, word)).length;
    return frequency === 0 ? 0 : Math.log((documents.length + 1) / frequency);
  });
  return documents
    .map((doc, index) => ({
      item: doc.item,
      index,
      score: queryWords.reduce((sum, word, w) => {
        if (matches(doc.strong, word)) return sum + STRONG_WEIGHT * weights[w]!;
        if (matches(doc.weak, word)) return sum + weights[w]!;
        return sum;
      }, 0),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
