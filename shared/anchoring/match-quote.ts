/**
 * Finding a stored quote in a document's current text: a pure function, strings in and
 * `{start, end, score}` or null out, so the reader, the services and the command line anchor
 * highlights identically.
 *
 * Order of attempts (cheapest and most certain first):
 *  1. the hint position (the stored TextPosition), with the quote checked character for
 *     character: the common case, when the text has not changed;
 *  2. every exact occurrence of the quote in the normalised text (see ./normalise), scored by
 *     how well its prefix and suffix match and how near it is to the hint;
 *  3. a fuzzy search: occurrences with at most MAX_ERROR_RATE edits per character of the quote
 *     (Myers' bit-parallel search, ./edit-distance), scored the same way; the best one is kept if
 *     its score reaches FUZZY_ACCEPT_SCORE.
 */
import { bestStart, editDistance, searchApproximate } from './edit-distance';
import { normaliseText, toNormalisedOffset, toOriginalRange, type NormalisedText } from './normalise';
import type { QuoteSelector } from './selectors';

/** Where a quote was found, in the original text's offsets, and how sure the match is (0..1). */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * Weights of the parts of a candidate's score (after Hypothesis' match-quote, whose weights
 * these follow in spirit): the quote itself dominates; prefix and suffix each count less than
 * half as much, enough to choose between two occurrences of a repeated phrase; the position
 * counts very little, so it only breaks ties between otherwise equal candidates (a text that
 * gained a page at the front moves every quote, and that must not cost them their anchor).
 * A part that cannot be judged (no prefix at the start of a document, no hint) is left out of
 * both the sum and the total.
 */
export const MATCH_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;

/**
 * The most edits a fuzzy match may have, per character of the quote. A quarter tolerates what
 * re-extraction does to a sentence (a dropped hyphen, a ligature, a merged or split word, a
 * changed quote mark, a corrected word) while unrelated text is far outside it: two unrelated
 * 100-character passages of the Datta 2010 article differ by 87% on average (95% of pairs by
 * more than 79%; 2,000 random pairs, Levenshtein distance / length).
 */
export const MAX_ERROR_RATE = 0.25;

/**
 * The least score a FUZZY match needs (an exact match of the quote is always accepted).
 * Unrelated 32-character contexts are ~0.1 similar (mean over 2,000 pairs of the same article;
 * 95th percentile 0.22). With the weights above:
 *  - 10% edits, both contexts intact: 0.95; one context intact, the other unrelated: ~0.78;
 *  - 10% edits, both contexts unrelated (a passage moved elsewhere and edited): ~0.61, accepted;
 *  - 25% edits, both contexts unrelated: ~0.52, refused: that is a different passage;
 *  - a short quote (8 characters) with one edit and unrelated contexts: ~0.54, refused, so a
 *    word-sized highlight does not jump to a similar word elsewhere.
 */
export const FUZZY_ACCEPT_SCORE = 0.6;

/** At most this many candidates are scored in steps 2 and 3 (a quote like "the" is everywhere). */
const MAX_CANDIDATES = 2000;

/** A text prepared once for matching many quotes, so listing excerpts normalises it only once. */
export interface PreparedText {
  readonly original: string;
  /** Computed on first use: when every excerpt is still at its stored place, never. */
  readonly normalised: NormalisedText;
}

/** Wraps a text for repeated matching (see `matchQuote`); the normalisation is lazy. */
export function prepareText(text: string): PreparedText {
  let normalised: NormalisedText | null = null;
  return {
    original: text,
    get normalised() {
      normalised ??= normaliseText(text);
      return normalised;
    },
  };
}

/**
 * Finds `selector.quote` in `text` (a string or a `prepareText` result). `hint` is the
 * expected start offset (the stored TextPosition), if any. Returns null when the quote is not
 * there even approximately.
 */
