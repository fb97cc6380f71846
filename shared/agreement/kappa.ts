/**
 * Agreement coefficients of the κ family for codes on predefined units (a code applied or not
 * per document or paragraph, a relevance rating, a category). The unit of analysis is the
 * unit: one row of the reliability data.
 *
 * Two groups:
 *  - from the count table (no coder identity): percent agreement, Fleiss' κ, Gwet's AC1,
 *    Brennan–Prediger. With missing ratings they follow Gwet (2014, Handbook of Inter-Rater
 *    Reliability, 4th ed., ch. 2 and 5) as his irrCAC package does: observed agreement over
 *    the units with two or more ratings, category shares averaged over the units with at least
 *    one rating. With complete data they are exactly the textbook formulas.
 *  - from the rating matrix (coder identity): Cohen's κ (weighted or not), Scott's π, Light's
 *    κ and Conger's κ. Two-coder statistics use the units both coders coded.
 *
 * Every coefficient is (po − pe) / (1 − pe); when 1 − pe is 0 it is reported undefined with
 * the reason (see ./statistic.ts).
 */
import type { CountTable, RatingMatrix } from './ratings';
import { chanceCorrected, defined, undefinedStatistic, type Statistic } from './statistic';

const NO_PAIRS = 'no unit was rated by two or more coders, so there is nothing to compare';

interface MultiRaterShares {
  /** Observed agreement: mean over units with ≥ 2 ratings of the share of agreeing rating pairs. */
  pa: number | null;
  /** π_k: mean over units with ≥ 1 rating of the share of that unit's ratings in category k. */
  pi: Float64Array;
  pairedUnits: number;
}

const sharesCache = new WeakMap<CountTable, MultiRaterShares>();

function multiRaterShares(t: CountTable): MultiRaterShares {
  const cached = sharesCache.get(t);
  if (cached) return cached;
  const pi = new Float64Array(t.categories.length);
  let paSum = 0;
  let paired = 0;
  let rated = 0;
  for (let u = 0; u < t.unitCount; u++) {
    const r = t.totals[u]!;
    if (r === 0) continue;
    rated++;
    let agree = 0;
    for (let j = t.offsets[u]!; j < t.offsets[u + 1]!; j++) {
      const n = t.counts[j]!;
      pi[t.cats[j]!]! += n / r;
      agree += n * (n - 1);
    }
    if (r >= 2) {
      paSum += agree / (r * (r - 1));
      paired++;
    }
  }
  if (rated > 0) for (let k = 0; k < pi.length; k++) pi[k]! /= rated;
  const shares = { pa: paired > 0 ? paSum / paired : null, pi, pairedUnits: paired };
  sharesCache.set(t, shares);
  return shares;
}

/**
 * Percent agreement. Unit: the unit; for each unit with two or more ratings, the share of
 * pairs of its ratings that agree, r_uk(r_uk − 1) / (r_u(r_u − 1)) summed over categories;
 * then the mean over those units. For two coders this is the share of jointly coded units
 * on which they agree. (Fleiss 1971, P̄; Gwet 2014 with missing data.)
 */
export function percentAgreement(t: CountTable): Statistic {
  const s = multiRaterShares(t);
  return s.pa === null ? undefinedStatistic(NO_PAIRS) : defined(s.pa, s.pa);
}

/**
 * Fleiss' κ (Fleiss 1971, "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5):378–382). pa as in `percentAgreement`; pe = Σ_k π_k² with π_k the mean share
 * of category k. Unit: the unit; raters need not be the same people from unit to unit.
 */
export function fleissKappa(t: CountTable): Statistic {
  const s = multiRaterShares(t);
  if (s.pa === null) return undefinedStatistic(NO_PAIRS);
  let pe = 0;
  for (const p of s.pi) pe += p * p;
  return chanceCorrected(s.pa, pe, 'every rating is in the same category, so chance agreement is 1 (0/0)');
}

/**
 * Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence
 * of high agreement", Br J Math Stat Psychol 61:29–48; Gwet 2014 ch. 5). pa as above;
 * pe = Σ_k π_k(1 − π_k) / (q − 1), with q the number of categories: the declared list when
 * given, else the categories observed. Undefined when q = 1. Unit: the unit.
 */
export function gwetAc1(t: CountTable): Statistic {
  const s = multiRaterShares(t);
  if (s.pa === null) return undefinedStatistic(NO_PAIRS);
  const q = t.categories.length;
  if (q < 2) return undefinedStatistic('there is only one category, so AC1\'s chance agreement Σπ(1−π)/(q−1) divides by 0', s.pa);
  let sum = 0;
  for (const p of s.pi) sum += p * (1 - p);
  return chanceCorrected(s.pa, sum / (q - 1), 'chance agreement is 1 (0/0)');
}

/**
 * Brennan–Prediger κ (Brennan & Prediger 1981, "Coefficient kappa: some uses, misuses, and
 * alternatives", Educ Psychol Meas 41:687–699; the free-marginal κ of Bennett, Alpert &
 * Goldstein's S). pa as above; pe = 1/q with q the number of declared categories (else
 * observed). Undefined when q = 1. Unit: the unit.
 */
export function brennanPrediger(t: CountTable): Statistic {
  const s = multiRaterShares(t);
  if (s.pa === null) return undefinedStatistic(NO_PAIRS);
  const q = t.categories.length;
  return chanceCorrected(s.pa, q > 0 ? 1 / q : 1, 'there is only one category, so chance agreement 1/q is 1 (0/0)');
}

/** Weights of weighted κ: identity, or spaced by the position of the categories in their order. */
export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

function weight(kind: KappaWeights, a: number, b: number, q: number): number {
  if (kind === 'unweighted' || q < 2) return a === b ? 1 : 0;
  const d = Math.abs(a - b) / (q - 1);
  return kind === 'linear' ? 1 - d : 1 - d * d;
}

