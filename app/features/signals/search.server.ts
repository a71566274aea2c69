import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { isPostgres } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";
import type { Kysely, Transaction } from "kysely";
import type { Phenomenon } from "#app/features/content/schemas.ts";

// Searching signals: one interface over SQLite's FTS5 and PostgreSQL's full-text
// search (db/migrations/0220, docs/decisions/0212). A query is split into words;
// every word must be found, each either as the start of a word in the scrubbed
// free text (the database's full-text index) or in the name of a structured
// field — phenomenon (any language), wijk, stadsdeel, organisation — which the
// app turns into ids before asking the database. Words are letters and digits
// only, so neither dialect's query syntax can be reached from the search box.

export const SEARCH_MAX_TERMS = 8;
export const SEARCH_MAX_LENGTH = 200;
/** Shorter words are left out: a one-letter prefix matches nearly everything. */
export const SEARCH_MIN_TERM_LENGTH = 2;
/** A structured name is matched from three letters on ("de" would find half the wijken). */
export const NAME_MIN_TERM_LENGTH = 3;

/** Lower case, without diacritics: "Café" and "cafe" are one word. */
export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The words of a search query in lower case, without repeats, at most
 * SEARCH_MAX_TERMS, of two characters or more. Diacritics stay: SQLite's index ignores them, PostgreSQL's
 * 'simple' configuration does not (decision 0212).
 */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const words = query.normalize("NFC").slice(0, SEARCH_MAX_LENGTH).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= SEARCH_MIN_TERM_LENGTH).map((w) => w.toLowerCase());
  return [...new Set(words)].slice(0, SEARCH_MAX_TERMS);
}

/** Whether one of the name's words starts with the term, both folded ("moer" finds "Moerwijk", "wijk" does not). */
export function nameHasWordStarting(name: string, term: string): boolean {
  const folded = foldWord(term);
  return name.split(/[^\p{L}\p{N}]+/u).some((word) => word && foldWord(word).startsWith(folded));
}

/** The structured names a term can mean, as the ids the signals table stores. */
export interface StructuredNames {
  /** The phenomena of services.content, retired ones too: old signals name them. */
  phenomena: readonly Phenomenon[];
  wijken: { id: string; name: string; stadsdeelName: string }[];
  organisations: { id: string; name: string }[];
}

export interface TermMatches {
  term: string;
  phenomena: string[];
  wijken: string[];
  organisations: string[];
}

export function resolveTerms(terms: string[], names: StructuredNames): TermMatches[] {
  return terms.map((term) => {
    if (term.length < NAME_MIN_TERM_LENGTH) return { term, phenomena: [], wijken: [], organisations: [] };
    return {
      term,
      phenomena: names.phenomena.filter((p) => nameHasWordStarting(p.id, term) || Object.values(p.labels).some((label) => label && nameHasWordStarting(label, term))).map((p) => p.id),
      wijken: names.wijken.filter((w) => nameHasWordStarting(w.name, term) || nameHasWordStarting(w.stadsdeelName, term)).map((w) => w.id),
      organisations: names.organisations.filter((o) => nameHasWordStarting(o.name, term)).map((o) => o.id),
    };
  });
}

type Db = Kysely<Database> | Transaction<Database>;

/** The signals whose free text has a word starting with the term (a word of letters and digits). */
export function freeTextMatch(db: Db, term: string): Expression<SqlBool> {
  if (!/^[\p{L}\p{N}]+$/u.test(term)) throw new Error("A search term is letters and digits only");
  if (isPostgres(db)) {
    return sql<SqlBool>`signals.id in (select signal_id from signal_search where document @@ to_tsquery('simple', ${`${term}:*`}))`;
  }
  return sql<SqlBool>`signals.rowid in (select rowid from signal_search where signal_search match ${`"${term}"*`})`;
}

/**
 * The signals whose free text has a word starting with any of the terms: one
 * look-up in the full-text index (an OR of separate look-ups would make the
 * database visit every signal).
 */
export function freeTextMatchAny(db: Db, terms: string[]): Expression<SqlBool> {
  if (!terms.length || !terms.every((term) => /^[\p{L}\p{N}]+$/u.test(term))) throw new Error("A search term is letters and digits only");
  if (isPostgres(db)) {
    return sql<SqlBool>`signals.id in (select signal_id from signal_search where document @@ to_tsquery('simple', ${terms.map((term) => `${term}:*`).join(" | ")}))`;
  }
  return sql<SqlBool>`signals.rowid in (select rowid from signal_search where signal_search match ${terms.map((term) => `"${term}"*`).join(" OR ")})`;
}

/** Every term found, each in the free text or a structured field. */
export function searchCondition(db: Db, eb: ExpressionBuilder<Database, "signals">, matches: TermMatches[]): Expression<SqlBool> {
  return eb.and(
    matches.map((m) => {
      const alternatives: Expression<SqlBool>[] = [freeTextMatch(db, m.term)];
      if (m.phenomena.length) alternatives.push(eb("signals.phenomenon", "in", m.phenomena));
      if (m.wijken.length) alternatives.push(eb("signals.wijk_id", "in", m.wijken));
      if (m.organisations.length) alternatives.push(eb("signals.organisation_id", "in", m.organisations));
      return eb.or(alternatives);
    }),
  );
}
