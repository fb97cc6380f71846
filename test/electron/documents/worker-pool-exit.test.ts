/**
 * A warmed-up PDF worker pool never keeps a process alive: `realist attach` starts the workers
 * ahead of the first PDF, and the command must end when its work is done. (Adding a worker's
 * 'message' listener after `unref()` refs it again; the pool must unref after its listeners.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures';

describe('the PDF worker pool and process exit', () => {
  it('lets a process that only warmed the pool up exit by itself, with its workers started', () => {
    const pool = path.join(REPO_ROOT, 'electron', 'services', 'documents', 'worker-pool.ts');
    const script = `const { sharedPdfPool } = require(${JSON.stringify(pool)}); const p = sharedPdfPool(); p.warmUp(); console.log(p.size > 0 && p.slots.length === p.size);`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    // Killed by the timeout, status is null: the process hung on its idle workers.
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('true');
  }, 90_000);
});
