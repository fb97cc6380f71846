/**
 * Fuzzing the importers: thousands of random mutations of real fixtures (byte flips, line
 * deletions and duplications, truncations, injected tags of every format) go through
 * decodeBytes + parseText. Each must return, never throw, and end in records or in errors,
 * with every line number inside the mutated file. The seed is fixed so that a failure names
 * an iteration that reproduces exactly (set FUZZ_SEED / FUZZ_ITERATIONS to explore further).
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../shared/import/decode';
import { parseText } from '../../../shared/import/parse';
import type { ImportFormat } from '../../../shared/import/types';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 3000);

/** One small real file per format and dialect (small, so thousands of runs stay fast). */
const SOURCES = [
  'ris/jabref_RisImporterTest5a.ris',
  'ris/asreview_faulty_year.ris',
  'ris/jabref_RisImporterTest1.ris',
  'medline/jabref_MedlinePlain_MultipleEntries.txt',
  'medline/jabref_NbibImporterTest.nbib',
  'wos-isi/jabref_IsiImporterTestWOS.isi',
  'endnote-tagged/jabref_Endnote.entries.enw',
  'ovid/zotero-OVID-Tagged/case_01.txt',
  'bibtex/jabref_crossref.bib',
  'bibtex/zotero-BibTeX/case_08.bib',
  'screening-csv/asreview_generic_semicolon.csv',
  'screening-csv/asreview_generic_tab.tsv',
  'pubmed-xml/jabref_MedlineImporter_BookArticleSet.xml',
  'endnote-xml/jabref_EndnoteXmlImporterTestReport.xml',
];

/** Lines that start or end records in some format, injected at random places. */
const INJECTIONS = [
  'TY  - JOUR',
  'ER  - ',
  'ER  -',
  'PMID- 12345678',
  'TI  - ',
  'AU  - ,',
  'PT J',
  'EF',
  '%0 Journal Article',
  '%A',
  '<1. >',
  '@article{key,',
  '@comment{',
  '}',
  'title = {unclosed',
  '"a";"b"',
  '<record>',
  '</records>',
  '<PubmedArticle><MedlineCitation>',
  '<![CDATA[',
  '[{"title": ',
  '\u2028',
  '\uFEFF',
  '',
];

/** mulberry32: a tiny seeded generator, so every run sees the same mutations. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = 'flip' | 'delete-line' | 'duplicate-line' | 'truncate' | 'inject';
const MUTATIONS: Mutation[] = ['flip', 'delete-line', 'duplicate-line', 'truncate', 'inject'];

function mutate(bytes: Uint8Array, random: () => number): { text: string; applied: Mutation[] } {
  const pick = (n: number) => Math.floor(random() * n);
  const applied: Mutation[] = [];
  let b = bytes;
  let text: string | null = null;
  const count = 1 + pick(3);
  for (let k = 0; k < count; k++) {
    const m = MUTATIONS[pick(MUTATIONS.length)]!;
    applied.push(m);
    if (m === 'flip') {
      if (text !== null) b = new TextEncoder().encode(text);
      b = b.slice();
      const flips = 1 + pick(8);
      for (let i = 0; i < flips && b.length > 0; i++) b[pick(b.length)]! ^= 1 << pick(8);
      text = null;
      continue;
    }
    if (text === null) text = decodeBytes(b).text;
    const lines: string[] = text.split('\n');
    const at = pick(lines.length + 1);
    if (m === 'delete-line') lines.splice(Math.min(at, lines.length - 1), 1 + pick(3));
    else if (m === 'duplicate-line') lines.splice(at, 0, ...lines.slice(at, at + 1 + pick(4)));
    else if (m === 'inject') lines.splice(at, 0, INJECTIONS[pick(INJECTIONS.length)]!);
    if (m === 'truncate') text = text.slice(0, pick(text.length + 1));
    else text = lines.join('\n');
  }
  return { text: text ?? decodeBytes(b).text, applied };
}

/** The number of lines under any line-break convention a parser may count (the largest). */
function lineCount(text: string): number {
  return text.split(/\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c]/).length;
}

describe.skipIf(!HAVE_FIXTURES)('importers under random mutation', () => {
  // Read in a hook, not while the file is collected: a skipped describe's body still runs.
  let sources: { name: string; bytes: Uint8Array }[] = [];
  let formats = new Map<string, ImportFormat | null>();
  beforeAll(() => {
    sources = SOURCES.map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(fixture(name))) }));
    formats = new Map(sources.map((s) => [s.name, parseText(decodeBytes(s.bytes).text, { fileName: s.name }).format]));
  });

  it('recognises every source file before mutation', () => {
    expect([...formats.values()].every((f) => f !== null)).toBe(true);
  });

  it(`never throws and always ends in records or located errors (${ITERATIONS} mutations, seed ${SEED})`, () => {
    const random = generator(SEED);
    const failures: string[] = [];
    let withRecords = 0;
    let withErrors = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const source = sources[Math.floor(random() * sources.length)]!;
      const { text, applied } = mutate(source.bytes, random);
      // Alternate between sniffing the format and forcing the original one.
      const forced = i % 2 === 1 ? formats.get(source.name) ?? undefined : undefined;
      const where = `iteration ${i} (${source.name}, ${applied.join('+')}${forced ? `, as ${forced}` : ''})`;
      let result;
      try {
        result = parseText(text, { fileName: source.name, ...(forced ? { format: forced } : {}) });
      } catch (e) {
        failures.push(`${where}: threw ${(e as Error).message}`);
        continue;
      }
      const max = lineCount(text);
      if (result.records.length === 0 && result.errors.length === 0) failures.push(`${where}: neither records nor errors`);
      for (const e of result.errors) {
        if (!Number.isInteger(e.line) || e.line < 1 || e.line > max) failures.push(`${where}: error at line ${e.line} of ${max}: ${e.message}`);
        if (typeof e.message !== 'string' || e.message.trim() === '') failures.push(`${where}: error without a message`);
      }
      for (const r of result.records) {
        if (!Number.isInteger(r.line) || r.line < 1 || r.line > max) failures.push(`${where}: record at line ${r.line} of ${max}`);
      }
      for (const w of result.warnings) {
        if (!Number.isInteger(w.line) || w.line < 1 || w.line > max) failures.push(`${where}: warning at line ${w.line} of ${max}: ${w.message}`);
      }
      if (result.records.length > 0) withRecords++;
      if (result.errors.length > 0) withErrors++;
      if (failures.length >= 20) break;
    }
    expect(failures).toEqual([]);
    // The mutations are mostly survivable: most runs still give records, and many give errors.
    expect(withRecords).toBeGreaterThan(ITERATIONS / 2);
    expect(withErrors).toBeGreaterThan(ITERATIONS / 20);
  }, 120_000);
});
