/**
 * `computeAgreement` on the neutral input: the exact output keys, the undefined statistics and
 * their reasons, the edge cases a methods reviewer asks about, and the input checks.
 */
import { describe, expect, it } from 'vitest';
import { computeAgreement } from '../../../shared/agreement/compute';
import { AgreementInputError, parseAgreementInput } from '../../../shared/agreement/schema';

const run = (raw: unknown) => computeAgreement(parseAgreementInput(raw));

describe('ratings', () => {
  it('two coders, nominal: the two-coder statistics and nominal α, no weighted κ or metric α', () => {
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [['a', 'a'], ['b', 'b'], ['a', 'b'], ['b', 'b']] });
    expect(Object.keys(out.statistics).sort()).toEqual(
      ['brennan_prediger', 'cohen_kappa', 'conger_kappa', 'fleiss_kappa', 'gwet_ac1', 'krippendorff_alpha_nominal', 'light_kappa', 'percent_agreement', 'scott_pi'].sort(),
    );
    expect(out.statistics.percent_agreement).toBeCloseTo(0.75, 12);
    // po = .75; A: a 2, b 2; B: a 1, b 3 → pe = .5·.25 + .5·.75 = .5; κ = .5.
    expect(out.statistics.cohen_kappa).toBeCloseTo(0.5, 12);
    expect(out.statistics.light_kappa).toBeCloseTo(0.5, 12);
    expect(out.statistics.conger_kappa).toBeCloseTo(0.5, 12);
    expect(out.byCode).toEqual({});
    expect(out.undefined).toEqual([]);
  });

  it('two coders, ordinal with declared categories: weighted κ by position in the list, ordinal α', () => {
    // The declared list has an unused middle category, so "low" and "high" are two steps apart.
    const out = run({ kind: 'ratings', level: 'ordinal', coders: ['A', 'B'], categories: ['low', 'mid', 'high'], ratings: [['low', 'low'], ['low', 'high'], ['high', 'high'], ['high', 'high']] });
    expect(out.statistics).toHaveProperty('cohen_kappa_linear');
    expect(out.statistics).toHaveProperty('krippendorff_alpha_ordinal');
    expect(out.statistics).not.toHaveProperty('krippendorff_alpha_interval');
    // With only the end categories used, the disagreement has full weight: linear = quadratic = unweighted.
    expect(out.statistics.cohen_kappa_linear).toBeCloseTo(out.statistics.cohen_kappa!, 12);
    expect(out.statistics.cohen_kappa_quadratic).toBeCloseTo(out.statistics.cohen_kappa!, 12);
    // po = .75, A low 2 high 2, B low 1 high 3: pe = .5, κ = .5.
    expect(out.statistics.cohen_kappa).toBeCloseTo(0.5, 12);
  });

  it('three coders, ratio level: every α level, no two-coder statistic', () => {
    const out = run({ kind: 'ratings', level: 'ratio', coders: ['A', 'B', 'C'], ratings: [[1, 1, 2], [3, 3, 3], [5, 4, 5], [0, 0, 1]] });
    for (const key of ['krippendorff_alpha_nominal', 'krippendorff_alpha_ordinal', 'krippendorff_alpha_interval', 'krippendorff_alpha_ratio', 'fleiss_kappa', 'light_kappa', 'conger_kappa']) {
      expect(out.statistics).toHaveProperty(key);
    }
    expect(out.statistics).not.toHaveProperty('cohen_kappa');
    expect(out.statistics).not.toHaveProperty('scott_pi');
  });
});

