import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, splitAuthorCell } from '../../../shared/import/csv';
import { PARSERS } from '../../../shared/import/parse';
import { HAVE_FIXTURES, fixture } from '../../helpers/fixtures';

const read = (name: string) => fs.readFileSync(fixture(`screening-csv/${name}`), 'utf8');
const count = (decisions: (string | null)[], value: string | null) => decisions.filter((d) => d === value).length;

describe('parseCsv on hand-written input', () => {
  it('gives each row the physical line it starts on, counting newlines inside quotes (CRLF)', () => {
    const text = 'Title,Abstract,Included\r\n"A","multi\r\nline\r\nabstract",yes\r\n"B",,no\r\n,,1\r\n"C",x,maybe\r\n';
    const { records, errors } = parseCsv(text);
    expect(records.map((r) => [r.title, r.line, r.screening.decision])).toEqual([
      ['A', 2, 'included'],
      ['B', 5, 'excluded'],
      ['C', 7, 'maybe'],
    ]);
    expect(records[0]!.abstract).toBe('multi line abstract');
    expect(JSON.parse(records[1]!.raw)).toEqual({ Title: 'B', Abstract: '', Included: 'no' });
    // Row 4 (line 6) holds only a decision, which names no work: a located error, the rest imports.
    expect(errors).toEqual([{ line: 6, message: 'row has no content (no title, author, identifier, date, source or abstract); skipped' }]);
  });

  it('reads the decision words and leaves an empty or unknown label undecided', () => {
    const text = ['title,decision,exclusion_reason', 'a,1', 'b,0,wrong population', 'c,TRUE', 'd,false', 'e,Include', 'f,excluded', 'g,unsure', 'h,conflict', 'i,', 'j,-1'].join('\n');
    const { records } = parseCsv(text);
    expect(records.map((r) => r.screening.decision)).toEqual(['included', 'excluded', 'included', 'excluded', 'included', 'excluded', 'maybe', 'maybe', null, null]);
    expect(records[1]!.screening.reason).toBe('wrong population');
  });

  it('maps Rayyan columns and reads the decision from the notes', () => {
    const text = [
      'title,authors,journal,year,doi,notes',
      '"T1","Smith, J; Doe, A",J Test,2020,https://doi.org/10.1000/XYZ,"RAYYAN-INCLUSION: {""Ann""=>""Included"", ""Bob""=>""Included""}"',
      '"T2",,J Test,2021,,"RAYYAN-INCLUSION: {""Ann""=>""Excluded""} | RAYYAN-EXCLUSION-REASONS: wrong design"',
      '"T3",,J Test,2021,,"RAYYAN-INCLUSION: {""Ann""=>""Included"", ""Bob""=>""Excluded""}"',
    ].join('\n');
    const { records } = parseCsv(text);
    expect(records.map((r) => r.screening)).toEqual([
      { decision: 'included', reason: null },
      { decision: 'excluded', reason: 'wrong design' },
      { decision: 'maybe', reason: null },
    ]);
    expect(records[0]!.authors).toEqual([
      { family: 'Smith', given: 'J' },
      { family: 'Doe', given: 'A' },
    ]);
    expect(records[0]!.doi).toBe('10.1000/xyz');
  });

  it('maps Covidence columns (Published Year, Accession Number)', () => {
    const text = 'Title,Authors,Abstract,Published Year,Journal,DOI,Accession Number,Notes,Tags\n"A trial","Smith J; Doe A",abs,2018,BMJ,10.1136/bmj.k1,29123456,,"rct; adults"\n';
    const r = parseCsv(text).records[0]!;
    expect([r.year, r.journal, r.doi, r.pmid, r.keywords]).toEqual([2018, 'BMJ', '10.1136/bmj.k1', '29123456', ['rct', 'adults']]);
    expect(r.authors).toEqual([
      { family: 'Smith', given: 'J' },
      { family: 'Doe', given: 'A' },
    ]);
  });

  it('splits the author strings that spreadsheets hold', () => {
    expect(splitAuthorCell('S. Yang, D. J. Koo and P. Wang').map((p) => p.family)).toEqual(['Yang', 'Koo', 'Wang']);
    expect(splitAuthorCell('Liu R., Adler D.G.')).toEqual([
      { family: 'Liu', given: 'R.' },
      { family: 'Adler', given: 'D.G.' },
    ]);
    expect(splitAuthorCell("['Marx, Karl', 'Lindgren, Astrid']").map((p) => p.family)).toEqual(['Marx', 'Lindgren']);
  });

  it('honours an Excel "sep=" first line and keeps physical line numbers', () => {
    const { records, errors } = parseCsv('sep=|\ntitle|year\nA, b; c|2001\n');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.title, r.year, r.line])).toEqual([['A, b; c', 2001, 3]]);
  });

  it('a one-column file imports without a delimiter warning', () => {
    const { records, errors } = parseCsv('Title\nFirst\nSecond\n');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.title, r.line])).toEqual([
      ['First', 2],
      ['Second', 3],
    ]);
  });

  it('an unterminated quote is reported at the line where its row starts', () => {
    const { records, errors } = parseCsv('title,year\nGood,2001\n"Broken,2002\nAfter,2003\n');
    expect(records[0]!.title).toBe('Good');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(3);
    expect(errors[0]!.message).toMatch(/^CSV: .*quote/i);
  });

  it('a file without a title or DOI column is one error at line 1', () => {
    expect(parseCsv('foo,bar\n1,2\n')).toEqual({ records: [], errors: [{ line: 1, message: 'no title or DOI column in the header (foo, bar)' }], warnings: [], skipped: 0 });
  });

  it('registers itself in PARSERS', () => {
    expect(PARSERS.csv).toBe(parseCsv);
  });
});

