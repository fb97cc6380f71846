/**
 * Blind coding: with the project setting on, each coder sees only the layer they write to
 * (highlights, codings, CMOCs, memos, appraisals, counts, search, exports); off, everyone sees
 * every layer. The setting itself is an action of the change log.
 */
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../../electron/services/api-service';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();

describe('blind coding', () => {
  it('shows each coder only their own layer while it is on', async () => {
    const dir = tempDir();
    const { store, docs } = createCodingProject(dir);
    const file = store.path;
    store.close();
    const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
    api.openProject(file);
    try {
      const as = (name: string) => api.call('session:setCoder', { name, create: true });
      await as('Reviewer A');
      const trust = await api.call('codes:create', { name: 'Trust', kind: 'mechanism-response' });
      const a1 = await api.call('excerpts:highlightQuote', { documentId: docs.interview!, quote: 'She calls me back the same day' });
      await api.call('codings:add', { excerptId: a1.excerptId, codeId: trust.id });
      await api.call('cmocs:create', { label: 'A1', codes: [{ codeId: trust.id, role: 'mechanism-response' }], evidence: [{ excerptId: a1.excerptId, role: 'supports' }] });
      await api.call('memos:create', { targetType: 'project', body: 'A thinks trust is central.' });
      await as('Reviewer B');
      const b1 = await api.call('excerpts:highlightQuote', { documentId: docs.interview!, quote: 'I still worry at night.' });
      await api.call('codings:add', { excerptId: b1.excerptId, codeId: trust.id });
      await api.call('memos:create', { targetType: 'project', body: 'B is unsure about trust.' });

      // Off: B sees A's work too (plus the five passages the test project starts with, by Tester).
      const quotes = async () => (await api.call('excerpts:list', { documentId: docs.interview! })).map((e) => [e.coderName, e.quote]);
      expect((await quotes()).filter(([c]) => c !== 'Tester')).toEqual([
        ['Reviewer A', 'She calls me back the same day'],
        ['Reviewer B', 'I still worry at night.'],
      ]);

      expect(await api.call('settings:setBlind', { blind: true })).toMatchObject({ blind: true, coder: { name: 'Reviewer B' } });
      expect(await quotes()).toEqual([['Reviewer B', 'I still worry at night.']]);
      expect((await api.call('codes:list', {})).codes.find((c) => c.id === trust.id)).toMatchObject({ codings: 1, excerpts: 1 });
      expect(await api.call('cmocs:list', {})).toEqual([]);
      expect((await api.call('memos:list', {})).map((m) => m.body)).toEqual(['B is unsure about trust.']);
      expect((await api.call('search:all', { query: 'same day' })).excerpt).toEqual([]);
      expect((await api.call('project:info', {})).excerpts).toBe(1);
      const out = path.join(dir, 'b-excerpts.json');
      await api.call('coding:export', { what: 'excerpts', format: 'json', path: out });
      expect((JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ quote: string }>).map((r) => r.quote)).toEqual(['I still worry at night.']);

      await as('Reviewer A');
      expect(await quotes()).toEqual([['Reviewer A', 'She calls me back the same day']]);
      expect((await api.call('cmocs:list', {})).map((c) => c.label)).toEqual(['A1']);

      // Who turned it on is in the log, and undo turns it off again.
      const [last] = (await api.call('history:list', { limit: 1 })).actions;
      expect(last).toMatchObject({ label: 'Turn blind coding on', coder: 'Reviewer B' });
      await api.call('history:undo', {});
      expect((await api.call('session:get', {})).blind).toBe(false);
      expect((await quotes()).length).toBe(4); // A's, B's and the two passages Tester made
    } finally {
      api.close();
    }
  });
});
