/**
 * What the import service refuses, cuts and warns about (electron/services/import/import-service.ts
 * and shared/import/limits.ts): non-regular files, files past the size limit, over-long fields,
 * records kept without a title, and XML that yields nothing. Small inputs are written here; the
 * malformed PubMed file is the real fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/api/calls/records';
import { FIELD_LIMITS, MAX_IMPORT_BYTES } from '../../shared/import/limits';
import { importRecords } from '../../electron/services/import/import-service';
import { getRecord, listLibrary } from '../../electron/services/import/library';
import { ProjectStore } from '../../electron/services/store/project-store';
import { requestSchemas } from '../../shared/api/contract';
import { asCoder } from '../helpers/coder';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'realist.cjs');
/** The command line's environment: imports are writes, and every write is by a coder. */
const CLI_ENV = { ...process.env, REALIST_CODER: 'Tester' };
const tempDir = useTempDir();

function newProject(): ProjectStore {
  const store = ProjectStore.open(path.join(tempDir(), 'p.realist'), { create: true });
  asCoder(store);
  return store;
}

const ONE_RIS = 'TY  - JOUR\nTI  - Case management for frequent users\nAU  - Hudon, Catherine\nPY  - 2020\nER  - \n';

describe('files the import refuses before reading them', () => {
  it.skipIf(process.platform === 'win32')('says a FIFO, a device and a folder are not files, without hanging, and imports the file beside them', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'records.fifo');
    spawnSync('mkfifo', [fifo]);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    const good = path.join(dir, 'good.ris');
    fs.writeFileSync(good, ONE_RIS);
    const project = path.join(dir, 'cli.realist');
    expect(spawnSync(process.execPath, [CLI, 'init', project], { encoding: 'utf8' }).status).toBe(0);
    // In a child process with a time limit: reading a FIFO used to wait for a writer forever.
    const r = spawnSync(process.execPath, [CLI, 'import', project, fifo, '/dev/null', dir, good, '--json'], { encoding: 'utf8', timeout: 60_000, env: CLI_ENV });
    expect(r.signal, 'the import hung').toBeNull();
    const summary = JSON.parse(r.stdout) as ImportSummary;
    expect(summary.imported).toBe(1);
    expect(summary.errors).toEqual([
      { file: fifo, line: 0, message: 'This is a pipe (FIFO), not a file: save the records to a file and import that.' },
      { file: '/dev/null', line: 0, message: 'This is a device, not a file.' },
      { file: dir, line: 0, message: 'This is a folder, not a file.' },
    ]);
  });

  it('refuses a file past the size limit with its size, before reading it', () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.ris');
    // A sparse file: its size is past the limit, yet it takes no room on disk.
    fs.writeFileSync(huge, ONE_RIS);
    fs.truncateSync(huge, MAX_IMPORT_BYTES + 1);
    const store = newProject();
    const s = importRecords(store, [{ name: 'huge.ris', path: huge }]);
    expect(s).toMatchObject({ batch: null, imported: 0 });
    expect(s.errors).toEqual([{ file: 'huge.ris', line: 0, message: 'The file is 200.0 MB; 200 MB is the most an import reads. Export the records in smaller parts.' }]);
    const upload = importRecords(store, [{ name: 'upload.ris', bytes: Buffer.allocUnsafe(MAX_IMPORT_BYTES + 1) }]);
    expect(upload.errors).toEqual([{ file: 'upload.ris', line: 0, message: expect.stringMatching(/^The file is 200\.0 MB; 200 MB is the most/) }]);
    store.close();
  });
});

