/**
 * Our statistics against reference implementations run by hand outside the project, on the
 * generated data of ./reference-data.ts (dumped with the command in its header). The values
 * were recorded on Debian 12 with:
 *
 *   python3-nltk 3.8-1 (nltk.metrics.agreement.AnnotationTask), python3-sklearn 1.2.1
 *   (sklearn.metrics.cohen_kappa_score), python3-statsmodels 0.13.5 (statsmodels.stats.
 *   inter_rater.fleiss_kappa), numpy 1.24.2 — run with /usr/bin/python3 (3.11);
 *   r-base-core 4.2.2 with r-cran-psych 2.2.9 (psych::cohen.kappa).
 *
 * In the Python snippets, `d = json.load(open('/tmp/reference-data.json'))` and
 *   task = lambda rows, distance=binary_distance: AnnotationTask(data=[(str(i), str(u), v)
 *       for u, row in enumerate(rows) for i, v in enumerate(row) if v is not None], distance=distance)
 * (coder i, item u, label v; missing values left out).
 */
import { describe, expect, it } from 'vitest';
import { computeAgreement } from '../../../shared/agreement/compute';
import { parseAgreementInput } from '../../../shared/agreement/schema';
import { referenceData } from './reference-data';

const data = referenceData();
const run = (raw: unknown) => computeAgreement(parseAgreementInput(raw));
const coders = (n: number) => Array.from({ length: n }, (_, i) => `coder${i + 1}`);

describe('two coders, nominal (nominal2: 200 units, 4 categories)', () => {
  const s = run({ kind: 'ratings', level: 'nominal', coders: coders(2), ratings: data.nominal2 }).statistics;

  it("Cohen's κ = sklearn cohen_kappa_score(a, b) = psych cohen.kappa(n2)$kappa = 0.44692476844139395", () => {
    expect(s.cohen_kappa).toBeCloseTo(0.44692476844139395, 12);
  });
  it('percent agreement = NLTK task(d["nominal2"]).avg_Ao() = 0.585', () => {
    expect(s.percent_agreement).toBeCloseTo(0.585, 12);
  });
  it("Scott's π and Fleiss' κ = NLTK .pi() = 0.44543738620609014 (multi-π, equal to Scott's for two coders)", () => {
    expect(s.scott_pi).toBeCloseTo(0.44543738620609014, 12);
    expect(s.fleiss_kappa).toBeCloseTo(0.44543738620609014, 12);
  });
  it('Brennan–Prediger (q = the 4 observed categories) = NLTK .S() = 0.4466666666666666', () => {
    expect(s.brennan_prediger).toBeCloseTo(0.4466666666666666, 12);
  });
  it("Light's and Conger's κ = NLTK .kappa() and .multi_kappa() = 0.44692476844139395 (both Cohen's for two coders)", () => {
    expect(s.light_kappa).toBeCloseTo(0.44692476844139395, 12);
    expect(s.conger_kappa).toBeCloseTo(0.44692476844139395, 12);
  });
  it("Krippendorff's nominal α = NLTK .alpha() = 0.44682379274057504", () => {
    expect(s.krippendorff_alpha_nominal).toBeCloseTo(0.44682379274057504, 12);
  });
});

describe('two coders, Likert 1–5 (likert2: 150 units)', () => {
  const s = run({ kind: 'ratings', level: 'interval', coders: coders(2), ratings: data.likert2 }).statistics;

  it('κ unweighted, linear, quadratic = sklearn cohen_kappa_score(a, b, weights=w, labels=[1,2,3,4,5])', () => {
    expect(s.cohen_kappa).toBeCloseTo(0.3878577817531307, 12);
    expect(s.cohen_kappa_linear).toBeCloseTo(0.67767929089444, 12);
    // Also psych::cohen.kappa(l2, levels = 1:5)$weighted.kappa = 0.854495170477999.
    expect(s.cohen_kappa_quadratic).toBeCloseTo(0.8544951704779988, 12);
  });
  it("Krippendorff's interval α = NLTK task(l2, interval_distance).alpha() = 0.8548723562458691; nominal 0.3888391107128857", () => {
    expect(s.krippendorff_alpha_interval).toBeCloseTo(0.8548723562458691, 12);
    expect(s.krippendorff_alpha_nominal).toBeCloseTo(0.3888391107128857, 12);
  });

  // The same ratings with every value ≥ 3 moved up by one (values 1, 2, 4, 5, 6): the weights
  // depend on whether the unused 3 is declared.
  const gap = data.likert2.map((r) => r.map((v) => (v < 3 ? v : v + 1)));
  it('weights are spaced by the declared list: sklearn labels=[1..6] gives linear 0.7058216350123865, quadratic 0.8693929021797875', () => {
    const declared = run({ kind: 'ratings', level: 'ordinal', coders: coders(2), categories: [1, 2, 3, 4, 5, 6], ratings: gap }).statistics;
    expect(declared.cohen_kappa_linear).toBeCloseTo(0.7058216350123865, 12);
    expect(declared.cohen_kappa_quadratic).toBeCloseTo(0.8693929021797875, 12);
  });
  it('without a declared list the observed values are the positions: sklearn labels=[1,2,4,5,6] gives 0.67767929089444, 0.8544951704779988', () => {
    const observed = run({ kind: 'ratings', level: 'ordinal', coders: coders(2), ratings: gap }).statistics;
    expect(observed.cohen_kappa_linear).toBeCloseTo(0.67767929089444, 12);
    expect(observed.cohen_kappa_quadratic).toBeCloseTo(0.8544951704779988, 12);
  });
});

