/**
 * Krippendorff's α for values on predefined units, at the nominal, ordinal, interval and ratio
 * levels, with missing values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
 * Annenberg School for Communication Departmental Papers 43; Krippendorff 2019, Content
 * Analysis, 4th ed., ch. 12; Hayes & Krippendorff 2007, Commun Methods Meas 1:77–89).
 *
 * Unit of analysis: the pairable value. A unit u with m_u ≥ 2 values contributes to the
 * coincidence matrix o_ck = Σ_u (number of ordered pairs of its values (c, k) from different
 * coders) / (m_u − 1); units with fewer than two values are not pairable and are ignored, as
 * Krippendorff prescribes. With n_c = Σ_k o_ck and n = Σ_c n_c:
 *
 *   Do = Σ_c Σ_k o_ck δ²_ck / n,   De = Σ_c Σ_k n_c n_k δ²_ck / (n (n − 1)),   α = 1 − Do / De.
 *
 * Difference functions δ²: nominal 1 when c ≠ k; ordinal (Σ_{g from c to k} n_g − (n_c + n_k)/2)²
 * over the categories in their order; interval (c − k)²; ratio ((c − k) / (c + k))². α is
 * undefined (not 1) when De = 0: every pairable value is the same.
 *
 * The bootstrap interval resamples pairable units with replacement and recomputes α (a
 * percentile interval, as recommended for α by Zapf et al. 2016, BMC Med Res Methodol 16:93),
 * with the seeded generator of ./prng.ts so that the interval never changes between runs.
 */
import type { Category, CountTable } from './ratings';
import { seededRandom } from './prng';
import { disagreementRatio, undefinedStatistic, type Statistic } from './statistic';

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

const NOT_PAIRABLE =
  'no unit has two or more values; Krippendorff ignores units with fewer than two values, so nothing is pairable';
const NO_VARIATION = 'every pairable value is the same, so expected disagreement is 0 (0/0)';

/** The values-by-values coincidence matrix (q × q, row-major) of a count table. */
export function coincidenceMatrix(t: CountTable): Float64Array {
  const q = t.categories.length;
  const o = new Float64Array(q * q);
  for (let u = 0; u < t.unitCount; u++) addUnit(t, u, q, o, 1);
  return o;
}

/** Adds unit u's pairs to `o`, `times` times (the bootstrap draws a unit several times). */
function addUnit(t: CountTable, u: number, q: number, o: Float64Array, times: number): void {
  const mu = t.totals[u]!;
  if (mu < 2) return;
  const w = times / (mu - 1);
  const from = t.offsets[u]!;
  const to = t.offsets[u + 1]!;
  for (let a = from; a < to; a++) {
    const c = t.cats[a]!;
    const nc = t.counts[a]!;
    o[c * q + c]! += nc * (nc - 1) * w;
    for (let b = from; b < to; b++) if (b !== a) o[c * q + t.cats[b]!]! += nc * t.counts[b]! * w;
  }
}

/** δ²_ck for every pair of categories, given the marginals n_c (needed by the ordinal metric). */
function differences(categories: readonly Category[], level: AlphaLevel, marginals: Float64Array): Float64Array {
  const q = categories.length;
  const d = new Float64Array(q * q);
  // cumulative[g] = n_0 + … + n_{g−1}, so the ordinal sums cost O(1) each.
  const cumulative = new Float64Array(q + 1);
  for (let g = 0; g < q; g++) cumulative[g + 1] = cumulative[g]! + marginals[g]!;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      let v: number;
      if (level === 'nominal') v = 1;
      else if (level === 'ordinal') {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = cumulative[hi + 1]! - cumulative[lo]! - (marginals[c]! + marginals[k]!) / 2;
        v = between * between;
      } else {
        const x = categories[c] as number;
        const y = categories[k] as number;
        if (level === 'interval') v = (x - y) * (x - y);
        else v = x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
      }
      d[c * q + k] = v;
    }
  }
  return d;
}

/** α from a coincidence matrix (see the module comment for the formula). */
export function alphaFromCoincidences(o: Float64Array, categories: readonly Category[], level: AlphaLevel): Statistic {
  const q = categories.length;
  const marginals = new Float64Array(q);
  let n = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) marginals[c]! += o[c * q + k]!;
    n += marginals[c]!;
  }
  if (n <= 0) return undefinedStatistic(NOT_PAIRABLE);
  const d = differences(categories, level, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const dk = d[c * q + k]!;
      if (dk === 0) continue;
      observed += o[c * q + k]! * dk;
      expected += marginals[c]! * marginals[k]! * dk;
    }
  }
  if (n <= 1) return undefinedStatistic(NO_VARIATION);
  return disagreementRatio(observed / n, expected / (n * (n - 1)), NO_VARIATION);
}

/**
 * Krippendorff's α of a count table at `level`. Interval and ratio need numeric categories
 * (the caller checks; a string here is a programming error).
 */
export function krippendorffAlpha(t: CountTable, level: AlphaLevel): Statistic {
  if ((level === 'interval' || level === 'ratio') && !t.categories.every((c) => typeof c === 'number')) {
    throw new Error(`Krippendorff's ${level} α needs numeric values.`);
  }
  return alphaFromCoincidences(coincidenceMatrix(t), t.categories, level);
}

export interface BootstrapOptions {
  /** Number of resamples (default 1,000). */
  replicates?: number;
  /** Seed of the generator (default 1). The same seed gives the same interval. */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  confidence?: number;
}

export interface AlphaInterval {
  alpha: Statistic;
  /** Percentile bounds; null when too few resamples gave a defined α. */
  lower: number | null;
  upper: number | null;
  confidence: number;
  replicates: number;
  /** Resamples in which α was undefined (no variation in the resample); left out of the bounds. */
  undefinedReplicates: number;
  seed: number;
}

/** The type-7 quantile (linear interpolation between order statistics, R's default). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * α with a bootstrap percentile interval: pairable units are drawn with replacement as many
 * times as there are pairable units, α is recomputed, and the (1 − confidence)/2 and
 * (1 + confidence)/2 quantiles of the defined resampled values are the bounds.
 */
export function bootstrapAlpha(t: CountTable, level: AlphaLevel, options: BootstrapOptions = {}): AlphaInterval {
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  const alpha = krippendorffAlpha(t, level);
  const q = t.categories.length;
  const pairable: number[] = [];
  for (let u = 0; u < t.unitCount; u++) if (t.totals[u]! >= 2) pairable.push(u);
  const result: AlphaInterval = { alpha, lower: null, upper: null, confidence, replicates, undefinedReplicates: 0, seed };
  if (alpha.value === null || pairable.length === 0) {
    result.undefinedReplicates = replicates;
    return result;
  }
  const random = seededRandom(seed);
  const values: number[] = [];
  const o = new Float64Array(q * q);
  // Each unit's weight in a resample is how many times it was drawn.
  const times = new Float64Array(t.unitCount);
  for (let r = 0; r < replicates; r++) {
    o.fill(0);
    times.fill(0);
    for (let i = 0; i < pairable.length; i++) times[pairable[random.int(pairable.length)]!]! += 1;
    for (const u of pairable) if (times[u]! > 0) addUnit(t, u, q, o, times[u]!);
    const a = alphaFromCoincidences(o, t.categories, level);
    if (a.value === null) result.undefinedReplicates++;
    else values.push(a.value);
  }
  if (values.length > 0) {
    values.sort((a, b) => a - b);
    result.lower = quantile(values, (1 - confidence) / 2);
    result.upper = quantile(values, (1 + confidence) / 2);
  }
  return result;
}
