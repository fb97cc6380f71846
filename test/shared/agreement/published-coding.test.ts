/**
 * Agreement on predefined units checked against published worked examples. Each expected value
 * names its source; tolerances match the precision printed there.
 */
import { describe, expect, it } from 'vitest';
import { brennanPrediger, cohenKappa, congerKappa, fleissKappa, gwetAc1, lightKappa, percentAgreement, scottPi } from '../../../shared/agreement/kappa';
import { krippendorffAlpha } from '../../../shared/agreement/krippendorff';
import { countTableFrom, toCountTable, toRatingMatrix, type Category, type RatingValue } from '../../../shared/agreement/ratings';

/** Two-coder units from a contingency table: `cells[i][j]` units rated categories[i] by A and categories[j] by B. */
function fromTable(categories: Category[], cells: number[][]) {
  const rows: RatingValue[][] = [];
  cells.forEach((row, i) => row.forEach((n, j) => {
    for (let k = 0; k < n; k++) rows.push([categories[i]!, categories[j]!]);
  }));
  const matrix = toRatingMatrix(rows, 2, categories);
  return { matrix, table: toCountTable(matrix) };
}

describe('Cohen (1960), "A coefficient of agreement for nominal scales"', () => {
  it('example on p. 45: 200 units, po = .70, pc = .41, κ = .492', () => {
    // Rows judge A, columns judge B (the proportions .44/.07/.09, .05/.20/.05, .01/.03/.06 × 200).
    const { matrix } = fromTable([1, 2, 3], [[88, 14, 18], [10, 40, 10], [2, 6, 12]]);
    const k = cohenKappa(matrix);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.41, 10);
    expect(k.value).toBeCloseTo(0.492, 3);
  });

  it('example on p. 37: agreement .29 below chance .35 gives a negative κ', () => {
    const { matrix } = fromTable([1, 2, 3], [[25, 12, 3], [13, 2, 15], [12, 16, 2]]);
    const k = cohenKappa(matrix);
    expect(k.observed).toBeCloseTo(0.29, 10);
    expect(k.expected).toBeCloseTo(0.35, 2);
    expect(k.value!).toBeLessThan(0);
  });
});

describe('Artstein & Poesio (2008), "Inter-coder agreement for computational linguistics", Computational Linguistics 34(4)', () => {
  // p. 558: 100 utterances, STAT / IReq. Rows coder A, columns coder B.
  const first = fromTable(['STAT', 'IReq'], [[20, 10], [20, 50]]);
  // p. 568: 100 utterances, STAT / IReq / Chck.
  const second = fromTable(['STAT', 'IReq', 'Chck'], [[46, 0, 0], [6, 32, 6], [0, 0, 10]]);

  it('first example: Ao = .7, S = .4, π = .341 (Ae .545), κ = .348 (Ae .54)', () => {
    expect(percentAgreement(first.table).value).toBeCloseTo(0.7, 10);
    expect(brennanPrediger(first.table).value).toBeCloseTo(0.4, 10);
    const pi = scottPi(first.matrix);
    expect(pi.expected).toBeCloseTo(0.545, 3);
    expect(pi.value).toBeCloseTo(0.341, 3);
    const k = cohenKappa(first.matrix);
    expect(k.expected).toBeCloseTo(0.54, 3);
    expect(k.value).toBeCloseTo(0.348, 3);
  });

  it('second example: Ao = .88, S = .82, π = .7995, κ = .8013, α = .800 (Do .120, De .601)', () => {
    expect(percentAgreement(second.table).value).toBeCloseTo(0.88, 10);
    expect(brennanPrediger(second.table).value).toBeCloseTo(0.82, 10);
    expect(scottPi(second.matrix).expected).toBeCloseTo(0.4014, 4);
    expect(scottPi(second.matrix).value).toBeCloseTo(0.7995, 4);
    expect(cohenKappa(second.matrix).expected).toBeCloseTo(0.396, 3);
    expect(cohenKappa(second.matrix).value).toBeCloseTo(0.8013, 4);
    const alpha = krippendorffAlpha(second.table, 'nominal');
    expect(alpha.observed).toBeCloseTo(0.12, 3);
    // Printed to three places: the exact values are De 0.60161 and α 0.80053.
    expect(Math.abs(alpha.expected! - 0.601)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(alpha.value! - 0.8)).toBeLessThanOrEqual(0.001); // exact 0.80053
  });
});

