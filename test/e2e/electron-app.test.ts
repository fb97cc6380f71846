/**
 * The desktop app itself, driven by Playwright's `_electron`, where an Electron binary exists.
 * On machines where it cannot be downloaded, this is skipped with the reason, and the browser
 * tests (same UI, same services, through the web bridge) stand in for it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers';
import { noteSkip } from '../helpers/skip-notes';

function electronBinary(): string | null {
  if (process.env.CI && !process.env.REALIST_TRY_ELECTRON) return null; // never spend CI time on a download that cannot succeed
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  const p = probe.stdout?.trim();
  return probe.status === 0 && p && fs.existsSync(p) ? p : null;
}

const binary = electronBinary();
const nativeBuilt = fs.existsSync(path.join(REPO_ROOT, 'build/native/electron/better_sqlite3.node'));
const skipReason = !binary
  ? 'no Electron binary on this machine (it cannot be downloaded here); the browser tests cover the same UI'
  : !nativeBuilt
    ? 'better-sqlite3 is not built for Electron (run `npm run rebuild:electron`)'
    : '';
if (skipReason) {
  console.warn(`[e2e] skipping the Electron app test: ${skipReason}`);
  noteSkip('electron', skipReason.split(';')[0]!);
}

describe.skipIf(Boolean(skipReason))('the desktop app (Electron)', () => {
  it('opens the start screen with the secure bridge and creates a project', async () => {
    const { _electron } = await import('playwright-core');
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-electron-'));
    const app = await _electron.launch({ executablePath: binary!, args: [REPO_ROOT, `--user-data-dir=${userData}`], cwd: REPO_ROOT });
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading', { name: 'Realist Workbench' }).waitFor();
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { realist: object }).realist).sort())).toEqual(['invoke', 'on', 'transport']);
      const file = path.join(userData, 'e2e.realist');
      const created = await win.evaluate((p) => (window as unknown as { realist: { invoke: (c: string, r: unknown) => Promise<unknown> } }).realist.invoke('project:create', { path: p }), file);
      expect(created).toMatchObject({ ok: true });
      await win.getByRole('heading', { name: 'No records yet' }).waitFor();
      // The page is served from app://, and a file path it names is refused.
      expect(win.url()).toBe('app://realist/index.html');
      const refused = await win.evaluate(() => (window as unknown as { realist: { invoke: (c: string, r: unknown) => Promise<unknown> } }).realist.invoke('records:import', { paths: ['/etc/passwd'] }));
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
