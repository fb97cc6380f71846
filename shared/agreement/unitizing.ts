/**
 * Krippendorff's unitizing α (uα): do coders mark the same stretches of a continuum (a text)?
 * It follows Krippendorff (1995, "On the reliability of unitizing contiguous data",
 * Sociological Methodology 25:47–76) in the form given in Content Analysis, 2nd ed. (2004),
 * whose worked example (p. 254: uα = 0.8591) the tests reproduce. Unit of analysis: the
 * section (a coded unit or a gap between units) of each coder's continuum; disagreement is
 * measured in squared characters.
 *
 * For one category c and m coders on a continuum of length L, each coder's continuum is cut
 * into units of c and gaps. For every pair of sections g (coder i) and h (coder j ≠ i) that
 * intersect:
 *   δ² = (b_g − b_h)² + (e_g − e_h)²   when both are units (b, e their begin and end);
 *   δ² = ℓ_g²                         when g is a unit lying wholly inside the gap h;
 *   δ² = ℓ_h²                         when h is a unit lying wholly inside the gap g;
 *   δ² = 0                            otherwise (two gaps; a unit only partly in a gap).
 *   cDo = Σ_{i≠j} Σ_{g,h} δ² / (m (m − 1) L²)
 *   cDe = (2 / L) Σ_{units g} [ (N_c − 1)(2ℓ_g³ − 3ℓ_g² + ℓ_g) / 3
 *                               + ℓ_g² Σ_{gaps h with ℓ_h ≥ ℓ_g} (ℓ_h − ℓ_g + 1) ]
 *         / [ m L (m L − 1) − Σ_{units g} ℓ_g (ℓ_g − 1) ]
 * with N_c the number of units of c over all coders and the gaps those of all coders.
 * uα over several categories is 1 − Σ_c cDo / Σ_c cDe; a category's own |uα (coded with c vs
 * not coded) is 1 − cDo / cDe. Over a corpus, the documents are one continuum of length ΣL in
 * which no unit or gap crosses a document boundary.
 *
 * With three or more coders the sums run over every ordered pair of coders, as above; the 2016
 * paper below reports that this form behaves unexpectedly there, so treat uα for 3+ coders
 * with care (the character-level statistics have no such caveat).
 *
 * The 2016 revision (Krippendorff, Mathet, Bouvry & Widlöcher, "On the reliability of
 * unitizing textual continua: further developments", Quality & Quantity 50:2347–2364, taken
 * into Content Analysis, 4th ed., 2019, ch. 12) rebuilds the family on coincidence matrices of
 * section overlaps and changes the case of three or more coders; it is not implemented here.
 *
 * Cost: one merge-walk per coder pair over their sections, and one sort of the lengths.
 */
import type { Intervals } from './intervals';
import { disagreementRatio, undefinedStatistic, type Statistic } from './statistic';

/** What one document contributes to uα for one category: enough to pool documents exactly. */
export interface UnitizingParts {
  length: number;
  coderCount: number;
  /** Σ_{i≠j} Σ δ² over intersecting sections (ordered coder pairs). */
  squaredDistances: number;
  unitLengths: number[];
  gapLengths: number[];
}

/** A coder's continuum as flat triples (start, end, 1 = unit / 0 = gap), gaps of length 0 left out. */
function sectionsOf(iv: Intervals, length: number): Float64Array {
  const out = new Float64Array(3 * (2 * iv.starts.length + 1));
  let n = 0;
  let at = 0;
  const push = (s: number, e: number, unit: number) => {
    out[n++] = s;
    out[n++] = e;
    out[n++] = unit;
  };
  for (let i = 0; i < iv.starts.length; i++) {
    if (iv.starts[i]! > at) push(at, iv.starts[i]!, 0);
    push(iv.starts[i]!, iv.ends[i]!, 1);
    at = iv.ends[i]!;
  }
  if (at < length) push(at, length, 0);
  return out.subarray(0, n);
}

/** δ² summed over the intersecting sections of two coders (one direction of the pair). */
function pairDistances(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.length && j < b.length) {
    const as = a[i]!;
    const ae = a[i + 1]!;
    const bs = b[j]!;
    const be = b[j + 1]!;
    if (as < be && bs < ae) {
      const au = a[i + 2] === 1;
      const bu = b[j + 2] === 1;
      if (au && bu) sum += (as - bs) ** 2 + (ae - be) ** 2;
      else if (au && !bu && bs <= as && ae <= be) sum += (ae - as) ** 2;
      else if (!au && bu && as <= bs && be <= ae) sum += (be - bs) ** 2;
    }
    if (ae <= be) i += 3;
    if (be <= ae) j += 3;
  }
  return sum;
}

