/**
 * Where a reading cursor goes in a text when moved by a character, a word, a line or a
 * sentence. Pure (strings and offsets), so it is tested without a browser and used alike for a
 * transcript (the document's text) and a PDF page (its stored text, whose line breaks are the
 * PDF's text lines in reading order, so "next line" follows a column rather than jumping
 * across a two-column page, which the browser's own caret movement does on a pdf.js text layer).
 */

export type Granularity = 'character' | 'word' | 'line' | 'sentence';

const WORD = /[\p{L}\p{N}_'’-]/u;

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/**
 * The offset reached from `offset` in `text`. Forward by word ends just after the next word
 * (so Shift+word selections end on a word, not on a space); backward by word starts at the
 * previous word's first letter. By line keeps the column where the next (previous) line is long
 * enough. Forward by sentence goes to the start of the next sentence (after . ! ? and spaces),
 * backward to the start of the current sentence, or of the previous one when already there.
 */
export function moveOffset(text: string, offset: number, granularity: Granularity, direction: 'forward' | 'backward'): number {
  const n = text.length;
  let i = Math.max(0, Math.min(n, offset));
  const fwd = direction === 'forward';
  switch (granularity) {
    case 'character':
      return fwd ? Math.min(n, i + 1) : Math.max(0, i - 1);
    case 'word':
      if (fwd) {
        while (i < n && !isWord(text[i])) i++;
        while (i < n && isWord(text[i])) i++;
        return i;
      }
      while (i > 0 && !isWord(text[i - 1])) i--;
      while (i > 0 && isWord(text[i - 1])) i--;
      return i;
    case 'line': {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const column = i - lineStart;
      if (fwd) {
        const next = text.indexOf('\n', i);
        if (next < 0) return n;
        const nextEnd = text.indexOf('\n', next + 1);
        return Math.min(next + 1 + column, nextEnd < 0 ? n : nextEnd);
      }
      if (lineStart === 0) return 0;
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      return Math.min(prevStart + column, lineStart - 1);
    }
    case 'sentence':
      return fwd ? nextSentence(text, i) : sentenceStartBefore(text, i);
  }
}

/** Offsets where sentences start: the text's first letter, and the first letter after . ! ? and whitespace. */
function isSentenceStart(text: string, i: number): boolean {
  if (i >= text.length || /\s/.test(text[i]!)) return false;
  let j = i - 1;
  if (j < 0) return true;
  if (!/\s/.test(text[j]!)) return false;
  while (j >= 0 && /\s/.test(text[j]!)) j--;
  return j < 0 || /[.!?…]["'”’)\]]?$/.test(text.slice(Math.max(0, j - 1), j + 1)) || /\n\s*\n/.test(text.slice(j, i));
}

function nextSentence(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) if (isSentenceStart(text, k)) return k;
  return text.length;
}

function sentenceStartBefore(text: string, i: number): number {
  for (let k = i - 1; k > 0; k--) if (isSentenceStart(text, k)) return k;
  return 0;
}
