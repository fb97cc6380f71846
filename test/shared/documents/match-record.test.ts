import { describe, expect, it } from 'vitest';
import { findDois, matchRecord, normaliseForMatch } from '../../../shared/documents/match-record';

const records = [
  { id: 'r1', title: 'Patient experiences of structured heart failure programmes', doi: '10.1155/2010/157939' },
  { id: 'r2', title: 'Case management in primary care for frequent users of health care services: a realist synthesis', doi: null },
  { id: 'r3', title: 'Case management in primary care for frequent users of health care services: a mixed methods study', doi: null },
];

describe('matching a full text to its record', () => {
  it('finds DOIs, rejoining one broken after a slash', () => {
    expect(findDois('doi:10.1155/2010/157939\nsee also https://doi.org/10.7717/\npeerj-cs.118.')).toEqual(['10.1155/2010/157939', '10.7717/peerj-cs.118']);
  });

  it('matches by DOI first', () => {
    expect(matchRecord(records, 'Volume 2010\ndoi:10.1155/2010/157939\nResearch Article', 'whatever')).toEqual({ recordId: 'r1', match: 'doi' });
    expect(matchRecord(records, 'no doi here', 'nothing', ['DOI: 10.1155/2010/157939'])).toEqual({ recordId: 'r1', match: 'doi' });
  });

  it('matches a title printed across lines with a hyphenated break', () => {
    const page = 'Research Article\nCase management in primary care for frequent users of health care ser-\nvices: a realist synthesis\nC. Hudon';
    expect(normaliseForMatch('ser-\nvices: A')).toBe('services a');
    expect(matchRecord(records, page, page)).toEqual({ recordId: 'r2', match: 'title' });
  });

  it('tells apart two titles that share most words', () => {
    const page = 'Case management in primary care for frequent users of health care services: a mixed methods study';
    expect(matchRecord(records, page, page)).toEqual({ recordId: 'r3', match: 'title' });
  });

  it('says none when neither DOI nor title is there', () => {
    expect(matchRecord(records, 'Heart surgery outcomes in Malawi', 'Heart surgery outcomes in Malawi')).toEqual({ recordId: null, match: 'none' });
  });
});
