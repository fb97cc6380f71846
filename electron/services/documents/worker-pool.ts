/**
 * A pool of worker threads that run pdf.js (./pdf-worker.ts), sized to the machine's cores, so
 * that the main thread (the app's IPC, the web bridge) never blocks on PDF parsing and a long
 * PDF is extracted on every core at once.
 *
 * Splitting a document: its first task opens it and says how many pages it has; when that is
 * more than SPLIT_PAGES (or the bytes already showed it, `estimatePageCount`), helper tasks
 * join in on the other workers. All of them take pages one at a time from a counter they
 * share (an atomic add on a SharedArrayBuffer), so no worker idles while another still has a
 * run of heavy pages, and none opens a document that has no pages left for it. Each helper
 * opens the document once (a parse of its cross-reference table) and loads the fonts of the
 * pages it takes: the cost of splitting, small next to the pages themselves on a long PDF.
 * Results come back as page texts plus one transferred buffer of packed item positions per
 * page, not as thousands of cloned objects.
 *
 * Workers stay up between documents (pdf.js loaded, its code warm); `warmUp()` starts them
 * ahead of the first PDF. Idle workers are `unref`ed, so a command-line process exits when its
 * work is done without closing the pool; `close()` terminates them for tests and app shutdown.
 */
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startServiceWorker } from '../service-worker';
import { damagedPagesMessage, STATUS_MESSAGES, type PdfExtraction } from './pdf-extract';
import type { PdfWorkerMessage, PdfWorkerTask } from './pdf-worker';

/**
 * Up to this many pages a PDF stays with one worker: a helper would parse the same fonts again
 * for a few pages, which costs more than it saves.
 */
export const SPLIT_PAGES = 24;

interface Slot {
  worker: Worker;
  busy: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * A task (a PDF, or one page range of it) that runs longer than this is stopped and its worker
 * replaced: pdf.js can loop on a malicious or badly broken file, and one such file must not hold
 * a core for the rest of the session. Two minutes is ~50 times what the 117-page fixture takes.
 */
export const TASK_TIMEOUT_MS = 120_000;

interface Waiting {
  task: Omit<PdfWorkerTask, 'id'>;
  resolve: (r: PdfExtraction) => void;
  reject: (e: Error) => void;
  /** Called when a primary task has opened its document, with the page count. */
  onOpened?: (pageCount: number) => void;
}

function startWorker(): Worker {
  return startServiceWorker(__dirname, 'pdf-worker', path.extname(__filename));
}

export class PdfWorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private readonly pending = new Map<number, Waiting & { slot: Slot }>();
  private nextId = 1;
  private closed = false;

  /** `size` defaults to the number of cores the process may use. */
  constructor(
    size = os.availableParallelism(),
    private readonly timeoutMs = TASK_TIMEOUT_MS,
  ) {
    this.size = Math.max(1, size);
  }

  /**
   * Extracts a whole PDF, split across the workers when it is long (see the module comment).
   * Resolves with its pages in order; a crashed or timed-out worker rejects.
   */
  async extract(bytes: Uint8Array, password?: string): Promise<PdfExtraction> {
    const pw = password !== undefined ? { password } : {};
    const counter = new SharedArrayBuffer(4);
    const helpers: Promise<PdfExtraction>[] = [];
    let split = false;
    const startHelpers = (pageCount: number) => {
      if (split || this.size === 1 || pageCount <= SPLIT_PAGES) return;
      split = true;
      for (let k = 1; k < this.size; k++) helpers.push(this.run({ data: bytes.slice(), ...pw, counter, pageCount }));
    };
    const estimate = this.size === 1 ? null : estimatePageCount(bytes);
    const primary = this.run({ data: bytes.slice(), ...pw, counter, primary: true }, startHelpers);
    if (estimate !== null) startHelpers(estimate);
    let head: PdfExtraction;
    try {
      head = await primary;
    } finally {
      // Helpers settle whatever the primary did; a helper's failure fails the document below.
      await Promise.allSettled(helpers);
    }
    if (head.status === 'encrypted' || head.pageCount === 0 || helpers.length === 0) return head;
    const parts = [head, ...(await Promise.all(helpers))];
    const pages = parts.flatMap((p) => p.pages).sort((a, b) => a.index - b.index);
    const failedPages = parts.flatMap((p) => p.failedPages).sort((a, b) => a - b);
    const anyText = pages.some((p) => p.text.trim() !== '');
    return {
      ...head,
      pages,
      failedPages,
      status: failedPages.length > 0 ? 'damaged' : anyText ? 'ok' : 'no-text',
      message: failedPages.length > 0 ? damagedPagesMessage(failedPages) : anyText ? null : STATUS_MESSAGES.noText,
    };
  }

