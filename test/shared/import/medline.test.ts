import { describe, expect, it } from 'vitest';
import { parseMedline, readMedlineTag } from '../../../shared/import/medline';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

/** Counts from the fixtures README (start tags), except where noted beside the file. */
const COUNTS: Record<string, number> = {
  'jabref_NbibImporterTest.nbib': 1,
  'jabref_MedlinePlain_CompleteEntry.txt': 1,
  'jabref_MedlinePlain_MultiAbstract.txt': 1, // no PMID, no title, no author: kept because it has `PMC -22664230`
  // README says 5 (it counts `PMID-` lines). The file has 7 blank-line-separated blocks: 5 `PMID-`
  // blocks, a `PMC -22664230` block and a `PMCR- 20481061` block with TI lines; each carries an
  // id or a title, so all 7 are records. Line 53 is prose ("This line should be omitted").
  'jabref_MedlinePlain_MultipleEntries.txt': 7,
};
/** README table for zotero-MEDLINEnbib case_00..08; case_01 is 2 (README 1): the file has two `PMID-` lines (1 and 81) and two TI. */
const ZOTERO_COUNTS = [1, 2, 1, 1, 3, 1, 4, 2, 1];

describe.skipIf(!HAVE_FIXTURES)('parseMedline on every MEDLINE fixture', () => {
  for (const [file, count] of Object.entries(COUNTS)) {
    it(`${file}: ${count} records`, () => {
      expect(parseMedline(fixtureText(`medline/${file}`)).records).toHaveLength(count);
    });
  }
  ZOTERO_COUNTS.forEach((count, i) => {
    const file = `medline/zotero-MEDLINEnbib/case_${String(i).padStart(2, '0')}.nbib`;
    it(`${file}: ${count} records`, () => {
      expect(parseMedline(fixtureText(file)).records).toHaveLength(count);
    });
  });

  it('maps a PubMed .nbib record: FAU over AU, the [doi] LID, PMID, ISSN, year', () => {
    const r = parseMedline(fixtureText('medline/jabref_NbibImporterTest.nbib')).records[0]!;
    // Read in the file: PMID- 27169098, DP 2016, TI Proteomics: A new perspective for cancer.,
    // FAU Shruthi, Basavaradhya Sahukar (AU Shruthi BS), LID 10.4103/2277-9175.180636 [doi], IS 2277-9175 (Electronic).
    expect(r.pmid).toBe('27169098');
    expect(r.title).toBe('Proteomics: A new perspective for cancer.');
    expect(r.authors[0]).toEqual({ family: 'Shruthi', given: 'Basavaradhya Sahukar' });
    expect(r.year).toBe(2016);
    expect(r.doi).toBe('10.4103/2277-9175.180636');
    expect(r.issn).toBe('2277-9175');
    expect(r.journal).toBe('Advanced biomedical research'); // JT line
  });

  it('reads ERIC exports in nbib syntax (CRLF, leading blank line, no PMID)', () => {
    const { records } = parseMedline(fixtureText('medline/zotero-MEDLINEnbib/case_06.nbib'));
    // Line 1 is blank; the first record starts at line 2 with `OWN - ERIC`; DP 2017; the second has AU Hulse, Taylyn.
    expect(records[0]!.line).toBe(2);
    expect(records[0]!.pmid).toBeNull();
    expect(records[0]!.year).toBe(2017);
    expect(records[0]!.url).toBe('http://eric.ed.gov/?id=ED576982'); // LID line
    expect(records[1]!.authors[0]).toEqual({ family: 'Hulse', given: 'Taylyn' });
  });

  it('takes the DOI from the LID marked [doi], not the [pii] one (case_08)', () => {
    const r = parseMedline(fixtureText('medline/zotero-MEDLINEnbib/case_08.nbib')).records[0]!;
    // Lines 9-10: LID - S1080-6032(22)00139-9 [pii], LID - 10.1016/j.wem.2022.07.008 [doi]; FAU Manoubi, Syrine Azza.
    expect(r.doi).toBe('10.1016/j.wem.2022.07.008');
    expect(r.title).toBe('Lichtenberg Figures: How a Cutaneous Sign Can Solve Suspicious Death Cases.');
    expect(r.authors[0]!.family).toBe('Manoubi');
    expect(r.year).toBe(2022);
  });

  it('joins both AB fields and reports prose between records with its line', () => {
    const multi = parseMedline(fixtureText('medline/jabref_MedlinePlain_MultiAbstract.txt')).records[0]!;
    expect(multi.abstract).toBe('Old Abstract\nnew abstract'); // two AB lines in the file
    expect(multi.pmcid).toBe('PMC22664230');
    const { errors } = parseMedline(fixtureText('medline/jabref_MedlinePlain_MultipleEntries.txt'));
    expect(errors).toEqual([{ line: 53, message: expect.stringContaining('outside') }]);
  });

  it('accepts tags without padding or without the space after the hyphen', () => {
    expect(readMedlineTag('PMID-22664220')).toEqual({ tag: 'PMID', value: '22664220' });
    expect(readMedlineTag('TI-')).toEqual({ tag: 'TI', value: '' });
    expect(readMedlineTag('      continued text')).toBeNull();
  });

  it('joins wrapped lines and gives one clear error for a text that is not MEDLINE', () => {
    const { records } = parseMedline('PMID- 1\nTI  - A title that\n      wraps\nFAU - Smith, John\n');
    expect(records[0]!.title).toBe('A title that wraps');
    const bad = parseMedline('just some prose\nover two lines\n');
    expect(bad.records).toEqual([]);
    expect(bad.errors).toEqual([{ line: 1, message: expect.stringContaining('not a MEDLINE file') }]);
  });
});