interface PairTable {
  n: number;
  /** q × q joint proportions, rows coder a, columns coder b. */
  joint: Float64Array;
  rowShare: Float64Array;
  colShare: Float64Array;
}

function pairTable(m: RatingMatrix, a: number, b: number): PairTable {
  const q = m.categories.length;
  const joint = new Float64Array(q * q);
  let n = 0;
  for (let u = 0; u < m.unitCount; u++) {
    const x = m.cells[u * m.coderCount + a]!;
    const y = m.cells[u * m.coderCount + b]!;
    if (x < 0 || y < 0) continue;
    joint[x * q + y]! += 1;
    n++;
  }
  const rowShare = new Float64Array(q);
  const colShare = new Float64Array(q);
  if (n > 0) {
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const p = joint[i * q + j]! / n;
        joint[i * q + j] = p;
        rowShare[i]! += p;
        colShare[j]! += p;
      }
    }
  }
  return { n, joint, rowShare, colShare };
}

const noJointUnits = (a: number, b: number) => `coders ${a + 1} and ${b + 1} coded no unit in common`;

/**
 * Cohen's κ for two coders (Cohen 1960, "A coefficient of agreement for nominal scales", Educ
 * Psychol Meas 20:37–46), weighted κ (Cohen 1968, Psychol Bull 70:213–220). Unit: the units
 * both coders coded. po = Σ w_ij p_ij, pe = Σ w_ij p_i. p_.j; linear weights
 * w = 1 − |i − j| / (q − 1), quadratic w = 1 − (i − j)² / (q − 1)², with i, j the positions of
 * the categories in their order (the declared list) and q its length.
 */
export function cohenKappa(m: RatingMatrix, a = 0, b = 1, weights: KappaWeights = 'unweighted'): Statistic {
  const t = pairTable(m, a, b);
  if (t.n === 0) return undefinedStatistic(noJointUnits(a, b));
  const q = m.categories.length;
  let po = 0;
  let pe = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const w = weight(weights, i, j, q);
      if (w === 0) continue;
      po += w * t.joint[i * q + j]!;
      pe += w * t.rowShare[i]! * t.colShare[j]!;
    }
  }
  return chanceCorrected(po, pe, 'both coders put every unit in the same single category, so chance agreement is 1 (0/0)');
}

/**
 * Scott's π for two coders (Scott 1955, "Reliability of content analysis: the case of nominal
 * scale coding", Public Opinion Quarterly 19:321–325). Unit: the units both coders coded.
 * pe = Σ_k ((p_k. + p_.k) / 2)², the pooled category shares squared.
 */
export function scottPi(m: RatingMatrix, a = 0, b = 1): Statistic {
  const t = pairTable(m, a, b);
  if (t.n === 0) return undefinedStatistic(noJointUnits(a, b));
  const q = m.categories.length;
  let po = 0;
  let pe = 0;
  for (let k = 0; k < q; k++) {
    po += t.joint[k * q + k]!;
    const p = (t.rowShare[k]! + t.colShare[k]!) / 2;
    pe += p * p;
  }
  return chanceCorrected(po, pe, 'every rating is in the same category, so chance agreement is 1 (0/0)');
}

/**
 * Light's κ (Light 1971, "Measures of response agreement for qualitative data", Psychol Bull
 * 76:365–377): the mean of Cohen's κ over all pairs of coders, each pair on the units both
 * coded. Undefined when any pair's κ is undefined (the mean of the others would be a
 * different statistic); the reason names the pair.
 */
export function lightKappa(m: RatingMatrix): Statistic {
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < m.coderCount; a++) {
    for (let b = a + 1; b < m.coderCount; b++) {
      const k = cohenKappa(m, a, b);
      if (k.value === null) return undefinedStatistic(`Cohen's κ of coders ${a + 1} and ${b + 1} is undefined: ${k.undefinedReason}`);
      sum += k.value;
      pairs++;
    }
  }
  return pairs === 0 ? undefinedStatistic('fewer than two coders') : defined(sum / pairs);
}

/**
 * Conger's κ (Conger 1980, "Integration and generalization of kappas for multiple raters",
 * Psychol Bull 88:322–328; Gwet 2014 ch. 5): Cohen's κ generalised to m coders, equal to it
 * for two. pa as in `percentAgreement`; pe = mean over coder pairs (g, h) of Σ_k p_gk p_hk,
 * p_gk the share of coder g's ratings in category k (over the units g coded). Unit: the unit.
 */
export function congerKappa(m: RatingMatrix, t: CountTable): Statistic {
  const q = m.categories.length;
  const r = m.coderCount;
  const shares = new Float64Array(r * q);
  for (let g = 0; g < r; g++) {
    let n = 0;
    for (let u = 0; u < m.unitCount; u++) {
      const k = m.cells[u * r + g]!;
      if (k < 0) continue;
      shares[g * q + k]! += 1;
      n++;
    }
    if (n > 0) for (let k = 0; k < q; k++) shares[g * q + k]! /= n;
  }
  const s = multiRaterShares(t);
  if (s.pa === null) return undefinedStatistic(NO_PAIRS);
  let pe = 0;
  let pairs = 0;
  for (let g = 0; g < r; g++) {
    for (let h = g + 1; h < r; h++) {
      let dot = 0;
      for (let k = 0; k < q; k++) dot += shares[g * q + k]! * shares[h * q + k]!;
      pe += dot;
      pairs++;
    }
  }
  if (pairs === 0) return undefinedStatistic('fewer than two coders');
  return chanceCorrected(s.pa, pe / pairs, 'every coder put every unit in the same single category, so chance agreement is 1 (0/0)');
}
