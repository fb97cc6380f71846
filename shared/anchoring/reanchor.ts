/**
 * Re-anchoring a stored highlight against a document's current text. A highlight is never
 * dropped: when its quote cannot be found it is reported `orphaned` with its stored quote and
 * position, so the reader can list it ("this passage was not found in the current text") and
 * the coder's work on it (codes, evidence links) stays intact.
 */
import { matchQuote, prepareText, type PreparedText } from './match-quote';
import type { QuoteSelector } from './selectors';

/** What is stored for a highlight and needed to find it again. */
export interface StoredAnchor extends QuoteSelector {
  start: number;
  end: number;
}

export type AnchorStatus = 'anchored' | 'fuzzy' | 'orphaned';

/** Where the highlight is now. For `orphaned`, start and end are the stored ones. */
export interface Reanchored {
  status: AnchorStatus;
  start: number;
  end: number;
  /** 1 for anchored, the match score (0..1) for fuzzy, 0 for orphaned. */
  score: number;
}

/**
 * `anchored`: the quote is exactly at its stored position. `fuzzy`: found elsewhere, or only
 * after normalising or approximately (see ./match-quote). `orphaned`: not found.
 * Pass a `prepareText` result when re-anchoring many highlights in one text.
 */
export function reanchor(text: string | PreparedText, stored: StoredAnchor): Reanchored {
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  if (stored.end - stored.start === stored.quote.length && prepared.original.startsWith(stored.quote, stored.start)) {
    return { status: 'anchored', start: stored.start, end: stored.end, score: 1 };
  }
  const found = matchQuote(prepared, stored, stored.start);
  if (found) return { status: 'fuzzy', ...found };
  return { status: 'orphaned', start: stored.start, end: stored.end, score: 0 };
}
