// "What happened?" — a forgiving search over a handful of flows and tips in six
// languages. Words are matched without accents or case, as parts of words. Each query word counts by how rare it is among the
// items, so words that occur almost everywhere ("ik", "mijn", "the") weigh little.

export interface Searchable {
  /** Titles and keywords: a hit here counts double. */
  strong: readonly string[];
  weak: readonly string[];
}

export function normaliseForSearch(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export function searchWords(value: string): string[] {
  return [...new Set(normaliseForSearch(value).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2))];
}

/**
 * A query word matches a word of the text that contains it ("sms" in "sms'je"), or a word of five
 * letters or more that it starts with, so that an inflected form finds its stem in the keywords
 * ("шантажують" finds "шантаж", "betaalde" finds "betaal").
 */
function contains(words: readonly string[], query: string): boolean {
  if (query.length < 3) return words.includes(query);
  return words.some((word) => word.includes(query) || (word.length >= 5 && query.startsWith(word)));
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
    const frequency = documents.filter((doc) => contains(doc.strong, word) || contains(doc.weak, word)).length;
    return frequency === 0 ? 0 : Math.log((documents.length + 1) / frequency);
  });
  return documents
    .map((doc, index) => ({
      item: doc.item,
      index,
      score: queryWords.reduce((sum, word, w) => {
        if (contains(doc.strong, word)) return sum + 2 * weights[w]!;
        if (contains(doc.weak, word)) return sum + weights[w]!;
        return sum;
      }, 0),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
