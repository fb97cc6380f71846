/**
 * `realist code`, `cmoc`, `export`, `undo`, `redo` and `log`, in-process through main(), on a
 * project made through the command line (two transcripts, five highlights by Reviewer A).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project-store';
import { useTempDir } from '../helpers/temp';
import { json, run, textProject, SLOW } from './cli-helpers';

const tempDir = useTempDir();

/** Counts rows in the project file, for checks a person could repeat with sqlite3. */
function count(file: string, sql: string, ...params: unknown[]): number {
  const store = ProjectStore.open(file);
  try {
    return (store.db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    store.close();
  }
}

interface CodeOutput {
  codingId: string;
  codeId: string;
  code: string;
  kind: string;
  coder: string;
  layer: string;
  createdCode: boolean;
}

describe('realist code', { timeout: SLOW }, () => {
  it('codes an excerpt, creating the code once, in each coder\'s own layer', async () => {
    const { file, excerpts } = await textProject(tempDir());
    const a = json<CodeOutput>(await run('code', file, '--excerpt', excerpts.trust, '--code', 'Trust in the case manager', '--kind', 'mechanism-response', '--coder', 'Reviewer A', '--json'));
    expect(a).toMatchObject({ code: 'Trust in the case manager', kind: 'mechanism-response', createdCode: true, coder: 'Reviewer A', layer: 'own' });
    // Found again by name whatever its case; the coder is named in another case than they were added.
    const b = json<CodeOutput>(await run('code', file, '--excerpt', excerpts.trust, '--code', 'trust in the  case manager', '--coder', 'reviewer b', '--json'));
    expect(b).toMatchObject({ codeId: a.codeId, createdCode: false, coder: 'reviewer b' });
    expect(count(file, 'SELECT count(*) AS n FROM codings WHERE code_id = ?', a.codeId)).toBe(2);
    expect(count(file, 'SELECT count(DISTINCT coder_id) AS n FROM codings WHERE code_id = ?', a.codeId)).toBe(2);
    expect(count(file, 'SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL')).toBe(1);
  });

  it('writes into the consensus layer with --layer consensus', async () => {
    const { file, excerpts } = await textProject(tempDir());
    const r = json<CodeOutput>(await run('code', file, '--excerpt', excerpts.worry, '--code', 'Worry at night', '--kind', 'outcome', '--coder', 'Reviewer A', '--layer', 'consensus', '--json'));
    expect(r.layer).toBe('consensus');
    expect(count(file, "SELECT count(*) AS n FROM codings WHERE id = ? AND coder_id = 'consensus'", r.codingId)).toBe(1);
  });

  it('exits 1 and leaves no new code behind for an unknown excerpt; exits 2 for a missing option', async () => {
    const { file } = await textProject(tempDir());
    const bad = await run('code', file, '--excerpt', '00000000-0000-4000-8000-000000000000', '--code', 'Brand new code', '--coder', 'Reviewer A', '--json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'realist code: No excerpt with id 00000000-0000-4000-8000-000000000000. Nothing was saved (the new code "Brand new code" made for it was deleted again). [NOT_FOUND]\n',
    );
    expect(count(file, 'SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL')).toBe(0);
    const missing = await run('code', file, '--code', 'X', '--coder', 'Reviewer A');
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('realist code: --excerpt is required');
  });

  it('refuses without a coder, saying how to give one, and creates nothing', async () => {
    const { file, excerpts } = await textProject(tempDir());
    const r = await run('code', file, '--excerpt', excerpts.trust, '--code', 'Trust');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'realist code: this command changes the project, so it needs to know who is making the change: pass --coder NAME or set REALIST_CODER=NAME. [CODER_REQUIRED]\n',
    });
    expect(count(file, 'SELECT count(*) AS n FROM codes')).toBe(0);
  });
});

