/**
 * Rectangles between the screen and PDF user space. Highlights are stored in PDF points
 * (zoom-free, STYLE.md point 5) and drawn through the current viewport, so they stay on the
 * same words at any zoom and on rotated pages.
 */
import type { PdfViewport } from './pdfjs-types';

/** A rectangle in PDF points on one page (zero-based `page`), corners normalised x1<x2, y1<y2. */
export interface PdfRect {
  page: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A box in CSS pixels relative to the page's top-left corner. */
export interface CssBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A client rect narrower or lower than this (CSS px) is a caret or a line break, not text. */
const MIN_BOX_PX = 0.5;

/**
 * Client rects (from `Range.getClientRects`) -> PDF rectangles on `page`, merged per line.
 * `origin` is the page box's client position. Rects on the same line (vertical overlap of at
 * least half the smaller height) that touch or nearly touch (gap under one line height) merge,
 * so a selected line is one rectangle rather than one per word.
 */
export function toPdfRects(clientRects: Iterable<DOMRectReadOnly>, origin: { left: number; top: number }, viewport: PdfViewport, page: number): PdfRect[] {
  const boxes: CssBox[] = [];
  for (const r of clientRects) {
    if (r.width < MIN_BOX_PX || r.height < MIN_BOX_PX) continue;
    boxes.push({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height });
  }
  const merged = mergeLineBoxes(boxes);
  return merged.map((b) => {
    const [ax, ay] = viewport.convertToPdfPoint(b.left, b.top) as [number, number];
    const [bx, by] = viewport.convertToPdfPoint(b.left + b.width, b.top + b.height) as [number, number];
    return { page, x1: round2(Math.min(ax, bx)), y1: round2(Math.min(ay, by)), x2: round2(Math.max(ax, bx)), y2: round2(Math.max(ay, by)) };
  });
}

/** A PDF rectangle -> a CSS box in the viewport (the page's rotation applied). */
export function toCssBox(rect: PdfRect, viewport: PdfViewport): CssBox {
  const [ax, ay, bx, by] = viewport.convertToViewportRectangle([rect.x1, rect.y1, rect.x2, rect.y2]) as [number, number, number, number];
  return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/** Merges boxes that sit on one line and touch; keeps reading order (top to bottom, left to right). */
export function mergeLineBoxes(boxes: CssBox[]): CssBox[] {
  const sorted = [...boxes].sort((p, q) => p.top - q.top || p.left - q.left);
  const out: CssBox[] = [];
  for (const b of sorted) {
    const prev = out.find((o) => sameLine(o, b) && touches(o, b));
    if (!prev) {
      out.push({ ...b });
      continue;
    }
    const left = Math.min(prev.left, b.left);
    const top = Math.min(prev.top, b.top);
    prev.width = Math.max(prev.left + prev.width, b.left + b.width) - left;
    prev.height = Math.max(prev.top + prev.height, b.top + b.height) - top;
    prev.left = left;
    prev.top = top;
  }
  return out;
}

function sameLine(p: CssBox, q: CssBox): boolean {
  const overlap = Math.min(p.top + p.height, q.top + q.height) - Math.max(p.top, q.top);
  return overlap >= 0.5 * Math.min(p.height, q.height);
}

function touches(p: CssBox, q: CssBox): boolean {
  const gap = Math.max(p.left, q.left) - Math.min(p.left + p.width, q.left + q.width);
  return gap <= Math.max(p.height, q.height);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
