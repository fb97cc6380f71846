import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../../electron/services/api-service';
import { createCodingProject } from '../../helpers/coding-project';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { apiAsCoder } from '../../helpers/coder';

const tempDir = useTempDir();

async function service() {
  const dir = tempDir();
  const p = createCodingProject(dir);
  const file = p.store.path;
  p.store.close();
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test' });
  api.openProject(file);
  await apiAsCoder(api, 'Reviewer B');
  return { api, dir, excerpts: p.excerpts };
}

describe('coding calls through the API dispatcher', () => {
  it('codes a passage, undoes it through history:undo, and refuses bad arguments as VALIDATION', async () => {
    const { api, excerpts } = await service();
    try {
      const code = await api.call('codes:create', { name: 'Feeling secure', kind: 'mechanism-response' });
      await api.call('codings:add', { excerptId: excerpts.worry!, codeId: code.id });
      expect((await api.call('codes:list', {})).codes.find((c) => c.id === code.id)).toMatchObject({ codings: 1, excerpts: 1, documents: 1 });
      expect(await api.call('history:undo', {})).toMatchObject({ applied: 'Code passage with "Feeling secure"', canRedo: true });
      expect((await api.call('codes:list', {})).codes.find((c) => c.id === code.id)!.codings).toBe(0);
      const bad = await api.dispatch('codings:add', { excerptId: 'not-a-uuid', codeId: code.id });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const unknownKind = await api.dispatch('codes:create', { name: 'X', kind: 'no-such-kind' });
      expect(unknownKind).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'No code kind "no-such-kind" in this project.' } });
    } finally {
      api.close();
    }
  });

  it('edits the set of kinds: adds one, and refuses to remove a kind in use', async () => {
    const { api } = await service();
    try {
      const kinds = await api.call('codeKinds:list', {});
      const withActor = await api.call('codeKinds:update', { kinds: [...kinds, { id: 'intervention-component', label: 'Intervention component', color: '#0b7285', sort: 9 }] });
      expect(withActor.map((k) => k.id)).toContain('intervention-component');
      await api.call('codes:create', { name: 'Home visits', kind: 'intervention-component' });
      const refused = await api.dispatch('codeKinds:update', { kinds });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(refused)).toContain('is used by 1 code(s)');
    } finally {
      api.close();
    }
  });

  it('exports the codebook as .qdc and imports it again without doubling codes', async () => {
    const { api, dir } = await service();
    try {
      const parent = await api.call('codes:create', { name: 'Accessible nurse case manager', kind: 'mechanism-resource' });
      await api.call('codes:create', { name: 'Direct phone line', kind: 'mechanism-resource', parentId: parent.id, color: '#1864ab' });
      const out = path.join(dir, 'book.qdc');
      expect(await api.call('coding:export', { what: 'codebook', format: 'qdc', path: out })).toMatchObject({ rows: 2 });
      expect(fs.readFileSync(out, 'utf8')).toContain('name="Direct phone line" isCodable="true" color="#1864ab"');
      expect(await api.call('codes:import', { path: out })).toEqual({ created: 0, reused: 2, warnings: [] });
    } finally {
      api.close();
    }
  });

  it.skipIf(!HAVE_FIXTURES)('imports the codes of the hand-authored REFI-QDA project as a tree', async () => {
    const { api } = await service();
    try {
      expect(await api.call('codes:import', { path: fixture('qda/qdpx-toolkit_hand_authored/project.qde') })).toEqual({ created: 4, reused: 0, warnings: [] });
      const { codes } = await api.call('codes:list', {});
      const byName = new Map(codes.map((c) => [c.name, c]));
      expect(byName.get('Diet')!.parentId).toBe(byName.get('Health')!.id);
      expect(byName.get('Health')!.parentId).toBe(byName.get('Topics')!.id);
      expect(byName.get('Wellbeing')).toMatchObject({ kind: 'other', color: '#0000ff' });
      // One undo removes the whole import.
      await api.call('history:undo', {});
      expect((await api.call('codes:list', {})).codes).toEqual([]);
    } finally {
      api.close();
    }
  });
});
