import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../shared/import/detect';
import { decodeBytes } from '../../../shared/import/decode';
import { parseText } from '../../../shared/import/parse';
import type { ImportFormat } from '../../../shared/import/types';
import { FIXTURES_DIR, HAVE_FIXTURES } from '../../helpers/fixtures';
import { fixtureText } from '../../helpers/read-fixture-text';

/** Every data file under a fixture folder, relative to the fixtures root. */
function filesUnder(dir: string): string[] {
  const abs = path.join(FIXTURES_DIR, dir);
  return fs.readdirSync(abs).flatMap((name) => {
    const rel = path.join(dir, name);
    return fs.statSync(path.join(FIXTURES_DIR, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** Fixture folder -> the format every file in it is (per the fixtures README). */
const FOLDERS: Record<string, ImportFormat> = {
  ris: 'ris',
  medline: 'nbib',
  'wos-isi': 'wos',
  'endnote-tagged': 'enw',
  ovid: 'ovid',
  'pubmed-xml': 'pubmed-xml',
  'endnote-xml': 'endnote-xml',
  bibtex: 'bibtex',
  'screening-csv': 'csv',
};
/** README: "invalid Ovid ... should be rejected cleanly": it lacks Ovid's `<N>` record numbers. */
const NOT_BIBLIOGRAPHIC = new Set(['ovid/jabref_OvidImporterTest2Invalid.txt']);

describe.skipIf(!HAVE_FIXTURES)('detectFormat on every fixture, by content', () => {
  for (const [folder, format] of Object.entries(FOLDERS)) {
    it(`every file in ${folder}/ is ${format}`, () => {
      const files = filesUnder(folder);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = decodeBytes(new Uint8Array(fs.readFileSync(path.join(FIXTURES_DIR, file)))).text;
        expect([file, detectFormat(text, file)]).toEqual([file, NOT_BIBLIOGRAPHIC.has(file) ? null : format]);
      }
    });
  }

  it('ignores the extension: .txt RIS exports are RIS, and a misleading name changes nothing', () => {
    expect(detectFormat(fixtureText('ris/asreview_pubmed_via_endnote_leading_blank.txt'), 'x.txt')).toBe('ris');
    expect(detectFormat(fixtureText('ris/asreview_web_of_science_ris.txt'), 'savedrecs.txt')).toBe('ris');
    expect(detectFormat(fixtureText('medline/jabref_NbibImporterTest.nbib'), 'export.ris')).toBe('nbib');
  });

  it('recognises every Web of Science file by content when its FN and VR header lines are gone', () => {
    // zotero case_06 also has unindented continuation lines, as a converter writes them.
    for (const file of filesUnder('wos-isi')) {
      const text = fixtureText(file);
      const headless = text
        .split('\n')
        .filter((l) => !/^(FN|VR) /.test(l))
        .join('\n');
      expect([file, detectFormat(headless)]).toEqual([file, 'wos']);
      const sniffed = parseText(headless);
      expect([file, sniffed.records.length]).toEqual([file, parseText(text, { format: 'wos' }).records.length]);
      expect(sniffed.records.length).toBeGreaterThan(0);
    }
  });

  it('PDFs and REFI-QDA files are not bibliographic', () => {
    for (const file of ['pdf/articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf', 'qda/qdpx-toolkit_hand_authored/project.qde']) {
      expect(detectFormat(fixtureText(file))).toBeNull();
    }
  });

  it('the invalid Ovid file gives zero records and one clear error through parseText', () => {
    const r = parseText(fixtureText('ovid/jabref_OvidImporterTest2Invalid.txt'));
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringContaining('Not a bibliographic file') }]);
  });
});

describe('detectFormat on small texts', () => {
  it('recognises Web of Science records without the FN/VR header, and not prose that mentions PT and ER', () => {
    const wos = 'PT J\nAU Hudon, C\nTI Case management in primary care for frequent users\nof health care\nSO ANNALS OF FAMILY MEDICINE\nPY 2020\nER\n\nPT J\nAU Tremblay, M\nTI Second\nSO J TEST\nPY 2019\nER\n';
    expect(detectFormat(wos)).toBe('wos');
    expect(parseText(wos).records.map((r) => [r.title, r.year])).toEqual([
      ['Case management in primary care for frequent users of health care', 2020],
      ['Second', 2019],
    ]);
    expect(detectFormat('Notes\nPT J\nmeans a journal in Web of Science.\nER\nends a record.\n')).toBeNull();
  });

  it('recognises CSL-JSON arrays and objects, and not other JSON', () => {
    expect(detectFormat('[{"id":"a","type":"article-journal","title":"T","author":[{"family":"Doe"}],"issued":{"date-parts":[[2020]]}}]')).toBe('csl-json');
    expect(detectFormat('{"type":"book","title":"T","issued":{"date-parts":[[2001]]}}')).toBe('csl-json');
    expect(detectFormat('{"name":"package","version":"1.0.0"}')).toBeNull();
  });

  it('recognises CSV and TSV by a title-like header column', () => {
    expect(detectFormat('record_id,title,abstract,label_included\n1,A,B,1\n')).toBe('csv');
    expect(detectFormat('Title\tAuthors\tYear\nA\tB\t2020\n')).toBe('csv');
    expect(detectFormat('name,age\nBob,3\n')).toBeNull();
  });

  it('recognises BibTeX but not an @-mention in prose', () => {
    expect(detectFormat('% comment\n@article{key2020,\n  title = {T}\n}\n')).toBe('bibtex');
    expect(detectFormat('Contact @someone for details.\n')).toBeNull();
  });

  it('returns null for empty and ordinary text', () => {
    expect(detectFormat('')).toBeNull();
    expect(detectFormat('\ufeff\n\n')).toBeNull();
    expect(detectFormat('Dear reviewer,\nThank you for the comments.\n')).toBeNull();
  });
});
