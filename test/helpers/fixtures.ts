/**
 * The one way tests reach the shared fixtures (real exports and PDFs beside the project, in
 * ../shared/fixtures). In a fresh clone without them, fixture tests are skipped with this
 * reason and everything else still runs. Fixtures are read in place: never copied, never edited.
 *
 * Read fixtures only inside a test or a hook, never while a file is collected: the body of a
 * `describe.skipIf(!HAVE_FIXTURES)` still runs when it is skipped. `REALIST_FIXTURES_DIR`
 * points elsewhere; CI sets it to a missing folder for one run so a collection-time read fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { noteSkip } from './skip-notes';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES_DIR = process.env.REALIST_FIXTURES_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'fixtures');
export const HAVE_FIXTURES = fs.existsSync(path.join(FIXTURES_DIR, 'README.md'));
export const NO_FIXTURES_REASON = `shared fixtures not found at ${FIXTURES_DIR} (they sit beside the project in the team's workspace; set REALIST_FIXTURES_DIR to point elsewhere)`;
/** The same reason, short enough for the closing line of `npm test`. */
const SHORT_REASON = `no fixtures at ${FIXTURES_DIR}, set REALIST_FIXTURES_DIR`;

/** Absolute path of a fixture, e.g. fixture('ris/asreview_scopus.ris'). */
export function fixture(relative: string): string {
  return path.join(FIXTURES_DIR, relative);
}

if (!HAVE_FIXTURES) {
  // Printed once per test file that imports this helper, so the skip is never silent.
  console.warn(`[fixtures] skipping fixture tests: ${NO_FIXTURES_REASON}`);
  noteSkip('fixtures', SHORT_REASON);
}
