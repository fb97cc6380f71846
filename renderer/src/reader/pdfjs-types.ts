/**
 * The part of pdf.js the reader uses, typed here once (STYLE.md point 7). The reader's code
 * depends only on these interfaces, so a test can hand it a fake document; `pdfjs.ts` is the
 * one file that imports pdfjs-dist and narrows it to these shapes.
 *
 * Coordinates: PDF user space is in points (1/72 inch) with the origin at the bottom left;
 * a viewport maps it to CSS pixels at a scale, with the page's /Rotate applied, so a rotated
 * page is drawn upright.
 */

/** A page at a given scale and rotation (pdf.js `PageViewport`). */
export interface PdfViewport {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly rotation: number;
  /** CSS pixels within the page box -> PDF points `[x, y]`. */
  convertToPdfPoint(x: number, y: number): number[];
  /** PDF rectangle `[x1, y1, x2, y2]` -> the same corners in CSS pixels (not normalised). */
  convertToViewportRectangle(rect: number[]): number[];
}

/** A task whose work can be cancelled (canvas rendering). */
export interface PdfRenderTask {
  readonly promise: Promise<void>;
  cancel(): void;
}

/** One run of text as pdf.js extracted it; `str` is what its text-layer span will show. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
}

/** A page's text items; marked-content markers have no `str` and are skipped. */
export interface PdfTextContent {
  items: Array<PdfTextItem | { type: string }>;
}

export interface PdfPage {
  /** Zero-based index of the page (pdf.js uses one-based `pageNumber`). */
  readonly pageNumber: number;
  /** The page's /Rotate in degrees. */
  readonly rotate: number;
  getViewport(params: { scale: number; rotation?: number }): PdfViewport;
  render(params: { canvasContext: CanvasRenderingContext2D; viewport: PdfViewport; transform?: number[] }): PdfRenderTask;
  getTextContent(): Promise<PdfTextContent>;
  /** Frees the page's decoded resources (fonts, images) when it scrolls far away. */
  cleanup(): boolean;
}

/** An entry of the document outline (bookmarks); `dest` is a named or explicit destination. */
export interface PdfOutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: PdfOutlineNode[];
}

export interface PdfDocument {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  getOutline(): Promise<PdfOutlineNode[] | null>;
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: unknown): Promise<number>;
}

/** A pdf.js text layer bound to one container (pdf.js `TextLayer`). */
export interface PdfTextLayer {
  render(): Promise<void>;
  cancel(): void;
}

/** What the loader offers: open bytes, and build a text layer. */
export interface PdfEngine {
  /** Starts the worker ahead of `open`, so its start-up overlaps the fetching of the bytes. */
  warmUp(): void;
  /** Opens a PDF; `password` for an encrypted file. `destroy` frees the worker's copy. */
  open(data: Uint8Array, password?: string): Promise<{ doc: PdfDocument; destroy: () => Promise<void> }>;
  createTextLayer(params: { textContentSource: PdfTextContent; container: HTMLElement; viewport: PdfViewport }): PdfTextLayer;
}
