/**
 * Extracts the text of a PDF (or of a range of its pages) with pdf.js. This module blocks its
 * thread while pdf.js parses, so the app runs it inside worker threads (./pdf-worker.ts,
 * ./worker-pool.ts); tests and the worker call it directly.
 *
 * Failures become a status, never an exception: an encrypted PDF without the right password
 * is `encrypted`, a file pdf.js cannot parse (truncated, not a PDF) is `damaged`, a PDF whose
 * pages carry no text at all (an image-only scan) is `no-text`.
 */
import path from 'node:path';
import { buildPackedPageText, type RawTextItem } from '../../../shared/documents/page-text';
import { PASSWORD_INCORRECT, type PdfjsModule } from './pdfjs-types';

/** One extracted PDF page (page index 0-based). */
export interface ExtractedPdfPage {
  index: number;
  text: string;
  width: number;
  height: number;
  rotation: number;
  /**
   * The page's text items with their positions, packed as numbers (PACKED_ITEM_SIZE per item,
   * see shared/documents/page-text.ts): one buffer a worker can transfer instead of copying
   * thousands of objects; `unpackItems(text, items)` gives PageItem objects.
   */
  items: Float64Array;
}

/** What extracting (part of) a PDF gave. */
export interface PdfExtraction {
  status: 'ok' | 'no-text' | 'encrypted' | 'damaged';
  message: string | null;
  pageCount: number;
  pages: ExtractedPdfPage[];
  /** The document information dictionary's Title, if it looks like a real title. */
  title: string | null;
  /** DOIs found in the metadata (info dictionary and XMP), not yet normalised. */
  metadataDois: string[];
  /** Pages (1-based) pdf.js failed on: kept, empty, in `pages`; they make the status `damaged`. */
  failedPages: number[];
}

/** Which pages to extract: 0-based, `end` exclusive; omitted means all. */
export interface PageRange {
  start: number;
  end: number;
}

/** How to extract (see extractPdf). */
export interface ExtractOptions {
  password?: string;
  /** A fixed range of pages (all by default). */
  range?: PageRange;
  /**
   * Pages are taken one at a time from `claim`, which returns the next 0-based page index to
   * extract or -1 when none is left: workers sharing one counter split a document between them
   * however long each page takes. Overrides `range`.
   */
  claim?: (pageCount: number) => number;
  /** Called as soon as the document is open, with its page count, before any page is read. */
  onOpen?: (pageCount: number) => void;
  /** Read the title and DOIs from the metadata (default: unless the range starts after page 1). */
  metadata?: boolean;
}

let pdfjsPromise: Promise<PdfjsModule> | null = null;

/**
 * pdf.js, loaded once per thread (it is an ES module; this file compiles to CommonJS), with its
 * worker half loaded up front: pdf.js in Node runs its parser in the same thread ("fake
 * worker") and takes it from `globalThis.pdfjsWorker` when set, instead of importing it on the
 * first `getDocument`.
 *
 * The legacy build carries core-js polyfills, and on Node 20 some replace built-ins that work
 * for everything we do: `Array.prototype.push` (for an edge case of non-writable lengths) and
 * `JSON.stringify` / `JSON.parse` (for `JSON.rawJSON` and parse-with-source, which nothing here
 * uses). The replacements are JavaScript and several times slower, and they would slow every
 * array and JSON call of the whole thread, ours included; the native ones are put back once
 * pdf.js has loaded. Polyfills for things Node 20 lacks (iterator helpers, Set methods,
 * `Promise.try`, `Uint8Array` base64) stay.
 *
 * Source maps are off while pdf.js loads: run from the TypeScript sources (the command line,
 * tests), tsx turns them on, and Node would then parse pdf.js's 8 MB of maps in every thread
 * that loads it, doubling the ~0.6 s of CPU the load costs.
 */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    try {
      const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsModule;
      // @ts-expect-error the worker half ships without type declarations
      const worker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as unknown;
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    } finally {
      process.setSourceMapsEnabled(sourceMaps);
      Array.prototype.push = natives.push;
      JSON.stringify = natives.stringify;
      JSON.parse = natives.parse;
    }
  })();
  return pdfjsPromise;
}

