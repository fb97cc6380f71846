#!/usr/bin/env node
// The `realist` command. It runs the TypeScript sources through tsx, so it works right after
// `npm install` with no build step; the command itself lives in ./main.ts.
'use strict';
require('tsx/cjs/api').register();
require('./main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
