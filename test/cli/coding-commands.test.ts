import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { ProjectStore } from '../../electron/services/store/project-store';
import { createCodingProject } from '../helpers/coding-project';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function project(): { file: string; excerpts: Record<string, string>; dir: string } {
  const dir = tempDir();
  const p = createCodingProject(dir);
  const file = p.store.path;
  p.store.close();
  return { file, excerpts: p.excerpts, dir };
}

describe('realist code', () => {
  it('codes an excerpt, creating the code once, and prints one JSON document', async () => {
    const { file, excerpts } = project();
    const first = await run(['code', file, '--excerpt', excerpts.trust!, '--code', 'Trust in the case manager', '--kind', 'mechanism-response', '--coder', 'Reviewer A', '--json']);
    expect(first.code).toBe(0);
    const a = JSON.parse(first.out) as { codeId: string; code: string; kind: string; createdCode: boolean; coder: string };
    expect(a).toMatchObject({ code: 'Trust in the case manager', kind: 'mechanism-response', createdCode: true, coder: 'Reviewer A' });
    const second = JSON.parse((await run(['code', file, '--excerpt', excerpts.callBack!, '--code', 'trust in the case manager', '--coder', 'Reviewer B', '--json'])).out) as typeof a;
    expect(second).toMatchObject({ codeId: a.codeId, createdCode: false });
    const store = ProjectStore.open(file);
    try {
      expect(store.db.prepare('SELECT count(*) AS n FROM codings WHERE code_id = ?').get(a.codeId)).toEqual({ n: 2 });
    } finally {
      store.close();
    }
  });

  it('exits 1 with a message for an unknown excerpt, 2 for a missing option', async () => {
    const { file } = project();
    const bad = await run(['code', file, '--excerpt', '00000000-0000-4000-8000-000000000000', '--code', 'X', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('No excerpt with id 00000000-0000-4000-8000-000000000000');
    expect((await run(['code', file, '--code', 'X'])).code).toBe(2);
  });
});

describe('realist cmoc and realist export --format json', () => {
  it('creates a CMOC from code names with evidence, and exports it with its quotes', async () => {
    const { file, excerpts, dir } = project();
    const created = await run([
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
    ]);
    expect(created.code).toBe(0);
    const cmoc = JSON.parse(created.out) as { id: string; statement: string; createdCodes: string[] };
    expect(cmoc.statement).toBe(
      'If multiple chronic conditions and poor access to a family physician, then fewer emergency visits, because accessible nurse case manager leads to trust in the case manager.',
    );
    expect(cmoc.createdCodes).toHaveLength(5);

    const byHand = await run(['cmoc', file, '--statement', 'If alone at night, then worry persists, because reachability has limits.', '--context', 'Multiple chronic conditions']);
    expect(byHand.out.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const out = path.join(dir, 'cmocs.json');
    const exported = await run(['export', file, '--what', 'cmocs', '--format', 'json', '--out', out, '--json']);
    expect(JSON.parse(exported.out)).toMatchObject({ what: 'cmocs', format: 'json', rows: 2 });
    const list = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{
      id: string;
      statement: string;
      contexts: string[];
      mechanisms: string[];
      outcomes: string[];
      evidence: Array<{ excerptId: string; role: string; quote: string; documentId: string }>;
    }>;
    const mine = list.find((c) => c.id === cmoc.id)!;
    expect(mine.contexts).toEqual(['Multiple chronic conditions', 'Poor access to a family physician']);
    expect(mine.mechanisms).toEqual(['Accessible nurse case manager', 'Trust in the case manager']);
    expect(mine.outcomes).toEqual(['Fewer emergency visits']);
    expect(mine.evidence.map((e) => [e.excerptId, e.role, e.quote])).toEqual([
      [excerpts.reach, 'supports', 'Patients valued a case manager they could reach easily.'],
      [excerpts.mixed, 'refutes', 'Emergency use fell in some programs only.'],
    ]);
    expect(list.find((c) => c.id === byHand.out.trim())!.statement).toBe('If alone at night, then worry persists, because reachability has limits.');
  });

  it('refuses a format the export does not have, and saves nothing when evidence is unknown', async () => {
    const { file, dir } = project();
    expect((await run(['export', file, '--what', 'codebook', '--format', 'docx', '--out', path.join(dir, 'x.docx')])).code).toBe(2);
    const bad = await run(['cmoc', file, '--context', 'New context', '--evidence', '00000000-0000-4000-8000-000000000000:supports']);
    expect(bad.code).toBe(1);
    const store = ProjectStore.open(file);
    try {
      expect(store.counts()).toMatchObject({ cmocs: 0, codes: 0 });
    } finally {
      store.close();
    }
  });
});
