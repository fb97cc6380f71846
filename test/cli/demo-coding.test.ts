import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodingService } from '../../electron/services/coding/coding-service';
import { ProjectStore } from '../../electron/services/store/project-store';
import { useTempDir } from '../helpers/temp';
import { run, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('realist demo: the coding work', { timeout: SLOW }, () => {
  it('holds at least six CMOCs with evidence, a CMO codebook and two coders who disagree', async () => {
    const file = path.join(tempDir(), 'demo.realist');
    const r = await run('demo', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const store = ProjectStore.open(file);
    try {
      const svc = new CodingService(store);
      const cmocs = svc.listCmocs();
      expect(cmocs.length).toBeGreaterThanOrEqual(6);
      for (const c of cmocs) expect(c.supporting + c.refuting + c.refining, c.label).toBeGreaterThan(0);
      for (const c of cmocs.filter((x) => x.status === 'complete')) expect(c.statement, c.label).toMatch(/^If .+, then .+, because .+\.$/);
      // One CMOC is explicitly a draft: it has no outcome yet.
      expect(cmocs.filter((c) => c.status === 'draft').map((c) => [c.label, c.missing])).toEqual([['Caseload (draft)', ['outcome']]]);
      expect(cmocs.find((c) => c.label === 'CMOC 1')).toMatchObject({ supporting: 3, refuting: 1, refining: 1, documents: 3 });

      const kinds = new Set(svc.listCodes().map((c) => c.kind));
      for (const k of ['context', 'mechanism-resource', 'mechanism-response', 'outcome']) expect(kinds.has(k), k).toBe(true);
      expect(svc.findCodeByName('Trust in the case manager')?.kind).toBe('mechanism-response');

      // Per excerpt, the set of codes each coder gave; at least one excerpt differs.
      const rows = store.db
        .prepare(
          `SELECT g.excerpt_id, k.name AS coder, group_concat(c.name, '|') AS codes FROM codings g
           JOIN coders k ON k.id = g.coder_id JOIN codes c ON c.id = g.code_id GROUP BY g.excerpt_id, k.name`,
        )
        .all() as Array<{ excerpt_id: string; coder: string; codes: string }>;
      const byExcerpt = new Map<string, Record<string, string>>();
      for (const r of rows) byExcerpt.set(r.excerpt_id, { ...byExcerpt.get(r.excerpt_id), [r.coder]: r.codes.split('|').sort().join('|') });
      const differing = [...byExcerpt.values()].filter((v) => v['Reviewer A'] !== v['Reviewer B']);
      expect(differing.length).toBeGreaterThanOrEqual(3);
      expect([...byExcerpt.values()].some((v) => v['Reviewer A'] !== undefined && v['Reviewer B'] === undefined)).toBe(true);

      expect(svc.listAppraisals().length).toBeGreaterThanOrEqual(3);
      expect(svc.listMemos().length).toBeGreaterThanOrEqual(3);
      // Every passage is the text at its offsets (each demo document is one page).
      const checked = store.db
        .prepare(
          `SELECT count(*) AS n, sum(substr(p.text, e.start + 1, e.end - e.start) <> e.quote) AS bad FROM excerpts e
           JOIN documents d ON d.id = e.document_id JOIN pages p ON p.document_id = d.id
           WHERE d.page_count = 1 AND e.deleted_at IS NULL`,
        )
        .get() as { n: number; bad: number };
      expect(checked.n).toBe(store.counts().excerpts);
      expect(checked.n).toBeGreaterThanOrEqual(19);
      expect(checked.bad).toBe(0);
    } finally {
      store.close();
    }
  });
});
