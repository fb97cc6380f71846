import { describe, expect, it } from 'vitest';
import { buildPageText, type RawTextItem } from '../../../shared/documents/page-text';

const at = (str: string, x: number, y: number, width: number, hasEOL = false, size = 10): RawTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
  height: size,
  hasEOL,
});

describe('buildPageText', () => {
  it('breaks lines on hasEOL and on a baseline shift, and spaces items apart on one line', () => {
    const { text, items } = buildPageText([
      at('Frequent', 50, 700, 40),
      at('users', 95, 700, 25), // 5 points apart at size 10: a space
      at('', 0, 0, 0, true),
      at('trust', 50, 688, 22), // next line
      at('ed', 72, 688, 10), // touching: same word
      at('nurses', 50, 676, 30), // baseline moved by 12 points: a new line even without hasEOL
    ]);
    expect(text).toBe('Frequent users\ntrusted\nnurses');
    expect(items.map((i) => [i.str, i.offset])).toEqual([
      ['Frequent', 0],
      ['users', 9],
      ['trust', 15],
      ['ed', 20],
      ['nurses', 23],
    ]);
    for (const i of items) expect(text.slice(i.offset, i.offset + i.str.length)).toBe(i.str);
  });

  it('keeps the stream order of two columns instead of interleaving their lines', () => {
    const { text } = buildPageText([
      at('left one', 50, 700, 40, true),
      at('left two', 50, 688, 40, true),
      at('right one', 300, 700, 45, true),
      at('right two', 300, 688, 45),
    ]);
    expect(text).toBe('left one\nleft two\nright one\nright two');
  });

  it('reads text drawn at 90 degrees along its own direction', () => {
    // Writing direction (0, 1): items advance in y, lines step in -x.
    const up = (str: string, x: number, y: number, w: number): RawTextItem => ({ str, transform: [0, 10, -10, 0, x, y], width: w, height: 10 });
    const { text } = buildPageText([up('Hello', 100, 50, 25), up('world', 100, 80, 25), up('again', 88, 50, 25)]);
    expect(text).toBe('Hello world\nagain');
  });

  it('drops control characters and collapses whitespace-only items', () => {
    const { text } = buildPageText([at('habibi\u0003', 50, 700, 30), at(' ', 80, 700, 3), at(' ', 83, 700, 3), at('x', 86, 700, 5)]);
    expect(text).toBe('habibi x');
  });
});
