// The closing line of `npm test`, as a pure function of vitest's JSON report and the skip notes
// the test helpers write (test/helpers/skip-notes.ts), so it can be tested without a run.
// The line starts "N passed, N failed, N skipped" (the CI harness reads that much) and goes on
// to say what was skipped and why: "(17 browser tests: no Chromium at /usr/bin/chromium, ...)".

/** How each kind of skip note is named, in order of precedence when one file has several notes. */
const KINDS = [
  ['electron', 'Electron test', 'Electron tests'],
  ['browser', 'browser test', 'browser tests'],
  ['pdftotext', 'pdftotext comparison', 'pdftotext comparisons'],
  ['fixtures', 'fixture test', 'fixture tests'],
  ['setup', 'test not run: its file or setup hook failed', 'tests not run: their file or setup hook failed'],
  ['other', 'other', 'other'],
];

/** Test file -> {kind: reason}, from the JSON lines of skips.jsonl (empty text: no notes). */
export function parseSkipNotes(text) {
  const notes = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { file, kind, reason } = JSON.parse(line);
    if (!notes.has(file)) notes.set(file, {});
    notes.get(file)[kind] = reason;
  }
  return notes;
}

/**
 * Counts and the closing line. `report` is vitest's JSON report; `notesText` the skip notes;
 * with `ci` true, browser tests skipped for want of Chromium count as one failure (CI must run
 * the UI tests), explained in `ciMessage`. A test file that failed without a failed test (it
 * did not load, or a beforeAll hook threw and its tests were skipped) counts as one failure.
 */
export function summarise(report, notesText, { ci = false } = {}) {
  const passed = report.numPassedTests;
  const brokenFile = (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed');
  let failed = report.numFailedTests + report.testResults.filter(brokenFile).length;
  const skipped = report.numPendingTests + report.numTodoTests;
  const notes = parseSkipNotes(notesText);
  /** kind -> {count, reasons} */
  const why = new Map();
  for (const file of report.testResults) {
    const fileNotes = notes.get(file.name) ?? {};
    const kind = brokenFile(file) ? 'setup' : (KINDS.map(([k]) => k).find((k) => k in fileNotes) ?? 'other');
    for (const t of file.assertionResults) {
      if (t.status !== 'skipped' && t.status !== 'pending' && t.status !== 'todo') continue;
      if (!why.has(kind)) why.set(kind, { count: 0, reasons: new Set() });
      why.get(kind).count++;
      if (fileNotes[kind]) why.get(kind).reasons.add(fileNotes[kind]);
    }
  }
  const parts = [];
  for (const [kind, one, many] of KINDS) {
    const w = why.get(kind);
    if (!w) continue;
    const reasons = [...w.reasons].join(' / ');
    parts.push(`${w.count} ${w.count === 1 ? one : many}${reasons ? `: ${reasons}` : ''}`);
  }
  let ciMessage = null;
  const browser = why.get('browser');
  if (ci && browser) {
    ciMessage = `CI=true: ${browser.count} browser tests were skipped (${[...browser.reasons].join(' / ')}). CI must run them: install Chromium.`;
    failed += 1;
  }
  const line = `${passed} passed, ${failed} failed, ${skipped} skipped${parts.length ? ` (${parts.join('; ')})` : ''}`;
  return { passed, failed, skipped, line, ciMessage };
}
