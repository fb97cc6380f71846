/**
 * Reads a Word file's text off the main thread, within limits: the zip is checked first
 * (./docx-inspect.ts), then mammoth runs in a worker thread with a heap limit and a time limit,
 * so that no .docx (a zip bomb, a file that makes the parser loop) can exhaust the app's memory
 * or block the thread that serves the page. A refusal is an AppError TOO_LARGE in words.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import type { DocxWorkerAnswer } from './docx-worker';

/** The worker's heap: mammoth's document model of the largest allowed text fits with room to spare. */
export const DOCX_HEAP_MB = 1024;
/** About 100 times what a 300-page report takes; past it the file is not a document we can read. */
export const DOCX_TIMEOUT_MS = 60_000;

/** Starts the docx worker: a plain file when compiled, through tsx's loader from sources (CLI, tests). */
function startWorker(heapMb: number): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `docx-worker${ext}`);
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 };
  if (ext === '.js') return new Worker(file, { resourceLimits });
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, resourceLimits });
}

/**
 * The raw text of a .docx and mammoth's messages. Throws AppError TOO_LARGE when the file is
 * refused by its size or runs out of its time or memory, and an Error with mammoth's reason when
 * it is not a readable Word file.
 */
export function extractDocxText(bytes: Uint8Array, limits: { timeoutMs?: number; heapMb?: number } = {}): Promise<{ text: string; messages: string[] }> {
  const timeoutMs = limits.timeoutMs ?? DOCX_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const worker = startWorker(limits.heapMb ?? DOCX_HEAP_MB);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AppError('TOO_LARGE', `The Word file could not be read within ${timeoutMs / 1000} s; it is too large or too complex.`))),
      timeoutMs,
    );
    worker.once('message', (a: DocxWorkerAnswer) =>
      finish(() => {
        if ('text' in a) resolve(a);
        else if (a.refused) reject(new AppError('TOO_LARGE', `The Word file was refused: ${a.error}.`));
        else reject(new Error(a.error));
      }),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('TOO_LARGE', 'The Word file needs more memory to read than a document may take; it is too large, or built to exhaust memory.')
            : e,
        ),
      ),
    );
    worker.once('exit', (code) => finish(() => reject(new Error(`the Word reader stopped (exit code ${code})`))));
    const copy = bytes.slice();
    worker.postMessage(copy, [copy.buffer as ArrayBuffer]);
  });
}
