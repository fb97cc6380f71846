/**
 * Entry point of a PDF worker thread: receives `{id, data, password, range}` messages, runs
 * pdf.js on them (./pdf-extract.ts) and posts back `{id, result}` or `{id, error}`. One task at
 * a time per worker; the pool (./worker-pool.ts) schedules them.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdf, type PageRange } from './pdf-extract';

/** A task sent to the worker. */
export interface PdfWorkerTask {
  id: number;
  data: Uint8Array;
  password?: string;
  range?: PageRange;
}

parentPort?.on('message', (task: PdfWorkerTask) => {
  extractPdf(task.data, {
    ...(task.password !== undefined ? { password: task.password } : {}),
    ...(task.range ? { range: task.range } : {}),
  }).then(
    (result) => parentPort?.postMessage({ id: task.id, result }),
    (e: unknown) => parentPort?.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
