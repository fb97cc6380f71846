/**
 * Highlight rectangles from extracted text items, for highlights made without a reader (the
 * command line, imports): the reader measures rectangles on the rendered text layer; here
 * they are estimated from pdf.js' item boxes.
 */

/** The part of a positioned text item the estimate needs (see PageItem in calls/documents). */
export interface PositionedItem {
  str: string;
  /** Baseline origin in PDF points, unrotated page, origin bottom-left. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where `str` starts in the page's text. */
  offset: number;
}

export interface PageRect {
  page: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * One rectangle per item overlapping the page-text range [start, end), cut in proportion to
 * the characters covered (glyph widths are unknown here, so a cut inside an item is an
 * estimate within a character or two). The box runs from a fifth of the height below the
 * baseline (descenders) to the item's top; zero-width items are skipped.
 */
export function rectsFromItems(items: readonly PositionedItem[], page: number, start: number, end: number): PageRect[] {
  const rects: PageRect[] = [];
  for (const item of items) {
    const len = item.str.length;
    if (len === 0 || item.w <= 0) continue;
    const from = Math.max(start, item.offset);
    const to = Math.min(end, item.offset + len);
    if (to <= from) continue;
    const x1 = item.x + (item.w * (from - item.offset)) / len;
    const x2 = item.x + (item.w * (to - item.offset)) / len;
    rects.push({ page, x1: round(x1), y1: round(item.y - item.h * 0.2), x2: round(x2), y2: round(item.y + item.h) });
  }
  return rects;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
