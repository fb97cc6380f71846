/**
 * Makes pdf.js cheaper to run in a thread that does nothing else (a PDF worker of the pool).
 * pdf.js in Node has no worker of its own: its "fake worker" runs the parser in the same
 * thread and talks to it through a loopback port, and a profile of extracting the 117-page
 * fixture (bench:pdf) shows where the time goes besides parsing:
 *
 *  - the loopback port `structuredClone`s every message, and text content travels as one
 *    message per chunk of items: ~30% of the CPU. Both ends live in this thread, so a text
 *    chunk (a stream message carrying `chunk.items`) is passed with its two outer objects
 *    copied and its items shared: after sending, pdf.js replaces the chunk's `items` and
 *    `styles` with new ones but never changes the sent ones. Every other message is cloned as
 *    before, so buffers are detached exactly as pdf.js expects.
 *  - content streams and embedded fonts are inflated through `DecompressionStream`, which in
 *    Node is zlib behind web streams: several asynchronous hops per stream, ~25% of the CPU.
 *    A stand-in with the same interface inflates with zlib's synchronous call instead. A stream
 *    zlib refuses (truncated, damaged) makes it throw, as the real one does, and pdf.js then
 *    falls back to its own inflate, which tolerates more.
 *
 * Call `tunePdfjsThread()` once, before pdf.js is loaded, and only in a thread that runs
 * nothing but pdf.js text extraction: both changes are global to the thread.
 */
import zlib from 'node:zlib';

/** Each inflated stream is capped (a bomb of a content stream fails and falls back to pdf.js). */
const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

const INFLATERS: Record<string, (input: Uint8Array) => Buffer> = {
  deflate: (b) => zlib.inflateSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
  'deflate-raw': (b) => zlib.inflateRawSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
  gzip: (b) => zlib.gunzipSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
  brotli: (b) => zlib.brotliDecompressSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
};

/**
 * The part of `DecompressionStream` pdf.js uses: `writable.getWriter()` with `ready`, `write`,
 * `close`, and `readable` iterated with `for await`. The whole input arrives in one `write`;
 * the output is one chunk.
 */
export class SyncDecompressionStream {
  readonly writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    const inflate = INFLATERS[format];
    if (!inflate) throw new TypeError(`Unsupported compression format: ${format}`);
    const chunks: Uint8Array[] = [];
    let closed = false;
    let wake: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (wake = resolve));
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: (chunk) => {
          chunks.push(chunk);
          return Promise.resolve();
        },
        close: () => {
          closed = true;
          wake();
          return Promise.resolve();
        },
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        // pdf.js writes everything before it reads; wait for the close only if it has not.
        if (chunks.length === 0 && !closed) await done;
        const input = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const out = inflate(input);
        yield new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      },
    };
  }
}

/** A message of pdf.js's stream protocol carrying a chunk of text content items. */
function isTextChunkMessage(v: unknown): v is { streamId: unknown; chunk: { items: unknown[] } } {
  if (typeof v !== 'object' || v === null || !('streamId' in v) || !('chunk' in v)) return false;
  const chunk = (v as { chunk: unknown }).chunk;
  return typeof chunk === 'object' && chunk !== null && Array.isArray((chunk as { items?: unknown }).items);
}

let tuned = false;

/** Applies both changes (see the module comment) to this thread, once. */
export function tunePdfjsThread(): void {
  if (tuned) return;
  tuned = true;
  const nativeClone = globalThis.structuredClone;
  globalThis.structuredClone = ((value: unknown, options?: { transfer?: unknown[] }) =>
    !options?.transfer?.length && isTextChunkMessage(value)
      ? { ...value, chunk: { ...value.chunk } }
      : nativeClone(value, options as Parameters<typeof structuredClone>[1])) as typeof structuredClone;
  (globalThis as { DecompressionStream?: unknown }).DecompressionStream = SyncDecompressionStream;
}
