import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBibtex, splitBibNames } from '../../../shared/import/bibtex';
import { latexToUnicode } from '../../../shared/import/latex';
import { PARSERS } from '../../../shared/import/parse';
import { HAVE_FIXTURES, fixture } from '../../helpers/fixtures';

const read = (name: string) => fs.readFileSync(fixture(`bibtex/${name}`), 'utf8');

describe('latexToUnicode', () => {
  it('turns accents, special letters, dashes and ties into Unicode', () => {
    expect(latexToUnicode('M\\"uller {\\"u} \\\'e \\`a \\^o \\~n \\c{c} \\c c \\v{s} \\H{o}')).toBe('Müller ü é à ô ñ ç ç š ő');
    expect(latexToUnicode('\\ss{} {\\o} {\\aa} {\\ae} \\AE{} \\l{}')).toBe('ß ø å æ Æ ł');
    expect(latexToUnicode('1--2 a---b x~y \\& \\% {{Case}}')).toBe('1–2 a—b x\u00a0y & % Case');
    expect(latexToUnicode("\\'{\\i}")).toBe('í');
    expect(latexToUnicode('$\\alpha$-helix \\emph{in vivo}')).toBe('α-helix in vivo');
  });
});

describe('parseBibtex on hand-written input', () => {
  it('reads @string macros, # concatenation, parentheses, quotes and skips @comment/@preamble', () => {
    const text = [
      '% a comment line',
      '@string{jn = "Journal of " # {Tests}}',
      '@preamble{"\\newcommand{\\x}{y}"}',
      '@comment{anything {nested} here}',
      'free text between entries, mail me at a@b.org',
      '@article(key1,',
      '  title = "The {{BRCA1}} gene in {\\"O}sterreich",',
      '  author = {M{\\"u}ller, Hans and {World Health Organization} and Jane van der Berg},',
      '  journal = jn, year = 2020, pages = {10--20}, doi = {https://doi.org/10.1000/ABC},',
      '  keywords = {one; two, three}, eprinttype = {pubmed}, eprint = {12345},',
      ')',
    ].join('\n');
    const { records, errors } = parseBibtex(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.line).toBe(6);
    expect(r.type).toBe('article');
    expect(r.title).toBe('The BRCA1 gene in Österreich');
    expect(r.authors).toEqual([
      { family: 'Müller', given: 'Hans' },
      { family: 'World Health Organization', given: '' },
      { family: 'van der Berg', given: 'Jane' },
    ]);
    expect(r.journal).toBe('Journal of Tests');
    expect(r.pages).toBe('10-20');
    expect(r.doi).toBe('10.1000/abc');
    expect(r.pmid).toBe('12345');
    expect(r.keywords).toEqual(['one', 'two', 'three']);
  });

  it('splits authors on " and " only outside braces, and drops "others"', () => {
    expect(splitBibNames('{Barnes and Noble} and Smith, J. AND Doe, Jane and others')).toEqual(['{Barnes and Noble}', 'Smith, J.', 'Doe, Jane']);
  });

  it('skips % comment lines between the fields of an entry', () => {
    const { records, errors } = parseBibtex('@misc{k,\n  % title = {Old},\n  title = {New}, % trailing\n  year = 2001\n}');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.title, r.year])).toEqual([['New', 2001]]);
  });

  it('reports a broken entry with its line and still imports the next one', () => {
    const text = '@article{a,\n  title = {Unclosed\n\n@book{b,\n  title = {Fine},\n  year = 1999\n}\n';
    const { records, errors } = parseBibtex(text);
    expect(records.map((r) => r.title)).toEqual(['Fine']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toMatch(/not closed/);
  });

  it('registers itself in PARSERS', () => {
    expect(PARSERS.bibtex).toBe(parseBibtex);
  });
});

/**
 * Record counts: the fixtures README's entry counts, checked with
 * `grep -oiE '^\s*@[a-z]+' FILE | sort | uniq -c`. @string, @preamble and @comment are not
 * records (they are macros, TeX code and comments) and are not in the README's counts.
 */
const COUNTS: Record<string, number> = {
  // README: 92 entries, but 2 of them are biblatex @set (a grouping with only `entryset`, no
  // title; grep -c '^@set' gives 2): their members are records, the sets are not. 92 - 2 = 90.
  'biblatex-examples.bib': 90,
  'jabref_jabref-authors.bib': 212,
  'jabref_testjabref.bib': 156,
  'jabref_complex.bib': 20,
  'jabref_crossref.bib': 4,
  'jabref_bibWithUserComments.bib': 2,
  'jabref_biblatex-software.bib': 9,
  'jabref_bibtexFiles_test.bib': 19,
  // README table "Zotero translator test inputs".
  ...Object.fromEntries(
    [1, 2, 2, 1, 1, 1, 1, 1, 7, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1].map((n, i) => [`zotero-BibTeX/case_${String(i).padStart(2, '0')}.bib`, n]),
  ),
};

