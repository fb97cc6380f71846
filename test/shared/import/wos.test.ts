import { describe, expect, it } from 'vitest';
import { parseWos } from '../../../shared/import/wos';
import { HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

/** Counts from the fixtures README. */
const COUNTS: Record<string, number> = {
  'jabref_IsiImporterTestWOS.isi': 2,
  'jabref_IsiImporterTestInspec.isi': 2,
  'jabref_IsiImporterTestMedline.isi': 2,
};
const ZOTERO_COUNTS = [5, 1, 1, 1, 1, 4, 1, 1, 1]; // README table, zotero-WoS-Tagged case_00..08

describe.skipIf(!HAVE_FIXTURES)('parseWos on every Web of Science fixture', () => {
  for (const [file, count] of Object.entries(COUNTS)) {
    it(`${file}: ${count} records`, () => {
      expect(parseWos(fixtureText(`wos-isi/${file}`)).records).toHaveLength(count);
    });
  }
  ZOTERO_COUNTS.forEach((count, i) => {
    const file = `wos-isi/zotero-WoS-Tagged/case_${String(i).padStart(2, '0')}.txt`;
    it(`${file}: ${count} records`, () => {
      const { records, errors } = parseWos(fixtureText(file));
      expect(records).toHaveLength(count);
      expect(errors).toEqual([]);
    });
  });

  it('reads 3-column continuation lines as more authors and more title (jabref WOS file)', () => {
    const r = parseWos(fixtureText('wos-isi/jabref_IsiImporterTestWOS.isi')).records[0]!;
    // Lines 3-10: PT J, AU Gamernyk, RV then 4 indented authors (last Slivka, VY), TI wrapped over 2 lines, SO JOURNAL OF PHYSICS-CONDENSED MATTER.
    expect(r.line).toBe(3);
    expect(r.authors.map((a) => a.family)).toEqual(['Gamernyk', 'Gnatenko', 'Bukivskij', 'Skubenko', 'Slivka']);
    expect(r.title).toBe('Optical and photoelectric spectroscopy of photorefractive Sn2P2S6 crystals');
    expect(r.journal).toBe('JOURNAL OF PHYSICS-CONDENSED MATTER');
    expect(r.year).toBe(2006);
  });

  it('reads a real WoS download after a BOM: DOI, pages, year (Zotero case_00)', () => {
    const r = parseWos(fixtureText('wos-isi/zotero-WoS-Tagged/case_00.txt')).records[0]!;
    // Lines 3-17: AU Zelle, Rintze M., TI Anaplerotic Role for Cytosolic Malic Enzyme..., BP 732, EP 738, DI 10.1128/AEM.02132-10, PY 2011.
    expect(r.authors[0]).toEqual({ family: 'Zelle', given: 'Rintze M.' });
    expect(r.authors[3]).toEqual({ family: 'van Maris', given: 'Antonius J. A.' });
    expect(r.title).toBe('Anaplerotic Role for Cytosolic Malic Enzyme in Engineered Saccharomyces cerevisiae Strains');
    expect(r.pages).toBe('732-738');
    expect(r.doi).toBe('10.1128/aem.02132-10');
    expect(r.year).toBe(2011);
  });

  it('splits `;`-separated authors and takes the PMID from `UT MEDLINE:` (MEDLINE via WoS)', () => {
    const { records } = parseWos(fixtureText('wos-isi/jabref_IsiImporterTestMedline.isi'));
    // Record 1: UT MEDLINE:16842170, PS 2457-71; record 2: AU Joffe, Hadine; Hall, Janet E; ...
    expect(records[0]!.pmid).toBe('16842170');
    expect(records[0]!.pages).toBe('2457-71');
    expect(records[1]!.authors[0]).toEqual({ family: 'Joffe', given: 'Hadine' });
    expect(records[1]!.authors[1]).toEqual({ family: 'Hall', given: 'Janet E' });
  });

  it('handles a record without ER and gives one error for a text that is not WoS', () => {
    const { records } = parseWos('FN Clarivate\nVR 1.0\nPT J\nTI One\nAU Doe, J\nPT J\nTI Two\nER\nEF\n');
    expect(records.map((r) => [r.title, r.line])).toEqual([
      ['One', 3],
      ['Two', 6],
    ]);
    const bad = parseWos('hello there\n');
    expect(bad.records).toEqual([]);
    expect(bad.errors).toHaveLength(1);
  });
});