describe('Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5), p. 379', () => {
  // 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression, 2 personality disorder,
  // 3 schizophrenia, 4 neurosis, 5 other): the assignments of Fleiss' table, as counts.
  const assignments = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ];
  const counts = assignments.map((a) => [1, 2, 3, 4, 5].map((c) => a.filter((x) => x === c).length));
  const table = countTableFrom(counts, [1, 2, 3, 4, 5]);

  it('P̄ = .556, P̄e = .220, κ = .430', () => {
    const k = fleissKappa(table);
    expect(k.observed).toBeCloseTo(0.556, 3);
    expect(k.expected).toBeCloseTo(0.22, 3);
    expect(k.value).toBeCloseTo(0.43, 3);
  });
});

describe('Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability"', () => {
  it('A. binary data, two observers, no missing data: α = 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const t = toCountTable(toRatingMatrix(a.map((x, i) => [x, b[i]!]), 2));
    expect(krippendorffAlpha(t, 'nominal').value).toBeCloseTo(0.095, 3);
  });

  it('B. nominal data, two observers (Ben, Gerry), no missing data: α = 0.692', () => {
    const ben = 'aabbdcccedda'.split('');
    const gerry = 'babbbcccdddd'.split('').map((x, i) => (i === 8 ? 'e' : x));
    const t = toCountTable(toRatingMatrix(ben.map((x, i) => [x, gerry[i]!]), 2));
    expect(krippendorffAlpha(t, 'nominal').value).toBeCloseTo(0.692, 3);
  });

  // C–F: 4 observers, 12 units, missing data (also irrCAC's data set cac.raw4raters).
  const n = null;
  const fourObservers: RatingValue[][] = [
    [1, 1, n, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [n, 5, 5, 5], [n, n, 1, 1], [n, n, 3, n],
  ];
  const t4 = toCountTable(toRatingMatrix(fourObservers, 4));

  it('C. nominal data, any number of observers, missing data: α = 0.743', () => {
    expect(krippendorffAlpha(t4, 'nominal').value).toBeCloseTo(0.743, 3);
  });
  it('D–F. the same data as ordinal (α = 0.815), interval (α = 0.849) and ratio (α = 0.797)', () => {
    expect(krippendorffAlpha(t4, 'ordinal').value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(t4, 'interval').value).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(t4, 'ratio').value).toBeCloseTo(0.797, 3);
  });
});

