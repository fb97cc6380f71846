/**
 * The reading cursor's moves (word, line, sentence over a text) and the coding stripe's layout
 * (one column per code, one bar per coded passage), checked on small texts by hand.
 */
import { describe, expect, it } from 'vitest';
import { moveOffset } from '../../../renderer/src/reader/caret-motion';
import { layoutStripes, MAX_STRIPE_COLUMNS } from '../../../renderer/src/reader/coding-stripe';
import { caretMoveOf } from '../../../renderer/src/reader/reading-caret';

const TEXT = 'They were wary at first. Then they called back.\nAfter that, trust grew!\n\nNext paragraph here';

describe('caret motion', () => {
  it('moves by word to the end of the next word, and back to the start of the previous one', () => {
    expect(moveOffset(TEXT, 0, 'word', 'forward')).toBe(4); // "They|"
    expect(moveOffset(TEXT, 4, 'word', 'forward')).toBe(9); // " were|"
    expect(TEXT.slice(0, moveOffset(TEXT, 14, 'word', 'forward'))).toBe('They were wary at');
    expect(moveOffset(TEXT, 9, 'word', 'backward')).toBe(5); // "|were"
    expect(moveOffset(TEXT, 0, 'word', 'backward')).toBe(0);
    expect(moveOffset(TEXT, TEXT.length, 'word', 'forward')).toBe(TEXT.length);
  });

  it('moves by line keeping the column, clamped to a shorter line', () => {
    const secondLine = TEXT.indexOf('After');
    expect(moveOffset(TEXT, 5, 'line', 'forward')).toBe(secondLine + 5);
    expect(moveOffset(TEXT, 40, 'line', 'forward')).toBe(TEXT.indexOf('\n', secondLine)); // "After that, trust grew!" is shorter
    expect(moveOffset(TEXT, secondLine + 5, 'line', 'backward')).toBe(5);
  });

  it('moves by sentence to the next sentence start, across a paragraph break, and back to the current start', () => {
    expect(TEXT.slice(moveOffset(TEXT, 0, 'sentence', 'forward'))).toMatch(/^Then they/);
    expect(TEXT.slice(moveOffset(TEXT, TEXT.indexOf('Then'), 'sentence', 'forward'))).toMatch(/^After that/);
    expect(TEXT.slice(moveOffset(TEXT, TEXT.indexOf('After'), 'sentence', 'forward'))).toMatch(/^Next paragraph/);
    expect(moveOffset(TEXT, TEXT.indexOf('called'), 'sentence', 'backward')).toBe(TEXT.indexOf('Then'));
    expect(moveOffset(TEXT, TEXT.indexOf('Then'), 'sentence', 'backward')).toBe(0);
  });

  it('reads the keys: arrows, Ctrl+arrows, W/B, ( ), Shift to extend; Alt is never a caret key', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) => caretMoveOf({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(key('ArrowRight')).toEqual({ alter: 'move', direction: 'forward', granularity: 'character' });
    expect(key('ArrowLeft', { ctrlKey: true })).toEqual({ alter: 'move', direction: 'backward', granularity: 'word' });
    expect(key('W', { shiftKey: true })).toEqual({ alter: 'extend', direction: 'forward', granularity: 'word' });
    expect(key('ArrowDown', { ctrlKey: true, shiftKey: true })).toEqual({ alter: 'extend', direction: 'forward', granularity: 'sentence' });
    expect(key('(')).toEqual({ alter: 'move', direction: 'backward', granularity: 'sentence' });
    expect(key('ArrowLeft', { altKey: true })).toBeNull();
    expect(key('h')).toBeNull();
  });
});

describe('coding stripe layout', () => {
  const code = (codeId: string, name: string, color = '#2f9e44', coder = 'Ann') => ({ codeId, name, color, kindLabel: 'Context', coder });
  it('gives each code one column in order of first appearance and each coded passage one bar per code', () => {
    const { bars, columns } = layoutStripes([
      { id: 'b', top: 100, bottom: 140, codes: [code('trust', 'Trust'), code('calls', 'Call-backs')] },
      { id: 'a', top: 10, bottom: 30, codes: [code('trust', 'Trust')] },
      { id: 'c', top: 200, bottom: 220, codes: [code('calls', 'Call-backs', '#1971c2', 'Ben'), code('calls', 'Call-backs', '#1971c2', 'Ann')] },
      { id: 'uncoded', top: 50, bottom: 60, codes: [] },
    ]);
    expect(columns).toBe(2);
    expect(bars.map((b) => [b.excerptId, b.codeId, b.column, b.top, b.height])).toEqual([
      ['a', 'trust', 0, 10, 20],
      ['b', 'trust', 0, 100, 40],
      ['b', 'calls', 1, 100, 40],
      ['c', 'calls', 1, 200, 20],
    ]);
    expect(bars[3]!.title).toBe('Call-backs (Context) · Ben, Ann');
  });

  it('shares the last column beyond the maximum', () => {
    const codes = Array.from({ length: MAX_STRIPE_COLUMNS + 3 }, (_, i) => code(`k${i}`, `Code ${String(i).padStart(2, '0')}`));
    const { bars } = layoutStripes([{ id: 'x', top: 0, bottom: 10, codes }]);
    expect(Math.max(...bars.map((b) => b.column))).toBe(MAX_STRIPE_COLUMNS - 1);
    expect(bars).toHaveLength(MAX_STRIPE_COLUMNS + 3);
  });
});
