import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/services/store/migrations';
import { useTempDir } from '../helpers/temp';
import { realist as runRealist, SLOW } from './cli-helpers';

const tempDir = useTempDir();

/** Runs the real `realist` command, as a user would after `npm install`. */
const realist = (...args: string[]) => runRealist(args, { env: { REALIST_CONFIG_DIR: tempDir() } });

describe('realist init and info', { timeout: SLOW }, () => {
  it('creates a project and prints its schema version and zero counts as JSON', () => {
    const file = path.join(tempDir(), 'x.realist');
    const init = realist('init', file, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ path: file, schemaVersion: LATEST_SCHEMA_VERSION, name: 'x', isDemo: false });
    const info = realist('info', file, '--json');
    expect(info.code).toBe(0);
    expect(info.stderr).toBe('');
    expect(JSON.parse(info.stdout)).toMatchObject({
      schemaVersion: LATEST_SCHEMA_VERSION,
      records: 0,
      documents: 0,
      excerpts: 0,
      codes: 0,
      cmocs: 0,
      coders: 0,
      theoryVersions: 0,
      name: 'x',
      path: file,
      isDemo: false,
    });
  });

  it('fails clearly, with nothing on stdout, for a missing or foreign file', () => {
    const dir = tempDir();
    const missing = realist('info', path.join(dir, 'nope.realist'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`realist info: No project file at ${path.join(dir, 'nope.realist')}. Create one first with "realist init ${path.join(dir, 'nope.realist')}". [NOT_FOUND]\n`);
    const foreign = path.join(dir, 'notes.txt');
    fs.writeFileSync(foreign, 'hello');
    const wrong = realist('info', foreign, '--json');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[NOT_A_PROJECT]');
    // init adds .realist to a name without it; a project file that exists is never replaced.
    const first = realist('init', path.join(dir, 'review'), '--json');
    expect(JSON.parse(first.stdout)).toMatchObject({ path: path.join(dir, 'review.realist'), name: 'review' });
    const again = realist('init', path.join(dir, 'review.realist'));
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`realist init: A file already exists at ${path.join(dir, 'review.realist')}; choose another name. [FILE_EXISTS]\n`);
  });

  it('writes the demo project', () => {
    const file = path.join(tempDir(), 'demo.realist');
    const r = realist('demo', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { records: number; coders: number; path: string };
    expect(out.records).toBeGreaterThanOrEqual(6);
    expect(out.coders).toBeGreaterThanOrEqual(2);
    expect(out.path).toBe(file);
  });

  it('explains its usage', () => {
    const help = realist('--help');
    expect(help.code).toBe(0);
    for (const c of ['init', 'info', 'serve', 'demo', 'undo', 'redo', 'log']) expect(help.stdout).toContain(`realist ${c} `);
    const unknown = realist('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('realist: unknown command "frobnicate". Run "realist --help" for the list.\n');
    const usage = realist('info');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: realist info FILE.realist');
    const badFlag = realist('info', 'x.realist', '--jsno');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe('realist info: unknown option --jsno; did you mean --json?\nUsage: realist info FILE.realist [--json]\n');
    const version = realist('--version');
    expect(version.stdout).toBe(`${(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});