describe('edge cases', () => {
  it('perfect agreement: every coefficient is 1', () => {
    const out = run({ kind: 'ratings', level: 'interval', coders: ['A', 'B'], ratings: [[1, 1], [2, 2], [3, 3], [2, 2]] });
    for (const [key, value] of Object.entries(out.statistics)) expect([key, value]).toEqual([key, 1]);
    expect(out.undefined).toEqual([]);
  });

  it('a single category used by everyone: the chance-corrected statistics are undefined, with reasons, never 0 or 1', () => {
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [['yes', 'yes'], ['yes', 'yes'], ['yes', 'yes']] });
    expect(out.statistics.percent_agreement).toBe(1);
    for (const key of ['cohen_kappa', 'scott_pi', 'fleiss_kappa', 'light_kappa', 'conger_kappa', 'brennan_prediger', 'gwet_ac1', 'krippendorff_alpha_nominal'] as const) {
      expect(out.statistics[key]).toBeNull();
    }
    const reasons = Object.fromEntries(out.undefined.map((u) => [u.statistic, u]));
    expect(reasons.cohen_kappa).toEqual({ statistic: 'cohen_kappa', scope: '/statistics', reason: expect.stringMatching(/same single category.*0\/0/) });
    expect(reasons.krippendorff_alpha_nominal!.reason).toMatch(/every pairable value is the same/);
    expect(reasons.gwet_ac1!.reason).toMatch(/only one category/);
    expect(out.undefined).toHaveLength(8);
  });

  it('a single category observed but two declared: AC1 and Brennan–Prediger use the declared list', () => {
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], categories: ['yes', 'no'], ratings: [['yes', 'yes'], ['yes', 'yes']] });
    // q = 2: BP pe = 1/2, AC1 pe = Σπ(1−π)/(q−1) = 0; pa = 1 → both 1. κ stays undefined.
    expect(out.statistics.brennan_prediger).toBe(1);
    expect(out.statistics.gwet_ac1).toBe(1);
    expect(out.statistics.cohen_kappa).toBeNull();
  });

  it('constant but different coders: κ is 0, π and α are negative (defined: there is disagreement)', () => {
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: Array.from({ length: 10 }, () => ['yes', 'no']) });
    expect(out.statistics.percent_agreement).toBe(0);
    expect(out.statistics.cohen_kappa).toBe(0); // po = 0, pe = 1·0 + 0·1 = 0
    expect(out.statistics.scott_pi).toBe(-1); // pe = .5² + .5²
    // α = 1 − (n − 1) o_yes,no / (n_yes n_no) = 1 − 19 · 10 / (10 · 10) = −0.9
    expect(out.statistics.krippendorff_alpha_nominal).toBeCloseTo(-0.9, 12);
    expect(out.undefined).toEqual([]);
  });

  it('a code applied by only one coder (the other never applied it): κ 0, π and α negative, all defined', () => {
    // Ann applied the code to 3 of 10 paragraphs, Ben to none.
    const ratings = Array.from({ length: 10 }, (_, i) => [i < 3 ? 1 : 0, 0]);
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['Ann', 'Ben'], ratings });
    expect(out.statistics.percent_agreement).toBeCloseTo(0.7, 12);
    expect(out.statistics.cohen_kappa).toBeCloseTo(0, 12); // pe = .7 · 1 + .3 · 0 = po
    // π: pooled shares .15 / .85 → pe = .745; (.7 − .745) / .255
    expect(out.statistics.scott_pi).toBeCloseTo((0.7 - 0.745) / 0.255, 12);
    // α: n = 20, o_01 = 3, n_1 = 3, n_0 = 17 → 1 − 19 · 3 / 51
    expect(out.statistics.krippendorff_alpha_nominal).toBeCloseTo(1 - (19 * 3) / 51, 12);
    expect(out.undefined).toEqual([]);
  });

  it('missing values: two-coder statistics use the units both coded; units with one value are ignored by α', () => {
    const out = run({
      kind: 'ratings',
      level: 'nominal',
      coders: ['A', 'B'],
      ratings: [['a', 'a'], ['b', 'b'], ['a', null], [null, 'b'], [null, null], ['a', 'b']],
    });
    // Jointly coded: (a,a), (b,b), (a,b): po = 2/3.
    expect(out.statistics.percent_agreement).toBeCloseTo(2 / 3, 12);
    // A: a 2, b 1; B: a 1, b 2 → pe = 2/9 + 2/9 = 4/9; κ = (2/3 − 4/9)/(5/9) = .4
    expect(out.statistics.cohen_kappa).toBeCloseTo(0.4, 12);
    // α on the three pairable units: n = 6, o_ab = 1 each way, n_a = n_b = 3 → 1 − 5·1/9.
    expect(out.statistics.krippendorff_alpha_nominal).toBeCloseTo(1 - 5 / 9, 12);
  });

  it('no unit coded by both coders: undefined, with the reason', () => {
    const out = run({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [['a', null], [null, 'b']] });
    expect(out.statistics.cohen_kappa).toBeNull();
    expect(out.statistics.krippendorff_alpha_nominal).toBeNull();
    expect(out.undefined.find((u) => u.statistic === 'cohen_kappa')!.reason).toBe('coders 1 and 2 coded no unit in common');
    expect(out.undefined.find((u) => u.statistic === 'krippendorff_alpha_nominal')!.reason).toMatch(/no unit has two or more values/);
  });
});

describe('counts', () => {
  it('gives the five statistics that need no coder identity', () => {
    const out = run({ kind: 'counts', categories: ['yes', 'no'], counts: [[3, 0], [2, 1], [0, 3], [1, 2]] });
    expect(Object.keys(out.statistics).sort()).toEqual(['brennan_prediger', 'fleiss_kappa', 'gwet_ac1', 'krippendorff_alpha_nominal', 'percent_agreement']);
    // Per unit agreeing pairs: 1, 1/3, 1, 1/3 → 2/3.
    expect(out.statistics.percent_agreement).toBeCloseTo(2 / 3, 12);
    expect(out.statistics.brennan_prediger).toBeCloseTo((2 / 3 - 0.5) / 0.5, 12);
  });
});