describe("Gwet's irrCAC package documentation (README and vignettes of irrCAC 1.0, Gwet 2019, after Gwet 2014)", () => {
  it('cont3x3abstractors: κ 0.7964094, π 0.7962397, AC1 0.8493305, BP 0.835, α 0.7972585, PA 0.89', () => {
    const { matrix, table } = fromTable(['Ectopic', 'AIU', 'NIU'], [[13, 0, 0], [0, 20, 7], [0, 4, 56]]);
    expect(cohenKappa(matrix).value).toBeCloseTo(0.7964094, 7);
    expect(scottPi(matrix).value).toBeCloseTo(0.7962397, 7);
    expect(gwetAc1(table).value).toBeCloseTo(0.8493305, 7);
    expect(brennanPrediger(table).value).toBeCloseTo(0.835, 7);
    expect(krippendorffAlpha(table, 'nominal').value).toBeCloseTo(0.7972585, 7);
    expect(percentAgreement(table).value).toBeCloseTo(0.89, 7);
  });

  it('cont3x3abstractors with quadratic weights (weighting vignette): Cohen\'s κ 0.8921569', () => {
    const { matrix } = fromTable(['Ectopic', 'AIU', 'NIU'], [[13, 0, 0], [0, 20, 7], [0, 4, 56]]);
    expect(cohenKappa(matrix, 0, 1, 'quadratic').value).toBeCloseTo(0.8921569, 7);
  });

  it('distrib.6raters (15 patients × 6 raters, counts): AC1 0.4448007, Fleiss 0.4139265, α 0.4204384, BP 0.4388889', () => {
    const counts = [
      [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    ];
    const t = countTableFrom(counts, ['Depression', 'Personality Disorder', 'Schizophrenia', 'Neurosis', 'Other']);
    const ac1 = gwetAc1(t);
    expect(ac1.observed).toBeCloseTo(0.5511111, 7);
    expect(ac1.expected).toBeCloseTo(0.1914815, 7);
    expect(ac1.value).toBeCloseTo(0.4448007, 7);
    expect(fleissKappa(t).expected).toBeCloseTo(0.2340741, 7);
    expect(fleissKappa(t).value).toBeCloseTo(0.4139265, 7);
    expect(krippendorffAlpha(t, 'nominal').value).toBeCloseTo(0.4204384, 7);
    expect(brennanPrediger(t).value).toBeCloseTo(0.4388889, 7);
  });

  it('cac.raw4raters (4 raters, missing ratings): PA 0.8181818, AC1 0.77544, Fleiss 0.76117, α 0.74342, Conger 0.76282, BP 0.77273', () => {
    const n = null;
    const rows: RatingValue[][] = [
      [1, 1, n, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
      [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [n, 5, 5, 5], [n, n, 1, 1], [n, n, 3, n],
    ];
    const matrix = toRatingMatrix(rows, 4);
    const t = toCountTable(matrix);
    expect(percentAgreement(t).value).toBeCloseTo(0.8181818, 7);
    expect(gwetAc1(t).expected).toBeCloseTo(0.1903212, 7);
    expect(gwetAc1(t).value).toBeCloseTo(0.77544, 5);
    expect(fleissKappa(t).expected).toBeCloseTo(0.2387153, 7);
    expect(fleissKappa(t).value).toBeCloseTo(0.76117, 5);
    expect(krippendorffAlpha(t, 'nominal').value).toBeCloseTo(0.74342, 5);
    expect(congerKappa(matrix, t).expected).toBeCloseTo(0.2334252, 7);
    expect(congerKappa(matrix, t).value).toBeCloseTo(0.76282, 5);
    expect(brennanPrediger(t).value).toBeCloseTo(0.77273, 5);
  });

  // irrCAC 1.4, gwet.ac1.raw(ratings, weights = "unweighted") on two-rater tables; values as
  // recorded with the exact call in dkpro-statistics (src/test/resources/gwet/fixture_01, _04).
  it('AC1 on a skewed 2 × 2 table (80, 7 / 8, 5): pa 0.85, pe 0.21875, AC1 0.808', () => {
    const { table } = fromTable([1, 2], [[80, 7], [8, 5]]);
    const ac1 = gwetAc1(table);
    expect(ac1.observed).toBeCloseTo(0.85, 10);
    expect(ac1.expected).toBeCloseTo(0.21875, 10);
    expect(ac1.value).toBeCloseTo(0.808, 3);
  });
  it('AC1 on a 4 × 4 ordinal table: pa 0.684210526315789, pe 0.247294552169898, AC1 0.58046', () => {
    const { table } = fromTable([1, 2, 3, 4], [[20, 5, 1, 0], [4, 15, 6, 1], [0, 5, 18, 4], [0, 1, 3, 12]]);
    const ac1 = gwetAc1(table);
    expect(ac1.observed).toBeCloseTo(0.684210526315789, 12);
    expect(ac1.expected).toBeCloseTo(0.247294552169898, 12);
    expect(ac1.value).toBeCloseTo(0.58046, 5);
  });
});

describe("Light's κ", () => {
  it('is the mean of the pairwise Cohen κs (checked against the three pairs computed one by one)', () => {
    const rows: RatingValue[][] = [
      ['a', 'a', 'a'], ['a', 'b', 'a'], ['b', 'b', 'b'], ['b', 'b', 'a'], ['c', 'c', 'c'], ['c', 'a', 'c'], ['a', 'a', 'b'], ['b', 'c', 'b'],
    ];
    const m = toRatingMatrix(rows, 3);
    const pairs = [cohenKappa(m, 0, 1).value!, cohenKappa(m, 0, 2).value!, cohenKappa(m, 1, 2).value!];
    expect(lightKappa(m).value).toBeCloseTo((pairs[0]! + pairs[1]! + pairs[2]!) / 3, 12);
    // Coders 1 and 2 agree on 5 of 8 units: po = .625; marginals a 3/3, b 3/3, c 2/2 → pe = 9/64+9/64+4/64.
    expect(pairs[0]).toBeCloseTo((0.625 - 22 / 64) / (1 - 22 / 64), 12);
  });
});
