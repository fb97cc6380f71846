import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project-store';
import { useTempDir } from '../helpers/temp';
import { json, run, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('realist agreement, package and merge', { timeout: SLOW }, () => {
  it('computes Cohen’s kappa from a ratings file: 50 items, po 0.70, pe 0.50, kappa 0.40', async () => {
    // Two raters, 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no (the textbook example).
    const rows = [
      ...Array.from({ length: 20 }, () => ['yes', 'yes']),
      ...Array.from({ length: 5 }, () => ['yes', 'no']),
      ...Array.from({ length: 10 }, () => ['no', 'yes']),
      ...Array.from({ length: 15 }, () => ['no', 'no']),
    ];
    const file = path.join(tempDir(), 'ratings.json');
    fs.writeFileSync(file, JSON.stringify({ kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings: rows }));
    const r = await run('agreement', '--input', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ statistics: Record<string, number | null> }>(r);
    expect(out.statistics.percent_agreement).toBeCloseTo(0.7, 6);
    expect(out.statistics.cohen_kappa).toBeCloseTo(0.4, 6);
  });

  it('refuses an input that is not JSON, naming the file', async () => {
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(file, '{not json');
    const r = await run('agreement', '--input', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad.json is not valid JSON');
  });

  it('writes Reviewer B’s package from the demo and merges it back: the second merge adds nothing', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'demo.realist');
    expect((await run('demo', project)).code).toBe(0);
    const pkg = path.join(dir, 'b.realist');
    const p = await run('package', project, '--coder', 'reviewer b', '--out', pkg, '--json');
    expect(p.code, p.stderr).toBe(0);
    expect(json<{ coder: string; path: string }>(p)).toMatchObject({ coder: 'Reviewer B', path: pkg });
    expect(fs.statSync(pkg).size).toBeGreaterThan(10_000);

    // B highlights one more passage in the package, then the lead merges it.
    const store = ProjectStore.open(pkg);
    const page = store.db.prepare(`SELECT document_id AS id, text FROM pages WHERE length(text) > 400 ORDER BY document_id, page_index LIMIT 1`).get() as { id: string; text: string };
    store.close();
    const quote = page.text.slice(300, 360).trim();
    const h = await run('highlight', pkg, '--document', page.id, '--quote', quote, '--coder', 'Reviewer B', '--json');
    expect(h.code, h.stderr).toBe(0);
    const first = json<{ added: number; coders: string[] }>(await run('merge', project, pkg, '--coder', 'Reviewer A', '--json'));
    expect(first.added).toBe(1);
    expect(first.coders).toEqual(['Reviewer B']);
    const merged = ProjectStore.open(project);
    const n = (merged.db.prepare(`SELECT count(*) AS n FROM excerpts WHERE quote = ?`).get(quote) as { n: number }).n;
    merged.close();
    expect(n).toBe(1);
    const again = json<{ added: number; openConflicts: number }>(await run('merge', project, pkg, '--coder', 'Reviewer A', '--json'));
    expect(again.added).toBe(0);
    expect(again.openConflicts).toBe(0);

    const unknown = await run('package', project, '--coder', 'Nobody', '--out', path.join(dir, 'n.realist'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No coder called "Nobody"');
  });
});
