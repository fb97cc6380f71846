import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../shared/import/parse';
import { parsePubmedXml } from '../../../shared/import/pubmed-xml';
import { HAVE_FIXTURES, fixture } from '../../helpers/fixtures';

const read = (name: string) => fs.readFileSync(fixture(`pubmed-xml/${name}`), 'utf8');

describe('parsePubmedXml on hand-written input', () => {
  it('reads a minimal article with a DOCTYPE, MedlineDate and a CollectiveName', () => {
    const text = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">',
      '<PubmedArticleSet>',
      '<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal><JournalIssue><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue><Title>J</Title></Journal>',
      '<ArticleTitle>CO<sub>2</sub> &amp; <i>E. coli</i></ArticleTitle><AuthorList><Author><CollectiveName>The XYZ Group</CollectiveName></Author><Author><LastName>Doe</LastName><Initials>J</Initials></Author></AuthorList></Article></MedlineCitation></PubmedArticle>',
      '</PubmedArticleSet>',
    ].join('\n');
    const { records, errors } = parsePubmedXml(text);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      title: 'CO2 & E. coli',
      year: 1998,
      pmid: '1',
      line: 4,
      authors: [
        { family: 'The XYZ Group', given: '' },
        { family: 'Doe', given: 'J' },
      ],
    });
  });

  it('a file that is not PubMed XML gives one error and no records', () => {
    expect(parsePubmedXml('<records><record/></records>')).toEqual({
      records: [],
      errors: [{ line: 1, message: 'no PubmedArticle or PubmedBookArticle element: is this a PubMed XML file?' }],
      warnings: [],
      skipped: 0,
    });
  });

  it('registers itself in PARSERS', () => {
    expect(PARSERS['pubmed-xml']).toBe(parsePubmedXml);
  });
});

/** Record counts from the fixtures README (checked with `grep -n '<PubmedArticle>\|<PubmedBookArticle>'`). */
const COUNTS: Record<string, number> = {
  'jabref_MedlineImporterTestNbib.xml': 2,
  'jabref_MedlineImporter_ArticleItalics.xml': 1,
  'jabref_MedlineImporter_MathML.xml': 1,
  'jabref_MedlineImporter_BookArticleSet.xml': 2,
  ...Object.fromEntries([2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1].map((n, i) => [`zotero-PubMedXML/case_${String(i).padStart(2, '0')}.xml`, n])),
};

describe.skipIf(!HAVE_FIXTURES)('parsePubmedXml on the fixtures', () => {
  for (const [name, count] of Object.entries(COUNTS)) {
    it(`${name}: ${count} records, no errors`, () => {
      const { records, errors } = parsePubmedXml(read(name));
      expect(errors).toEqual([]);
      expect(records).toHaveLength(count);
    });
  }

  it('the malformed file gives zero records and one error at the line of the mismatched tag', () => {
    // The file: line 2 opens <PubmedArticle>, line 3 "wrong format", line 4 closes </PubmedArticleSet>.
    const { records, errors } = parsePubmedXml(read('jabref_MedlineImporter_MalformedEntry.xml'));
    expect(records).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(4);
    expect(errors[0]!.message).toMatch(/malformed XML: .*PubmedArticle/);
  });

  it('italic markup stays in the title as text', () => {
    // Lines 25-27: <ArticleTitle>Genome-wide significant risk factors on chromosome 19 and the <i>APOE</i> locus.</ArticleTitle>
    const r = parsePubmedXml(read('jabref_MedlineImporter_ArticleItalics.xml')).records[0]!;
    expect(r.title).toBe('Genome-wide significant risk factors on chromosome 19 and the APOE locus.');
    expect(r.line).toBe(2); // "    <PubmedArticle>" is line 2
    expect(r.pmcid).toBe('PMC5973862');
    expect(r.doi).toBe('10.18632/oncotarget.25083');
  });

  it('MathML in the abstract is kept as text', () => {
    // The abstract holds <mml:mi>η</mml:mi> and an <infinity/> symbol among comments.
    const r = parsePubmedXml(read('jabref_MedlineImporter_MathML.xml')).records[0]!;
    expect(r.title).toBe('CellML 2.0.');
    expect(r.abstract).toMatch(/^Following are examples of MathML elements: η p 2/);
    expect([r.year, r.volume, r.issue, r.issn]).toEqual([2020, '17', '2-3', '1613-4516']);
  });

  it('book and chapter records', () => {
    const { records } = parsePubmedXml(read('jabref_MedlineImporter_BookArticleSet.xml'));
    // First PubmedBookArticle (line 2): BookTitle "Rheumatoid Arthritis: National Clinical Guideline ...",
    // ArticleTitle "Title for some article", CollectiveName author, PubDate Year 2009.
    expect(records[0]).toMatchObject({
      type: 'chapter',
      title: 'Title for some article',
      journal: 'Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults',
      year: 2009,
      pmid: '21413195',
      line: 2,
      authors: [{ family: 'National Collaborating Centre for Chronic Conditions (UK)', given: '' }],
    });
    // Second (line 67): only a PMID and MedlinePgn 1831, no title: still imported (the PMID identifies it).
    expect(records[1]).toMatchObject({ type: 'book', title: '', pmid: '21413195', pages: '1831', line: 67 });
  });

  it('zotero case_07: structured abstract with labels, <sup> and a character reference', () => {
    const r = parsePubmedXml(read('zotero-PubMedXML/case_07.xml')).records[0]!;
    // <AbstractText Label="OBJECTIVE">The relationship ... ; METHODS has "mm<sup>3</sup> /year";
    // RESULTS has "R<sup>2</sup> = 0.81" and "&#x3b2; = -0.119".
    expect(r.abstract).toMatch(/^OBJECTIVE: The relationship between in vivo knee load predictions/);
    expect(r.abstract).toContain(' METHODS: In adults with knee OA');
    expect(r.abstract).toContain('(mm3 /year)');
    expect(r.abstract).toContain('R2 = 0.81');
    expect(r.abstract).toContain('β = -0.119');
    expect(r.abstract).toContain(' CONCLUSION: Machine learning was used');
    expect(r.journal).toBe('Arthritis & rheumatology (Hoboken, N.J.)');
    expect(r.pages).toBe('1638-1645');
    expect(r.keywords).toContain('Machine Learning'); // a MeshHeading DescriptorName
  });

  it('zotero case_03: a MedlineDate gives the year', () => {
    // <MedlineDate>2010 Sep-Oct</MedlineDate>
    const r = parsePubmedXml(read('zotero-PubMedXML/case_03.xml')).records[0]!;
    expect(r.year).toBe(2010);
    expect(r.title).toBe('Zotero: harnessing the power of a personal bibliographic manager.');
  });

  it('zotero case_00: two articles, each with the line of its start tag and non-ASCII names', () => {
    const { records } = parsePubmedXml(read('zotero-PubMedXML/case_00.xml'));
    expect(records.map((r) => r.line)).toEqual([4, 250]); // grep -n '<PubmedArticle>'
    expect(records[1]!.authors[1]).toEqual({ family: 'Dröge', given: 'Peter' });
    expect(records[1]!.raw.startsWith('<PubmedArticle>')).toBe(true);
    expect(records[1]!.raw.endsWith('</PubmedArticle>')).toBe(true);
  });
});
