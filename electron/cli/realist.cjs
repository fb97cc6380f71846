#!/usr/bin/env node
// The `realist` command. It runs the compiled JavaScript in dist-electron/ when that build is
// there and was made from the sources as they are now (see ./build-stamp.cjs), and otherwise the
// TypeScript sources through tsx, so it works right after `npm install` with no build step and
// a stale build never runs. REALIST_FROM_SOURCE=1 forces the sources. The command itself is
// ./main.ts.
'use strict';
const path = require('node:path');
const { isBuildFresh } = require('./build-stamp.cjs');

const root = path.resolve(__dirname, '..', '..');

function run(entry) {
  return require(entry)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}

if (process.env.REALIST_FROM_SOURCE !== '1' && isBuildFresh(root)) {
  run(path.join(root, 'dist-electron', 'electron', 'cli', 'main.js'));
} else {
  // tsx's loader handles both `require` (the sources are CommonJS) and the commands' lazy `import()`.
  import('tsx').then(() => run(path.join(__dirname, 'main.ts')));
}
