/**
 * Makes pdf.js cheaper to run in a thread that does nothing else (a PDF worker of the pool).
 * pdf.js in Node has no worker of its own: its "fake worker" runs the parser in the same
 * thread and talks to it through a loopback port, and a profile of extracting the 117-page
 * fixture (bench:pdf) shows where the time goes besides parsing:
 *
 *  - the loopback port `structuredClone`s every message: ~30% of the CPU. Text content travels
 *    as a stream of small chunks, each with three messages (the chunk, a pull and a pull
 *    complete: ~80 per page), and a native clone has a high fixed cost per call. Both ends
 *    live in this thread, so two kinds of message are copied in JavaScript instead: a flat
 *    message (every field a number, string, boolean or null: the stream's control messages)
 *    is copied field by field, which is exactly what a clone gives; a text chunk (a stream
 *    message carrying `chunk.items`) gets its two outer objects copied and its items shared,
 *    since after sending pdf.js replaces the chunk's `items` and `styles` with new ones and
 *    never changes the sent ones. Every other message, and any with a transfer list, is cloned
 *    natively as before, so buffers are detached exactly as pdf.js expects.
 *  - content streams and embedded fonts are inflated through `DecompressionStream`, which in
 *    Node is zlib behind web streams: several asynchronous hops per stream, ~25% of the CPU.
 *    A stand-in with the same interface inflates with zlib's synchronous call instead. A stream
 *    zlib refuses (truncated, damaged) makes it throw, as the real one does, and pdf.js then
 *    falls back to its own inflate, which tolerates more.
 *
 *  - on loading, pdf.js requires the native `@napi-rs/canvas` (~250 ms of CPU per thread) for
 *    the DOMMatrix, ImageData and Path2D it draws with. These threads never draw, so the
 *    package is answered with an empty module and the three names get inert stand-ins
 *    (pdf.js constructs one DOMMatrix at load time, and warns on stdout when they are missing,
 *    which would spoil `--json` output).
 *
 * Call `tunePdfjsThread()` once, before pdf.js is loaded, and only in a thread that runs
 * nothing but pdf.js text extraction: both changes are global to the thread.
 */
import Module from 'node:module';
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

/** A plain object whose fields are all primitives (a copy of it is a structured clone of it). */
function isFlatMessage(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key in v) {
    const field = (v as Record<string, unknown>)[key];
    if ((typeof field === 'object' && field !== null) || typeof field === 'function' || typeof field === 'symbol' || typeof field === 'bigint') return false;
  }
  return true;
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
  globalThis.structuredClone = ((value: unknown, options?: { transfer?: unknown[] }) => {
    if (!options?.transfer?.length) {
      if (isTextChunkMessage(value)) return { ...value, chunk: { ...value.chunk } };
      if (isFlatMessage(value)) return { ...value };
    }
    return nativeClone(value, options as Parameters<typeof structuredClone>[1]);
  }) as typeof structuredClone;
  (globalThis as { DecompressionStream?: unknown }).DecompressionStream = SyncDecompressionStream;
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@napi-rs/canvas' ? {} : load.call(this, request, ...rest);
  };
  const globals = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) globals[name] ??= class {};
}
