import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const BIN = path.resolve(__dirname, '../../electron/cli/realist.cjs');

/** Runs the real `realist` command, as a user would after `npm install`. */
function realist(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, REALIST_CONFIG_DIR: tempDir() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('realist init and info', () => {
  it('creates a project and prints its schema version and zero counts as JSON', () => {
    const file = path.join(tempDir(), 'x.realist');
    const init = realist('init', file, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ path: file, schemaVersion: 2, name: 'x', isDemo: false });
    const info = realist('info', file, '--json');
    expect(info.code).toBe(0);
    expect(info.stderr).toBe('');
    expect(JSON.parse(info.stdout)).toMatchObject({
      schemaVersion: 2,
      records: 0,
      documents: 0,
      excerpts: 0,
      codes: 0,
      cmocs: 0,
      coders: 0,
      theoryVersions: 0,
    });
  });

  it('fails clearly, with nothing on stdout, for a missing or foreign file', () => {
    const dir = tempDir();
    const missing = realist('info', path.join(dir, 'nope.realist'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('No project file at');
    const foreign = path.join(dir, 'notes.txt');
    fs.writeFileSync(foreign, 'hello');
    const wrong = realist('info', foreign, '--json');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[NOT_A_PROJECT]');
    const again = realist('init', path.join(dir, 'notes.txt'));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[FILE_EXISTS]');
  });

  it('writes the demo project', () => {
    const file = path.join(tempDir(), 'demo.realist');
    const r = realist('demo', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { records: number; coders: number };
    expect(out.records).toBeGreaterThanOrEqual(6);
    expect(out.coders).toBeGreaterThanOrEqual(2);
  });

  it('explains its usage', () => {
    const help = realist('--help');
    expect(help.code).toBe(0);
    for (const c of ['init', 'info', 'serve', 'demo']) expect(help.stdout).toContain(`realist ${c} `);
    const unknown = realist('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const usage = realist('info');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: realist info FILE.realist');
    const badFlag = realist('info', 'x.realist', '--colour');
    expect(badFlag.code).toBe(2);
  });
});
