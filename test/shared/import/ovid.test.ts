import { describe, expect, it } from 'vitest';
import { parseOvid, parseOvidSource } from '../../../shared/import/ovid';
import { parseText } from '../../../shared/import/parse';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

const ZOTERO_COUNTS = [4, 2, 4, 4, 1, 2, 2, 1, 1, 2]; // README table, zotero-OVID-Tagged case_00..09

describe.skipIf(!HAVE_FIXTURES)('parseOvid on every Ovid fixture', () => {
  ZOTERO_COUNTS.forEach((count, i) => {
    const file = `ovid/zotero-OVID-Tagged/case_${String(i).padStart(2, '0')}.txt`;
    it(`${file}: ${count} records`, () => {
      const { records, errors } = parseOvid(fixtureText(file));
      expect(records).toHaveLength(count);
      expect(errors).toEqual([]);
    });
  });

  it('jabref_OvidImporterTest4.txt (long field names): 1 record', () => {
    const { records } = parseOvid(fixtureText('ovid/jabref_OvidImporterTest4.txt'));
    expect(records).toHaveLength(1);
    const r = records[0]!;
    // Read in the file: Author "Kohler, Lars 1;  Leuschner, Christoph 1; ...", Source "Ecohydrology.   8(6):1048-1064, September 2015.".
    expect(r.authors[0]).toEqual({ family: 'Kohler', given: 'Lars' });
    expect(r.authors).toHaveLength(4);
    expect(r.journal).toBe('Ecohydrology');
    expect(r.volume).toBe('8');
    expect(r.issue).toBe('6');
    expect(r.pages).toBe('1048-1064');
    expect(r.year).toBe(2015);
    expect(r.title.startsWith('Cloud water interception and element deposition')).toBe(true);
  });

  it('jabref_OvidImporterTest2Invalid.txt: rejected cleanly (no record numbers)', () => {
    const text = fixtureText('ovid/jabref_OvidImporterTest2Invalid.txt');
    const forced = parseOvid(text);
    expect(forced.records).toEqual([]);
    expect(forced.errors).toHaveLength(1);
    const detected = parseText(text);
    expect(detected.format).toBeNull();
    expect(detected.records).toEqual([]);
  });

  it('maps Journals@Ovid (case_02): source line parsed into journal, volume, issue, pages', () => {
    const r = parseOvid(fixtureText('ovid/zotero-OVID-Tagged/case_02.txt')).records[0]!;
    // Lines 1-16: <3. >, AU Peterson, James A. Ph.D., FACSM, TI Take Ten: ... Breast Cancer.  [Miscellaneous],
    // SO ACSM'S Health & Fitness Journal January/February 2010;14(1):56, DI 10.1249/FIT.0b013e3181c6723d.
    expect(r.line).toBe(1);
    expect(r.title).toBe('Take Ten: Need-to-Know Facts About Breast Cancer.');
    expect(r.authors[0]).toEqual({ family: 'Peterson', given: 'James A.' });
    expect(r.journal).toBe("ACSM'S Health & Fitness Journal");
    expect([r.volume, r.issue, r.pages, r.year]).toEqual(['14', '1', '56', 2010]);
    expect(r.doi).toBe('10.1249/fit.0b013e3181c6723d');
    // Second record: AU Zhang, Weijia 1,2,+ -> affiliation marks removed.
    expect(parseOvid(fixtureText('ovid/zotero-OVID-Tagged/case_02.txt')).records[1]!.authors[0]).toEqual({ family: 'Zhang', given: 'Weijia' });
  });

  it('reads PsycINFO with every line indented one space (case_05)', () => {
    const r = parseOvid(fixtureText('ovid/zotero-OVID-Tagged/case_05.txt')).records[0]!;
    // ` AU  - Kobori, Osamu`, ` YR  - 2015`, ` DO  - http://dx.doi.org/10.1017/S1352465814000277`, ` PM  - 24892981`, ` JN  - Behavioural and Cognitive Psychotherapy`.
    expect(r.authors[0]).toEqual({ family: 'Kobori', given: 'Osamu' });
    expect(r.year).toBe(2015);
    expect(r.doi).toBe('10.1017/s1352465814000277');
    expect(r.pmid).toBe('24892981');
    expect(r.journal).toBe('Behavioural and Cognitive Psychotherapy');
    expect(r.title.endsWith('[References].')).toBe(false);
  });

  it('parses the source-line shapes of the Ovid databases', () => {
    expect(parseOvidSource('Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.')).toEqual({
      journal: 'Behavioural and Cognitive Psychotherapy',
      volume: '43',
      issue: '5',
      pages: '623-634',
    });
    expect(parseOvidSource('Acta Chirurgica Belgica November/December 2010;6:611-613')).toEqual({ journal: 'Acta Chirurgica Belgica', volume: '6', issue: null, pages: '611-613' });
  });
});
