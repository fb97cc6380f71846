/**
 * The importers' one rule (shared/import/record-rule.ts), format by format: an unpublished
 * thesis with an author and a year but no title is kept by every importer, with a warning at
 * its line; a block with no content at all is the only thing skipped.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../../shared/import/parse';
import type { ImportFormat } from '../../../shared/import/types';

/** The same untitled thesis (Tremblay, Marie; 2019) in each format, at line `line`, after one titled record. */
const THESIS: Record<ImportFormat, { text: string; line: number }> = {
  ris: {
    text: 'TY  - JOUR\nTI  - A titled article\nAU  - Hudon, Catherine\nER  - \nTY  - THES\nAU  - Tremblay, Marie\nPY  - 2019\nER  - \n',
    line: 5,
  },
  bibtex: {
    text: '@article{hudon, title = {A titled article}, author = {Hudon, Catherine}}\n\n@phdthesis{tremblay2019,\n  author = {Tremblay, Marie},\n  year = {2019},\n  school = {Universit\\\'e de Sherbrooke}\n}\n',
    line: 3,
  },
  csv: { text: 'Title,Authors,Year\nA titled article,"Hudon, Catherine",2020\n,"Tremblay, Marie",2019\n', line: 3 },
  'csl-json': {
    text: '[\n{"type": "article-journal", "title": "A titled article", "author": [{"family": "Hudon", "given": "Catherine"}]},\n{"type": "thesis", "author": [{"family": "Tremblay", "given": "Marie"}], "issued": {"date-parts": [[2019]]}}\n]\n',
    line: 3,
  },
  'endnote-xml': {
    text: '<?xml version="1.0"?>\n<xml><records>\n<record><titles><title>A titled article</title></titles></record>\n<record><ref-type name="Thesis">32</ref-type><contributors><authors><author>Tremblay, Marie</author></authors></contributors><dates><year>2019</year></dates></record>\n</records></xml>\n',
    line: 4,
  },
  'pubmed-xml': {
    text: '<?xml version="1.0"?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation><Article><ArticleTitle>A titled article</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n<PubmedArticle><MedlineCitation><Article><AuthorList><Author><LastName>Tremblay</LastName><ForeName>Marie</ForeName></Author></AuthorList></Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n',
    line: 4,
  },
  nbib: { text: 'PMID- 1\nTI  - A titled article\nFAU - Hudon, Catherine\n\nOWN - ERIC\nFAU - Tremblay, Marie\nDP  - 2019\n', line: 5 },
  wos: { text: 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A titled article\nAU Hudon, C\nER\n\nPT B\nAU Tremblay, M\nPY 2019\nER\n\nEF\n', line: 8 },
  enw: { text: '%0 Journal Article\n%T A titled article\n%A Hudon, Catherine\n\n%0 Thesis\n%A Tremblay, Marie\n%D 2019\n', line: 5 },
  ovid: {
    text: '<1. >\nVN  - Ovid Technologies\nTI  - A titled article\nAU  - Hudon, Catherine\n\n<2. >\nVN  - Ovid Technologies\nAU  - Tremblay, Marie\nYR  - 2019\n',
    line: 6,
  },
};

describe('one rule for every importer', () => {
  for (const [format, { text, line }] of Object.entries(THESIS) as [ImportFormat, { text: string; line: number }][]) {
    it(`${format}: keeps the untitled thesis by its author, with a warning at its line`, () => {
      const r = parseText(text);
      expect(r.format).toBe(format);
      expect(r.errors).toEqual([]);
      expect(r.records.map((x) => [x.title, x.authors[0]?.family ?? null])).toEqual([
        ['A titled article', format === 'pubmed-xml' || format === 'endnote-xml' ? null : 'Hudon'],
        ['', 'Tremblay'],
      ]);
      expect(r.records[1]!.line).toBe(line);
      expect(r.warnings).toEqual([{ line, message: expect.stringMatching(/has no title; kept with its authors$/) }]);
      expect(r.skipped).toBe(0);
    });
  }

  it('skips only a block with no content, as a located error', () => {
    const ris = parseText('TY  - JOUR\nER  - \nTY  - JOUR\nTI  - Kept\nER  - \n');
    expect(ris.records.map((r) => r.title)).toEqual(['Kept']);
    expect(ris.errors).toEqual([{ line: 1, message: 'RIS record has no content (no title, author, identifier, date, source or abstract); skipped' }]);
    expect(ris.skipped).toBe(1);
    const bib = parseText('@misc{empty,}\n@misc{kept, title = {Kept}}\n');
    expect(bib.records.map((r) => r.title)).toEqual(['Kept']);
    expect(bib.errors).toEqual([{ line: 1, message: '@misc{empty} has no content (no title, author, identifier, date, source or abstract); skipped' }]);
  });

  it('keeps a record with only an abstract, saying what it has', () => {
    const r = parseText('@article{x, abstract = {Only the abstract survived the export.}}\n');
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toEqual([{ line: 1, message: '@article{x} has no title, author or identifier (DOI, PMID, URL); kept with its abstract' }]);
  });
});
