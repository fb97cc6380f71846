/**
 * The one module that imports pdfjs-dist in the renderer: it points pdf.js at its worker
 * (served as a file from the app's own origin, which the CSP's `worker-src 'self'` allows)
 * and narrows the library to the interfaces in ./pdfjs-types.
 *
 * `isEvalSupported: false` keeps pdf.js from trying `new Function` for PostScript functions:
 * the CSP forbids eval, and the fallback interpreter draws the same thing.
 */
import { GlobalWorkerOptions, TextLayer, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfDocument, PdfEngine, PdfTextLayer } from './pdfjs-types';

let configured = false;

function configure(): void {
  if (configured) return;
  GlobalWorkerOptions.workerSrc = workerUrl;
  configured = true;
}

/** The real pdf.js behind the reader's `PdfEngine` interface. */
export const pdfjsEngine: PdfEngine = {
  async open(data, password) {
    configure();
    const task = getDocument({ data, isEvalSupported: false, ...(password ? { password } : {}) });
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
