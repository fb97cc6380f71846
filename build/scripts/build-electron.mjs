// `npm run build:electron`: compiles electron/ (the desktop app's main process and preload, and
// the command line) into dist-electron/ with tsc, then writes dist-electron/build-stamp.json,
// which tells the `realist` launcher that this build matches the sources (see
// electron/cli/build-stamp.cjs). The sources are stamped as they were BEFORE compiling, and the
// old stamp is removed first, so a failed build, or a file edited while it ran, is never taken
// for a fresh one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const { STAMP, snapshot } = require(path.join(root, 'electron', 'cli', 'build-stamp.cjs'));

const stampFile = path.join(root, STAMP);
fs.rmSync(stampFile, { force: true });
const before = snapshot(root);
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'electron', 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
fs.writeFileSync(stampFile, `${JSON.stringify(before)}\n`);
console.log(`Built dist-electron/ (${Object.keys(before.files).length} sources stamped).`);
