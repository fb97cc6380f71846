import { describe, expect, it } from 'vitest';
import { parseEnw } from '../../../shared/import/enw';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

describe.skipIf(!HAVE_FIXTURES)('parseEnw on every EndNote/Refer tagged fixture', () => {
  it('jabref_Endnote.book.example.enw: 1 record with non-ASCII authors', () => {
    const { records } = parseEnw(fixtureText('endnote-tagged/jabref_Endnote.book.example.enw'));
    expect(records).toHaveLength(1);
    const r = records[0]!;
    // Read in the file: %0 Book, %A Preißel, René, %A Stachmann, Bjørn, %D 2016, %T Git : dezentrale..., %U http://d-nb.info/107601965X.
    expect(r.type).toBe('book');
    expect(r.authors).toEqual([
      { family: 'Preißel', given: 'René' },
      { family: 'Stachmann', given: 'Bjørn' },
    ]);
    expect(r.year).toBe(2016);
    expect(r.title).toBe('Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows');
    expect(r.url).toBe('http://d-nb.info/107601965X');
  });

  it('jabref_Endnote.entries.enw: 13 `%0` stubs, five with content kept, eight bare types reported', () => {
    // README "~13 stubs": grep -c '^%0' = 13. The first has a title and authors; `%0 Test0` (line 15,
    // %J), `%0 Journal` (23, %B), `%0 Book` (25, %B) and `%0 Thesis` (28, %U %P) have no title but
    // a source or a URL, so they are kept with a warning; the eight on lines 7-14 are a type alone.
    const { records, errors, warnings, skipped } = parseEnw(fixtureText('endnote-tagged/jabref_Endnote.entries.enw'));
    expect(records.map((r) => [r.line, r.title, r.journal, r.url])).toEqual([
      [1, 'testT', null, null],
      [15, '', 'testJ', null],
      [23, '', 'testB0', null],
      [25, '', 'testB1', null],
      [28, '', null, 'testU'],
    ]);
    expect(records[0]!.authors.map((a) => a.family)).toEqual(['testA0', 'testA1']);
    expect(errors.map((e) => e.line)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(skipped).toBe(8);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [15, 'EndNote tagged record has no title, author or identifier (DOI, PMID, URL); kept with its source'],
      [23, 'EndNote tagged record has no title, author or identifier (DOI, PMID, URL); kept with its source'],
      [25, 'EndNote tagged record has no title, author or identifier (DOI, PMID, URL); kept with its source'],
      [28, 'EndNote tagged record has no title; kept with its URL'],
    ]);
  });

  it('jabref_refer.bibIX.ref: 4 records separated by blank lines', () => {
    const { records } = parseEnw(fixtureText('endnote-tagged/jabref_refer.bibIX.ref'));
    expect(records).toHaveLength(4); // README: 4; grep -c '^%0' = 4
    // Line 1-3: %0 Book, %A AuthorL, AuthorsF I, %T TitleTest; the second record's %T is PTitle (line 19).
    expect(records[0]!.title).toBe('TitleTest');
    expect(records[0]!.authors[0]).toEqual({ family: 'AuthorL', given: 'AuthorsF I' });
    expect(records[1]!.title).toBe('PTitle');
    expect(records[1]!.journal).toBe('Proceedings Title'); // %B of a conference paper
  });

  it('reads DOI, keywords one per line, and continuation lines', () => {
    const text = '%0 Journal Article\r\n%T A long title\r\nthat wraps\r\n%A Smith, J.\r\n%K alpha\r\nbeta\r\n%R 10.1000/XYZ\r\n%D 2019\r\n%Z ASReview_relevant\r\n';
    const r = parseEnw(text).records[0]!;
    expect(r.title).toBe('A long title that wraps');
    expect(r.keywords).toEqual(['alpha', 'beta']);
    expect(r.doi).toBe('10.1000/xyz');
    expect(r.screening.decision).toBe('included');
    expect(parseEnw('no tags here').errors).toEqual([{ line: 1, message: expect.stringContaining('not a EndNote tagged file') }]);
  });
});
