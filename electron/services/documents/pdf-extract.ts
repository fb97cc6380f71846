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
import { buildPageText, type RawTextItem } from '../../../shared/documents/page-text';
import type { PageItem } from '../../../shared/api/calls/documents';
import { PASSWORD_INCORRECT, type PdfjsModule } from './pdfjs-types';

/** One extracted PDF page (page index 0-based). */
export interface ExtractedPdfPage {
  index: number;
  text: string;
  width: number;
  height: number;
  rotation: number;
  items: PageItem[];
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
}

/** Which pages to extract: 0-based, `end` exclusive; omitted means all. */
export interface PageRange {
  start: number;
  end: number;
}

let pdfjsPromise: Promise<PdfjsModule> | null = null;

/** pdf.js, loaded once per thread (it is an ES module; this file compiles to CommonJS). */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfjsModule>;
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
export async function extractPdf(data: Uint8Array, options: { password?: string; range?: PageRange } = {}): Promise<PdfExtraction> {
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
  const empty = { pageCount: 0, pages: [], title: null, metadataDois: [] };
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
    const start = Math.max(0, options.range?.start ?? 0);
    const end = Math.min(pageCount, options.range?.end ?? pageCount);
    const pages: ExtractedPdfPage[] = [];
    const failed: number[] = [];
    for (let i = start; i < end; i++) {
      try {
        const page = await doc.getPage(i + 1);
        const content = await page.getTextContent();
        const built = buildPageText(content.items.filter((it): it is RawTextItem => 'str' in it));
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        pages.push({ index: i, text: built.text, width: x1 - x0, height: y1 - y0, rotation: ((page.rotate % 360) + 360) % 360, items: built.items });
        page.cleanup();
      } catch {
        failed.push(i + 1);
        pages.push({ index: i, text: '', width: 0, height: 0, rotation: 0, items: [] });
      }
    }
    const meta = options.range && options.range.start > 0 ? null : await readMetadata(doc);
    const anyText = pages.some((p) => p.text.trim() !== '');
    let status: PdfExtraction['status'] = 'ok';
    let message: string | null = null;
    if (failed.length > 0) {
      status = 'damaged';
      message = `The PDF is damaged: page${failed.length > 1 ? 's' : ''} ${failed.join(', ')} could not be read.`;
    } else if (!anyText) {
      status = 'no-text';
      message = STATUS_MESSAGES.noText;
    }
    return { status, message, pageCount, pages, title: meta?.title ?? null, metadataDois: meta?.dois ?? [] };
  } finally {
    await doc.destroy();
  }
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
