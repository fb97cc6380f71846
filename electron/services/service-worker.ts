/**
 * Starts a worker thread on one of the services' own entry files (the PDF workers, the import
 * worker). Compiled (.js, the app), the entry is a plain file beside the caller; from the
 * TypeScript sources (tsx in the command line, vitest in tests) the worker first registers
 * tsx's loader, so the same code runs in both.
 */
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running `entry` (a file name without extension) from `dir`, the caller's
 * `__dirname`. `ext` is the caller's own extension (`path.extname(__filename)`), which says
 * whether the services run compiled or from sources.
 */
export function startServiceWorker(dir: string, entry: string, ext: string, options: WorkerOptions = {}): Worker {
  const file = path.join(dir, `${entry}${ext}`);
  if (ext === '.js') return new Worker(file, options);
  // tsx is resolved here, not in the worker: an eval'd worker resolves modules from the current
  // directory, which for the command line can be any folder.
  const tsx = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, { ...options, eval: true });
}
