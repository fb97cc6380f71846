/** `realist text`, `attach`, `search` and `documents`, run in-process through main(). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../shared/coding/types';
import { sharedPdfPool } from '../../electron/services/documents/worker-pool';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';
import { run as runMain, SLOW } from './cli-helpers';

const tempDir = useTempDir();
afterAll(() => sharedPdfPool().close());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(...argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('realist text', { timeout: SLOW }, () => {
  it('prints the pages of a plain text file, with no project', async () => {
    const file = path.join(tempDir(), 'note.txt');
    fs.writeFileSync(file, '\uFEFFField note\r\n\r\nThe nurse phoned the pharmacy.\r\n');
    const r = await run('text', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ pageCount: 1, pages: [{ index: 0, text: 'Field note\n\nThe nurse phoned the pharmacy.' }], warnings: [] });
  });

  it.skipIf(!HAVE_FIXTURES)('prints a PDF page by page, and fails clearly on an encrypted or damaged one', async () => {
    const ok = await run('text', fixture('pdf/derived/Datta2010_ENCRYPTED_userpw-realist.pdf'), '--password', 'realist', '--json');
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.out) as { pageCount: number; pages: { index: number; text: string }[] };
    expect(doc.pageCount).toBe(4);
    expect(doc.pages[0]!.text).toContain('Complications related to deep venous thrombosis');

    const locked = await run('text', fixture('pdf/derived/Datta2010_ENCRYPTED_userpw-realist.pdf'), '--json');
    expect(locked).toEqual({ code: 1, out: '', err: 'realist text: Datta2010_ENCRYPTED_userpw-realist.pdf: This PDF is encrypted: give its password to read it.\n' });
    const damaged = await run('text', fixture('pdf/derived/Datta2010_TRUNCATED_at_55pct.pdf'), '--json');
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(/^realist text: Datta2010_TRUNCATED_at_55pct.pdf: The PDF is damaged and could not be read/);

    const scan = await run('text', fixture('pdf/derived/Tully2010_SCANNED_image-only_no-text-layer.pdf'), '--json');
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.out)).toMatchObject({ pageCount: 6, warnings: [expect.stringMatching(/^no text: needs OCR/)] });
  });
});

describe.skipIf(!HAVE_FIXTURES)('realist text run from another folder', () => {
  it('reads a PDF when started outside the project folder (its PDF workers find their loader)', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron', 'cli', 'realist.cjs'), 'text', fixture('pdf/edge-cases/pdfjs_hello_world_rotated.pdf'), '--json'], {
      cwd: tempDir(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr.replace(/.*nodedir.*\n?/g, '')).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pageCount: 5, pages: [{ index: 0, text: 'Hello world' }, {}, {}, {}, {}] });
  }, 120_000);
});

describe.skipIf(!HAVE_FIXTURES)('realist attach, documents and search', { timeout: SLOW }, () => {
  it('attaches files to a project, lists them and searches their text', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.realist');
    expect((await run('init', project, '--json')).code).toBe(0);
    const attached = await run(
      'attach',
      project,
      fixture('pdf/articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf'),
      fixture('pdf/derived/Tully2010_SCANNED_image-only_no-text-layer.pdf'),
      path.join(dir, 'missing.txt'),
      '--coder',
      'Ann',
      '--json',
    );
    expect(attached.code).toBe(0);
    const result = JSON.parse(attached.out) as { attached: { file: string; documentId: string; recordId: string | null; match: string }[]; errors: { file: string; message: string }[] };
    expect(result.attached.map((a) => [path.basename(a.file), a.recordId, a.match])).toEqual([
      ['Tully2010_RehabilResPract_heart-failure-experiences.pdf', null, 'none'],
      ['Tully2010_SCANNED_image-only_no-text-layer.pdf', null, 'none'],
    ]);
    expect(result.errors).toEqual([{ file: path.join(dir, 'missing.txt'), message: `No such file: ${path.join(dir, 'missing.txt')}` }]);

    const list = JSON.parse((await run('documents', project, '--json')).out) as { kind: string; pageCount: number; status: string }[];
    expect(list.map((d) => [d.kind, d.pageCount, d.status])).toEqual([
      ['pdf', 6, 'ok'],
      ['pdf', 6, 'no-text'],
    ]);

    // The search box's search: page hits name the document and the page (from 1), the words in [ ].
    const search = await run('search', project, 'cardiac rehabilitation', '--json');
    expect(search.code).toBe(0);
    const hits = (JSON.parse(search.out) as SearchResults).page;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.documentId === result.attached[0]!.documentId)).toBe(true);
    expect(hits[0]!.title).toMatch(/^Tully2010_RehabilResPract_heart-failure-experiences, page [1-6]$/);
    expect(hits[0]!.snippet).toMatch(/\[cardiac\] \[rehabilitation\]/i);
  });
});

describe('realist attach with a folder', { timeout: SLOW }, () => {
  it('attaches every document inside it, in name order, and passes over other files', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'p.realist');
    expect((await run('init', project)).code).toBe(0);
    const folder = path.join(dir, 'transcripts');
    fs.mkdirSync(path.join(folder, 'site B'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'interview 01.txt'), 'The nurse called me every week.');
    fs.writeFileSync(path.join(folder, 'site B', 'field notes.md'), '# Field notes\n\nThe clinic had no evening hours.');
    fs.writeFileSync(path.join(folder, 'photo.jpg'), 'not a document');
    fs.writeFileSync(path.join(folder, '.DS_Store'), '');
    const attached = await run('attach', project, folder, '--coder', 'Ann', '--json');
    expect(attached.code).toBe(0);
    const result = JSON.parse(attached.out) as { attached: { file: string }[]; errors: unknown[] };
    expect(result.attached.map((a) => path.relative(folder, a.file))).toEqual(['interview 01.txt', path.join('site B', 'field notes.md')]);
    expect(result.errors).toEqual([]);
  });
});