/** The uα parts of one document for one category, from each coder's units of that category. */
export function unitizingParts(byCoder: readonly Intervals[], length: number): UnitizingParts {
  const sections = byCoder.map((iv) => sectionsOf(iv, length));
  let squared = 0;
  for (let i = 0; i < sections.length; i++) {
    for (let j = i + 1; j < sections.length; j++) squared += 2 * pairDistances(sections[i]!, sections[j]!);
  }
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const s of sections) {
    for (let k = 0; k < s.length; k += 3) (s[k + 2] === 1 ? unitLengths : gapLengths).push(s[k + 1]! - s[k]!);
  }
  return { length, coderCount: byCoder.length, squaredDistances: squared, unitLengths, gapLengths };
}

/** Adds `from` (another document, same coders) to `into`: the corpus as one continuum. */
export function appendUnitizingParts(into: UnitizingParts, from: UnitizingParts): void {
  into.length += from.length;
  into.coderCount = from.coderCount;
  into.squaredDistances += from.squaredDistances;
  for (const l of from.unitLengths) into.unitLengths.push(l);
  for (const l of from.gapLengths) into.gapLengths.push(l);
}

/** An empty accumulator for `appendUnitizingParts`. */
export function emptyUnitizingParts(coderCount: number): UnitizingParts {
  return { length: 0, coderCount, squaredDistances: 0, unitLengths: [], gapLengths: [] };
}

/** Σ over units of ℓ² Σ_{gaps ≥ ℓ} (ℓ_h − ℓ + 1): directly for a few sections, else by sorting. */
function placements(units: readonly number[], gaps: readonly number[]): number {
  let total = 0;
  if (units.length * gaps.length <= 256) {
    for (const l of units) {
      let p = 0;
      for (const h of gaps) if (h >= l) p += h - l + 1;
      total += l * l * p;
    }
    return total;
  }
  const sorted = Float64Array.from(gaps).sort();
  const suffix = new Float64Array(sorted.length + 1);
  for (let k = sorted.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sorted[k]!;
  for (const l of units) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    total += l * l * (suffix[lo]! - (l - 1) * (sorted.length - lo));
  }
  return total;
}

/** Observed and expected disagreement (cDo, cDe) of one category over the given documents. */
export function unitizingDisagreements(parts: readonly UnitizingParts[]): { observed: number; expected: number; length: number; units: number } {
  let p: UnitizingParts;
  if (parts.length === 1) p = parts[0]!;
  else {
    p = emptyUnitizingParts(parts[0]?.coderCount ?? 0);
    for (const x of parts) appendUnitizingParts(p, x);
  }
  const { length, coderCount: m, unitLengths: units } = p;
  if (length <= 0 || m < 2) return { observed: 0, expected: 0, length, units: units.length };
  const observed = p.squaredDistances / (m * (m - 1) * length * length);
  const n = units.length;
  let numerator = placements(units, p.gapLengths);
  let selfPairs = 0;
  for (const l of units) {
    numerator += ((n - 1) * (2 * l * l * l - 3 * l * l + l)) / 3;
    selfPairs += l * (l - 1);
  }
  const total = m * length;
  const denominator = total * (total - 1) - selfPairs;
  const expected = denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
  return { observed, expected, length, units: n };
}

const NO_UNITS = 'no coder marked any unit here, so expected disagreement is 0 (0/0)';

/** |uα of one category (coded vs not coded) over the given documents. */
export function unitizingAlpha(parts: readonly UnitizingParts[]): Statistic {
  const d = unitizingDisagreements(parts);
  if (d.length <= 0) return undefinedStatistic('the continuum has no characters');
  return disagreementRatio(d.observed, d.expected, NO_UNITS);
}

/** uα over several categories: 1 − Σ_c cDo / Σ_c cDe (each entry one category's documents). */
export function unitizingAlphaOverCategories(byCategory: readonly (readonly UnitizingParts[])[]): Statistic {
  let observed = 0;
  let expected = 0;
  for (const parts of byCategory) {
    const d = unitizingDisagreements(parts);
    observed += d.observed;
    expected += d.expected;
  }
  return disagreementRatio(observed, expected, 'no coder marked any unit of any code, so expected disagreement is 0 (0/0)');
}
