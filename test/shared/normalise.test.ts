import { describe, expect, it } from 'vitest';
import { cleanText, extractYear, normaliseDoi, parsePersonName } from '../../shared/import/normalise';

describe('normaliseDoi', () => {
  it('strips resolvers and prefixes and lower-cases', () => {
    expect(normaliseDoi('https://doi.org/10.1370/AFM.2499')).toBe('10.1370/afm.2499');
    expect(normaliseDoi('doi:10.1186/1752-2897-4-1.')).toBe('10.1186/1752-2897-4-1');
    expect(normaliseDoi('http://dx.doi.org/10.1007%2Fs11606-019-05238-6')).toBe('10.1007/s11606-019-05238-6');
    expect(normaliseDoi('not a doi')).toBeNull();
    expect(normaliseDoi('')).toBeNull();
  });
});

describe('parsePersonName', () => {
  it('reads the ways exports write names', () => {
    expect(parsePersonName('Hudon, Catherine')).toEqual({ family: 'Hudon', given: 'Catherine' });
    expect(parsePersonName('Hudon C')).toEqual({ family: 'Hudon', given: 'C' });
    expect(parsePersonName('Catherine Hudon')).toEqual({ family: 'Hudon', given: 'Catherine' });
    expect(parsePersonName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(parsePersonName('WHO')).toEqual({ family: 'WHO', given: '' });
  });
});

describe('extractYear and cleanText', () => {
  it('finds plausible years only', () => {
    expect(extractYear('2019//')).toBe(2019);
    expect(extractYear('2019/05/01/')).toBe(2019);
    expect(extractYear('Spring 1998')).toBe(1998);
    expect(extractYear('12345')).toBeNull();
    expect(extractYear('3020', new Date('2026-01-01'))).toBeNull();
  });
  it('folds white space including U+2028', () => {
    expect(cleanText(' a\u2028b\r\n c\u00a0d ')).toBe('a b c d');
  });
});
