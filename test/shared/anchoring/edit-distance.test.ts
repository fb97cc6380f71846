import { describe, expect, it } from 'vitest';
import { bestStart, editDistance, searchApproximate } from '../../../shared/anchoring/edit-distance';

/** Sellers' dynamic programme: edits of the best match of `p` ending at each text offset. */
function sellers(t: string, p: string): number[] {
  let col = Array.from({ length: p.length + 1 }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < t.length; j++) {
    const next = [0];
    for (let i = 1; i <= p.length; i++) next[i] = Math.min(col[i - 1]! + (p[i - 1] === t[j] ? 0 : 1), col[i]! + 1, next[i - 1]! + 1);
    col = next;
    out.push(col[p.length]!);
  }
  return out;
}

/** A small seeded generator (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('searchApproximate (Myers bit-parallel)', () => {
  it('agrees with the plain dynamic programme on patterns of 1 to 140 characters (1 to 5 machine words)', () => {
    const rnd = random(20261123);
    const word = (n: number) => Array.from({ length: n }, () => 'abcd'[Math.floor(rnd() * 4)]).join('');
    for (let trial = 0; trial < 200; trial++) {
      const pattern = word(1 + Math.floor(rnd() * 140));
      const text = word(300);
      const k = Math.floor(pattern.length / 3);
      const expected = sellers(text, pattern);
      const ends = searchApproximate(text, pattern, k);
      for (const e of ends) {
        expect(e.errors).toBe(expected[e.end - 1]);
        expect(bestStart(text, pattern, e.end, k).errors).toBe(e.errors);
      }
      expect(ends.length > 0).toBe(expected.some((d) => d <= k));
    }
  });

  it('finds a quote with two typos and recovers its start', () => {
    const text = 'Patients felt secure and trusted the case manager who was easy to reach.';
    const ends = searchApproximate(text, 'trusted the cse managr', 2);
    // "managr" is two edits from "manag", "manage" and "manager" alike: all three ends are reported.
    const managerEnd = text.indexOf(' who');
    expect(ends).toEqual([
      { end: managerEnd - 2, errors: 2 },
      { end: managerEnd - 1, errors: 2 },
      { end: managerEnd, errors: 2 },
    ]);
    expect(bestStart(text, 'trusted the cse managr', managerEnd, 2)).toEqual({ start: text.indexOf('trusted'), errors: 2 });
  });

  it('editDistance counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('non-compliance', 'noncompliance')).toBe(1);
  });
});
