/**
 * Agreement on text spans: the character-level statistics and Krippendorff's unitizing α,
 * checked against Krippendorff's published examples and against brute-force versions that
 * look at every character and every pair of sections (which the real code avoids).
 */
import { describe, expect, it } from 'vitest';
import { charAlpha, charCounts, charKappa, charPercentAgreement } from '../../../shared/agreement/char-level';
import { normaliseIntervals, type Intervals } from '../../../shared/agreement/intervals';
import { seededRandom } from '../../../shared/agreement/prng';
import { unitizingAlpha, unitizingAlphaOverCategories, unitizingDisagreements, unitizingParts } from '../../../shared/agreement/unitizing';

/** Intervals from (begin, length) pairs, shifted so the continuum starts at 0. */
const units = (pairs: [number, number][], origin = 0): Intervals =>
  normaliseIntervals(pairs.map(([b]) => b - origin), pairs.map(([b, l]) => b - origin + l));

describe('Krippendorff (2004), Content Analysis 2nd ed., p. 254: uα worked example', () => {
  // Continuum from 150 to 450 (L = 300), two observers, categories c and k (k overlaps c).
  const c = [units([[225, 70], [370, 30]], 150), units([[220, 80], [355, 20], [400, 20]], 150)];
  const k = [units([[180, 60], [300, 50]], 150), units([[180, 60], [300, 50]], 150)];
  const pc = unitizingParts(c, 300);
  const pk = unitizingParts(k, 300);

  it('category c: cDo = .0144, cDe = .0532, cα = .7286', () => {
    const d = unitizingDisagreements([pc]);
    expect(d.observed).toBeCloseTo(0.0144, 4);
    expect(d.expected).toBeCloseTo(0.0532, 4);
    expect(unitizingAlpha([pc]).value).toBeCloseTo(0.7286, 4);
  });

  it('category k: the observers agree exactly, kDo = 0, kDe = .0490, kα = 1', () => {
    const d = unitizingDisagreements([pk]);
    expect(d.observed).toBe(0);
    expect(d.expected).toBeCloseTo(0.049, 4);
    expect(unitizingAlpha([pk]).value).toBe(1);
  });

  it('both categories: uα = 1 − .0144 / (.0532 + .0490) = .8591 from the rounded figures (exactly 0.85867)', () => {
    const alpha = unitizingAlphaOverCategories([[pc], [pk]]).value!;
    expect(alpha).toBeCloseTo(0.85867, 5);
    expect(Math.abs(alpha - 0.8591)).toBeLessThan(0.0005);
  });
});

describe('Krippendorff (1995), "On the reliability of unitizing contiguous data", p. 57', () => {
  // Four pairs of observers on a continuum of 24 characters (| marks a boundary).
  //  A Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0   Bill: 0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
  const pairs: Record<string, [[number, number][], [number, number][]]> = {
    A: [[[2, 8], [14, 6]], [[4, 4], [15, 2]]],
    B: [[[0, 18]], [[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]]],
    C: [[[2, 6], [10, 2], [14, 4], [20, 2]], [[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]]],
    D: [[[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]], [[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]]],
  };
  it('observed disagreements: A .03125, B 2.26736, C .02777, D .38715', () => {
    const observed = Object.fromEntries(Object.entries(pairs).map(([name, [a, b]]) => [name, unitizingDisagreements([unitizingParts([units(a), units(b)], 24)]).observed]));
    expect(observed.A).toBeCloseTo(0.03125, 5);
    expect(observed.B).toBeCloseTo(2.26736, 5);
    expect(observed.C).toBeCloseTo(0.02777, 4);
    expect(observed.D).toBeCloseTo(0.38715, 5);
  });

  it('example A read character by character (the paper\'s "digitized" data): κ = .385, α = .329', () => {
    const [a, b] = pairs.A!;
    const counts = charCounts([units(a), units(b)], 24);
    expect(charKappa(counts).value).toBeCloseTo(0.385, 3);
    expect(charAlpha(counts).value).toBeCloseTo(0.329, 3);
    // 16 of the 24 characters agree (by hand from the two rows above).
    expect(charPercentAgreement(counts).value).toBeCloseTo(16 / 24, 12);
  });
});

/** Random spans for cross-checks: a few coders, overlapping and touching spans included. */
function randomCoders(seed: number, coders: number, length: number, spans: number): Intervals[] {
  const random = seededRandom(seed);
  return Array.from({ length: coders }, () => {
    const s: number[] = [];
    const e: number[] = [];
    for (let k = 0; k < spans; k++) {
      const start = random.int(length);
      s.push(start);
      e.push(Math.min(length, start + 1 + random.int(Math.max(1, length / 5))));
    }
    return normaliseIntervals(s, e);
  });
}

