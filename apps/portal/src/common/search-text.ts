import { todayInShanghai } from '#domain';

/**
 * Text normalisation shared by ingest (what is stored in search_text) and queries (what is looked
 * for), so both sides fold the same way: NFKC (full-width ＡＢＣ１２３ → ABC123, compatibility
 * ideographs → unified ones) and lower case.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export const MAX_TERMS = 5;
export const MAX_TERM_LENGTH = 40;

/** The distinct terms of a query: white space separates them; every term must occur. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const terms = normalizeForSearch(q)
    .split(/\s+/u)
    .filter((t) => t.length > 0)
    .map((t) => [...t].slice(0, MAX_TERM_LENGTH).join(''));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/**
 * The character pairs of a term, as portal.cjk_bigrams computes them for stored text (code points,
 * not UTF-16 units: PostgreSQL's substr counts characters). A one-character term has none.
 */
export function bigramsOf(term: string): string[] {
  const chars = [...term];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i] + chars[i + 1];
    if (!/\s/u.test(pair)) out.add(pair);
  }
  return [...out];
}

/** The calendar date in China at `now` (display periods end on a Chinese calendar day). */
export function chinaToday(now: Date): string {
  return todayInShanghai(now);
}

/** The calendar year in China of an instant. */
export function chinaYear(at: Date): number {
  return Number(chinaToday(at).slice(0, 4));
}
