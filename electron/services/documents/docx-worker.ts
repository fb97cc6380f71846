/**
 * Entry point of the thread that reads a Word file: receives the file's bytes, checks the zip
 * (./docx-inspect.ts) and runs mammoth's raw-text extraction, and posts back
 * `{text, messages}` or `{error, refused}`. One file per thread: the thread is started with a
 * heap limit and ended after the answer (./docx-extract.ts), so a file that still manages to
 * exhaust memory or loop takes only this thread down.
 */
import { parentPort } from 'node:worker_threads';
import mammoth from 'mammoth';
import { DocxRefused, inspectDocx } from './docx-inspect';

/** What the thread answers. */
export type DocxWorkerAnswer = { text: string; messages: string[] } | { error: string; refused: boolean };

parentPort?.once('message', (bytes: Uint8Array) => {
  const answer = (a: DocxWorkerAnswer) => parentPort?.postMessage(a);
  try {
    inspectDocx(bytes);
  } catch (e) {
    answer({ error: (e as Error).message, refused: e instanceof DocxRefused });
    return;
  }
  mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }).then(
    (r) => answer({ text: r.value, messages: r.messages.map((m) => m.message) }),
    (e: unknown) => answer({ error: e instanceof Error ? e.message : String(e), refused: false }),
  );
});
