/**
 * A pool of worker threads that run pdf.js (./pdf-worker.ts), sized to the machine's cores, so
 * that the main thread (the app's IPC, the web bridge) never blocks on PDF parsing and large
 * PDFs are extracted on every core at once: a PDF of more than SPLIT_PAGES pages is cut into
 * one contiguous page range per worker, each worker opening the file itself (opening costs a
 * parse of the cross-reference table, small next to extracting the pages).
 *
 * Idle workers are `unref`ed, so a command-line process exits when its work is done without
 * closing the pool; `close()` terminates them for tests and app shutdown.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { STATUS_MESSAGES, type PdfExtraction, type PageRange } from './pdf-extract';
import type { PdfWorkerTask } from './pdf-worker';

/** Below this many pages a PDF goes to one worker: splitting would cost more opens than it saves. */
export const SPLIT_PAGES = 24;
/** Pages read by a first task when the page count cannot be read from the bytes: enough to match a record. */
export const FIRST_PAGES = 3;

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
}

/**
 * Starts a worker on pdf-worker. Compiled (.js), it is a plain file; from TypeScript sources
 * (tsx in the command line, vitest in tests) the worker first registers tsx's loader.
 */
function startWorker(): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `pdf-worker${ext}`);
  if (ext === '.js') return new Worker(file);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true });
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
   * Extracts a whole PDF, split across the workers when it is long. The page count is read
   * from the bytes first (`estimatePageCount`), so a short PDF is opened once and a long one is
   * split from the start; when the count is not visible (a compressed page tree), a short first
   * task reads it. A wrong estimate costs time, never pages: missing pages are fetched after.
   */
  async extract(bytes: Uint8Array, password?: string): Promise<PdfExtraction> {
    const pw = password !== undefined ? { password } : {};
    const estimate = this.size === 1 ? null : estimatePageCount(bytes);
    if (this.size === 1 || (estimate !== null && estimate <= SPLIT_PAGES)) return this.run({ data: bytes.slice(), ...pw });
    const all: PdfExtraction[] = [];
    let from = 0;
    let to = estimate ?? 0;
    if (estimate === null) {
      const first = await this.run({ data: bytes.slice(), ...pw, range: { start: 0, end: FIRST_PAGES } });
      if (first.status === 'encrypted' || first.pageCount <= FIRST_PAGES || first.pages.length === 0) return first;
      all.push(first);
      from = FIRST_PAGES;
      to = first.pageCount;
    }
    all.push(...(await Promise.all(splitRange(from, to, this.size).map((range) => this.run({ data: bytes.slice(), ...pw, range })))));
    const head = all[0]!;
    if (head.status === 'encrypted' || head.pages.length === 0) return head;
    if (head.pageCount > to) all.push(await this.run({ data: bytes.slice(), ...pw, range: { start: to, end: head.pageCount } }));
    const pages = all.flatMap((p) => p.pages);
    const damaged = all.find((p) => p.status === 'damaged');
    const anyText = pages.some((p) => p.text !== '');
    return {
      ...head,
      pages,
      status: damaged ? 'damaged' : anyText ? 'ok' : 'no-text',
      message: damaged ? damaged.message : anyText ? null : STATUS_MESSAGES.noText,
    };
  }

  /** Runs one task on the next free worker. */
  run(task: Omit<PdfWorkerTask, 'id'>): Promise<PdfExtraction> {
    if (this.closed) return Promise.reject(new Error('the PDF worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
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
    slot.worker.on('message', (msg: { id: number; result?: PdfExtraction; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      this.release(slot);
      if (msg.result) p.resolve(msg.result);
      else p.reject(new Error(msg.error ?? 'the PDF worker failed'));
    });
    slot.worker.on('error', (e) => this.fail(slot, e));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.fail(slot, new Error(`a PDF worker stopped (exit code ${code})`));
    });
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

/** `[start, end)` cut into `parts` contiguous ranges of (nearly) equal length. */
function splitRange(start: number, end: number, parts: number): PageRange[] {
  const chunk = Math.max(1, Math.ceil((end - start) / parts));
  const ranges: PageRange[] = [];
  for (let s = start; s < end; s += chunk) ranges.push({ start: s, end: Math.min(end, s + chunk) });
  return ranges;
}

/**
 * The page count a PDF declares in its page tree (the largest /Count of a /Type /Pages
 * dictionary written in the clear), or null when the tree is inside a compressed object
 * stream. A guess for scheduling only: incremental updates can leave stale trees behind.
 */
export function estimatePageCount(bytes: Uint8Array): number | null {
  const text = new TextDecoder('latin1').decode(bytes);
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
