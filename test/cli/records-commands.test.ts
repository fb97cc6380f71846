import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../shared/api/calls/records';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';
import { realist as runRealist, SLOW } from './cli-helpers';

const ENDNOTE = fixture('ris/asreview_endnote_baseline_99rec_bom_crlf.ris');
const ZOTERO = fixture('ris/asreview_zotero_baseline_99rec_crlf.ris');
const LABELS = fixture('ris/asreview_labels_in_N1_notes.ris');

const tempDir = useTempDir();

const realist = (...args: string[]) => runRealist(args);

function newProject(): string {
  const file = path.join(tempDir(), 'cli.realist');
  expect(realist('init', file).code).toBe(0);
  return file;
}

describe.skipIf(!HAVE_FIXTURES)('realist import and realist records', { timeout: SLOW }, () => {
  it('imports two exports and prints the summary as one JSON document', () => {
    const file = newProject();
    const r = realist('import', file, ENDNOTE, ZOTERO, '--coder', 'Ann', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['batch', 'imported', 'duplicates', 'skipped', 'errors', 'warnings', 'formats']);
    expect(summary).toMatchObject({ imported: 200, duplicates: 100, skipped: 0, errors: [], formats: { [ENDNOTE]: 'ris', [ZOTERO]: 'ris' } });
    expect(summary.batch).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the records with screening decisions and sources', () => {
    const file = newProject();
    expect(realist('import', file, LABELS, ENDNOTE, '--format', 'ris', '--coder', 'Ann', '--json').code).toBe(0);
    const r = realist('records', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const records = JSON.parse(r.stdout) as RecordEntry[];
    expect(records).toHaveLength(132);
    const decisions = records.map((x) => x.screening.decision);
    expect(decisions.filter((d) => d === 'included')).toHaveLength(10);
    expect(decisions.filter((d) => d === 'excluded')).toHaveLength(10);
    expect(decisions.filter((d) => d === null)).toHaveLength(112);
    const blomberg = records.find((x) => x.doi === '10.1007/s11307-012-0572-0')!;
    expect(blomberg).toMatchObject({
      year: 2012,
      pmid: '22752652',
      journal: 'Molecular imaging and biology',
      source: { file: path.basename(ENDNOTE), line: 1 },
    });
    expect(blomberg.authors[0]).toEqual({ family: 'Blomberg', given: 'Björn A.' });
    expect(blomberg.abstract).toMatch(/^This systematic review and meta-analysis aimed to quantify/);
    for (const key of ['id', 'title', 'authors', 'year', 'journal', 'doi', 'pmid', 'abstract', 'screening', 'source']) expect(blomberg).toHaveProperty(key);
  });

  it('exits 1 for a missing input file and still imports the others', () => {
    const file = newProject();
    const missing = path.join(tempDir(), 'nope.ris');
    const r = realist('import', file, missing, LABELS, '--coder', 'Ann', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ imported: 32, errors: [{ file: missing, line: 0, message: 'File not found.' }], formats: { [LABELS]: 'ris' } });
  });

  it('exits 1 for a file that is not bibliographic, with one clear error and no batch', () => {
    const file = newProject();
    const readme = fixture('README.md');
    const r = realist('import', file, readme, '--coder', 'Ann', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { batch: unknown; imported: number; errors: Array<{ file: string; line: number; message: string }> };
    expect(summary.batch).toBeNull();
    expect(summary.imported).toBe(0);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ file: readme, line: 1, message: expect.stringMatching(/^Not a bibliographic file/) });
    expect(JSON.parse(realist('records', file, '--json').stdout)).toEqual([]);
  });

  it('exits 1 when the project does not exist and 2 for usage mistakes', () => {
    const missingProject = path.join(tempDir(), 'none.realist');
    const r = realist('import', missingProject, LABELS, '--coder', 'Ann', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No project file at .*realist init/);
    const file = newProject();
    expect(realist('import', file, '--json').code).toBe(2);
    const badFormat = realist('import', file, LABELS, '--format', 'docx', '--json');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr.split('\n')[0]).toBe('realist import: --format must be one of auto, ris, nbib, pubmed-xml, bibtex, endnote-xml, enw, wos, csv, csl-json, ovid; not "docx"');
  });
});
