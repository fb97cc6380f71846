/**
 * Runs a large import on a worker thread (./import-worker.ts) with its own connection to the
 * project file, so the app keeps answering while tens of thousands of records are read,
 * deduplicated and stored: reads see the project as it was until the import commits, and a
 * write that needs the lock meanwhile gets PROJECT_LOCKED at once (see APP_BUSY_TIMEOUT_MS).
 * Progress events still reach the page, relayed from the worker's messages.
 *
 * The worker writes through the change log exactly as `store.act` does here: its connection is
 * a ProjectStore with its own ActionLog, whose session is given this session's coder, so the
 * import is ONE action attributed to that coder, and history:undo on this connection reverts it
 * like any other (the log lives in the file, not in either connection). The coder is checked
 * here, before the worker starts, so CODER_REQUIRED comes at once.
 *
 * Small imports stay on the calling thread (`importRecordsAsync`): starting a worker costs
 * more than they take.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportSummary } from '../../../shared/api/calls/records';
import { AppError } from '../../../shared/api/errors';
import { startServiceWorker } from '../service-worker';
import type { ProjectStore } from '../store/project-store';
import { importRecordsAsync, type ImportInput, type ImportOptions } from './import-service';
import type { ImportJob, ImportWorkerMessage } from './import-worker';

/**
 * Inputs at least this large (in bytes, all files together) import on the worker. About 400
 * RIS records, which import in ~50 ms; a worker takes about as long just to start.
 */
export const BACKGROUND_IMPORT_BYTES = 1024 * 1024;

/** The total size of the inputs; a file that cannot be read counts 0 (the import reports it). */
export function inputBytes(inputs: readonly ImportInput[]): number {
  let total = 0;
  for (const input of inputs) {
    if (input.bytes) total += input.bytes.length;
    else if (input.path) {
      try {
        total += fs.statSync(input.path).size;
      } catch {
        /* missing or unreadable: reported by the import itself */
      }
    }
  }
  return total;
}

/**
 * Imports `inputs` into the open project `store`, on the worker when they are large (or when
 * `background` says so), else on this thread. Resolves with the same summary either way.
 */
export function importInBackground(
  store: ProjectStore,
  inputs: readonly ImportInput[],
  options: ImportOptions & { nativeBinding?: string; background?: boolean } = {},
): Promise<ImportSummary> {
  const { nativeBinding, background, onProgress, ...rest } = options;
  if (!(background ?? inputBytes(inputs) >= BACKGROUND_IMPORT_BYTES)) return importRecordsAsync(store, inputs, options);
  if (store.readOnly) return importRecordsAsync(store, inputs, options); // refused by store.act, in words
  const coderId = store.requireCoder();
  const job: ImportJob = { project: store.path, coderId, inputs: [...inputs], options: rest, ...(nativeBinding ? { nativeBinding } : {}) };
  return new Promise<ImportSummary>((resolve, reject) => {
    const worker = startServiceWorker(__dirname, 'import-worker', path.extname(__filename));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (m: ImportWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') {
        // The worker's action is newer than anything this connection's clock has seen.
        store.log.forgetClock();
        settle(() => resolve(m.summary));
      }
      else settle(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (e) => settle(() => reject(new AppError('INTERNAL', `The import stopped: ${e.message}`))));
    worker.on('exit', (code) => settle(() => reject(new AppError('INTERNAL', `The import stopped before it finished (exit code ${code}).`))));
    worker.postMessage(job);
  });
}
