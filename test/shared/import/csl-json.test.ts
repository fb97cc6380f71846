import { describe, expect, it } from 'vitest';
import { parseCslJson } from '../../../shared/import/csl-json';
import { PARSERS } from '../../../shared/import/parse';

// No CSL-JSON fixture exists in the shared set, so these inputs are written here, following
// the CSL 1.0.2 schema's field names (csl-data.json).
describe('parseCslJson', () => {
  const text = `[
  {
    "id": "smith2019",
    "type": "article-journal",
    "title": "A \\"quoted\\" title [with brackets]",
    "author": [{ "family": "Smith", "given": "Jane" }, { "literal": "WHO Collaborative Group" }, { "family": "Berg", "given": "Ann", "non-dropping-particle": "van den" }],
    "issued": { "date-parts": [[2019, 3, 1]] },
    "container-title": "Journal of Tests",
    "volume": 12, "issue": "3", "page": "100–110",
    "DOI": "https://doi.org/10.1000/ABC.1", "PMID": "31234567", "PMCID": "PMC1234567",
    "ISSN": "1234-5678", "abstract": "An  abstract.", "keyword": "realist; synthesis, context",
    "URL": "https://example.org/a", "language": "en"
  },
  { "type": "book", "title": "Second", "issued": { "raw": "Spring 2001" } },
  42,
  { "type": "book" }
]`;

  it('maps the CSL fields and gives each item the line of its opening brace', () => {
    const { records, errors } = parseCslJson(text);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      type: 'article-journal',
      title: 'A "quoted" title [with brackets]',
      authors: [
        { family: 'Smith', given: 'Jane' },
        { family: 'WHO Collaborative Group', given: '' },
        { family: 'van den Berg', given: 'Ann' },
      ],
      year: 2019,
      journal: 'Journal of Tests',
      volume: '12',
      issue: '3',
      pages: '100-110',
      doi: '10.1000/abc.1',
      pmid: '31234567',
      pmcid: 'PMC1234567',
      issn: '1234-5678',
      abstract: 'An abstract.',
      keywords: ['realist', 'synthesis', 'context'],
      url: 'https://example.org/a',
      language: 'en',
      line: 2,
    });
    expect(JSON.parse(records[0]!.raw).id).toBe('smith2019');
    expect(records[1]).toMatchObject({ title: 'Second', year: 2001, line: 14 });
    expect(errors).toEqual([
      { line: 15, message: 'item 3 is not a CSL-JSON object' },
      { line: 16, message: 'CSL-JSON item 4 has no content (no title, author, identifier, date, source or abstract); skipped' },
    ]);
  });

  it('accepts a single item object', () => {
    const { records } = parseCslJson('\n\n{ "title": "Only one", "issued": { "date-parts": [["2020"]] } }');
    expect(records.map((r) => [r.title, r.year, r.line])).toEqual([['Only one', 2020, 3]]);
  });

  it('invalid JSON is one error at the line where parsing failed', () => {
    const { records, errors } = parseCslJson('[\n  { "title": "x" },\n  { "title": }\n]');
    expect(records).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(3);
    expect(errors[0]!.message).toMatch(/^invalid JSON/);
  });

  it('registers itself in PARSERS', () => {
    expect(PARSERS['csl-json']).toBe(parseCslJson);
  });
});
