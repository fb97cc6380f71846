import { describe, expect, it } from 'vitest';
import { parseRis } from '../../../shared/import/ris';
import { parseText } from '../../../shared/import/parse';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

/**
 * Expected counts come from the fixtures README. Where the README gives "N TY / N+1 ER" (or a count
 * one lower than the ER lines), the file starts with a UTF-8 BOM glued to the first `TY`, so a
 * `grep -c '^TY'` misses that one; `grep -c '^ER'` (and reading the first line with `cat -A`)
 * confirms the higher count is right, so that is what we expect.
 */
const COUNTS: Record<string, number> = {
  'asreview_embase_bom.ris': 6, // README 5; 6 `ER  -` lines, first `TY` hidden behind the BOM (cat -A)
  'asreview_endnote_baseline_99rec_bom_crlf.ris': 100, // README 99 TY / 100 ER: BOM hides the first TY
  'asreview_faulty_year.ris': 1,
  'asreview_labels_in_N1_notes.ris': 32, // README 31 TY / 32 ER: BOM hides the first TY
  'asreview_ovid_psycinfo_numbered.ris': 6,
  'asreview_ovid_via_zotero.ris': 6,
  'asreview_proquest.ris': 6,
  'asreview_pubmed_via_endnote_leading_blank.txt': 6,
  'asreview_pubmed_via_zotero.ris': 6,
  'asreview_scopus.ris': 6,
  'asreview_scopus_multiline_N1.ris': 7,
  'asreview_rayyan_export_multiline_kw.ris': 19,
  'asreview_web_of_science_ris.txt': 10,
  'asreview_zotero_baseline_99rec_crlf.ris': 100,
  'wilson_AppenzellerHerzog2020_fulltext-screening_endnote_bom_crlf.ris': 174, // README 173 TY / 174 ER: BOM hides the first TY
  'wilson_AppenzellerHerzog2020_included_zotero_mixed_eol.ris': 26,
  'ptsd_vandeSchoot2017_included-1_363rec.ris': 363,
  'dementia_Wolters2018_included_bom_crlf.ris': 19, // README 18; 19 `ER` lines and 19 `TY  -` anywhere on a line: BOM hides the first
  'jabref_RisImporterTestScopus.ris': 1,
  'jabref_RisImporterTestScience.ris': 1,
  'jabref_RisImporterTest5a.ris': 1,
  // 1 ER; the stray `TY  - OTHER` at line 39 after the title has the shape of a missing ER, and what
  // follows it (a journal, an abstract, a URL, keywords) is kept as a second record without a
  // title, with warnings, rather than lost (checked below).
  'jabref_RisImporterTest1.ris': 2,
  'jabref_RisImporterCorrupted.ris': 1, // no TY: the record starts at its first tag (JF) and ends at ER
  'jabref_RisImporterTestWithEmptyER.ris': 1,
};
const ZOTERO_COUNTS = [1, 1, 48, 1, 39, 1, 1, 1, 1, 2, 1, 1]; // README table "Zotero translator test inputs", case_00..case_11

