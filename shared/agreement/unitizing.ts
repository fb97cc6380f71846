/**
 * Krippendorff's unitizing α (uα): do coders mark the same stretches of a continuum (a text)?
 * It follows Krippendorff (1995, "On the reliability of unitizing contiguous data",
 * Sociological Methodology 25:47–76) in the form given in Content Analysis (2nd ed. 2004,
 * §11.6; 3rd ed. 2013, §12.6), which is the form whose worked example (2004, p. 254: uα =
 * 0.8591) can be checked. Unit of analysis: the section (a coded unit or the gap between
 * units) of each coder's continuum; disagreement is measured in squared characters.
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
 * The 2016 revision (Krippendorff, Mathet, Bouvry & Widlöcher, Quality & Quantity 50:2347–2364;
 * Krippendorff 2019 §12.6) rebuilds the family on coincidence matrices of section overlaps and
 * changes the case of three or more coders; it is not implemented here.
 *
 * Cost: one merge-walk per coder pair over their sections, and one sort of the lengths.
 */
import { toSections, type Intervals, type Sections } from './intervals';
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

/** δ² summed over the intersecting sections of two coders (one direction of the pair). */
function pairDistances(a: Sections, b: Sections): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.starts.length && j < b.starts.length) {
    const as = a.starts[i]!;
    const ae = a.ends[i]!;
    const bs = b.starts[j]!;
    const be = b.ends[j]!;
    if (as < be && bs < ae) {
      const au = a.coded[i] === 1;
      const bu = b.coded[j] === 1;
      if (au && bu) sum += (as - bs) ** 2 + (ae - be) ** 2;
      else if (au && !bu && bs <= as && ae <= be) sum += (ae - as) ** 2;
      else if (!au && bu && as <= bs && be <= ae) sum += (be - bs) ** 2;
    }
    if (ae < be) i++;
    else if (be < ae) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

/** The uα parts of one document for one category, from each coder's units of that category. */
export function unitizingParts(byCoder: readonly Intervals[], length: number): UnitizingParts {
  const sections = byCoder.map((iv) => toSections(iv, length));
  let squared = 0;
  for (let i = 0; i < sections.length; i++) {
    for (let j = i + 1; j < sections.length; j++) squared += 2 * pairDistances(sections[i]!, sections[j]!);
  }
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const s of sections) {
    for (let k = 0; k < s.starts.length; k++) (s.coded[k] ? unitLengths : gapLengths).push(s.ends[k]! - s.starts[k]!);
  }
  return { length, coderCount: byCoder.length, squaredDistances: squared, unitLengths, gapLengths };
}

/** Observed and expected disagreement (cDo, cDe) of one category over the given documents. */
export function unitizingDisagreements(parts: readonly UnitizingParts[]): { observed: number; expected: number; length: number; units: number } {
  let length = 0;
  let squared = 0;
  let m = 0;
  const units: number[] = [];
  const gaps: number[] = [];
  for (const p of parts) {
    length += p.length;
    squared += p.squaredDistances;
    m = p.coderCount;
    for (const l of p.unitLengths) units.push(l);
    for (const l of p.gapLengths) gaps.push(l);
  }
  if (length <= 0 || m < 2) return { observed: 0, expected: 0, length, units: units.length };
  const observed = squared / (m * (m - 1) * length * length);
  // Σ over gaps at least as long as a unit of (ℓ_h − ℓ_g + 1), via sorted gaps and suffix sums.
  const sortedGaps = Float64Array.from(gaps).sort();
  const suffix = new Float64Array(sortedGaps.length + 1);
  for (let k = sortedGaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sortedGaps[k]!;
  const n = units.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of units) {
    let lo = 0;
    let hi = sortedGaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedGaps[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    const fitting = sortedGaps.length - lo;
    const placements = suffix[lo]! - (l - 1) * fitting;
    numerator += ((n - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * placements;
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