describe.skipIf(!HAVE_FIXTURES)('parseBibtex on the fixtures', () => {
  for (const [name, count] of Object.entries(COUNTS)) {
    it(`${name}: ${count} records, no errors`, () => {
      const { records, errors } = parseBibtex(read(name));
      expect(errors).toEqual([]);
      expect(records).toHaveLength(count);
    });
  }

  it('Windows-1252 file: 1 record whose abstract has the degree sign', () => {
    // Decoded here with the platform decoder; the app's decoder is another module's job.
    const text = new TextDecoder('windows-1252').decode(fs.readFileSync(fixture('bibtex/jabref_encoding-windows-1252-with-header.bib')));
    const { records, errors } = parseBibtex(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    // xxd shows the bytes "32 35 b0 20 43" = "25° C" (0xB0 is ° in Windows-1252).
    expect(records[0]!.abstract).toBe('25° C');
  });

  it('biblatex-examples: LaTeX accents in names and titles become Unicode', () => {
    const { records } = parseBibtex(read('biblatex-examples.bib'));
    // Line 37: author = {Aks{\i}n, {\"O}zge and T{\"u}rkmen, Hayati ... {\c{C}}etinkaya, Bekir ...}
    const aksin = records.find((r) => r.line === 37)!;
    expect(aksin.authors.slice(0, 2)).toEqual([
      { family: 'Aksın', given: 'Özge' },
      { family: 'Türkmen', given: 'Hayati' },
    ]);
    expect(aksin.authors[3]).toEqual({ family: 'Çetinkaya', given: 'Bekir' });
    // Same entry: title has {Pd-N} and {Mizoroki-Heck} case protection; journaltitle = jomch,
    // the @string on line 7: {J.~Organomet. Chem.} (the tie becomes a space).
    expect(aksin.title).toBe('Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions');
    expect(aksin.journal).toBe('J. Organomet. Chem.');
    expect(aksin.year).toBe(2006);
    // Line 316: title = {\mkbibquote{Intention} und \mkbibquote{Intentionalit{\"a}t} in der Scholastik, ...}
    expect(records.find((r) => r.line === 316)!.title).toBe('Intention und Intentionalität in der Scholastik, bei Brentano und Husserl');
    // Same entry: langid = {german}, date = 1969, volume = 29, pages = {189-216}.
    expect(records.find((r) => r.line === 316)).toMatchObject({ language: 'german', year: 1969, volume: '29', pages: '189-216', journal: 'Studia Philosophica' });
  });

  it('biblatex-examples: biblatex-only entry types are kept as the type', () => {
    const types = parseBibtex(read('biblatex-examples.bib')).records.map((r) => r.type);
    // grep -c: 5 @online, 4 @patent, 5 @mvbook, 1 @periodical, 2 @thesis.
    const n = (t: string) => types.filter((x) => x === t).length;
    expect([n('online'), n('patent'), n('mvbook'), n('periodical'), n('thesis')]).toEqual([5, 4, 5, 1, 2]);
    expect(n('set')).toBe(0);
  });

  it('jabref_testjabref: raw UTF-8 and LaTeX escapes side by side', () => {
    const { records } = parseBibtex(read('jabref_testjabref.bib'));
    const titles = records.map((r) => r.title);
    // Line 1707: title = {Spatially homogeneous models of St\"ackel spacetimes of type (2.1)}
    expect(titles).toContain('Spatially homogeneous models of Stäckel spacetimes of type (2.1)');
    // Line 1055: title = {Horndeski Gravity as $D\rightarrow4$ Limit of Gauss-Bonnet}
    expect(titles).toContain('Horndeski Gravity as D→4 Limit of Gauss-Bonnet');
    // Line 560: author = {Bart Vorselaars and Štěpán Růžička and ...} in raw UTF-8.
    const withRuzicka = records.find((r) => r.authors.some((a) => a.family === 'Růžička'))!;
    expect(withRuzicka.authors[1]).toEqual({ family: 'Růžička', given: 'Štěpán' });
  });

  it('zotero case_02: crossref fills the child from its @proceedings parent', () => {
    const { records } = parseBibtex(read('zotero-BibTeX/case_02.bib'));
    // The child has title, author, pages {330—331} and crossref only; the parent has year 2006
    // and title "Proceedings of the Xth Conference on XYZ".
    const child = records[0]!;
    expect(child.type).toBe('inproceedings');
    expect(child.year).toBe(2006);
    expect(child.journal).toBe('Proceedings of the Xth Conference on XYZ');
    expect(child.pages).toBe('330-331');
  });

  it('zotero case_18: @string macros joined with #, a parenthesised @string, a % inside @preamble', () => {
    const { records } = parseBibtex(read('zotero-BibTeX/case_18.bib'));
    // Author = stefan # And # meta:maintainer, where stefan = "Stefan Swe{\\i}g",
    // and = " and ", meta:maintainer = "Xavier D\\'ecoret" (backslashes doubled in this file).
    expect(records[0]!.authors).toEqual([
      { family: 'Sweıg', given: 'Stefan' },
      { family: 'Décoret', given: 'Xavier' },
    ]);
    // title = { The {impossible} TEL---book }, yEAr = 1942 (field names are case-insensitive).
    expect(records[0]!.title).toBe('The impossible TEL—book');
    expect(records[0]!.year).toBe(1942);
    expect(records[0]!.line).toBe(11);
  });

  it('zotero case_17: a parenthesised @string supplies the author and the URL', () => {
    const { records } = parseBibtex(read('zotero-BibTeX/case_17.bib'));
    // @string(zotero-creator = "Corporation for Digital Scholarship"); url = zotero-url.
    // The name is not braced, so it splits as a personal name, as BibTeX itself would.
    expect(records[0]!.type).toBe('electronic');
    expect(records[0]!.authors).toEqual([{ family: 'Scholarship', given: 'Corporation for Digital' }]);
    expect(records[0]!.url).toBe('https://www.zotero.org/');
  });

  it('zotero case_05: ~ is a space, {\\~n} and \\~{n} are ñ, a bare \\~ is a tilde', () => {
    const { records } = parseBibtex(read('zotero-BibTeX/case_05.bib'));
    expect(records[0]!.title).toBe('non-braking space: ; accented characters: ñ and ñ; tilde operator: ~');
  });
});
