/**
 * Why tests are skipped, told to `npm test` (build/scripts/test.mjs), whose closing line then
 * says what was skipped and why ("18 skipped (17 browser tests: no Chromium ...)"). vitest's
 * report says only that a test was skipped, not why, so each helper that decides a skip
 * (no fixtures, no Chromium, no Electron) notes it here for the test file being collected.
 *
 * A note is one JSON line `{file, kind, reason}` appended to `skips.jsonl` in the folder named
 * by REALIST_TEST_NOTES (set by test.mjs; unset when vitest runs on its own: then nothing is
 * written). test.mjs gives every skipped test of a noted file the reason of that file.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What a skipped test lacks; test.mjs names the kinds "browser tests", "fixture tests", ... */
export type SkipKind = 'browser' | 'fixtures' | 'electron' | 'pdftotext';

/**
 * The test file vitest is collecting in this worker. Read from vitest's worker state rather
 * than `expect.getState()`, so that this module (and fixtures.ts, which the benchmarks import
 * under plain tsx) does not load vitest; undefined outside a vitest worker.
 */
function collectingFile(): string | undefined {
  return (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath;
}

/**
 * Notes that the tests of the file being collected that are skipped are skipped for `reason`.
 * Call it at module level (collection), where vitest already knows the test file's path.
 */
export function noteSkip(kind: SkipKind, reason: string): void {
  const dir = process.env.REALIST_TEST_NOTES;
  const file = collectingFile();
  if (!dir || !file) return;
  fs.appendFileSync(path.join(dir, 'skips.jsonl'), `${JSON.stringify({ file, kind, reason })}\n`);
}