  /** Starts every worker now (each loads pdf.js at once), so the first PDF does not wait for them. */
  warmUp(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** Runs one task on the next free worker; `onOpened` hears a primary task's page count. */
  run(task: Omit<PdfWorkerTask, 'id'>, onOpened?: (pageCount: number) => void): Promise<PdfExtraction> {
    if (this.closed) return Promise.reject(new Error('the PDF worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject, ...(onOpened ? { onOpened } : {}) });
      this.pump();
    });
  }

  /** Terminates every worker; pending tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.reject(new Error('the PDF worker pool was closed'));
    for (const p of this.pending.values()) {
      clearTimeout(p.slot.timer);
      p.reject(new Error('the PDF worker pool was closed'));
    }
    this.pending.clear();
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const waiting = this.queue.shift()!;
      const id = this.nextId++;
      slot.busy = true;
      slot.worker.ref();
      this.pending.set(id, { ...waiting, slot });
      const worker = slot.worker;
      slot.timer = setTimeout(() => {
        this.fail(slot, new Error(`pdf.js did not finish within ${this.timeoutMs / 1000} s`));
        void worker.terminate();
      }, this.timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage({ ...waiting.task, id } satisfies PdfWorkerTask, [waiting.task.data.buffer as ArrayBuffer]);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), busy: false };
    slot.worker.on('message', (msg: PdfWorkerMessage) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if ('opened' in msg) {
        p.onOpened?.(msg.opened);
        return;
      }
      this.pending.delete(msg.id);
      this.release(slot);
      if ('result' in msg) p.resolve(msg.result);
      else p.reject(new Error(msg.error || 'the PDF worker failed'));
    });
    slot.worker.on('error', (e) => this.fail(slot, e));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.fail(slot, new Error(`a PDF worker stopped (exit code ${code})`));
    });
    // Idle until `pump` gives it a task (and refs it): a warmed-up pool never keeps a process
    // alive. After the listeners: adding a 'message' listener refs a worker's port again.
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.busy = false;
    slot.worker.unref();
    this.pump();
  }

  /** A crashed worker fails its task and is replaced on demand. */
  private fail(slot: Slot, e: Error): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    for (const [id, p] of this.pending) {
      if (p.slot === slot) {
        this.pending.delete(id);
        p.reject(e);
      }
    }
    this.pump();
  }
}

/**
 * The page count a PDF declares in its page tree (the largest /Count of a /Type /Pages
 * dictionary written in the clear), or null when the tree is inside a compressed object
 * stream. A guess for scheduling only (helpers start before the document is open): incremental
 * updates can leave stale trees behind, and the workers go by the real count.
 */
export function estimatePageCount(bytes: Uint8Array): number | null {
  // Buffer's latin1 decode is native and several times faster than TextDecoder's (ICU): this runs
  // on the thread that answers calls.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let best: number | null = null;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b/g)) {
    const open = text.lastIndexOf('<<', m.index);
    const close = text.indexOf('>>', m.index);
    const dict = text.slice(open < 0 ? m.index : open, close < 0 ? m.index + 200 : close);
    const count = /\/Count\s+(\d+)/.exec(dict);
    if (count) best = Math.max(best ?? 0, Number(count[1]));
  }
  return best;
}

let shared: PdfWorkerPool | null = null;

/** The process-wide pool, started on first use. */
export function sharedPdfPool(): PdfWorkerPool {
  shared ??= new PdfWorkerPool();
  return shared;
}