export function matchQuote(text: string | PreparedText, selector: QuoteSelector, hint?: number): QuoteMatch | null {
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  const original = prepared.original;
  const quote = selector.quote;
  if (quote.length === 0) return null;

  // 1. The stored position, checked exactly.
  if (hint !== undefined && hint >= 0 && original.startsWith(quote, hint)) {
    return { start: hint, end: hint + quote.length, score: 1 };
  }

  const norm = prepared.normalised;
  const nt = norm.text;
  const nq = normaliseText(quote).text;
  if (nq.length === 0 || nt.length === 0) return null;
  const context = {
    prefix: normaliseText(selector.prefix).text,
    suffix: normaliseText(selector.suffix).text,
    hint: hint === undefined ? undefined : toNormalisedOffset(norm, hint),
  };

  // 2. Exact occurrences of the normalised quote.
  let best: Candidate | null = null;
  let seen = 0;
  for (let at = nt.indexOf(nq); at !== -1 && seen < MAX_CANDIDATES; at = nt.indexOf(nq, at + 1), seen++) {
    const score = scoreCandidate(nt, at, at + nq.length, 1, context);
    if (!best || score > best.score) best = { start: at, end: at + nq.length, score };
  }
  if (best) return toOriginal(norm, best);

  // 3. Fuzzy occurrences: near the hint first (re-extraction mostly shifts text a little, and a
  // window is much cheaper than a long document), then everywhere.
  const maxErrors = Math.floor(nq.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return null;
  if (context.hint !== undefined) {
    const reach = HINT_WINDOW + 2 * nq.length;
    const from = Math.max(0, context.hint - reach);
    const to = Math.min(nt.length, context.hint + reach);
    const near = bestFuzzy(nt, nq, maxErrors, context, from, to);
    if (near && near.score >= FUZZY_ACCEPT_SCORE) return toOriginal(norm, near);
  }
  const anywhere = bestFuzzy(nt, nq, maxErrors, context, 0, nt.length);
  if (anywhere && anywhere.score >= FUZZY_ACCEPT_SCORE) return toOriginal(norm, anywhere);
  return null;
}

/**
 * Characters searched on each side of the hint (plus twice the quote's length) before the whole
 * text: about two pages of an article, enough for the header lines, hyphenation and column
 * changes a re-extraction brings. Measured on the 117-page lecture notes (142,000 characters,
 * 2 shared cores): 50 fuzzy re-anchorings of 200-character quotes took ~230 ms with the window
 * and 440-790 ms without; an orphan (searched everywhere, in vain) costs ~20 ms.
 */
const HINT_WINDOW = 4096;

/** The best-scoring fuzzy candidate whose match ends within nt[from, to). */
function bestFuzzy(
  nt: string,
  nq: string,
  maxErrors: number,
  context: { prefix: string; suffix: string; hint: number | undefined },
  from: number,
  to: number,
): Candidate | null {
  const ends = searchApproximate(nt.slice(from, to), nq, maxErrors)
    .sort((a, b) => a.errors - b.errors)
    .slice(0, MAX_CANDIDATES);
  let best: Candidate | null = null;
  for (const found of ends) {
    const end = found.end + from;
    const { start, errors } = bestStart(nt, nq, end, maxErrors);
    if (errors > maxErrors) continue;
    const quoteSimilarity = 1 - errors / nq.length;
    const score = scoreCandidate(nt, start, end, quoteSimilarity, context);
    if (!best || score > best.score) best = { start, end, score };
  }
  return best;
}

interface Candidate {
  start: number;
  end: number;
  score: number;
}

/** The weighted score of a candidate [start, end) in normalised text (see MATCH_WEIGHTS). */
function scoreCandidate(
  nt: string,
  start: number,
  end: number,
  quoteSimilarity: number,
  context: { prefix: string; suffix: string; hint: number | undefined },
): number {
  let sum = MATCH_WEIGHTS.quote * quoteSimilarity;
  let total = MATCH_WEIGHTS.quote;
  if (context.prefix.length > 0) {
    const before = nt.slice(Math.max(0, start - context.prefix.length), start);
    sum += MATCH_WEIGHTS.prefix * similarity(context.prefix, before);
    total += MATCH_WEIGHTS.prefix;
  }
  if (context.suffix.length > 0) {
    const after = nt.slice(end, end + context.suffix.length);
    sum += MATCH_WEIGHTS.suffix * similarity(context.suffix, after);
    total += MATCH_WEIGHTS.suffix;
  }
  if (context.hint !== undefined) {
    const distance = Math.abs(start - context.hint) / Math.max(1, nt.length);
    sum += MATCH_WEIGHTS.position * (1 - Math.min(1, distance));
    total += MATCH_WEIGHTS.position;
  }
  return sum / total;
}

/** 1 - edit distance / length of the expected string: 1 for equal, 0 for nothing in common. */
function similarity(expected: string, actual: string): number {
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}

function toOriginal(norm: NormalisedText, c: Candidate): QuoteMatch {
  const range = toOriginalRange(norm, c.start, c.end);
  return { start: range.start, end: range.end, score: Math.round(c.score * 1000) / 1000 };
}