describe('three coders, nominal (nominal3: 120 units, 3 categories)', () => {
  const s = run({ kind: 'ratings', level: 'nominal', coders: coders(3), ratings: data.nominal3 }).statistics;

  it('percent agreement = NLTK .avg_Ao() = 0.6138888888888889 (mean share of agreeing pairs)', () => {
    expect(s.percent_agreement).toBeCloseTo(0.6138888888888889, 12);
  });
  it("Fleiss' κ = NLTK .pi() = statsmodels fleiss_kappa(table, method='fleiss') = 0.418518174212141", () => {
    expect(s.fleiss_kappa).toBeCloseTo(0.418518174212141, 12);
  });
  it("Light's κ = NLTK .kappa() (mean of pairwise Cohen) = 0.420092464079935", () => {
    expect(s.light_kappa).toBeCloseTo(0.420092464079935, 12);
  });
  it("Conger's κ = NLTK .multi_kappa() (Davies & Fleiss 1982) = 0.42012862854163047", () => {
    expect(s.conger_kappa).toBeCloseTo(0.42012862854163047, 12);
  });
  it("Brennan–Prediger = NLTK .S() = statsmodels fleiss_kappa(table, method='randolph') = 0.4208333333333334", () => {
    expect(s.brennan_prediger).toBeCloseTo(0.4208333333333334, 12);
  });
  it("Krippendorff's nominal α = NLTK .alpha() = 0.4201334015059961", () => {
    expect(s.krippendorff_alpha_nominal).toBeCloseTo(0.4201334015059961, 12);
  });
});

describe('four coders with missing values (missing4: 100 units, values 1–5, ~20% missing)', () => {
  const s = run({ kind: 'ratings', level: 'interval', coders: coders(4), ratings: data.missing4 }).statistics;
  it("Krippendorff's α = NLTK task(m4).alpha() = 0.3685390260173447 (nominal), task(m4, interval_distance).alpha() = 0.42701304150204555", () => {
    expect(s.krippendorff_alpha_nominal).toBeCloseTo(0.3685390260173447, 12);
    expect(s.krippendorff_alpha_interval).toBeCloseTo(0.42701304150204555, 12);
  });
});

describe('counts (counts6: 80 units × 4 categories, 6 raters each)', () => {
  const s = run({ kind: 'counts', categories: ['c1', 'c2', 'c3', 'c4'], counts: data.counts6 }).statistics;
  it("Fleiss' κ = statsmodels fleiss_kappa(np.array(d['counts6']), method='fleiss') = 0.4104138851802405", () => {
    expect(s.fleiss_kappa).toBeCloseTo(0.4104138851802405, 12);
  });
  it("Brennan–Prediger = statsmodels fleiss_kappa(..., method='randolph') = 0.41222222222222243", () => {
    expect(s.brennan_prediger).toBeCloseTo(0.41222222222222243, 12);
  });
  it("Krippendorff's α = NLTK AnnotationTask on the counts expanded to (rater k of unit u, u, category) = 0.411642189586115", () => {
    expect(s.krippendorff_alpha_nominal).toBeCloseTo(0.411642189586115, 12);
  });
});

describe('spans, character level (spans2: two coders, four documents, codes trust and access)', () => {
  // Per code and document, numpy 0/1 vectors v_A, v_B (v[start:end] = 1 for each span of the
  // code), then sklearn cohen_kappa_score(v_A, v_B), (v_A == v_B).mean(), and NLTK
  // AnnotationTask on (coder, character, 0/1).alpha(); "pooled" concatenates the documents.
  const out = run({ kind: 'spans', coders: ['A', 'B'], documents: data.spans2 });
  const expected: Record<string, Record<string, [number, number, number]>> = {
    trust: {
      'doc-1': [0.6344586728754364, 0.8726114649681529, 0.632903981264637],
      'doc-2': [0.7390599001663893, 0.907859078590786, 0.7383249791144528],
      'doc-3': [0.8576414969292625, 0.9497206703910615, 0.8578340402969247],
      'doc-4': [0.8834101535298604, 0.9795221843003413, 0.8834941796836135],
      pooled: [0.7835456413116616, 0.9360786724031961, 0.7836116071657004],
    },
    access: {
      'doc-1': [0.6505477239994764, 0.8375796178343949, 0.6487086249134872],
      'doc-2': [0.5559827429342881, 0.8888888888888888, 0.5453697434740089],
      'doc-3': [0.8108946847144272, 0.9553072625698324, 0.8111089095832508],
      'doc-4': [0.8201792070700872, 0.9658703071672355, 0.8197796109332677],
      pooled: [0.7227917823608807, 0.9213275968039336, 0.7216312341222089],
    },
  };
  for (const [code, byDoc] of Object.entries(expected)) {
    for (const [doc, [kappa, agreement, alpha]] of Object.entries(byDoc)) {
      it(`${code}, ${doc}: κ ${kappa.toFixed(4)}, agreement ${agreement.toFixed(4)}, α ${alpha.toFixed(4)}`, () => {
        const cell = doc === 'pooled' ? out.byCode[code]!.pooled : out.byCode[code]!.byDocument[doc]!;
        expect(cell.char_kappa).toBeCloseTo(kappa, 12);
        expect(cell.char_percent_agreement).toBeCloseTo(agreement, 12);
        expect(cell.char_alpha).toBeCloseTo(alpha, 12);
      });
    }
  }
});
