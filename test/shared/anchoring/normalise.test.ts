import { describe, expect, it } from 'vitest';
import { normaliseText, toNormalisedOffset, toOriginalRange } from '../../../shared/anchoring/normalise';

describe('normaliseText', () => {
  it('collapses every run of whitespace to one space and maps it back to the whole run', () => {
    const original = 'soft\n  tissue\tinjury';
    const n = normaliseText(original);
    expect(n.text).toBe('soft tissue injury');
    // "tissue" is normalised 5..11; its source is original 7..13.
    expect(toOriginalRange(n, 5, 11)).toEqual({ start: 7, end: 13 });
    expect(original.slice(7, 13)).toBe('tissue');
    // The space at normalised 4 came from "\n  " (original 4..7).
    expect(toOriginalRange(n, 4, 5)).toEqual({ start: 4, end: 7 });
  });

  it('joins a word hyphenated at a line end, but keeps a hyphen inside a line', () => {
    const original = 'previously pub-\nlished rates; non-compliance';
    const n = normaliseText(original);
    expect(n.text).toBe('previously published rates; non-compliance');
    const at = n.text.indexOf('published');
    const range = toOriginalRange(n, at, at + 'published'.length);
    expect(original.slice(range.start, range.end)).toBe('pub-\nlished');
  });

  it('unfolds ligatures and maps every unfolded letter to the ligature character', () => {
    const original = 'a \ufb01lter and \ufb04uent'; // "a ﬁlter and ﬄuent"
    const n = normaliseText(original);
    expect(n.text).toBe('a filter and ffluent');
    const at = n.text.indexOf('filter');
    expect(toOriginalRange(n, at, at + 6)).toEqual({ start: 2, end: 7 });
    // Matching only the "i" of "fi" still maps to the whole ligature.
    expect(toOriginalRange(n, at + 1, at + 2)).toEqual({ start: 2, end: 3 });
  });

  it('straightens quotes and dashes and drops soft hyphens and zero-width spaces', () => {
    expect(normaliseText('\u201cpatients\u2019 trust\u201d \u2013 re\u00adlation\u200bship').text).toBe('"patients\' trust" - relationship');
  });

  it('converts original offsets to normalised ones', () => {
    const n = normaliseText('a  b\n\nc');
    expect(n.text).toBe('a b c');
    expect(toNormalisedOffset(n, 0)).toBe(0);
    expect(toNormalisedOffset(n, 3)).toBe(2); // "b"
    expect(toNormalisedOffset(n, 6)).toBe(4); // "c"
    expect(toNormalisedOffset(n, 7)).toBe(5); // the end
  });
});
