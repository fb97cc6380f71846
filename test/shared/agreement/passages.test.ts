/**
 * Passage comparison and consensus plans (shared/agreement/passages.ts), and the heatmap's
 * colour scale, on spans small enough to check by hand.
 */
import { describe, expect, it } from 'vitest';
import { agreementColor, textColorOn, UNDEFINED_COLOR } from '../../../shared/agreement/heatmap';
import { comparePassages, consensusPlan, passageKey, passageQuote, shorten } from '../../../shared/agreement/passages';
import type { CodedSpan } from '../../../shared/agreement/project-types';
import { formatFigure, formatValue } from '../../../shared/agreement/figures';

const TEXT = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
let n = 0;
function span(coderId: string, start: number, end: number, codeId: string, excerptId = `e${++n}`): CodedSpan {
  return { excerptId, documentId: 'd', coderId, start, end, codeId, quote: TEXT.slice(start, end) };
}

describe('comparePassages', () => {
  it('chains overlapping passages of both coders, keeps touching ones apart, and counts disagreeing characters per code', () => {
    const a = [span('A', 0, 10, 'x', 'a1'), span('A', 0, 10, 'y', 'a1'), span('A', 20, 30, 'x', 'a2'), span('A', 40, 50, 'x', 'a3')];
    // b1 overlaps a1; b2 only touches a2 (starts where it ends); a3 has no partner.
    const b = [span('B', 5, 15, 'x', 'b1'), span('B', 30, 35, 'x', 'b2')];
    const out = comparePassages(a, b);
    expect(out.map((p) => [p.start, p.end, p.kind, p.size])).toEqual([
      // x: A [0,10) vs B [5,15): 5 + 5 = 10; y: A 10 characters, B none: 10. Codes and boundaries differ.
      [0, 15, 'codes-and-boundaries', 20],
      [20, 30, 'only-a', 10],
      [30, 35, 'only-b', 5],
      [40, 50, 'only-a', 10],
    ]);
    expect(out[0]!.key).toBe(passageKey(['b1', 'a1']));
    expect(out[0]!.key).toBe('a1,b1');
    expect(out[0]!.quote).toBe(TEXT.slice(0, 15));
    expect(out[0]!.a).toEqual({ excerpts: [{ id: 'a1', start: 0, end: 10, codeIds: ['x', 'y'] }], codeIds: ['x', 'y'] });
  });

  it('tells agreement, different codes and different boundaries apart', () => {
    const same = comparePassages([span('A', 0, 10, 'x')], [span('B', 0, 10, 'x')]);
    expect(same.map((p) => [p.kind, p.size])).toEqual([[null, 0]]);
    const codes = comparePassages([span('A', 0, 10, 'x')], [span('B', 0, 10, 'y')]);
    expect(codes.map((p) => [p.kind, p.size])).toEqual([['codes', 20]]);
    const bounds = comparePassages([span('A', 0, 10, 'x')], [span('B', 2, 10, 'x')]);
    expect(bounds.map((p) => [p.kind, p.size])).toEqual([['boundaries', 2]]);
    // Passages that only touch are two passages: here each is a disagreement on codes (5 + 5 characters).
    const swapped = comparePassages([span('A', 0, 5, 'x'), span('A', 5, 10, 'y')], [span('B', 0, 5, 'y'), span('B', 5, 10, 'x')]);
    expect(swapped.map((p) => [p.kind, p.size, p.start])).toEqual([
      ['codes', 10, 0],
      ['codes', 10, 5],
    ]);
    // The same codes over the same stretch, placed differently inside one passage, is a disagreement on codes.
    const inside = comparePassages([span('A', 0, 10, 'x', 'p'), span('A', 0, 10, 'y', 'p')], [span('B', 0, 10, 'y', 'q'), span('B', 2, 10, 'x', 'r')]);
    expect(inside.map((p) => [p.kind, p.size])).toEqual([['codes', 2]]);
  });

  it('leaves the quote empty when the spans were read without their words', () => {
    const { quote: _unused, ...bare } = span('A', 0, 4, 'x');
    expect(passageQuote(comparePassages([bare], [])[0]!.a.excerpts.map((e) => ({ ...e, quote: null })))).toBe('');
    expect(comparePassages([bare], [])[0]!.quote).toBe('');
  });
});

describe('consensusPlan', () => {
  const [p] = comparePassages([span('A', 0, 10, 'x', 'a1'), span('A', 0, 10, 'y', 'a1')], [span('B', 5, 15, 'x', 'b1')]);
  it('accepts one coder, keeps both, merges the spans, or takes the edit', () => {
    expect(consensusPlan(p!, 'accept-a')).toEqual([{ start: 0, end: 10, codeIds: ['x', 'y'], sources: ['a1'] }]);
    expect(consensusPlan(p!, 'accept-b')).toEqual([{ start: 5, end: 15, codeIds: ['x'], sources: ['b1'] }]);
    expect(consensusPlan(p!, 'both')).toEqual([
      { start: 0, end: 10, codeIds: ['x', 'y'], sources: ['a1'] },
      { start: 5, end: 15, codeIds: ['x'], sources: ['b1'] },
    ]);
    expect(consensusPlan(p!, 'merge')).toEqual([{ start: 0, end: 15, codeIds: ['x', 'y'], sources: ['a1', 'b1'] }]);
    expect(consensusPlan(p!, 'edit', { start: 5, end: 10, codeIds: ['y', 'y'] })).toEqual([{ start: 5, end: 10, codeIds: ['y'], sources: [] }]);
  });
  it('accepting the coder who did not code the passage writes nothing', () => {
    const [only] = comparePassages([], [span('B', 0, 4, 'x', 'b9')]);
    expect(consensusPlan(only!, 'accept-a')).toEqual([]);
  });
});

describe('the heatmap scale and printed values', () => {
  it('is white at 0, deep blue at 1, red at −1 and grey when undefined; text stays readable', () => {
    expect(agreementColor(0)).toBe('#f7f7f7');
    expect(agreementColor(1)).toBe('#053061');
    expect(agreementColor(-1)).toBe('#b2182b');
    expect(agreementColor(1.5)).toBe('#053061');
    // Halfway between the anchors at .6 (#4393c3) and .8 (#2166ac): (67+33)/2 = 50, (147+102)/2 = 124.5 → 125, (195+172)/2 = 183.5 → 184.
    expect(agreementColor(0.7)).toBe('#327db8');
    expect(agreementColor(null)).toBe(UNDEFINED_COLOR);
    expect(textColorOn(agreementColor(1))).toBe('#ffffff');
    expect(textColorOn(agreementColor(0))).toBe('#1d2330');
  });
  it('prints coefficients with a true minus, percents with one decimal, and undefined with its reason', () => {
    expect(formatValue(-0.1234, 'coefficient')).toBe('−0.123');
    expect(formatValue(-0.0001, 'coefficient')).toBe('0.000');
    expect(formatValue(0.9675, 'percent')).toBe('96.8%');
    expect(formatFigure({ value: null, reason: 'no coder applied the code' }, 'coefficient')).toBe('undefined: no coder applied the code');
    expect(shorten('x'.repeat(10), 320)).toBe('x'.repeat(10));
    expect(shorten(`${'a'.repeat(200)}${'b'.repeat(200)}`, 21)).toBe(`${'a'.repeat(9)} … ${'b'.repeat(9)}`);
  });
});
