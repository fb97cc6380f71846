/**
 * Entry point of the import worker thread (./background-import.ts starts it): runs one import
 * on its own connection to the project, so that reading, parsing, deduplication and the
 * insert never block the thread that answers the app's calls. Receives one `ImportJob`,
 * posts `progress` messages while it works and one `done` (the summary) or `failed` message.
 */
import { parentPort } from 'node:worker_threads';
import { toApiError, type ApiError } from '../../../shared/api/errors';
import type { ImportSummary } from '../../../shared/api/calls/records';
import { ProjectStore } from '../store/project-store';
import { fromDatabaseError } from '../store/sqlite-errors';
import { importRecords, type ImportInput, type ImportOptions } from './import-service';

/** What the worker is asked to do. */
export interface ImportJob {
  /** The project file (already open, and upgraded, in the app). */
  project: string;
  /** The coder of the app's session: the import is one action by them (see background-import.ts). */
  coderId: string;
  nativeBinding?: string;
  inputs: ImportInput[];
  options: Omit<ImportOptions, 'onProgress'>;
}

/** What the worker posts back. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: Parameters<NonNullable<ImportOptions['onProgress']>>[0] }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: ApiError };

function post(message: ImportWorkerMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.once('message', (job: ImportJob) => {
  let store: ProjectStore | null = null;
  try {
    store = ProjectStore.connect(job.project, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {});
    store.session.coderId = job.coderId;
    const summary = importRecords(store, job.inputs, { ...job.options, onProgress: (progress) => post({ type: 'progress', progress }) });
    post({ type: 'done', summary });
  } catch (e) {
    post({ type: 'failed', error: toApiError(fromDatabaseError(e, job.project)) });
  } finally {
    // Checkpoints the WAL off the app's thread; the summary has already been sent.
    store?.close();
  }
});