describe('over-long fields and records without a title', () => {
  it('cuts a 5.4-million-character title to its limit with a warning naming file and line, and the record opens', () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.ris');
    const title = `${'Realist synthesis '.repeat(300_000)}end`;
    fs.writeFileSync(file, `${ONE_RIS}TY  - JOUR\nTI  - ${title}\nAU  - Smith, Jane\nDO  - 10.1000/${'x'.repeat(400)}\nER  - \n`);
    const store = newProject();
    const s = importRecords(store, [{ name: 'long.ris', path: file }]);
    expect(s.imported).toBe(2);
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([
      { file: 'long.ris', line: 6, message: 'title is 5,400,003 characters long; kept its first 4,000' },
      { file: 'long.ris', line: 6, message: 'DOI is 408 characters long, too long to be one; dropped' },
      { file: 'long.ris', line: 6, message: "the record's text is 5,400,460 characters long; its first 1,000,000 are kept as its source" },
    ]);
    const page = listLibrary(store, requestSchemas['records:list'].parse({ sort: { field: 'title', dir: 'desc' } }));
    const stored = getRecord(store, page.items[0]!.id);
    expect(stored.title).toHaveLength(FIELD_LIMITS.title);
    expect(stored.title.startsWith('Realist synthesis Realist synthesis')).toBe(true);
    expect(stored.doi).toBeNull();
    store.close();
  });

  it('imports an unpublished thesis with an author but no title, and says so in the warnings', () => {
    const store = newProject();
    const bib = '@phdthesis{tremblay2019,\n  author = {Tremblay, Marie},\n  year = {2019},\n  school = {Universit\\\'e de Sherbrooke}\n}\n';
    const s = importRecords(store, [{ name: 'thesis.bib', bytes: Buffer.from(bib) }]);
    expect(s).toMatchObject({ imported: 1, skipped: 0, errors: [] });
    expect(s.warnings).toEqual([{ file: 'thesis.bib', line: 1, message: '@phdthesis{tremblay2019} has no title; kept with its authors' }]);
    store.close();
  });

  it('counts an empty block as skipped, with an error at its line', () => {
    const store = newProject();
    const s = importRecords(store, [{ name: 'two.ris', bytes: Buffer.from(`TY  - JOUR\nER  - \n${ONE_RIS}`) }]);
    expect(s).toMatchObject({ imported: 1, skipped: 1, warnings: [] });
    expect(s.errors).toEqual([{ file: 'two.ris', line: 1, message: 'RIS record has no content (no title, author, identifier, date, source or abstract); skipped' }]);
    store.close();
  });
});

describe('XML that yields nothing', () => {
  it('is an error for that file: 0 imported, no batch, the line of the fault', () => {
    const store = newProject();
    const broken = '<?xml version="1.0"?>\n<xml><records>\n<record><titles><title>Unclosed</titles></record>\n</records></xml>\n';
    const s = importRecords(store, [{ name: 'endnote.xml', bytes: Buffer.from(broken) }]);
    expect(s).toMatchObject({ batch: null, imported: 0 });
    expect(s.errors).toEqual([{ file: 'endnote.xml', line: 3, message: expect.stringMatching(/^malformed XML: /) }]);
    store.close();
  });

  it.skipIf(!HAVE_FIXTURES)('the malformed PubMed fixture: 0 imported with one error, on the command line too', () => {
    const project = path.join(tempDir(), 'xml.realist');
    expect(spawnSync(process.execPath, [CLI, 'init', project], { encoding: 'utf8' }).status).toBe(0);
    const input = fixture('pubmed-xml/jabref_MedlineImporter_MalformedEntry.xml');
    const r = spawnSync(process.execPath, [CLI, 'import', project, input, '--json'], { encoding: 'utf8', timeout: 60_000, env: CLI_ENV });
    const summary = JSON.parse(r.stdout) as ImportSummary;
    expect(summary).toMatchObject({ batch: null, imported: 0, skipped: 0 });
    // The file is four lines; the mismatched </PubmedArticleSet> closes the unclosed <PubmedArticle> on line 4.
    expect(summary.errors).toEqual([{ file: input, line: 4, message: expect.stringMatching(/^malformed XML: /) }]);
  });
});
