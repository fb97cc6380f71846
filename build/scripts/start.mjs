// `npm start`: builds the app and opens the desktop window. Where the Electron binary cannot
// be had (offline, locked-down machines), it says what is missing and starts the browser
// build instead: the same UI and services, served on 127.0.0.1 with a token.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  // require('electron') returns the binary's path, downloading it on first use; it throws
  // when the download is impossible. Run it in a child so a hang or crash cannot stop us.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const candidate = probe.stdout?.trim();
  if (probe.status === 0 && candidate && fs.existsSync(candidate)) return { path: candidate };
  const lines = (probe.stderr || probe.error?.message || 'unknown error').trim().split('\n');
  const detail = (lines.find((l) => /Error\b|failed/i.test(l)) ?? lines[0] ?? '').trim();
  return { reason: `the Electron binary could not be fetched (${detail})` };
}

function run(args) {
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const binary = electronBinary();
if (binary.path && !process.argv.includes('--web') && !fs.existsSync(path.join(root, 'build/native/electron/better_sqlite3.node'))) {
  // First desktop start from a checkout: the database module must be built for Electron's ABI.
  process.stderr.write('Building the database module for Electron (first start only)...\n');
  const rebuilt = spawnSync(process.execPath, [path.join(root, 'build/scripts/rebuild-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (rebuilt.status !== 0) {
    binary.reason = 'better-sqlite3 could not be built for Electron (see above)';
    delete binary.path;
  }
}
if (binary.path && !process.argv.includes('--web')) {
  run(['run', 'build']);
  const child = spawn(binary.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!process.argv.includes('--web')) {
    process.stderr.write(
      [
        '',
        'Realist Workbench: the desktop app needs the Electron binary, and it is not available on this machine.',
        `  What happened: ${binary.reason}.`,
        '  On a machine with internet access, `npm start` downloads it on first run.',
        '',
        'Starting the browser build instead: the same app and the same project files, served on this machine only.',
        '  (Later, run it directly with `npm run web -- path/to/project.realist`.)',
        '',
      ].join('\n'),
    );
  }
  run(['run', 'build:renderer', '--silent']);
  const args = process.argv.slice(2).filter((a) => a !== '--web');
  const child = spawn(process.execPath, [require.resolve('./electron/cli/realist.cjs'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
