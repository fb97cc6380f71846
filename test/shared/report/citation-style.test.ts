import { describe, expect, it } from 'vitest';
import { apaName, apaReference, compareReferences, formatReference, referenceText, vancouverName, vancouverReference, type ReferenceSource } from '../../../shared/report/citation-style';

// Hudon C, Chouinard MC, Pluye P, et al. Characteristics of case management in primary care
// associated with positive outcomes for frequent users of health care: a systematic review.
// Ann Fam Med. 2019;17(5):448-458. doi:10.1370/afm.2419 (as PubMed lists it).
const hudon: ReferenceSource = {
  title: 'Characteristics of case management in primary care associated with positive outcomes for frequent users of health care: a systematic review',
  authors: [
    { family: 'Hudon', given: 'Catherine' },
    { family: 'Chouinard', given: 'Maud-Christine' },
    { family: 'Pluye', given: 'Pierre' },
    { family: 'El Sherif', given: 'Reem' },
    { family: 'Bush', given: 'Paula L.' },
    { family: 'Rihoux', given: 'Benoît' },
    { family: 'Poitras', given: 'Marie-Eve' },
  ],
  year: 2019,
  journal: 'Ann Fam Med',
  volume: '17',
  issue: '5',
  pages: '448-458',
  doi: 'https://doi.org/10.1370/afm.2419',
};

describe('names', () => {
  it('writes initials as each style asks', () => {
    expect(vancouverName({ family: 'Chouinard', given: 'Maud-Christine' })).toBe('Chouinard MC');
    expect(apaName({ family: 'Chouinard', given: 'Maud-Christine' })).toBe('Chouinard, M.-C.');
    expect(vancouverName({ family: 'Bush', given: 'Paula L.' })).toBe('Bush PL');
    expect(apaName({ family: 'Bush', given: 'Paula L.' })).toBe('Bush, P. L.');
    // Given names already as initials stay initials.
    expect(vancouverName({ family: 'Pawson', given: 'R' })).toBe('Pawson R');
    expect(apaName({ family: 'Wong', given: 'GK' })).toBe('Wong, G. K.');
    expect(apaName({ family: 'World Health Organization', given: '' })).toBe('World Health Organization');
  });
});

describe('Vancouver', () => {
  it('lists six authors then et al., and the journal citation as NLM does', () => {
    expect(referenceText(vancouverReference(hudon))).toBe(
      'Hudon C, Chouinard MC, Pluye P, El Sherif R, Bush PL, Rihoux B, et al. Characteristics of case management in primary care associated with positive outcomes for frequent users of health care: a systematic review. Ann Fam Med. 2019;17(5):448-458. doi:10.1370/afm.2419',
    );
  });

  it('writes every author when there are six or fewer, and leaves out what is missing', () => {
    const two = { title: 'Realist synthesis: an introduction?', authors: [{ family: 'Pawson', given: 'Ray' }, { family: 'Greenhalgh', given: 'Trisha' }], year: 2004, journal: null };
    expect(referenceText(vancouverReference(two))).toBe('Pawson R, Greenhalgh T. Realist synthesis: an introduction? 2004.');
    expect(referenceText(vancouverReference({ title: 'Field notes', authors: [], year: null }))).toBe('Field notes.');
  });
});

describe('APA 7', () => {
  it('writes up to twenty authors with an ampersand, journal and volume in italics, the DOI as a link', () => {
    const segments = apaReference(hudon);
    expect(referenceText(segments)).toBe(
      'Hudon, C., Chouinard, M.-C., Pluye, P., El Sherif, R., Bush, P. L., Rihoux, B., & Poitras, M.-E. (2019). Characteristics of case management in primary care associated with positive outcomes for frequent users of health care: a systematic review. Ann Fam Med, 17(5), 448\u2013458. https://doi.org/10.1370/afm.2419',
    );
    expect(segments.filter((s) => s.italic).map((s) => s.text)).toEqual(['Ann Fam Med', '17']);
  });

  it('writes one author, a missing year as n.d., and a report title in italics', () => {
    const report = { title: 'Frequent users of health services', authors: [{ family: 'Wong', given: 'Geoff' }], year: null, journal: '' };
    const segments = formatReference(report, 'apa');
    expect(referenceText(segments)).toBe('Wong, G. (n.d.). Frequent users of health services.');
    expect(segments.filter((s) => s.italic).map((s) => s.text)).toEqual(['Frequent users of health services.']);
  });

  it('shortens 21 or more authors to the first 19, an ellipsis and the last', () => {
    const many = Array.from({ length: 22 }, (_, i) => ({ family: `Author${i + 1}`, given: 'Ann' }));
    const text = referenceText(apaReference({ title: 'Big trial', authors: many, year: 2020, journal: 'Trials', volume: '21' }));
    expect(text).toBe(`${Array.from({ length: 19 }, (_, i) => `Author${i + 1}, A.`).join(', ')}, . . . Author22, A. (2020). Big trial. Trials, 21.`);
  });
});

describe('order', () => {
  it('sorts by first author, then year', () => {
    const list = [
      { title: 'B', authors: [{ family: 'Wong', given: 'G' }], year: 2013 },
      { title: 'A', authors: [{ family: 'pawson', given: 'R' }], year: 2006 },
      { title: 'C', authors: [{ family: 'Wong', given: 'G' }], year: 2012 },
    ];
    expect([...list].sort(compareReferences).map((r) => `${r.authors[0]!.family} ${r.year}`)).toEqual(['pawson 2006', 'Wong 2012', 'Wong 2013']);
  });
});
