import { describe, expect, it } from 'vitest';
import { authorSimilarity, clusterSimilarity, hasDifferentTitles, percent, similarityTo, titleSimilarity } from '../../../shared/dedupe/record-similarity';

const p = (family: string, given = '') => ({ family, given });

describe('titleSimilarity', () => {
  it('is one minus the edit distance over the longer normalised title', () => {
    // "colour" -> "color": one deletion in six letters.
    expect(titleSimilarity('Colour', 'Color')).toBeCloseTo(5 / 6, 10);
    // "the kitten" -> "the sitting": k->s, e->i, +g: three edits in eleven characters.
    expect(titleSimilarity('The Kitten!', 'the sitting')).toBeCloseTo(8 / 11, 10);
  });

  it('ignores what exports change: case, punctuation, a trailing full stop, "&"', () => {
    expect(titleSimilarity('Realist synthesis: A review.', 'realist synthesis - a review')).toBe(1);
    expect(titleSimilarity('Health & care', 'Health and care')).toBe(1);
  });

  it('is 0 against an empty title and 1 for two empty ones', () => {
    expect(titleSimilarity('A title', '')).toBe(0);
    expect(titleSimilarity('', null)).toBe(1);
  });
});

describe('authorSimilarity', () => {
  it('counts family names in common over the distinct names of both lists', () => {
    expect(authorSimilarity([p('Smith'), p('Jones')], [p('Smith'), p('Jones'), p('Brown')])).toBeCloseTo(2 / 3, 10);
    expect(authorSimilarity([p('Smith')], [p('Brown')])).toBe(0);
  });

  it('compares names as the matcher does (diacritics, hyphens, case)', () => {
    expect(authorSimilarity([p('García-López', 'M')], [p('garcia lopez', 'Maria')])).toBe(1);
  });

  it('is null when either record has no authors', () => {
    expect(authorSimilarity([], [p('Smith')])).toBeNull();
    expect(authorSimilarity([p('')], [p('Smith')])).toBeNull();
  });
});

describe('clusters', () => {
  const supplement = [
    { title: "Epilepsy in Wilson's disease", authors: [p('Smith'), p('Jones')] },
    { title: "Behavior of speech in Wilson's disease", authors: [p('Smith')] },
    { title: 'Liver transplantation outcomes in children', authors: [] },
  ];

  it('gives each record its similarity to the reference, and the cluster its lowest', () => {
    const each = similarityTo(supplement[0]!, supplement);
    expect(each[0]).toEqual({ title: 1, authors: 1 });
    expect(each[1]!.authors).toBeCloseTo(1 / 2, 10);
    expect(each[2]!.authors).toBeNull();
    const c = clusterSimilarity(supplement);
    expect(c.authors).toBeCloseTo(1 / 2, 10);
    expect(c.title).toBe(Math.min(each[1]!.title, each[2]!.title));
    expect(c.title).toBeLessThan(0.6);
  });

  it('flags titles that name different works, not a subtitle added or dropped', () => {
    // "epilepsy wilson disease" against "behavior speech wilson disease": 2 of 5 content words shared.
    expect(hasDifferentTitles(supplement.slice(0, 2))).toBe(true);
    expect(
      hasDifferentTitles([
        { title: 'Community health workers in primary health care', authors: [] },
        { title: 'Community health workers in primary health care: a realist synthesis', authors: [] },
      ]),
    ).toBe(false);
    expect(hasDifferentTitles([supplement[0]!])).toBe(false);
  });
});

describe('percent', () => {
  it('rounds to whole per cent but shows 100 % only for identical values', () => {
    expect(percent(2 / 3)).toBe('67 %');
    expect(percent(0.996)).toBe('99 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('—');
  });
});
