/**
 * Records and full texts together (issue 13): the library counts each record's documents and
 * filters by them, a record's detail lists its documents, the screening decision can be
 * corrected as one action of the change log, a document can be removed and undo brings it
 * back, and the documents list cites the linked record.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { createCodingProject } from './../helpers/coding-project';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

async function setup() {
  const dir = tempDir();
  const { store, docs } = createCodingProject(dir, 'full-texts.realist');
  const file = store.path;
  store.close();
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
  api.openProject(file);
  await api.call('session:setCoder', { name: 'Reviewer A', create: true });
  return { api, docs };
}

describe('records and their full texts', () => {
  it('counts and lists the documents of a record, and filters the library by them', async () => {
    const { api } = await setup();
    try {
      const { items } = await api.call('records:list', {});
      expect(items.map((r) => [r.title, r.documents])).toEqual([['Case management for frequent users: a realist synthesis', 1]]);
      expect((await api.call('records:list', { fullText: 'without' })).total).toBe(0);
      const detail = await api.call('records:get', { id: items[0]!.id });
      expect(detail.documents.map((d) => [d.title, d.kind, d.fileName])).toEqual([['Realist synthesis of case management', 'text', 'synthesis.txt']]);
    } finally {
      api.close();
    }
  });

  it('corrects a screening decision as one action that undo reverts', async () => {
    const { api } = await setup();
    try {
      const id = (await api.call('records:list', {})).items[0]!.id;
      const after = await api.call('records:setScreening', { id, decision: 'excluded', reason: 'wrong population' });
      expect(after.screening).toEqual({ decision: 'excluded', reason: 'wrong population' });
      const [act] = (await api.call('history:list', { limit: 1 })).actions;
      expect(act).toMatchObject({ label: 'Screening: not screened → excluded', coder: 'Reviewer A', entityType: 'record', object: 'Case management for frequent users: a realist synthesis' });
      await api.call('history:undo', {});
      expect((await api.call('records:get', { id })).screening).toEqual({ decision: null, reason: null });
    } finally {
      api.close();
    }
  });

  it('removes a document (soft delete, one action) and brings it back with undo; the list cites the record', async () => {
    const { api, docs } = await setup();
    try {
      const list = await api.call('documents:list', {});
      expect(list.find((d) => d.id === docs.synthesis)!.record).toEqual({ title: 'Case management for frequent users: a realist synthesis', firstAuthor: 'Hudon', year: 2020 });
      expect(list.find((d) => d.id === docs.interview)!.record).toBeNull();
      await api.call('documents:remove', { id: docs.interview! });
      expect((await api.call('documents:list', {})).map((d) => d.title)).toEqual(['Realist synthesis of case management']);
      expect((await api.call('history:list', { limit: 1 })).actions[0]!.label).toBe('Remove document "Interview P03"');
      await api.call('history:undo', {});
      expect((await api.call('documents:list', {})).map((d) => d.title).sort()).toEqual(['Interview P03', 'Realist synthesis of case management']);
    } finally {
      api.close();
    }
  });
});
