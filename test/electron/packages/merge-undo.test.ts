/**
 * A merge is one undo step: the replayed actions of a package (each with its own coder and
 * clock in the log) are undone together by one history:undo and brought back by one redo; a
 * merge undone and then superseded by new work merges again.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../electron/services/api-service';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();

function service(dir: string, file: string, machine: string): ApiService {
  const api = createApiService({ transport: 'web', configDir: path.join(dir, `config-${machine}`), projectsDir: dir, appVersion: 'test' });
  api.openProject(file);
  return api;
}

/** The lead's project, and B's package in which B highlighted and coded one passage. */
async function mergedSetup() {
  const dir = tempDir();
  const project = createCodingProject(dir, 'main.realist');
  const main = project.store.path;
  project.store.close();
  const lead = service(dir, main, 'lead');
  await lead.call('session:setCoder', { name: 'Lead', create: true });
  const trust = await lead.call('codes:create', { name: 'Trust', kind: 'mechanism-response' });
  const b = await lead.call('coders:create', { name: 'Reviewer B' });
  const pkg = path.join(dir, 'for-b.realist');
  await lead.call('packages:export', { coderId: b.id, path: pkg, blind: true });
  const onB = service(dir, pkg, 'b');
  const h = await onB.call('excerpts:highlightQuote', { documentId: project.docs.interview!, quote: 'She calls me back the same day' });
  await onB.call('codings:add', { excerptId: h.excerptId, codeId: trust.id });
  onB.close();
  return { dir, lead, pkg, b, excerptId: h.excerptId, documentId: project.docs.interview! };
}

const excerptCount = async (s: { lead: ApiService; documentId: string; b: { id: string } }) =>
  (await s.lead.call('excerpts:list', { documentId: s.documentId })).filter((e) => e.coderId === s.b.id).length;

describe('undoing a merge', () => {
  it('takes the whole merge back with one undo, and brings it back with one redo', async () => {
    const s = await mergedSetup();
    try {
      const report = await s.lead.call('packages:merge', { path: s.pkg });
      expect(report).toMatchObject({ added: 2, alreadyMerged: 0, coders: ['Reviewer B'] });
      expect(await excerptCount(s)).toBe(1);
      expect((await s.lead.call('history:state', {})).undoLabel).toBe('Merge the package of Reviewer B');

      const undone = await s.lead.call('history:undo', {});
      expect(undone.applied).toBe('Merge the package of Reviewer B');
      expect(await excerptCount(s)).toBe(0);
      // The lead's own action before the merge is next, untouched.
      expect(undone.undoLabel).not.toBe('Merge the package of Reviewer B');

      expect((await s.lead.call('history:redo', {})).applied).toBe('Merge the package of Reviewer B');
      expect(await excerptCount(s)).toBe(1);
      expect((await s.lead.call('history:state', {})).canRedo).toBe(false);
    } finally {
      s.lead.close();
    }
  });

  it('merges the package again after its merge was undone and new work discarded the redo', async () => {
    const s = await mergedSetup();
    try {
      await s.lead.call('packages:merge', { path: s.pkg });
      await s.lead.call('history:undo', {});
      await s.lead.call('codes:create', { name: 'Access', kind: 'mechanism-resource' });
      expect((await s.lead.call('history:state', {})).canRedo).toBe(false);
      expect(await s.lead.call('packages:merge', { path: s.pkg })).toMatchObject({ added: 2, alreadyMerged: 0 });
      expect(await excerptCount(s)).toBe(1);
      // And a second merge now is a no-op.
      expect(await s.lead.call('packages:merge', { path: s.pkg })).toMatchObject({ added: 0, alreadyMerged: 2 });
    } finally {
      s.lead.close();
    }
  });
});