describe.skipIf(!HAVE_FIXTURES)('parseRis on every RIS fixture', () => {
  for (const [file, count] of Object.entries(COUNTS)) {
    it(`${file}: ${count} records`, () => {
      const result = parseRis(fixtureText(`ris/${file}`));
      expect(result.records).toHaveLength(count);
      for (const r of result.records) {
        // A record without a title is kept, and a warning at its line says so.
        if (!r.title) expect(result.warnings.filter((w) => w.line === r.line).map((w) => w.message)).toContainEqual(expect.stringContaining('no title'));
        // CRLF, mixed endings and wrapped lines never leak into shown fields.
        expect([r.title, r.journal ?? '', ...r.authors.map((p) => p.family + p.given), ...r.keywords].join('|')).not.toMatch(/[\r\n]/);
        expect(r.abstract ?? '').not.toMatch(/\r/);
      }
    });
  }
  ZOTERO_COUNTS.forEach((count, i) => {
    const file = `ris/zotero-RIS/case_${String(i).padStart(2, '0')}.ris`;
    it(`${file}: ${count} records`, () => {
      expect(parseRis(fixtureText(file)).records).toHaveLength(count);
    });
  });

  it('reads ASReview labels from N1 notes', () => {
    const { records } = parseRis(fixtureText('ris/asreview_labels_in_N1_notes.ris'));
    // grep -c ASReview_relevant = 10 and ASReview_irrelevant = 10 (one per record, never both);
    // the other 12 are ASReview_not_seen or unlabelled.
    expect(records.filter((r) => r.screening.decision === 'included')).toHaveLength(10);
    expect(records.filter((r) => r.screening.decision === 'excluded')).toHaveLength(10);
    expect(records.filter((r) => r.screening.decision === null)).toHaveLength(12);
    // Line 1 (after the BOM): TY GEN, TI 'Record which is labeled "relevant"...', N1 ASReview_relevant + ASReview_prior.
    expect(records[0]!.title).toBe('Record which is labeled "relevant" by the researcher using ASReview.');
    expect(records[0]!.screening.decision).toBe('included');
    expect(records[0]!.line).toBe(1);
    // Second record starts at line 7 (`TY  - GEN` after `ER  -` and a blank line), irrelevant.
    expect(records[1]!.line).toBe(7);
    expect(records[1]!.screening.decision).toBe('excluded');
    expect(records[31]!.title).toBe('Record without a notes field.'); // last record in the file
  });

  it('maps a Scopus record (PTSD review, first record)', () => {
    const r = parseRis(fixtureText('ris/ptsd_vandeSchoot2017_included-1_363rec.ris')).records[0]!;
    // Read in the file: AU Abbas, C. C. (first of 8, 5th is Begré), PY 2009, SP 359-376, VL 39, IS 4.
    expect(r.title).toBe('Trajectory of posttraumatic stress disorder caused by myocardial infarction: A two-year follow-up study');
    expect(r.authors[0]).toEqual({ family: 'Abbas', given: 'C. C.' });
    expect(r.authors[4]!.family).toBe('Begré');
    expect(r.year).toBe(2009);
    expect(r.pages).toBe('359-376');
    expect(r.volume).toBe('39');
    expect(r.issue).toBe('4');
  });

  it('maps an Ovid PsycINFO record with a number line, A1/T1/JF tags, `Y1 - 2019//` and a dx.doi.org DOI', () => {
    const { records, errors } = parseRis(fixtureText('ris/asreview_ovid_psycinfo_numbered.ris'));
    const r = records[0]!;
    // Lines 1-15: `1.`, TY JOUR, DO http://dx.doi.org/10.1002/cpp.2398, T1 The influence of self-criticism..., A1 Trindade, Ines A, Y1 2019//, JF Clinical Psychology & Psychotherapy.
    expect(r.line).toBe(2);
    expect(r.title.startsWith('The influence of self-criticism on depression symptoms')).toBe(true);
    expect(r.authors[0]).toEqual({ family: 'Trindade', given: 'Ines A' });
    expect(r.year).toBe(2019);
    expect(r.doi).toBe('10.1002/cpp.2398');
    expect(r.journal).toBe('Clinical Psychology & Psychotherapy');
    // After the last ER (line 326) the file has an `NL  -` line and a free-text link: reported, not imported.
    expect(errors).toEqual([{ line: 327, message: 'RIS record has no content (no title, author, identifier, date, source or abstract); skipped' }]);
  });

  it('uses T2 as the journal in Zotero RIS and reads the DOI and ISSN (Scopus SN "(ISSN)")', () => {
    const wilson = parseRis(fixtureText('ris/wilson_AppenzellerHerzog2020_included_zotero_mixed_eol.ris')).records[0]!;
    // First record: TI Concomitant immune-related events in Wilson disease..., AU Seessle, J., T2 Journal of Inherited Metabolic Disease.
    expect(wilson.journal).toBe('Journal of Inherited Metabolic Disease');
    expect(wilson.authors[0]).toEqual({ family: 'Seessle', given: 'J.' });
    const scopus = parseRis(fixtureText('ris/asreview_scopus.ris')).records[0]!;
    // SN  - 03064530 (ISSN); DO  - 10.1016/j.psyneuen.2019.104501; PY 2020; first AU Labanski, A.
    expect(scopus.issn).toBe('0306-4530');
    expect(scopus.doi).toBe('10.1016/j.psyneuen.2019.104501');
    expect(scopus.year).toBe(2020);
    expect(scopus.authors[0]!.family).toBe('Labanski');
  });

  it('splits Embase initials after the family name and drops "No Pagination Specified"', () => {
    const embase = parseRis(fixtureText('ris/asreview_embase_bom.ris')).records[0]!;
    // Lines 20-21: A1 - Liu R., A1 - Adler D.G.
    expect(embase.authors).toEqual([
      { family: 'Liu', given: 'R.' },
      { family: 'Adler', given: 'D.G.' },
    ]);
    // Lines 13-14 of the Ovid-via-Zotero file: SP - No, EP - Specified.
    expect(parseRis(fixtureText('ris/asreview_ovid_via_zotero.ris')).records[0]!.pages).toBeNull();
  });

  it('reads a PubMed id from AN when DB says MEDLINE (EndNote export of the Wilson review)', () => {
    const r = parseRis(fixtureText('ris/wilson_AppenzellerHerzog2020_fulltext-screening_endnote_bom_crlf.ris')).records[0]!;
    // First record: AN 28753182, DB MEDLINE, first AU Wiernicka, A.
    expect(r.pmid).toBe('28753182');
    expect(r.authors[0]!.family).toBe('Wiernicka');
  });

  it('splits Rayyan multi-line KW into one keyword per line', () => {
    const r = parseRis(fixtureText('ris/asreview_rayyan_export_multiline_kw.ris')).records[0]!;
    // Lines 4-17: `KW  - Health Facility Administration` then 12 untagged lines, the last `Patient Education`.
    expect(r.keywords).toHaveLength(13);
    expect(r.keywords[0]).toBe('Health Facility Administration');
    expect(r.keywords[12]).toBe('Patient Education');
    expect(r.title).toBe('Overcoming Medication Reconciliation Challenges');
  });

  it('joins a title wrapped onto an untagged line (Zotero case_00) and accepts `TY - JOUR` with one space (case_03)', () => {
    const r = parseRis(fixtureText('ris/zotero-RIS/case_00.ris')).records[0]!;
    expect(r.title).toBe('Blood-brain barrier breach following cortical contusion in the rat');
    expect(r.authors[0]).toEqual({ family: 'Baldwin', given: 'S.A.' }); // A1  - Baldwin,S.A.
    expect(r.pages).toBe('476-481'); // SP 476, EP 481
    const one = parseRis(fixtureText('ris/zotero-RIS/case_03.ris')).records[0]!;
    expect(one.type).toBe('jour');
    expect(one.authors[0]!.family).toBe('CASTOE'); // AU - CASTOE, TODD A.
  });

  it('prefers DA over the deprecated Y1 (case_07) and keeps mixed A1/AU authors in file order (case_08)', () => {
    // case_07: Y1 - 1900/01/01 then DA - 1950/01/01, and its N1 says Y1 "should not be used when DA is present".
    expect(parseRis(fixtureText('ris/zotero-RIS/case_07.ris')).records[0]!.year).toBe(1950);
    // case_08 lines 4-7: A1 Georgiev, Danko; AU Bello, Leon; AU Carmi, Avishy; AU Cohen, Eliahu.
    expect(parseRis(fixtureText('ris/zotero-RIS/case_08.ris')).records[0]!.authors.map((a) => a.family)).toEqual(['Georgiev', 'Bello', 'Carmi', 'Cohen']);
  });

  it('keeps U+2028 inside a value (Zotero case_05) instead of splitting the line', () => {
    const text = fixtureText('ris/zotero-RIS/case_05.ris');
    expect(text).toContain('\u2028');
    const { records } = parseRis(text);
    expect(records).toHaveLength(1);
    expect(records[0]!.doi).toBe('10.3109/07434618.2014.906498'); // DO line of the file
  });

  it('handles records without TY, without ER, garbage and bare numbers in a synthetic file', () => {
    const text = [
      '',
      '1.',
      'TY - JOUR',
      'TI  - First',
      'AU  - Smith, John',
      'PY  - 2019/05/01/',
      'N1  - RAYYAN-INCLUSION: {"Alice"=>"Excluded", "Bob"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong population',
      'TY  - JOUR',
      'TI  - Second (no ER before it)',
      'SP  - 10',
      'EP  - 12',
      'N1  - PMID: 12345678',
      'ER  -',
      'T1  - Third, no TY',
      'AU  - Doe J',
      'ER  -',
      'TY  - JOUR',
      'PY  - 2001',
      'ER  -',
    ].join('\r\n');
    const { records, errors, warnings } = parseRis(text);
    expect(records.map((r) => [r.title, r.line])).toEqual([
      ['First', 3],
      ['Second (no ER before it)', 8],
      ['Third, no TY', 14],
      ['', 17],
    ]);
    expect(records[0]!.year).toBe(2019);
    expect(records[0]!.screening).toEqual({ decision: 'excluded', reason: 'wrong population' });
    expect(records[1]!.pages).toBe('10-12');
    expect(records[1]!.pmid).toBe('12345678');
    expect(records[2]!.authors).toEqual([{ family: 'Doe', given: 'J' }]);
    expect(records[0]!.raw).toBe(text.split('\r\n').slice(2, 7).join('\r\n'));
    // A year is content: the fourth record is kept, and said to lack a title; nothing is lost.
    expect(records[3]!.year).toBe(2001);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      { line: 3, message: 'RIS record has no ER line; it was ended where the next record starts (line 8)' },
      { line: 14, message: 'RIS record has no TY line; read from its first tag, type unknown' },
      { line: 17, message: 'RIS record has no title, author or identifier (DOI, PMID, URL); kept with its year' },
    ]);
  });

  it('keeps what follows a stray TY in the JabRef stress file as a second record, with warnings', () => {
    const { records, warnings } = parseRis(fixtureText('ris/jabref_RisImporterTest1.ris'));
    expect(records.map((r) => [r.line, r.title, r.journal])).toEqual([
      [2, 'Editorial.', 'Empirical Software Engineering'],
      [39, '', 'kmptnd'],
    ]);
    expect(records[1]).toMatchObject({ abstract: 'abstract1', url: 'http://dx.doi.org/10.1023/A:1017379030770', doi: '10.1023/a:1017379030770', keywords: ['keyword0', 'keyword1'] });
    expect(warnings).toEqual([
      { line: 2, message: 'RIS record has no ER line; it was ended where the next record starts (line 39)' },
      { line: 39, message: 'RIS record has no title; kept with its DOI and URL' },
    ]);
  });

  it('says when the last record of a file has no ER line (a file cut short)', () => {
    const { records, warnings } = parseRis('TY  - JOUR\nTI  - Complete\nER  - \nTY  - JOUR\nTI  - Cut short\nAU  - Smith, J\n');
    expect(records.map((r) => r.title)).toEqual(['Complete', 'Cut short']);
    expect(warnings).toEqual([{ line: 4, message: 'RIS record has no ER line at the end of the file; the file may be cut short' }]);
  });

  it('accepts the Provider/Database/Content header of publisher downloads without a warning', () => {
    const text = 'Provider: John Wiley & Sons, Ltd\r\nDatabase: Wiley Online Library\r\nContent: text/plain; charset="UTF-8"\r\n\r\nTY  - JOUR\r\nAU  - Smith, Jane\r\nTI  - A title\r\nDO  - 10.1002/abc.123\r\nER  - \r\n';
    const result = parseText(text);
    expect(result.format).toBe('ris');
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({ title: 'A title', doi: '10.1002/abc.123', line: 5 });
  });

  it('gives zero records and one clear error for a text that is not RIS', () => {
    const result = parseRis('Dear colleague,\nplease find the references attached.\n');
    expect(result.records).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/not a RIS file/);
  });

  it('parseText detects RIS by content whatever the extension', () => {
    const r = parseText(fixtureText('ris/asreview_web_of_science_ris.txt'), { fileName: 'savedrecs.txt' });
    expect(r.format).toBe('ris');
    expect(r.records).toHaveLength(10);
  });
});
