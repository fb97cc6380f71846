import { describe, expect, it } from 'vitest';
import { summarise, type VitestJsonReport } from '../../build/scripts/test-summary.mjs';

/** A report with the given files, each a list of test statuses. */
function report(files: Record<string, string[]>): VitestJsonReport {
  const all = Object.values(files).flat();
  return {
    numPassedTests: all.filter((s) => s === 'passed').length,
    numFailedTests: all.filter((s) => s === 'failed').length,
    numPendingTests: all.filter((s) => s === 'skipped').length,
    numTodoTests: 0,
    testResults: Object.entries(files).map(([name, statuses]) => ({
      name,
      status: statuses.includes('failed') ? 'failed' : 'passed',
      assertionResults: statuses.map((status) => ({ status })),
    })),
  };
}

const note = (file: string, kind: string, reason: string) => `${JSON.stringify({ file, kind, reason })}\n`;
const CHROMIUM = "no Chromium at /usr/bin/chromium, install Debian's chromium or set REALIST_CHROMIUM";
const FIXTURES = 'no fixtures at /x, set REALIST_FIXTURES_DIR';

describe('the closing line of npm test', () => {
  it('says how many tests were skipped for each reason, and starts "N passed, N failed"', () => {
    const r = report({
      '/p/test/e2e/library.test.ts': ['skipped', 'skipped', 'skipped'],
      '/p/test/e2e/electron-app.test.ts': ['skipped'],
      '/p/test/shared/import/ris.test.ts': ['passed', 'skipped', 'skipped'],
      '/p/test/shared/other.test.ts': ['passed', 'passed', 'skipped'],
    });
    const notes =
      note('/p/test/e2e/library.test.ts', 'fixtures', FIXTURES) +
      note('/p/test/e2e/library.test.ts', 'browser', CHROMIUM) +
      note('/p/test/e2e/electron-app.test.ts', 'browser', CHROMIUM) +
      note('/p/test/e2e/electron-app.test.ts', 'electron', 'no Electron binary on this machine') +
      note('/p/test/shared/import/ris.test.ts', 'fixtures', FIXTURES);
    const s = summarise(r, notes);
    expect(s.line).toBe(
      `3 passed, 0 failed, 7 skipped (1 Electron test: no Electron binary on this machine; 3 browser tests: ${CHROMIUM}; 2 fixture tests: ${FIXTURES}; 1 other)`,
    );
    expect(s.line).toMatch(/^\d+ passed, \d+ failed/);
    expect(s.failed).toBe(0);
  });

  it('under CI=true, browser tests skipped for want of Chromium are a failure', () => {
    const r = report({ '/p/test/e2e/reader.test.ts': ['skipped', 'skipped'], '/p/test/shared/a.test.ts': ['passed'] });
    const notes = note('/p/test/e2e/reader.test.ts', 'browser', CHROMIUM);
    expect(summarise(r, notes, { ci: false }).failed).toBe(0);
    const ci = summarise(r, notes, { ci: true });
    expect(ci.failed).toBe(1);
    expect(ci.line).toBe(`1 passed, 1 failed, 2 skipped (2 browser tests: ${CHROMIUM})`);
    expect(ci.ciMessage).toContain('2 browser tests were skipped');
  });

  it('counts a file whose setup hook failed as a failure, and names its skipped tests so', () => {
    const r = report({ '/p/test/cli/highlight.test.ts': ['skipped', 'skipped', 'skipped'], '/p/test/shared/a.test.ts': ['passed'] });
    r.testResults[0]!.status = 'failed';
    const notes = note('/p/test/cli/highlight.test.ts', 'fixtures', FIXTURES);
    expect(summarise(r, notes).line).toBe('1 passed, 1 failed, 3 skipped (3 tests not run: their file or setup hook failed)');
  });

  it('counts a file that failed to load as a failure, and says nothing more when nothing was skipped', () => {
    const r = report({ '/p/test/shared/a.test.ts': ['passed', 'passed'] });
    r.testResults.push({ name: '/p/test/shared/broken.test.ts', status: 'failed', assertionResults: [] });
    expect(summarise(r, '').line).toBe('2 passed, 1 failed, 0 skipped');
  });
});
