import { beforeAll, describe, expect, it } from 'vitest';
import { clusterRecords, DedupeIndex, type DedupeRecord } from '../../../shared/dedupe/dedupe';
import { normaliseFamily, normalisePmid, normaliseTitle } from '../../../shared/dedupe/normalise';
import { editSimilarity } from '../../../shared/dedupe/similarity';
import { parseText } from '../../../shared/import/parse';
import type { ParsedRecord } from '../../../shared/import/types';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

function rec(id: string, title: string, firstAuthor: string | null, year: number | null, ids: { doi?: string; pmid?: string } = {}): DedupeRecord {
  return { id, title, firstAuthor, year, doi: ids.doi ?? null, pmid: ids.pmid ?? null };
}

function fromParsed(prefix: string, records: ParsedRecord[], withIds = true): DedupeRecord[] {
  return records.map((r, i) => ({
    id: `${prefix}${i}`,
    title: r.title,
    firstAuthor: r.authors[0]?.family ?? null,
    year: r.year,
    doi: withIds ? r.doi : null,
    pmid: withIds ? r.pmid : null,
  }));
}

describe('normalisers', () => {
  it('reduces titles to comparable words', () => {
    expect(normaliseTitle('<i>Café</i> culture &amp; health: a  Review.')).toBe('cafe culture and health a review');
    expect(normaliseTitle('Straße')).toBe('strasse');
    expect(normaliseFamily("García-López")).toBe('garcialopez');
    expect(normaliseFamily("O'Brien")).toBe('obrien');
    expect(normalisePmid('PMID: 0012345')).toBe('12345');
    expect(normalisePmid('none')).toBeNull();
  });

  it('reduces plain ASCII titles and names (their fast path) exactly as the full Unicode path does', () => {
    const titles = [
      'Realist synthesis: RAMESES publication standards.',
      '  Trust, (in)visibility and 2nd-order effects -- a review  ',
      "Nurses' use of e-health: what works, for whom?",
      'A_b_c [sic] {x} ~y~ |z| `q` ^w^ 100% $5 #1 @home',
      'Tabs\tand\nlines',
      'Markup <i>inside</i> &amp; entities &lt; here',
    ];
    // A leading "É " sends a title down the full path; the rest must come out the same.
    for (const t of titles) expect(normaliseTitle(`É ${t}`)).toBe(`e ${normaliseTitle(t)}`);
    expect(normaliseTitle(titles[2])).toBe('nurses use of e health what works for whom');
    expect(normaliseTitle(titles[3])).toBe('a b c sic x y z q w 100 5 1 home');
    for (const f of ["O'Brien", 'van der Berg', 'Smith-Jones', 'MacDonald II']) expect(normaliseFamily(`É${f}`)).toBe(`e${normaliseFamily(f)}`);
    expect(normaliseFamily('van der Berg')).toBe('vanderberg');
  });

  it('measures edit similarity with an early exit below the threshold', () => {
    expect(editSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
    expect(editSimilarity('abc', 'abc')).toBe(1);
    expect(editSimilarity('', '')).toBe(1);
    expect(editSimilarity('a'.repeat(10), 'b'.repeat(10), 0.9)).toBe(0);
  });
});

describe('exact identifiers', () => {
  it('matches a DOI written as a resolver URL in capitals with its bare lower-case form', () => {
    const groups = clusterRecords([
      rec('a', 'Completely different wording of a title here', 'Smith', 2001, { doi: 'https://doi.org/10.1/ABC' }),
      rec('b', 'Another title that does not resemble the first', 'Smith', 2019, { doi: '10.1/abc' }),
    ]);
    expect(groups).toEqual([{ ids: ['a', 'b'], reason: 'doi', score: 1 }]);
  });

  it('keeps a shared DOI one work when only the title or only the first author differs', () => {
    const translated = clusterRecords([
      rec('a', 'Case management for frequent users of health care', 'Hudon', 2020, { doi: '10.1370/afm.2531' }),
      rec('b', 'Gestion de cas pour les grands utilisateurs des services', 'Hudon', 2020, { doi: '10.1370/afm.2531' }),
    ]);
    expect(translated).toEqual([{ ids: ['a', 'b'], reason: 'doi', score: 1 }]);
    const reordered = clusterRecords([
      rec('a', 'Case management for frequent users of health care', 'Hudon', 2020, { doi: '10.1370/afm.2531' }),
      rec('b', 'Case management for frequent users of health care.', 'Chouinard', 2020, { doi: '10.1370/afm.2531' }),
    ]);
    expect(reordered).toEqual([{ ids: ['a', 'b'], reason: 'doi', score: 1 }]);
  });

  it('does not pair conference abstracts that share a supplement DOI, but pairs each with its own copy', () => {
    const doi = '10.1002/mds.25051';
    const groups = clusterRecords([
      rec('kumar', "Epilepsy in Wilson's disease (WD)", 'Kumar', 2012, { doi }),
      rec('estevo', "Behavior of speech in Wilson's disease", 'Estevo', 2012, { doi }),
      rec('kumar-copy', "Epilepsy in Wilson's disease (WD).", 'Kumar', 2012, { doi }),
      rec('estevo-copy', "Behaviour of speech in Wilson's disease", 'Estevo', 2012, { doi }),
    ]);
    expect(groups).toEqual([
      { ids: ['kumar', 'kumar-copy'], reason: 'doi', score: 1 },
      { ids: ['estevo', 'estevo-copy'], reason: 'doi', score: 1 },
    ]);
  });

  it('matches on PMID when there is no DOI', () => {
    const index = new DedupeIndex();
    index.add(rec('a', 'Title one about hospital discharge planning', 'Smith', 2001, { pmid: '12345678' }));
    expect(index.findMatch(rec('b', 'x', null, null, { pmid: 'PMID: 12345678' }))).toEqual({ id: 'b', matchId: 'a', reason: 'pmid', score: 1 });
  });
});

describe('fuzzy matching', () => {
  const title = 'Effects of community health workers on hypertension control in rural adults: a randomised trial';

  it('matches the same title after markup, case and punctuation changes, same first author, adjacent year', () => {
    const groups = clusterRecords([
      rec('a', title, 'Müller', 2019),
      rec('b', `<i>${title.toUpperCase()}</i>.`, 'Muller', 2020),
    ]);
    expect(groups).toEqual([{ ids: ['a', 'b'], reason: 'fuzzy', score: 1 }]);
  });

  it('does not merge similar titles by different first authors, or years more than one apart', () => {
    const groups = clusterRecords([
      rec('a', title, 'Smith', 2019),
      rec('b', title, 'Okafor', 2019), // same title, another team
      rec('c', title, 'Smith', 2012), // the authors' earlier paper with the same title
      rec('d', title.replace('adults', 'children'), 'Smith', 2019), // a sibling study
    ]);
    expect(groups).toEqual([]);
  });

  it('accepts spelling variants but not opposite words, and needs an author or a year beyond the title', () => {
    const t = 'A randomised trial of paediatric behaviour therapy for relevant anxiety outcomes in schools';
    expect(clusterRecords([rec('a', t, 'Smith', 2019), rec('b', t.replace('randomised', 'randomized').replace('paediatric', 'pediatric').replace('behaviour', 'behavior'), 'Smith', 2019)])).toHaveLength(1);
    expect(clusterRecords([rec('a', t, 'Smith', 2019), rec('b', t.replace('relevant', 'irrelevant'), 'Smith', 2019)])).toEqual([]);
    // No author and no year on either side: identical titles are not enough.
    expect(clusterRecords([rec('a', t, null, null), rec('b', t, null, null)])).toEqual([]);
    expect(clusterRecords([rec('a', t, null, 2019), rec('b', t, 'Smith', 2019)])).toEqual([{ ids: ['a', 'b'], reason: 'fuzzy', score: 1 }]);
  });

  it('does not merge identical titles that carry different DOIs (an abstract and its article)', () => {
    expect(clusterRecords([rec('a', title, 'Smith', 2019, { doi: '10.1/a' }), rec('b', title, 'Smith', 2019, { doi: '10.1/b' })])).toEqual([]);
  });

  it('only compares records within a block, so the work grows linearly', () => {
    // A seeded library of 5,000 distinct records: titles of eight words from a 2,000-word
    // vocabulary, 500 first authors, 30 years.
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    // Family names must differ in letters: the author key ignores digits.
    const family = (k: number) => `Fam${'abcdefghijklmnopqrstuvwxyz'[k % 26]}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(k / 26) % 26]}`;
    const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}${'abcdefghij'[i % 10]}ing`);
    const index = new DedupeIndex();
    const n = 5000;
    let matches = 0;
    for (let i = 0; i < n; i++) {
      const words = Array.from({ length: 8 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!);
      const r = rec(`r${i}`, words.join(' '), family(Math.floor(random() * 500)), 1990 + Math.floor(random() * 30));
      if (index.findMatch(r)) matches++;
      index.add(r);
    }
    expect(matches).toBe(0);
    // All pairs would be n(n-1)/2 = 12.5 million comparisons.
    expect(index.comparisons).toBeLessThan(n * 2);
  });
});

describe.skipIf(!HAVE_FIXTURES)('the same library exported by EndNote and by Zotero', () => {
  // Read in a hook, not while the file is collected: a skipped describe's body still runs.
  let endnote: ParsedRecord[] = [];
  let zotero: ParsedRecord[] = [];
  beforeAll(() => {
    endnote = parseText(fixtureText('ris/asreview_endnote_baseline_99rec_bom_crlf.ris')).records;
    zotero = parseText(fixtureText('ris/asreview_zotero_baseline_99rec_crlf.ris')).records;
  });

  it('pairs all 100 records by DOI', () => {
    expect(endnote).toHaveLength(100);
    expect(zotero).toHaveLength(100);
    const groups = clusterRecords([...fromParsed('e', endnote), ...fromParsed('z', zotero)]);
    expect(groups).toHaveLength(100);
    expect(groups.every((g) => g.reason === 'doi' && g.ids.length === 2 && g.ids[0]!.startsWith('e') && g.ids[1]!.startsWith('z'))).toBe(true);
  });

  it('pairs every record by title, first author and year alone when identifiers are removed', () => {
    const groups = clusterRecords([...fromParsed('e', endnote, false), ...fromParsed('z', zotero, false)]);
    // 98 EndNote/Zotero pairs, plus one group of four: a conference abstract (10.1016/j.jvir.2013.12.293)
    // and the PLOS ONE article (10.1371/journal.pone.0086394) share their title, authors and year;
    // without DOIs nothing tells them apart, so both exports of both land together.
    expect(groups).toHaveLength(99);
    expect(groups.filter((g) => g.ids.length === 2)).toHaveLength(98);
    expect(groups.filter((g) => g.ids.length === 4)).toHaveLength(1);
    expect(groups.every((g) => g.reason === 'fuzzy' && g.score >= 0.9)).toBe(true);
    const clustered = new Set(groups.flatMap((g) => g.ids));
    expect(endnote.every((_, i) => clustered.has(`e${i}`))).toBe(true);
    expect(zotero.every((_, i) => clustered.has(`z${i}`))).toBe(true);
    for (const g of groups) expect(g.ids.some((id) => id.startsWith('e')) && g.ids.some((id) => id.startsWith('z'))).toBe(true);
  });
});

describe.skipIf(!HAVE_FIXTURES)('a real full-text screening export with supplement DOIs', () => {
  let records: ParsedRecord[] = [];
  beforeAll(() => {
    records = parseText(fixtureText('ris/wilson_AppenzellerHerzog2020_fulltext-screening_endnote_bom_crlf.ris')).records;
  });

  it('keeps the three abstracts of the Movement Disorders supplement (10.1002/mds.25051) apart, and still pairs a re-exported record by DOI', () => {
    const supplement = records.map((r, i) => ({ r, i })).filter(({ r }) => r.doi === '10.1002/mds.25051');
    expect(supplement.map(({ r }) => r.authors[0]!.family)).toEqual(['Kumar', 'Estevo', 'Bagchi']);
    const groups = clusterRecords(fromParsed('w', records));
    const inSupplement = groups.filter((g) => g.ids.some((id) => supplement.some(({ i }) => id === `w${i}`)));
    expect(inSupplement).toEqual([]);
    // Brewer's "Treatment of Wilson disease with ammonium tetrathiomolybdate - IV" is in the export
    // twice (once with ": iV."): same first author, same title words, one DOI: still one work.
    const brewer = groups.find((g) => g.ids.every((id) => records[Number(id.slice(1))]!.doi === '10.1001/archneur.63.4.521'));
    expect(brewer).toEqual({ ids: expect.any(Array), reason: 'doi', score: 1 });
    expect(brewer!.ids).toHaveLength(2);
  });
});
