/**
 * `realist export --what qdpx` and `realist import` of a .qdpx (detected by content, whatever
 * its name) through the real command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';
import { json, run, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('REFI-QDA on the command line', () => {
  it(
    'exports the demo as .qdpx and imports it (named .zip) into an empty project with the same counts',
    async () => {
      const dir = tempDir();
      const demo = path.join(dir, 'demo.realist');
      expect((await run('demo', demo, '--json')).code).toBe(0);
      const out = path.join(dir, 'demo.qdpx');
      const exported = await run('export', demo, '--what', 'qdpx', '--out', out, '--json');
      expect(exported.code).toBe(0);
      const e = json<{ what: string; counts: { sources: number; selections: number; codings: number } }>(exported);
      expect(e.what).toBe('qdpx');
      expect(fs.existsSync(out)).toBe(true);
      const renamed = path.join(dir, 'shared-with-me.zip');
      fs.copyFileSync(out, renamed);
      const empty = path.join(dir, 'copy.realist');
      expect((await run('init', empty, '--json')).code).toBe(0);
      const imported = await run('import', empty, renamed, '--coder', 'Importer', '--json');
      expect(imported.code).toBe(0);
      const r = json<{ documents: { created: number }; excerpts: number; codings: number }>(imported);
      expect(r.documents.created).toBe(e.counts.sources);
      expect(r.excerpts).toBe(e.counts.selections);
      expect(r.codings).toBe(e.counts.codings);
      const info = json<{ documents: number; excerpts: number }>(await run('info', empty, '--json'));
      expect(info).toMatchObject({ documents: e.counts.sources, excerpts: e.counts.selections });
      // --format makes no sense with qdpx: a usage error, nothing written.
      const wrong = await run('export', demo, '--what', 'qdpx', '--format', 'csv', '--out', path.join(dir, 'x.qdpx'));
      expect(wrong.code).toBe(2);
    },
    SLOW,
  );
});
