/**
 * The `realist` launcher (electron/cli/realist.cjs) runs the compiled build only when it was made
 * from the sources as they are now, and the sources through tsx otherwise. Checked on a small
 * copy of the layout whose build and sources each say which one ran.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';
import { REPO_ROOT, SLOW } from './cli-helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stamp = require('../../electron/cli/build-stamp.cjs') as {
  STAMP: string;
  snapshot(root: string): { version: number; files: Record<string, [number, number]> };
  isBuildFresh(root: string): boolean;
};

const tempDir = useTempDir();

/** A checkout in miniature: the launcher, one source, a "build", and the real node_modules (for tsx). */
function miniature(): string {
  const root = tempDir();
  const cli = path.join(root, 'electron', 'cli');
  fs.mkdirSync(cli, { recursive: true });
  for (const f of ['realist.cjs', 'build-stamp.cjs']) fs.copyFileSync(path.join(REPO_ROOT, 'electron', 'cli', f), path.join(cli, f));
  fs.writeFileSync(path.join(root, 'package.json'), '{"name": "miniature", "private": true}\n');
  fs.writeFileSync(path.join(cli, 'main.ts'), "export async function main(argv: string[]): Promise<number> {\n  process.stdout.write(`sources ${argv.join(' ')}\\n`);\n  return 3;\n}\n");
  fs.mkdirSync(path.join(root, 'shared'));
  fs.writeFileSync(path.join(root, 'shared', 'words.ts'), "export const WORD = 'one';\n");
  const built = path.join(root, 'dist-electron', 'electron', 'cli');
  fs.mkdirSync(built, { recursive: true });
  fs.writeFileSync(path.join(built, 'main.js'), "exports.main = async (argv) => { process.stdout.write(`build ${argv.join(' ')}\\n`); return 4; };\n");
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

function writeStamp(root: string): void {
  fs.writeFileSync(path.join(root, stamp.STAMP), JSON.stringify(stamp.snapshot(root)));
}

function launch(root: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'electron', 'cli', 'realist.cjs'), 'info', 'x'], { encoding: 'utf8', env: { ...process.env, REALIST_FROM_SOURCE: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the realist launcher', { timeout: SLOW }, () => {
  it('runs the sources when there is no build stamp, and the build once it is stamped', () => {
    const root = miniature();
    expect(stamp.isBuildFresh(root)).toBe(false);
    expect(launch(root)).toMatchObject({ code: 3, stdout: 'sources info x\n' });
    writeStamp(root);
    expect(stamp.isBuildFresh(root)).toBe(true);
    expect(launch(root)).toEqual({ code: 4, stdout: 'build info x\n', stderr: '' });
    expect(launch(root, { REALIST_FROM_SOURCE: '1' })).toMatchObject({ code: 3, stdout: 'sources info x\n' });
  });

  it('never runs a build older than the sources: an edit, a replaced file or a deleted one sends it to the sources', () => {
    const root = miniature();
    const source = path.join(root, 'shared', 'words.ts');
    writeStamp(root);

    fs.writeFileSync(source, "export const WORD = 'two';\n"); // edited (time and size change)
    expect(stamp.isBuildFresh(root)).toBe(false);
    expect(launch(root).stdout).toBe('sources info x\n');

    writeStamp(root);
    expect(launch(root).stdout).toBe('build info x\n');
    // Same size, an older time (a file copied back with its old date): still not the built one.
    const before = fs.statSync(source);
    fs.writeFileSync(source, "export const WORD = 'six';\n");
    fs.utimesSync(source, new Date(before.mtimeMs - 60_000), new Date(before.mtimeMs - 60_000));
    expect(fs.statSync(source).size).toBe(before.size);
    expect(stamp.isBuildFresh(root)).toBe(false);

    writeStamp(root);
    fs.rmSync(source);
    expect(stamp.isBuildFresh(root)).toBe(false);
    expect(launch(root).stdout).toBe('sources info x\n');
  });

  it('stamps every TypeScript source under electron/ and shared/ of this checkout', () => {
    const files = Object.keys(stamp.snapshot(REPO_ROOT).files);
    for (const f of ['electron/cli/main.ts', 'electron/services/api-service.ts', 'shared/api/contract.ts', 'electron/tsconfig.build.json']) expect(files).toContain(f);
    expect(files.every((f) => f.startsWith('electron/') || f.startsWith('shared/') || f === 'tsconfig.base.json')).toBe(true);
  });
});