/** The pdfjs-dist folder, for its standard fonts, CMaps and wasm decoders. */
function pdfjsDir(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

/** Messages shown to the user for each failure (kept here so the CLI and UI say the same). */
export const STATUS_MESSAGES = {
  needPassword: 'This PDF is encrypted: give its password to read it.',
  wrongPassword: 'This PDF is encrypted and the password given is not right.',
  noText: 'no text: needs OCR (the pages are images without a text layer); the PDF can still be viewed.',
} as const;

/**
 * Extracts `range` (all pages by default) of the PDF in `data`. `data` is read, not kept; pdf.js
 * may detach its buffer, so pass a copy you do not need again.
 */
export async function extractPdf(data: Uint8Array, options: ExtractOptions = {}): Promise<PdfExtraction> {
  const pdfjs = await loadPdfjs();
  const dir = pdfjsDir();
  const task = pdfjs.getDocument({
    data,
    ...(options.password !== undefined ? { password: options.password } : {}),
    standardFontDataUrl: `${path.join(dir, 'standard_fonts')}${path.sep}`,
    cMapUrl: `${path.join(dir, 'cmaps')}${path.sep}`,
    cMapPacked: true,
    wasmUrl: `${path.join(dir, 'wasm')}${path.sep}`,
    verbosity: 0, // errors only: "Indexing all PDF objects" and font warnings are not the user's business
    isEvalSupported: false,
    useSystemFonts: false,
  });
  const empty = { pageCount: 0, pages: [], title: null, metadataDois: [], failedPages: [] };
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const err = e as { name?: string; code?: number; message?: string };
    if (err.name === 'PasswordException') {
      const message = err.code === PASSWORD_INCORRECT ? STATUS_MESSAGES.wrongPassword : STATUS_MESSAGES.needPassword;
      return { status: 'encrypted', message, ...empty };
    }
    return { status: 'damaged', message: `The PDF is damaged and could not be read (${err.message ?? String(e)}).`, ...empty };
  }
  try {
    const pageCount = doc.numPages;
    options.onOpen?.(pageCount);
    const start = Math.max(0, options.range?.start ?? 0);
    const end = Math.min(pageCount, options.range?.end ?? pageCount);
    let cursor = start;
    const next = options.claim ? () => options.claim!(pageCount) : () => (cursor < end ? cursor++ : -1);
    const pages: ExtractedPdfPage[] = [];
    const failed: number[] = [];
    for (let i = next(); i >= 0; i = next()) {
      try {
        const page = await doc.getPage(i + 1);
        const content = await page.getTextContent();
        const built = buildPackedPageText(content.items.filter((it): it is RawTextItem => 'str' in it));
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        pages.push({ index: i, text: built.text, width: x1 - x0, height: y1 - y0, rotation: ((page.rotate % 360) + 360) % 360, items: Float64Array.from(built.packed) });
        page.cleanup();
      } catch {
        failed.push(i + 1);
        pages.push({ index: i, text: '', width: 0, height: 0, rotation: 0, items: new Float64Array(0) });
      }
    }
    const meta = (options.metadata ?? !(options.range && options.range.start > 0)) ? await readMetadata(doc) : null;
    const anyText = pages.some((p) => p.text.trim() !== '');
    let status: PdfExtraction['status'] = 'ok';
    let message: string | null = null;
    if (failed.length > 0) {
      status = 'damaged';
      message = damagedPagesMessage(failed);
    } else if (!anyText) {
      status = 'no-text';
      message = STATUS_MESSAGES.noText;
    }
    return { status, message, pageCount, pages, title: meta?.title ?? null, metadataDois: meta?.dois ?? [], failedPages: failed };
  } finally {
    await doc.destroy();
  }
}

/** The message for pages pdf.js could not read (1-based numbers). */
export function damagedPagesMessage(failed: readonly number[]): string {
  return `The PDF is damaged: page${failed.length > 1 ? 's' : ''} ${failed.join(', ')} could not be read.`;
}

async function readMetadata(doc: { getMetadata: () => Promise<{ info: Record<string, unknown>; metadata: { getAll(): Record<string, unknown> } | null }> }) {
  try {
    const { info, metadata } = await doc.getMetadata();
    const values = [...Object.values(info), ...Object.values(metadata?.getAll() ?? {})].filter((v): v is string => typeof v === 'string');
    const dois = values.flatMap((v) => v.match(/10\.\d{4,9}\/[^\s"<>]+/g) ?? []);
    const raw = typeof info.Title === 'string' ? info.Title.trim() : '';
    // Producers often write a file name or "untitled" here; keep only title-like text.
    const title = raw.length >= 8 && !/\.(pdf|docx?|tex|indd)$/i.test(raw) && !/^untitled|^microsoft word/i.test(raw) ? raw : null;
    return { title, dois };
  } catch {
    return { title: null, dois: [] };
  }
}
