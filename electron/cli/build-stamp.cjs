// Whether the compiled command line in dist-electron/ was built from the sources as they are now.
//
// `npm run build:electron` (build/scripts/build-electron.mjs) records, before compiling, the
// modification time and size of every source it compiles from (the .ts files under electron/
// and shared/, and the TypeScript configs) in dist-electron/build-stamp.json, and writes that
// file only when the compiler succeeded. The launcher (./realist.cjs) runs the build only while
// every recorded file still has exactly the recorded time and size: an edited, replaced, moved or
// deleted source sends it to the sources (tsx) instead, so a stale build never runs. A new file
// needs no entry: nothing runs it until an existing file imports it, and that file has changed.
// About 200 stat calls: a millisecond or two.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const STAMP = path.join('dist-electron', 'build-stamp.json');
const SOURCE_FOLDERS = ['electron', 'shared'];
const CONFIG_FILES = ['tsconfig.base.json', path.join('electron', 'tsconfig.build.json')];

/** Every file the build compiles from, relative to `root`, sorted. */
function listSources(root) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(child);
      } else if (e.isFile() && e.name.endsWith('.ts')) {
        out.push(child);
      }
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(folder);
  for (const file of CONFIG_FILES) if (fs.existsSync(path.join(root, file))) out.push(file);
  return out.sort();
}

/** The stamp's content for the sources as they are now: {files: {path: [mtimeMs, size]}}. */
function snapshot(root) {
  const files = {};
  for (const rel of listSources(root)) {
    const st = fs.statSync(path.join(root, rel));
    files[rel.split(path.sep).join('/')] = [st.mtimeMs, st.size];
  }
  return { version: 1, files };
}

/** True when dist-electron/ holds a build of exactly the sources on disk. */
function isBuildFresh(root) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return false;
  }
  if (!stamp || stamp.version !== 1 || typeof stamp.files !== 'object' || stamp.files === null) return false;
  const entries = Object.entries(stamp.files);
  if (entries.length === 0) return false;
  for (const [rel, [mtimeMs, size]] of entries) {
    const st = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!st || st.mtimeMs !== mtimeMs || st.size !== size) return false;
  }
  return true;
}

module.exports = { STAMP, listSources, snapshot, isBuildFresh };
