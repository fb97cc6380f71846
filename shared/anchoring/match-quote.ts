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
 * changed quote mark) while a different sentence of the same length is, in English prose,
 * typically 60-80% different.
 */
export const MAX_ERROR_RATE = 0.25;

/**
 * The least score a FUZZY match needs. Measured against the weights above: a quote with 10%
 * edits and both contexts intact scores ~0.95; the same quote with one intact context ~0.75;
 * a quote with 25% edits whose contexts are unrelated text (contexts of unrelated prose are
 * ~70% different, i.e. ~0.3 similar) scores ~0.54 and is refused: that is a different passage.
 */
export const FUZZY_ACCEPT_SCORE = 0.65;

/** At most this many candidates are scored in steps 2 and 3 (a quote like "the" is everywhere). */
const MAX_CANDIDATES = 2000;

/** Matches prepared once for a text, so listing many excerpts normalises the text only once. */
export interface PreparedText {
  original: string;
  normalised: NormalisedText;
}

/** Normalises a text for repeated matching (see `matchQuote`). */
export function prepareText(text: string): PreparedText {
  return { original: text, normalised: normaliseText(text) };
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

  // 3. Fuzzy occurrences.
  const maxErrors = Math.floor(nq.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return null;
  const ends = searchApproximate(nt, nq, maxErrors)
    .sort((a, b) => a.errors - b.errors)
    .slice(0, MAX_CANDIDATES);
  for (const { end } of ends) {
    const { start, errors } = bestStart(nt, nq, end, maxErrors);
    if (errors > maxErrors) continue;
    const quoteSimilarity = 1 - errors / nq.length;
    const score = scoreCandidate(nt, start, end, quoteSimilarity, context);
    if (!best || score > best.score) best = { start, end, score };
  }
  if (best && best.score >= FUZZY_ACCEPT_SCORE) return toOriginal(norm, best);
  return null;
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