/** The character-level statistics computed the slow way: one array slot per character. */
function bruteChar(byCoder: Intervals[], length: number) {
  const m = byCoder.length;
  const coded = byCoder.map((iv) => {
    const v = new Uint8Array(length);
    iv.starts.forEach((s, i) => v.fill(1, s, iv.ends[i]!));
    return v;
  });
  let agreePairs = 0;
  for (let x = 0; x < length; x++) for (let g = 0; g < m; g++) for (let h = g + 1; h < m; h++) if (coded[g]![x] === coded[h]![x]) agreePairs++;
  const pairs = (m * (m - 1)) / 2;
  const po = agreePairs / pairs / length;
  const share = coded.map((v) => v.reduce((s, x) => s + x, 0) / length);
  let pe = 0;
  for (let g = 0; g < m; g++) for (let h = g + 1; h < m; h++) pe += share[g]! * share[h]! + (1 - share[g]!) * (1 - share[h]!);
  pe /= pairs;
  // α: coincidences per character.
  let o01 = 0;
  let n1 = 0;
  for (let x = 0; x < length; x++) {
    let k = 0;
    for (let g = 0; g < m; g++) k += coded[g]![x]!;
    o01 += (k * (m - k)) / (m - 1);
    n1 += k;
  }
  const n = m * length;
  return { po, kappa: (po - pe) / (1 - pe), alpha: 1 - ((n - 1) * o01) / ((n - n1) * n1) };
}

/** uα's observed disagreement by comparing every section of one coder with every section of another. */
function bruteObserved(byCoder: Intervals[], length: number): number {
  const sections = byCoder.map((iv) => {
    const out: { b: number; e: number; unit: boolean }[] = [];
    let at = 0;
    iv.starts.forEach((s, i) => {
      if (s > at) out.push({ b: at, e: s, unit: false });
      out.push({ b: s, e: iv.ends[i]!, unit: true });
      at = iv.ends[i]!;
    });
    if (at < length) out.push({ b: at, e: length, unit: false });
    return out;
  });
  const m = byCoder.length;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      for (const g of sections[i]!) {
        for (const h of sections[j]!) {
          if (!(g.b < h.e && h.b < g.e)) continue;
          if (g.unit && h.unit) sum += (g.b - h.b) ** 2 + (g.e - h.e) ** 2;
          else if (g.unit && h.b <= g.b && g.e <= h.e) sum += (g.e - g.b) ** 2;
          else if (h.unit && g.b <= h.b && h.e <= g.e) sum += (h.e - h.b) ** 2;
        }
      }
    }
  }
  return sum / (m * (m - 1) * length * length);
}

describe('the interval sweep gives what a character-by-character count gives', () => {
  for (const [seed, coders, length, spans] of [[1, 2, 200, 6], [2, 3, 500, 12], [3, 4, 120, 9], [4, 2, 50, 30]] as const) {
    it(`${coders} coders, ${length} characters, ${spans} spans each (seed ${seed})`, () => {
      const byCoder = randomCoders(seed, coders, length, spans);
      const brute = bruteChar(byCoder, length);
      const counts = charCounts(byCoder, length);
      expect(charPercentAgreement(counts).value).toBeCloseTo(brute.po, 12);
      expect(charKappa(counts).value).toBeCloseTo(brute.kappa, 12);
      expect(charAlpha(counts).value).toBeCloseTo(brute.alpha, 12);
      expect(unitizingDisagreements([unitizingParts(byCoder, length)]).observed).toBeCloseTo(bruteObserved(byCoder, length), 12);
    });
  }

  it('a 100-million-character document with three spans is computed from its boundaries', () => {
    const L = 100_000_000;
    const a = normaliseIntervals([10, 50_000_000], [1_010, 50_002_000]);
    const b = normaliseIntervals([510], [1_510]);
    const counts = charCounts([a, b], L);
    // Both coded 500 characters; A alone 500 + 2,000; B alone 500.
    const po = (L - 3_000) / L;
    const pA = 3_000 / L;
    const pB = 1_000 / L;
    const pe = pA * pB + (1 - pA) * (1 - pB);
    expect(charPercentAgreement(counts).value).toBeCloseTo(po, 14);
    expect(charKappa(counts).value).toBeCloseTo((po - pe) / (1 - pe), 10);
    expect(counts.byMask.get(0b11)).toBe(500);
  });
});
