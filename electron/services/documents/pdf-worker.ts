/**
 * Entry point of a PDF worker thread: receives `PdfWorkerTask` messages, runs pdf.js on them
 * (./pdf-extract.ts) and posts back `{id, opened}` once the document is open (first tasks
 * only), then `{id, result}` or `{id, error}`. One task at a time per worker; the pool
 * (./worker-pool.ts) schedules them. The thread runs nothing else, so pdf.js is tuned for it
 * (./pdfjs-thread.ts) and loaded as soon as the worker starts: a pool warmed up ahead of time
 * has it ready when the first PDF arrives.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdf, loadPdfjs, type PdfExtraction } from './pdf-extract';
import { tunePdfjsThread } from './pdfjs-thread';

/** A task sent to the worker. */
export interface PdfWorkerTask {
  id: number;
  data: Uint8Array;
  password?: string;
  /**
   * A page counter (one Int32) shared by every worker on this document: each claims the next
   * page with an atomic add, so the pages are shared out however long each takes. Without
   * it the worker extracts every page itself.
   */
  counter?: SharedArrayBuffer;
  /** The document's page count if known: a helper that finds every page claimed returns without opening it. */
  pageCount?: number;
  /** The document's first task: reads the metadata and reports the page count once open. */
  primary?: boolean;
}

/** What a worker posts back. */
export type PdfWorkerMessage = { id: number; opened: number } | { id: number; result: PdfExtraction } | { id: number; error: string };

tunePdfjsThread();
void loadPdfjs();

function post(message: PdfWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.on('message', (task: PdfWorkerTask) => {
  const counter = task.counter ? new Int32Array(task.counter) : null;
  if (counter && !task.primary && task.pageCount !== undefined && Atomics.load(counter, 0) >= task.pageCount) {
    post({ id: task.id, result: { status: 'ok', message: null, pageCount: task.pageCount, pages: [], title: null, metadataDois: [], failedPages: [] } });
    return;
  }
  extractPdf(task.data, {
    ...(task.password !== undefined ? { password: task.password } : {}),
    ...(counter
      ? {
          claim: (pageCount: number) => {
            const i = Atomics.add(counter, 0, 1);
            return i < pageCount ? i : -1;
          },
        }
      : {}),
    metadata: task.primary !== false,
    ...(task.primary ? { onOpen: (pageCount: number) => post({ id: task.id, opened: pageCount }) } : {}),
  }).then(
    (result) => post({ id: task.id, result }, result.pages.map((p) => p.items.buffer as ArrayBuffer)),
    (e: unknown) => post({ id: task.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
