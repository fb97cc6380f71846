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
try {
  // A prebuilt binary for this Electron, when the better-sqlite3 project publishes one.
  execFileSync(process.execPath, [path.join(root, 'node_modules/prebuild-install/bin.js'), '--runtime=electron', `--target=${electronVersion}`], {
    cwd: pkg,
    stdio: 'inherit',
  });
} catch {
  // Otherwise compile against Electron's headers. `--nodedir` is cleared because some npm
  // configurations point it at the system Node headers, which would build the wrong ABI.
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: pkg, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
}
const out = path.join(root, 'build/native/electron');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(pkg, 'build/Release/better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
console.log(`better-sqlite3 for Electron ${electronVersion} written to ${path.relative(root, out)}/better_sqlite3.node`);
