// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving the Node build
// in node_modules for the tests and the command line. Needs internet access (it downloads a
// prebuilt binary or Electron's headers), so it cannot run on the offline build machines.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-native-'));
fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), path.join(work, 'better-sqlite3'), { recursive: true });
const pkg = path.join(work, 'better-sqlite3');
fs.rmSync(path.join(pkg, 'build'), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/prebuild-install/bin.js'), '--runtime=electron', `--target=${electronVersion}`], {
  cwd: pkg,
  stdio: 'inherit',
});
const out = path.join(root, 'build/native/electron');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(pkg, 'build/Release/better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
console.log(`better-sqlite3 for Electron ${electronVersion} written to ${path.relative(root, out)}/better_sqlite3.node`);
