import { describe, expect, it } from 'vitest';
import { doiValue, issnOf, markedDoi, pageRange, personNames, screeningFromNotes, yearIn } from '../../../shared/import/tagged-fields';
import { extractYear, normaliseDoi, parsePersonName } from '../../../shared/import/normalise';

describe('screening decisions written into notes', () => {
  it('reads ASReview labels; ASReview_prior and not_seen alone decide nothing', () => {
    expect(screeningFromNotes(['ASReview_relevant', 'ASReview_prior']).decision).toBe('included');
    expect(screeningFromNotes(['Additional notes 1. ASReview_irrelevant.']).decision).toBe('excluded');
    expect(screeningFromNotes(['ASReview_not_seen']).decision).toBeNull();
    expect(screeningFromNotes(['ASReview_prior']).decision).toBeNull();
  });

  it('reads Rayyan votes: unanimous gives the vote, disagreement or Maybe gives maybe, with the exclusion reason', () => {
    expect(screeningFromNotes(['RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Included"}'])).toEqual({ decision: 'included', reason: null });
    expect(screeningFromNotes(['RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Excluded"}']).decision).toBe('maybe');
    expect(screeningFromNotes(['RAYYAN-INCLUSION: {"Alice"=>"Maybe"}']).decision).toBe('maybe');
    expect(screeningFromNotes(['RAYYAN-INCLUSION: {"Alice"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong outcome | RAYYAN-LABELS: x'])).toEqual({
      decision: 'excluded',
      reason: 'wrong outcome',
    });
  });

  it('reads Covidence-style decision notes', () => {
    expect(screeningFromNotes(['Covidence decision: Excluded | Exclusion reason: Wrong setting'])).toEqual({ decision: 'excluded', reason: 'Wrong setting' });
    expect(screeningFromNotes(['nothing to see'])).toEqual({ decision: null, reason: null });
  });
});

describe('field helpers', () => {
  it('yearIn agrees with extractYear on the date shapes exports write', () => {
    for (const v of ['2019//', '2019/05/01/', '///', 'YEAR/MONTH/DAY/', '2001///', '99', 'Sep 2015', '12345 2004', 'c. 1492 or 1510', '20160512']) {
      expect([v, yearIn(v)]).toEqual([v, extractYear(v)]);
    }
  });

  it('personNames gives what parsePersonName gives, fast path or not', () => {
    const names = ['Smith, John', 'Begré, S.', 'van de Schoot, Rens', 'Hudon C', 'Doe,  Jane', 'Smith, J,', 'World Health Organization', ''];
    expect(personNames(names)).toEqual(names.map(parsePersonName).filter((p) => p.family || p.given));
  });

  it('doiValue gives what normaliseDoi gives', () => {
    for (const v of ['10.1016/J.X.2019.01', '10.1000/abc.', 'https://doi.org/10.1000/ABC', 'doi:10.1000/x', '10.1000/a%2Fb', 'not a doi']) {
      expect([v, doiValue(v)]).toEqual([v, normaliseDoi(v)]);
    }
  });

  it('takes a DOI from free text only when it is labelled as one', () => {
    expect(markedDoi('See doi: 10.1000/XYZ for details')).toBe('10.1000/xyz');
    expect(markedDoi('10.1000/abc [doi]')).toBe('10.1000/abc');
    expect(markedDoi('Smith 2001, Nature 10.1000/cited')).toBeNull();
  });

  it('formats ISSNs and page ranges', () => {
    expect(issnOf(['03064530 (ISSN)'])).toBe('0306-4530');
    expect(issnOf(['978-3-86490-311-3'])).toBeNull();
    expect(issnOf(['1234-567x'])).toBe('1234-567X');
    expect(pageRange('359', '376')).toBe('359-376');
    expect(pageRange('359-376', '376')).toBe('359-376');
    expect(pageRange(null, null)).toBeNull();
  });
});
