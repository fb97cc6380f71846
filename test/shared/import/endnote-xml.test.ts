import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEndnoteXml } from '../../../shared/import/endnote-xml';
import { PARSERS } from '../../../shared/import/parse';
import { HAVE_FIXTURES, fixture } from '../../helpers/fixtures';

const read = (name: string) => fs.readFileSync(fixture(`endnote-xml/${name}`), 'utf8');

describe('parseEndnoteXml on hand-written input', () => {
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xml><records>',
    '<record><ref-type name="Journal Article">17</ref-type>',
    '<titles><title><style face="normal">Bare and </style><style face="italic">styled</style></title><secondary-title>J Test</secondary-title></titles>',
    '<label>Include</label><electronic-resource-num>https://doi.org/10.1000/ABC</electronic-resource-num></record>',
    '<record><titles><title>Second</title></titles>',
    '<notes><style face="normal">RAYYAN-INCLUSION: {"Ann"=&gt;"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong outcome</style></notes></record>',
    '<record><pages>1-2</pages></record>',
    '<record><ref-type name="Journal Article">17</ref-type></record>',
    '</records></xml>',
  ].join('\n');

  it('concatenates style runs, reads label and notes decisions, keeps a record with only pages and reports an empty one', () => {
    const { records, errors, warnings, skipped } = parseEndnoteXml(text);
    expect(records.map((r) => [r.title, r.line, r.type, r.screening.decision, r.screening.reason])).toEqual([
      ['Bare and styled', 3, 'journal article', 'included', null],
      ['Second', 6, null, 'excluded', 'wrong outcome'],
      ['', 8, null, null, null],
    ]);
    expect(records[0]!.doi).toBe('10.1000/abc');
    expect(records[0]!.journal).toBe('J Test');
    expect(records[2]!.pages).toBe('1-2');
    expect(warnings).toEqual([{ line: 8, message: 'EndNote record has no title, author or identifier (DOI, PMID, URL); kept with its volume, issue or pages' }]);
    expect(errors).toEqual([{ line: 9, message: 'EndNote record has no content (no title, author, identifier, date, source or abstract); skipped' }]);
    expect(skipped).toBe(1);
  });

  it('malformed XML is one located error', () => {
    const { records, errors } = parseEndnoteXml('<xml><records>\n<record><title>x</record>\n</records></xml>');
    expect(records).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
  });

  it('registers itself in PARSERS', () => {
    expect(PARSERS['endnote-xml']).toBe(parseEndnoteXml);
  });
});

/** Record counts from the fixtures README, and `grep -n '<record>'` gives the same. */
const COUNTS: Record<string, number> = {
  'jabref_EndnoteXmlImporterTestArticle.xml': 1,
  'jabref_EndnoteXmlImporterTestArticle2.xml': 2,
  'jabref_EndnoteXmlImporterTestLabelAndMultiTitle.xml': 3,
  'jabref_EndnoteXmlImporterTest_WithoutUrlStyle2.xml': 2,
  'jabref_EndnoteXmlImporterTestReport.xml': 1,
};

describe.skipIf(!HAVE_FIXTURES)('parseEndnoteXml on the fixtures', () => {
  for (const [name, count] of Object.entries(COUNTS)) {
    it(`${name}: ${count} records, no errors`, () => {
      const { records, errors } = parseEndnoteXml(read(name));
      expect(errors).toEqual([]);
      expect(records).toHaveLength(count);
    });
  }

  it('Bookends export: style-wrapped authors, DOI, accession number, keywords', () => {
    const r = parseEndnoteXml(read('jabref_EndnoteXmlImporterTestArticle.xml')).records[0]!;
    // <author><style face="normal" size="100%">Ahmad, AS</style></author> ... Ormiston-Smith, N; Sasieni, PD
    expect(r.authors).toEqual([
      { family: 'Ahmad', given: 'AS' },
      { family: 'Ormiston-Smith', given: 'N' },
      { family: 'Sasieni', given: 'PD' },
    ]);
    // Lines 122-124: <electronic-resource-num><style ...>10.1038/bjc.2014.606</style>
    expect(r.doi).toBe('10.1038/bjc.2014.606');
    expect(r.pmid).toBe('25647015'); // <accession-num> 25647015
    expect([r.type, r.year, r.journal, r.volume, r.issue, r.pages]).toEqual(['journal article', 2015, 'Br J Cancer', '112', '5', '943-7']);
    expect(r.keywords.slice(0, 2)).toEqual(['Age Factors', 'Aged']);
    expect(r.line).toBe(4);
  });

  it('an italic style run inside a title is concatenated with the normal runs', () => {
    const { records } = parseEndnoteXml(read('jabref_EndnoteXmlImporterTestLabelAndMultiTitle.xml'));
    // Lines 197-199: "...south polar skua" + italic " Catharacta maccormicki" + " at Cape Crozier".
    expect(records[2]!.title).toBe('A demographic study of the south polar skua Catharacta maccormicki at Cape Crozier');
    expect(records[2]!.line).toBe(174);
    // <label>B4</label> is a shelf mark, not a decision word.
    expect(records[2]!.screening.decision).toBeNull();
    // Record 2 (line 89): ref-type name="Book"; line 110 holds its title in a style run.
    expect(records[1]!.type).toBe('book');
    expect(records[1]!.title).toBe('A survey of soil temperatures in the Chicago area');
  });

  it('a Report with a year and one author', () => {
    // Lines 15, 21 and 29 of the file: author "Wiggins, D. A.", the title, <year> 2005.
    const r = parseEndnoteXml(read('jabref_EndnoteXmlImporterTestReport.xml')).records[0]!;
    expect(r.type).toBe('report');
    expect(r.title).toBe('Purple Martin (Progne subis): a technical conservation assessment');
    expect(r.authors).toEqual([{ family: 'Wiggins', given: 'D. A.' }]);
    expect(r.year).toBe(2005);
  });
});
