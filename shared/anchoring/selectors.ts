/**
 * Building the redundant selectors stored with a highlight (W3C Web Annotation style): the
 * TextQuote (exact text with its context), the TextPosition and a reading-order sort key.
 */

/**
 * Characters of context kept on each side of a quote. 32 is what the W3C model's examples and
 * Hypothesis use: long enough to tell apart two occurrences of a common phrase, short enough
 * that an edit near the quote rarely touches all of it.
 */
export const CONTEXT_LENGTH = 32;

/** A quote with its context and position, as stored and as matched. */
export interface QuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
}

export interface Selectors extends QuoteSelector {
  start: number;
  end: number;
  sortKey: string;
}

/**
 * The selectors for `text.slice(start, end)`. `pageIndex` (zero-based) goes into the sort key.
 * The context never splits a surrogate pair, so it is always valid UTF-16.
 */
export function buildSelectors(text: string, start: number, end: number, pageIndex = 0): Selectors {
  if (!(start >= 0 && end >= start && end <= text.length)) {
    throw new RangeError(`selection ${start}..${end} is outside a text of ${text.length} characters`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart++;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isLowSurrogate(text.charCodeAt(suffixEnd))) suffixEnd--;
  return {
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
    sortKey: sortKey(pageIndex, start),
  };
}

/**
 * A key that sorts highlights in reading order as plain strings: the page index zero-padded to
 * 5 digits, a colon, the document offset zero-padded to 10 ("00003:0000012345"). Five digits
 * hold 99,999 pages and ten hold any text a project could store; padding lets SQLite's
 * index on (document_id, sort_key) return excerpts in order without parsing.
 */
export function sortKey(pageIndex: number, offset: number): string {
  return `${String(Math.max(0, pageIndex)).padStart(5, '0')}:${String(Math.max(0, offset)).padStart(10, '0')}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