describe('spans', () => {
  const input = {
    kind: 'spans',
    coders: ['Ann', 'Ben'],
    documents: [
      { id: 'd1', length: 100, spans: { Ann: [{ start: 0, end: 20, code: 'trust' }], Ben: [{ start: 10, end: 20, code: 'trust' }, { start: 50, end: 60, code: 'access' }] } },
      { id: 'd2', length: 300, spans: { Ann: [{ start: 100, end: 200, code: 'trust' }], Ben: [{ start: 100, end: 200, code: 'trust' }] } },
    ],
  };

  it('reports per code, per document, and the three labelled aggregations, with the exact keys', () => {
    const out = run(input);
    expect(Object.keys(out.statistics)).toEqual(['u_alpha', 'u_alpha_binary']);
    expect(Object.keys(out.byCode)).toEqual(['trust', 'access']);
    const trust = out.byCode.trust!;
    expect(Object.keys(trust)).toEqual(['byDocument', 'pooled', 'meanOfDocuments', 'sizeWeightedMean']);
    expect(Object.keys(trust.byDocument)).toEqual(['d1', 'd2']);
    expect(Object.keys(trust.pooled)).toEqual(['char_kappa', 'char_percent_agreement', 'char_alpha', 'u_alpha_binary']);
    // d1: Ann 0–20, Ben 10–20: 90 of 100 characters agree; pA = .2, pB = .1 → pe = .02 + .72 = .74.
    expect(trust.byDocument.d1!.char_percent_agreement).toBeCloseTo(0.9, 12);
    expect(trust.byDocument.d1!.char_kappa).toBeCloseTo((0.9 - 0.74) / 0.26, 12);
    expect(trust.byDocument.d2!.char_kappa).toBe(1);
    // Pooled: 390 of 400 characters agree; Ann 120, Ben 110 coded.
    const pA = 120 / 400;
    const pB = 110 / 400;
    const pe = pA * pB + (1 - pA) * (1 - pB);
    expect(trust.pooled.char_percent_agreement).toBeCloseTo(390 / 400, 12);
    expect(trust.pooled.char_kappa).toBeCloseTo((390 / 400 - pe) / (1 - pe), 12);
    const k1 = trust.byDocument.d1!.char_kappa!;
    expect(trust.meanOfDocuments.char_kappa).toBeCloseTo((k1 + 1) / 2, 12);
    expect(trust.sizeWeightedMean.char_kappa).toBeCloseTo((k1 * 100 + 300) / 400, 12);
  });

  it('a code used by only one coder gets κ 0 in its document, and is undefined where nobody used it', () => {
    const out = run(input);
    const access = out.byCode.access!;
    // Only Ben coded access in d1: po = .9 = pe, κ = 0.
    expect(access.byDocument.d1!.char_kappa).toBeCloseTo(0, 12);
    expect(access.byDocument.d2!.char_kappa).toBeNull();
    expect(access.byDocument.d2!.char_percent_agreement).toBe(1);
    const scopes = out.undefined.filter((u) => u.scope === '/byCode/access/byDocument/d2').map((u) => u.statistic).sort();
    expect(scopes).toEqual(['char_alpha', 'char_kappa', 'u_alpha_binary']);
    expect(out.undefined.find((u) => u.scope === '/byCode/access/byDocument/d2' && u.statistic === 'char_kappa')!.reason).toMatch(/no coder applied the code/);
    // The means skip the undefined document instead of counting it as 0.
    expect(access.meanOfDocuments.char_kappa).toBeCloseTo(0, 12);
  });

  it('escapes codes and document ids in scopes and keeps "__proto__" as a plain key', () => {
    const out = run({
      kind: 'spans',
      coders: ['A', 'B'],
      documents: [
        { id: 'other', length: 10, spans: { A: [{ start: 0, end: 5, code: 'a/b~c' }] } },
        { id: '__proto__', length: 10, spans: {} },
      ],
    });
    expect(Object.keys(out.byCode)).toEqual(['a/b~c']);
    expect(Object.keys(out.byCode['a/b~c']!.byDocument)).toEqual(['other', '__proto__']);
    const parsed = JSON.parse(JSON.stringify(out));
    expect(parsed.byCode['a/b~c'].byDocument.other.char_percent_agreement).toBe(0.5);
    expect(parsed.byCode['a/b~c'].byDocument.__proto__.char_percent_agreement).toBe(1);
    // Nobody used the code in "__proto__": its κ is undefined there, and the scope escapes "/" and "~".
    expect(out.undefined).toContainEqual({ statistic: 'char_kappa', scope: '/byCode/a~1b~0c/byDocument/__proto__', reason: expect.any(String) });
  });

  it('overall uα over codes and |uα of coded vs not coded', () => {
    const out = run(input);
    expect(out.statistics.u_alpha).toBeGreaterThan(0);
    expect(out.statistics.u_alpha).toBeLessThan(1);
    // A copy where Ben marks exactly what Ann marks agrees perfectly.
    const same = run({ kind: 'spans', coders: ['Ann', 'Ben'], documents: [{ id: 'd', length: 50, spans: { Ann: [{ start: 5, end: 9, code: 'x' }], Ben: [{ start: 5, end: 9, code: 'x' }] } }] });
    expect(same.statistics).toEqual({ u_alpha: 1, u_alpha_binary: 1 });
  });
});

