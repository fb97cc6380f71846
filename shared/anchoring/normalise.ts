/**
 * Text normalisation for matching quotes, with an offset map back to the original text.
 *
 * Two extractions of the same PDF (another pdf.js version, pdftotext, a re-saved file) differ
 * in small ways that carry no meaning for a reader. Matching runs on a normalised copy of both
 * the document text and the quote, and the map turns a match back into offsets of the
 * original text. What is normalised, and why:
 *  - every run of whitespace (spaces, tabs, line and page breaks, no-break and thin spaces)
 *    becomes one space: extractors disagree most on line breaks and spacing;
 *  - a hyphen at a line end between two letters is dropped together with the line break
 *    ("manage-\nment" -> "management"): one extraction hyphenates at the line end, another
 *    joins the word. The cost: a real compound broken at a line end ("self-\nmanaged") becomes
 *    "selfmanaged"; that is one character from "self-managed", which fuzzy matching absorbs;
 *  - soft hyphens (U+00AD) and zero-width characters are dropped: they are invisible;
 *  - compatibility characters are unfolded by NFKC, character by character: ligatures
 *    ("ﬁ" -> "fi", "ﬄ" -> "ffl"), full-width letters, "…" -> "...";
 *  - curly quotes become straight ones and the dash family (U+2010..U+2015, U+2212) becomes
 *    "-": fonts and extractors disagree on which they emit.
 * Case is kept: a change of case is a change of text, and fuzzy matching tolerates it.
 */

/** A normalised text and, for each of its characters, the original range it came from. */
export interface NormalisedText {
  text: string;
  /** `starts[i]`: offset in the original text where normalised character i comes from. */
  starts: Int32Array;
  /** `ends[i]`: end (exclusive) in the original text of normalised character i's source. */
  ends: Int32Array;
  /** Length of the original text. */
  originalLength: number;
}

const WHITESPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const HYPHENS = /[-\u2010\u2011]/;
const LETTER = /\p{L}/u;
const LINE_BREAK = /[\n\r\f\u2028\u2029]/;

/** Replacements applied after NFKC, for characters NFKC leaves alone. */
function foldChar(ch: string): string {
  switch (ch) {
    case '\u2018':
    case '\u2019':
    case '\u201a':
    case '\u201b':
    case '\u2032':
      return "'";
    case '\u201c':
    case '\u201d':
    case '\u201e':
    case '\u201f':
    case '\u2033':
      return '"';
    case '\u2010':
    case '\u2011':
    case '\u2012':
    case '\u2013':
    case '\u2014':
    case '\u2015':
    case '\u2212':
      return '-';
    default:
      return ch;
  }
}

/**
 * Normalises `text` as described above. Linear in the text's length; the arrays cost 8 bytes
 * per character (a 100-page article of ~400,000 characters takes ~3 MB while matching).
 */
export function normaliseText(text: string): NormalisedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    // Fast path: printable ASCII other than the hyphen needs no work (most of any article).
    if (unit > 0x20 && unit < 0x7f && unit !== 0x2d) {
      out.push(text[i]!);
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const width = ch.length;

    if (WHITESPACE.test(ch)) {
      let j = i + 1;
      while (j < n && (WHITESPACE.test(text[j]!) || INVISIBLE.test(text[j]!))) j++;
      out.push(' ');
      starts.push(i);
      ends.push(j);
      i = j;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      i += width;
      continue;
    }
    if (HYPHENS.test(ch) && isLineEndHyphen(text, i)) {
      // Skip the hyphen and the whitespace after it; the next letter continues the word.
      let j = i + 1;
      while (j < n && (WHITESPACE.test(text[j]!) || INVISIBLE.test(text[j]!))) j++;
      i = j;
      continue;
    }
    const unfolded = ch.normalize('NFKC');
    for (const piece of unfolded) {
      for (const unit of foldChar(piece)) {
        out.push(unit);
        starts.push(i);
        ends.push(i + width);
      }
    }
    i += width;
  }
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends), originalLength: n };
}

/** A hyphen preceded by a letter and followed by whitespace holding a line break, then a letter. */
function isLineEndHyphen(text: string, at: number): boolean {
  if (at === 0 || !LETTER.test(text[at - 1]!)) return false;
  let j = at + 1;
  let sawBreak = false;
  while (j < text.length && WHITESPACE.test(text[j]!)) {
    if (LINE_BREAK.test(text[j]!)) sawBreak = true;
    j++;
  }
  return sawBreak && j < text.length && LETTER.test(text[j]!);
}

/**
 * The original range of the normalised range [start, end): from the source of its first
 * character to the end of the source of its last one. An empty range maps to an empty range.
 */
export function toOriginalRange(norm: NormalisedText, start: number, end: number): { start: number; end: number } {
  if (norm.text.length === 0) return { start: 0, end: 0 };
  if (end <= start) {
    const at = start < norm.text.length ? norm.starts[start]! : norm.originalLength;
    return { start: at, end: at };
  }
  return { start: norm.starts[start]!, end: norm.ends[end - 1]! };
}

/**
 * The normalised offset of original offset `offset`: the first normalised character whose
 * source starts at or after it (binary search; the starts are non-decreasing).
 */
export function toNormalisedOffset(norm: NormalisedText, offset: number): number {
  let lo = 0;
  let hi = norm.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (norm.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
