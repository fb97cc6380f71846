// Types of test-summary.mjs (plain JavaScript, since `npm test` runs it with bare Node).

/** The parts of vitest's JSON report the summary reads. */
export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ name: string; status: string; assertionResults: Array<{ status: string }> }>;
}

/** Test file -> {kind: reason}. */
export function parseSkipNotes(text: string): Map<string, Record<string, string>>;

/** Counts, the closing line, and under CI the message for skipped browser tests. */
export function summarise(
  report: VitestJsonReport,
  notesText: string,
  options?: { ci?: boolean },
): { passed: number; failed: number; skipped: number; line: string; ciMessage: string | null };