describe('realist cmoc and realist export --format json', { timeout: SLOW }, () => {
  it('creates a CMOC from code names with its evidence in one step, and exports it with its quotes', async () => {
    const { file, excerpts, dir } = await textProject(tempDir());
    const created = json<{ id: string; statement: string; createdCodes: string[]; layer: string; evidence: Array<{ excerptId: string; role: string }> }>(
      await run(
        'cmoc', file,
        '--context', 'Multiple chronic conditions',
        '--context', 'Poor access to a family physician',
        '--mechanism', 'Accessible nurse case manager',
        '--response', 'Trust in the case manager',
        '--outcome', 'Fewer emergency visits',
        '--evidence', `${excerpts.reach}:supports`,
        '--evidence', `${excerpts.mixed}:refutes`,
        '--coder', 'Reviewer A',
        '--json',
      ),
    );
    expect(created.statement).toBe(
      'If multiple chronic conditions and poor access to a family physician, then fewer emergency visits, because accessible nurse case manager leads to trust in the case manager.',
    );
    expect(created.createdCodes).toEqual(['Multiple chronic conditions', 'Poor access to a family physician', 'Accessible nurse case manager', 'Trust in the case manager', 'Fewer emergency visits']);
    expect(created.layer).toBe('coder');
    expect(created.evidence).toEqual([
      { excerptId: excerpts.reach, role: 'supports' },
      { excerptId: excerpts.mixed, role: 'refutes' },
    ]);

    // A second CMOC reuses the code by name; without --json only the id is printed.
    const byHand = await run('cmoc', file, '--statement', 'If alone at night, then worry persists, because reachability has limits.', '--context', 'multiple chronic conditions', '--coder', 'Reviewer A');
    expect(byHand.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(count(file, 'SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL')).toBe(5);

    const out = path.join(dir, 'cmocs.json');
    expect(json(await run('export', file, '--what', 'cmocs', '--format', 'json', '--out', out, '--json'))).toMatchObject({ what: 'cmocs', format: 'json', path: out, rows: 2 });
    const list = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{
      id: string;
      statement: string;
      contexts: string[];
      mechanisms: string[];
      outcomes: string[];
      evidence: Array<{ excerptId: string; role: string; quote: string }>;
    }>;
    const mine = list.find((c) => c.id === created.id)!;
    expect(mine.contexts).toEqual(['Multiple chronic conditions', 'Poor access to a family physician']);
    expect(mine.mechanisms).toEqual(['Accessible nurse case manager', 'Trust in the case manager']);
    expect(mine.outcomes).toEqual(['Fewer emergency visits']);
    expect(mine.evidence.map((e) => [e.excerptId, e.role, e.quote])).toEqual([
      [excerpts.reach, 'supports', 'Patients valued a case manager they could reach easily.'],
      [excerpts.mixed, 'refutes', 'Emergency use fell in some programs only.'],
    ]);
    expect(list.find((c) => c.id === byHand.stdout.trim())!.statement).toBe('If alone at night, then worry persists, because reachability has limits.');
  });

  it('saves nothing when one piece of evidence is unknown: no CMOC, no link, no new code', async () => {
    const { file, excerpts } = await textProject(tempDir());
    const bad = await run('cmoc', file, '--context', 'New context', '--outcome', 'New outcome', '--evidence', `${excerpts.reach}:supports`, '--evidence', '00000000-0000-4000-8000-000000000000:supports', '--coder', 'Reviewer A');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'realist cmoc: No excerpt with id 00000000-0000-4000-8000-000000000000. Nothing was saved (the new codes "New context", "New outcome" made for it were deleted again). [NOT_FOUND]\n',
    );
    expect(count(file, 'SELECT count(*) AS n FROM cmocs')).toBe(0);
    expect(count(file, 'SELECT count(*) AS n FROM evidence_links')).toBe(0);
    expect(count(file, 'SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL')).toBe(0);
    const usage = await run('cmoc', file, '--evidence', `${excerpts.reach}:agrees`, '--context', 'X', '--coder', 'Reviewer A');
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe(`realist cmoc: --evidence ${excerpts.reach}:agrees: expected EXCERPT_ID:supports|refutes|refines`);
  });

  it('is one undo step: realist undo takes back the CMOC with all its evidence, and redo puts it back', async () => {
    const { file, excerpts } = await textProject(tempDir());
    await run('code', file, '--excerpt', excerpts.reach, '--code', 'Reachable case manager', '--kind', 'mechanism-resource', '--coder', 'Reviewer A');
    const cmoc = json<{ id: string }>(
      await run('cmoc', file, '--label', 'CMOC 1', '--mechanism', 'Reachable case manager', '--outcome', 'Fewer emergency visits', '--evidence', `${excerpts.reach}:supports`, '--evidence', `${excerpts.callBack}:supports`, '--evidence', `${excerpts.mixed}:refines`, '--coder', 'Reviewer B', '--json'),
    );
    expect(count(file, 'SELECT count(*) AS n FROM evidence_links WHERE cmoc_id = ?', cmoc.id)).toBe(3);

    const undone = await run('undo', file, '--coder', 'Reviewer A');
    expect(undone).toEqual({ code: 0, stdout: 'Undid: Create CMOC "CMOC 1"\n', stderr: '' });
    expect(count(file, 'SELECT count(*) AS n FROM evidence_links WHERE cmoc_id = ?', cmoc.id)).toBe(0);
    expect(count(file, 'SELECT count(*) AS n FROM cmocs WHERE id = ?', cmoc.id)).toBe(0);
    // The code the CMOC made ("Fewer emergency visits") was its own step, still there.
    expect(count(file, "SELECT count(*) AS n FROM codes WHERE name = 'Fewer emergency visits' AND deleted_at IS NULL")).toBe(1);

    const redone = json<{ applied: string; canUndo: boolean; canRedo: boolean }>(await run('redo', file, '--coder', 'Reviewer A', '--json'));
    expect(redone).toMatchObject({ applied: 'Create CMOC "CMOC 1"', canUndo: true, canRedo: false });
    expect(count(file, 'SELECT count(*) AS n FROM evidence_links WHERE cmoc_id = ?', cmoc.id)).toBe(3);
    expect(await run('redo', file, '--coder', 'Reviewer A')).toEqual({ code: 1, stdout: 'Nothing to redo.\n', stderr: '' });

    const log = json<{ total: number; actions: Array<{ label: string; coder: string; status: string }> }>(await run('log', file, '--limit', '3', '--json'));
    expect(log.actions).toHaveLength(3);
    expect(log.actions.map((a) => [a.label, a.coder, a.status])).toEqual([
      ['Create CMOC "CMOC 1"', 'Reviewer B', 'done'],
      ['Create code "Fewer emergency visits"', 'Reviewer B', 'done'],
      ['Add coder "Reviewer B"', 'Reviewer B', 'done'],
    ]);
    const text = await run('log', file, '--limit', '1');
    expect(text.stdout).toMatch(/^ +\d+  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  Reviewer B +Create CMOC "CMOC 1"\n1 change shown of \d+\n$/);
  });
});

