// The README's test command. Runs every vitest project and ends with the line the CI harness
// reads: "N passed, N failed, N skipped (...)", the parenthesis saying what was skipped and why
// (see test-summary.mjs). Extra arguments go to vitest (e.g. a file filter or `--project unit`).
//
// The run gets its own temporary folder, TMPDIR for vitest and everything it starts (test
// projects, CLI runs, Chromium profiles), removed at the end with the report, so no run leaves
// anything behind in /tmp. Test helpers note there why they skip tests
// (test/helpers/skip-notes.ts). Under CI=true, browser tests skipped for want of Chromium fail
// the run: CI must exercise the UI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarise } from './test-summary.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-test-'));
const tmp = path.join(work, 'tmp');
fs.mkdirSync(tmp);
const report = path.join(work, 'vitest.json');
const vitest = path.resolve('node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--config', 'vitest.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, TMPDIR: tmp, REALIST_TEST_NOTES: work } },
);

let summary;
try {
  const notes = fs.existsSync(path.join(work, 'skips.jsonl')) ? fs.readFileSync(path.join(work, 'skips.jsonl'), 'utf8') : '';
  summary = summarise(JSON.parse(fs.readFileSync(report, 'utf8')), notes, { ci: process.env.CI === 'true' });
} catch (e) {
  console.error(`Could not read the vitest report (${e.message}).`);
  summary = { failed: 1, line: '0 passed, 1 failed, 0 skipped', ciMessage: null };
}
fs.rmSync(work, { recursive: true, force: true });
if (summary.ciMessage) console.error(`\n${summary.ciMessage}`);
console.log(`\n${summary.line}`);
process.exit(run.status === 0 && summary.failed === 0 ? 0 : 1);