describe.skipIf(!HAVE_FIXTURES)('parseCsv on the fixtures', () => {
  it('Nagtegaal 2019 (ASReview): 2019 records, 101 included', () => {
    const { records, errors } = parseCsv(read('nudging_Nagtegaal2019_asreview_labelled_2019rec.csv'));
    expect(errors).toEqual([]);
    // README: 2019 records, 101 included; recounted with Python's csv.DictReader:
    // 2019 rows, 101 with label_included == '1', the other 1918 '0'.
    expect(records).toHaveLength(2019);
    const decisions = records.map((r) => r.screening.decision);
    expect(count(decisions, 'included')).toBe(101);
    expect(count(decisions, 'excluded')).toBe(1918);
    // `grep -n '^1000,' FILE` gives line 1001: "1000,Implementing the NHS information technology programme: qualitative stu..."
    const r1000 = records[999]!;
    expect(r1000.line).toBe(1001);
    expect(r1000.title.startsWith('Implementing the NHS information technology programme: qualitative stu')).toBe(true);
    expect(JSON.parse(r1000.raw).record_id).toBe('1000');
  });

  it('SLIM TSV (CRLF): 1993 records, 280 included, "A and B" authors', () => {
    const { records, errors } = parseCsv(read('depression_BannachBrown2019_SLIM_export_1993rec_crlf.tsv'));
    expect(errors).toEqual([]);
    // README: 1993 records, 280 included; csv.DictReader(delimiter='\t') counts 280 rows with Incl(1)/Excl(0) == '1'.
    expect(records).toHaveLength(1993);
    expect(count(records.map((r) => r.screening.decision), 'included')).toBe(280);
    // Line 2: "1<TAB>R. L. Whistler and W. C. Lake<TAB>1972<TAB>Inhibition of cellular transport processes by 5-thio-D-glucopyranose<TAB>Biochem.J.<TAB>130<TAB>4<TAB>919-925..."
    const first = records[0]!;
    expect(first.authors).toEqual([
      { family: 'Whistler', given: 'R. L.' },
      { family: 'Lake', given: 'W. C.' },
    ]);
    expect([first.year, first.title, first.journal, first.volume, first.issue, first.pages, first.line]).toEqual([1972, 'Inhibition of cellular transport processes by 5-thio-D-glucopyranose', 'Biochem.J.', '130', '4', '919-925', 2]);
    // Line 6 (ID 5): authors "S. Yang, D. J. Koo, I. H. Chaudry and P. Wang", URL .../pubmed/11395604, label 0.
    const fifth = records[4]!;
    expect(fifth.authors.map((a) => a.family)).toEqual(['Yang', 'Koo', 'Chaudry', 'Wang']);
    expect(fifth.pmid).toBe('11395604');
    expect(fifth.screening.decision).toBe('excluded');
    expect(records[1992]!.line).toBe(1994);
  });

  it('Embase CSV: 6 records; the Source cell gives journal, year, volume, issue and pages', () => {
    const { records, errors } = parseCsv(read('asreview_embase_export.csv'));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(6); // README: 6
    // Row 2 (line 3): Source "Cancer (2004) 102:4 (253-258). Date of Publication: 25 Aug 2004",
    // Author Names "Eloubeidi M.A., Cohn M., ...", Open URL Link "...&id=doi:10.1002%2Fcncr.20369...".
    const r = records[1]!;
    expect([r.journal, r.year, r.volume, r.issue, r.pages]).toEqual(['Cancer', 2004, '102', '4', '253-258']);
    expect(r.authors[0]).toEqual({ family: 'Eloubeidi', given: 'M.A.' });
    expect(r.authors).toHaveLength(7);
    expect(r.doi).toBe('10.1002/cncr.20369');
    expect(r.screening.decision).toBeNull();
  });

  it('ASReview generic labelled CSV: 6 records, 3 included; Python-list cells', () => {
    const { records, errors } = parseCsv(read('asreview_generic_labels_lorem.csv'));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(6); // README: 6
    // label_included alternates 1,0,1,0,1,0 (csv.DictReader); authors "['Marx, Karl', 'Lindgren, Astrid']" in row 1.
    expect(records.map((r) => r.screening.decision)).toEqual(['included', 'excluded', 'included', 'excluded', 'included', 'excluded']);
    expect(records[0]!.authors).toEqual([
      { family: 'Marx', given: 'Karl' },
      { family: 'Lindgren', given: 'Astrid' },
    ]);
    expect(records[0]!.type).toBe('jour');
  });

  it('semicolon and tab files: 2 records each, the same first record', () => {
    for (const name of ['asreview_generic_semicolon.csv', 'asreview_generic_tab.tsv']) {
      const { records, errors } = parseCsv(read(name));
      expect(errors).toEqual([]);
      expect(records).toHaveLength(2); // README: 2
      // First data row: title "Title of reference", publication_year "2014//", issn 1932-6208, keywords "['Pippi', 'Nordwind', 'Piraten']".
      const r = records[0]!;
      expect([r.title, r.year, r.issn]).toEqual(['Title of reference', 2014, '1932-6208']);
      expect(r.keywords).toEqual(['Pippi', 'Nordwind', 'Piraten']);
    }
  });
});