describe('realist export', { timeout: SLOW }, () => {
  it('replaces an existing file only with --force, and refuses a format the export does not have', async () => {
    const { file, dir, excerpts } = await textProject(tempDir());
    await run('code', file, '--excerpt', excerpts.trust, '--code', 'Trust', '--kind', 'mechanism-response', '--coder', 'Reviewer A');
    const out = path.join(dir, 'codebook.csv');
    fs.writeFileSync(out, 'keep me');
    const refused = await run('export', file, '--what', 'codebook', '--format', 'csv', '--out', out);
    expect(refused).toEqual({ code: 1, stdout: '', stderr: `realist export: ${out} already exists; pass --force to replace it. [FILE_EXISTS]\n` });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const forced = json<{ rows: number }>(await run('export', file, '--what', 'codebook', '--format', 'csv', '--out', out, '--force', '--json'));
    expect(forced.rows).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/Trust/);

    const wrongPair = await run('export', file, '--what', 'codebook', '--format', 'docx', '--out', path.join(dir, 'x.docx'));
    expect(wrongPair).toEqual({ code: 1, stdout: '', stderr: 'realist export: The codebook export comes as csv, qdc, json, not docx. [VALIDATION]\n' });
    const project = await run('export', file, '--what', 'codebook', '--format', 'csv', '--out', file, '--force');
    expect(project.code).toBe(1);
    expect(project.stderr).toBe('realist export: coding.realist is a project file name; an export never writes over a project. Choose another name. [VALIDATION]\n');
    expect(json<{ codes: number }>(await run('info', file, '--json')).codes).toBe(1);
  });

  it('writes W3C annotations, and replaces a file only with --force', async () => {
    const { file, dir } = await textProject(tempDir());
    const out = path.join(dir, 'annotations.jsonld');
    expect(json(await run('export-annotations', file, '--out', out, '--json'))).toEqual({ path: out, total: 5 });
    const again = await run('export-annotations', file, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`realist export-annotations: ${out} already exists; pass --force to replace it. [FILE_EXISTS]\n`);
    expect(await run('export-annotations', file, '--out', out, '--force')).toEqual({ code: 0, stdout: `Wrote 5 annotations to ${out}\n`, stderr: '' });
  });
});
