/**
 * Character-level agreement on one code, as NVivo's coding comparison computes it: every
 * character of the document is a unit, and each coder either coded it with the code or not.
 *
 * Unit of analysis: the character. Computed without one slot per character: a sweep over the
 * span boundaries collects, for each combination of coders ("who coded this stretch"), how many
 * characters have it (`CharCounts.byMask`). Everything below derives from that histogram, and
 * histograms of several documents add up to the pooled one.
 */
import type { Intervals } from './intervals';
import { chanceCorrected, disagreementRatio, defined, undefinedStatistic, type Statistic } from './statistic';

/** How many characters each set of coders (a bit mask, bit i = coder i) coded. */
export interface CharCounts {
  /** Number of characters (the document length, or the sum of lengths when pooled). */
  length: number;
  coderCount: number;
  byMask: Map<number, number>;
}

/** The histogram of one document for one code, by a sweep over the coders' interval ends. */
export function charCounts(byCoder: readonly Intervals[], length: number): CharCounts {
  const m = byCoder.length;
  if (m > 30) throw new Error('Character-level agreement supports at most 30 coders.');
  let events = 0;
  for (const iv of byCoder) events += 2 * iv.starts.length;
  // Each event packs (position, coder) into one number so a numeric typed sort orders them.
  const packed = new Float64Array(events);
  let e = 0;
  byCoder.forEach((iv, i) => {
    for (let k = 0; k < iv.starts.length; k++) {
      packed[e++] = iv.starts[k]! * 32 + i;
      packed[e++] = iv.ends[k]! * 32 + i;
    }
  });
  packed.sort();
  const byMask = new Map<number, number>();
  let mask = 0;
  let at = 0;
  for (let k = 0; k < events; k++) {
    const v = packed[k]!;
    const pos = Math.floor(v / 32);
    const coder = v - pos * 32;
    if (pos > at) {
      byMask.set(mask, (byMask.get(mask) ?? 0) + (pos - at));
      at = pos;
    }
    mask ^= 1 << coder;
  }
  if (length > at) byMask.set(mask, (byMask.get(mask) ?? 0) + (length - at));
  return { length, coderCount: m, byMask };
}

/** Adds histograms (same coders) into one: the pooled characters of several documents. */
export function addCharCounts(into: CharCounts, from: CharCounts): void {
  into.length += from.length;
  for (const [mask, n] of from.byMask) into.byMask.set(mask, (into.byMask.get(mask) ?? 0) + n);
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

const EMPTY = 'the document has no characters';
const UNUSED = 'no coder applied the code, so every character is "not coded" by everyone (0/0)';

/**
 * Percent agreement on characters: for two coders, the share of characters both coded or both
 * left uncoded (NVivo's "agreement"); for more, the mean over characters of the share of coder
 * pairs that agree.
 */
export function charPercentAgreement(c: CharCounts): Statistic {
  if (c.length <= 0) return undefinedStatistic(EMPTY);
  const m = c.coderCount;
  const pairs = (m * (m - 1)) / 2;
  let sum = 0;
  for (const [mask, n] of c.byMask) {
    const k = popcount(mask);
    sum += (n * ((k * (k - 1)) / 2 + ((m - k) * (m - k - 1)) / 2)) / pairs;
  }
  return defined(sum / c.length, sum / c.length);
}

/**
 * κ on characters. Two coders: Cohen's κ of the 2 × 2 table coded / not coded (NVivo's κ);
 * more coders: Conger's κ (Conger 1980), which is Cohen's for two and stays defined when two
 * of three coders left the code unused. po as in `charPercentAgreement`;
 * pe = mean over coder pairs of p_g p_h + (1 − p_g)(1 − p_h), p_g the share of characters
 * coder g coded.
 */
export function charKappa(c: CharCounts): Statistic {
  if (c.length <= 0) return undefinedStatistic(EMPTY);
  const m = c.coderCount;
  const share = new Float64Array(m);
  for (const [mask, n] of c.byMask) for (let g = 0; g < m; g++) if (mask & (1 << g)) share[g]! += n;
  for (let g = 0; g < m; g++) share[g]! /= c.length;
  let pe = 0;
  let pairs = 0;
  for (let g = 0; g < m; g++) {
    for (let h = g + 1; h < m; h++) {
      pe += share[g]! * share[h]! + (1 - share[g]!) * (1 - share[h]!);
      pairs++;
    }
  }
  const po = charPercentAgreement(c).value!;
  return chanceCorrected(po, pe / pairs, UNUSED);
}

/**
 * Krippendorff's nominal α on the same characters: each character is a unit with m values
 * (coded / not coded). With k coders coding a character, it adds k(k−1)/(m−1) to o_11,
 * (m−k)(m−k−1)/(m−1) to o_00 and k(m−k)/(m−1) to each of o_01, o_10; then
 * α = 1 − (n − 1) o_01 / (n_0 n_1) with n = m · length.
 */
export function charAlpha(c: CharCounts): Statistic {
  if (c.length <= 0) return undefinedStatistic(EMPTY);
  const m = c.coderCount;
  let o01 = 0;
  let n1 = 0;
  for (const [mask, n] of c.byMask) {
    const k = popcount(mask);
    o01 += (n * k * (m - k)) / (m - 1);
    n1 += n * k;
  }
  const total = m * c.length;
  const n0 = total - n1;
  const observed = o01 * 2 / total;
  const expected = (2 * n0 * n1) / (total * (total - 1));
  return disagreementRatio(observed, expected, UNUSED);
}
