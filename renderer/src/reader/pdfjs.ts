/**
 * The one module that imports pdfjs-dist in the renderer: it points pdf.js at its worker
 * (served as a file from the app's own origin, which the CSP's `worker-src 'self'` allows)
 * and narrows the library to the interfaces in ./pdfjs-types.
 *
 * `isEvalSupported: false` keeps pdf.js from trying `new Function` for PostScript functions:
 * the CSP forbids eval, and the fallback interpreter draws the same thing.
 */
import { GlobalWorkerOptions, PDFWorker, TextLayer, getDocument } from 'pdfjs-dist';

import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfDocument, PdfEngine, PdfTextLayer } from './pdfjs-types';

/** Where the build puts pdf.js's fonts, CMaps, ICC profiles and wasm decoders (see vite.config.mts). */
const assetUrl = (dir: string) => new URL(`./pdfjs/${dir}/`, document.baseURI).href;
const PDFJS_ASSETS = {
  standardFontDataUrl: assetUrl('standard_fonts'),
  cMapUrl: assetUrl('cmaps'),
  cMapPacked: true,
  iccUrl: assetUrl('iccs'),
  wasmUrl: assetUrl('wasm'),
};

let worker: PDFWorker | null = null;

/**
 * One pdf.js worker for the page's lifetime, started on first use. Starting it costs a few
 * hundred milliseconds (a 1.2 MB script to load and compile), so the reader calls `warmUp`
 * as soon as a document is chosen, while the bytes are still on their way.
 */
function sharedWorker(): PDFWorker {
  if (!worker || worker.destroyed) {
    GlobalWorkerOptions.workerSrc = workerUrl;
    worker = new PDFWorker();
  }
  return worker;
}

/** The real pdf.js behind the reader's `PdfEngine` interface. */
export const pdfjsEngine: PdfEngine = {
  warmUp() {
    void sharedWorker().promise;
  },
  async open(data, password) {
    const task = getDocument({ data, worker: sharedWorker(), isEvalSupported: false, ...PDFJS_ASSETS, ...(password ? { password } : {}) });
    const doc = await task.promise;
    return { doc: doc as unknown as PdfDocument, destroy: () => task.destroy() };
  },
  createTextLayer({ textContentSource, container, viewport }) {
    const layer = new TextLayer({
      textContentSource: textContentSource as ConstructorParameters<typeof TextLayer>[0]['textContentSource'],
      container,
      viewport: viewport as ConstructorParameters<typeof TextLayer>[0]['viewport'],
    });
    return layer satisfies PdfTextLayer;
  },
};