describe('input checks', () => {
  const problems = (raw: unknown): string[] => {
    try {
      parseAgreementInput(raw);
    } catch (e) {
      expect(e).toBeInstanceOf(AgreementInputError);
      return (e as AgreementInputError).problems;
    }
    throw new Error('expected the input to be refused');
  };

  it('names the unit and coder of a wrong value, in plain words', () => {
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], categories: ['yes', 'no'], ratings: [['yes', 'maybe']] })).toEqual([
      'ratings.0.1: unit 1, coder "B": "maybe" is not one of the declared categories',
    ]);
    expect(problems({ kind: 'ratings', level: 'interval', coders: ['A', 'B'], ratings: [[1, 'high']] })[0]).toMatch(/"high" is not a number, which the interval level needs/);
    expect(problems({ kind: 'ratings', level: 'ratio', coders: ['A', 'B'], ratings: [[1, -2]] })[0]).toMatch(/-2 is negative/);
    expect(problems({ kind: 'ratings', level: 'ordinal', coders: ['A', 'B'], ratings: [['low', 'high']] })[0]).toMatch(/need `categories` listing the values in order/);
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [['a', 'b', 'c']] })[0]).toMatch(/unit 1 has 3 values but there are 2 coders/);
  });

  it('checks every cell of ratings and counts', () => {
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [['a', { x: 1 }], ['a', '']] })).toEqual([
      'ratings.0.1: unit 1, coder "B": a rating is text (1 to 500 characters), a finite number, or null when missing',
      'ratings.1.1: unit 2, coder "B": a rating is text (1 to 500 characters), a finite number, or null when missing',
    ]);
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: 'a,b' })[0]).toMatch(/^ratings: ratings is a list of units/);
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: [] })).toEqual(['ratings: give at least one unit']);
    expect(problems({ kind: 'counts', categories: ['yes', 'no'], counts: [[1, 2.5]] })).toEqual([
      'counts.0.1: unit 1, category "no": a count is a whole number of coders from 0 to 100,000 (found 2.5)',
    ]);
  });

  it('checks each span for its fields', () => {
    const doc = (span: unknown) => ({ kind: 'spans', coders: ['A', 'B'], documents: [{ id: 'd1', length: 50, spans: { A: [span] } }] });
    expect(problems(doc({ start: 1, end: 5, code: 'x', note: 'hi' }))[0]).toBe('documents.0.spans.A.0: document "d1", "A"\'s span 1 has an unknown field "note" (a span is {start, end, code})');
    expect(problems(doc({ start: 1.5, end: 5, code: 'x' }))[0]).toMatch(/start must be a whole character offset from 0 \(found 1.5\)/);
    expect(problems(doc({ start: 1, end: 5 }))[0]).toMatch(/code must be text/);
  });

  it('stops after ten problems on a large broken file', () => {
    const ratings = Array.from({ length: 5000 }, () => ['a']);
    expect(problems({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings })).toHaveLength(10);
  });

  it('checks spans against their document and coders', () => {
    const doc = (spans: unknown) => ({ kind: 'spans', coders: ['A', 'B'], documents: [{ id: 'd1', length: 50, spans }] });
    expect(problems(doc({ A: [{ start: 40, end: 60, code: 'x' }] }))[0]).toBe('documents.0.spans.A.0: document "d1", "A"\'s span 1 ends at 60, past the document\'s length 50');
    expect(problems(doc({ A: [{ start: 10, end: 10, code: 'x' }] }))[0]).toMatch(/empty or reversed/);
    expect(problems(doc({ Carol: [{ start: 1, end: 2, code: 'x' }] }))[0]).toMatch(/"Carol", who is not in coders/);
    expect(problems({ kind: 'spans', coders: ['A'], documents: [] })).toEqual(expect.arrayContaining(['coders: give at least two coders', 'documents: give at least one document']));
  });

  it('refuses an unknown kind and unknown fields', () => {
    expect(problems({ kind: 'tables' })[0]).toMatch(/kind is one of "ratings", "counts", "spans"/);
    expect(problems({ kind: 'counts', categories: ['a'], counts: [[1]], extra: 1 })[0]).toMatch(/extra/);
  });
});
