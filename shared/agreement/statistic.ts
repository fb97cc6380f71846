/**
 * The value every agreement function returns. A coefficient that divides 0 by 0 (no variation,
 * nothing to compare) is reported as `value: null` with the reason in plain words, never as 0
 * or 1: a methods reviewer must be able to tell "coders disagreed" from "there was nothing to
 * agree on". `observed` and `expected` carry the two halves of the ratio (agreements for the
 * κ family, disagreements for Krippendorff's α) so that a result can be checked against a
 * published Po/Pe or Do/De.
 */
export interface Statistic {
  value: number | null;
  /** Why `value` is null; absent when the value is defined. */
  undefinedReason?: string;
  /** Observed agreement (κ family, percent agreement) or observed disagreement (α family). */
  observed?: number;
  /** Chance agreement (κ family) or expected disagreement (α family). */
  expected?: number;
}

/** A defined statistic. */
export function defined(value: number, observed?: number, expected?: number): Statistic {
  const out: Statistic = { value };
  if (observed !== undefined) out.observed = observed;
  if (expected !== undefined) out.expected = expected;
  return out;
}

/** An undefined statistic with the reason. */
export function undefinedStatistic(reason: string, observed?: number, expected?: number): Statistic {
  const out: Statistic = { value: null, undefinedReason: reason };
  if (observed !== undefined) out.observed = observed;
  if (expected !== undefined) out.expected = expected;
  return out;
}

/**
 * A chance-corrected agreement coefficient (po − pe) / (1 − pe). When 1 − pe is 0 (chance
 * agreement is certain: every rating fell in one category) the coefficient is 0/0 or x/0 and
 * reported undefined with `reason`. A tiny tolerance absorbs rounding in sums of shares.
 */
export function chanceCorrected(po: number, pe: number, reason: string): Statistic {
  if (1 - pe <= 1e-12) return undefinedStatistic(reason, po, pe);
  return defined((po - pe) / (1 - pe), po, pe);
}

/**
 * Krippendorff's form 1 − Do / De. When De is 0 (every pairable value is the same) α is
 * undefined: 0/0, not perfect reliability.
 */
export function disagreementRatio(observed: number, expected: number, reason: string): Statistic {
  if (expected <= 0) return undefinedStatistic(reason, observed, expected);
  return defined(1 - observed / expected, observed, expected);
}
