/**
 * Where a REFI-QDA selection lies in the text of the document the import stored: a text
 * selection by its code point positions, checked against the quote they cover and found again
 * by the quote when the app's normalised text moved it; a PDF selection by our stored
 * position, its text, or the text items inside its box (a scan: the box itself).
 */
import { buildSelectors } from '../../../shared/anchoring/selectors';
import { matchQuote } from '../../../shared/anchoring/match-quote';
import { pageAtOffset, pageOffsets } from '../../../shared/documents/text-layout';
import { fromCodePoints } from '../../../shared/interchange/positions';
import type { QdePdfSelection, QdeSource, QdeTextSelection } from '../../../shared/interchange/qde-model';
import type { PageItem } from '../../../shared/api/calls/documents';
import type { Extraction } from '../documents/document-service';

/** A source read from the archive, ready to store (./qdpx-import.ts). */
export interface Prepared {
  source: QdeSource;
  kind: 'pdf' | 'text';
  fileName: string;
  bytes: Uint8Array;
  extraction: Extraction;
  /** The text the file's selections count in (REFI-QDA positions), before our normalisation. */
  originalText: string;
}

/** Where a selection was placed: offsets in the stored text, its page, quote and boxes. */
export interface Placed {
  start: number;
  end: number;
  pageIndex: number;
  quote: string;
  rects: Array<{ page: number; x1: number; y1: number; x2: number; y2: number }>;
  status: 'anchored' | 'fuzzy' | 'orphaned';
}

type PageRow = { index: number; text: string; textOffset: number; height: number | null; items: string | null };

/** Where a selection lies in the stored document's text (see the module comment); null when nowhere. */
export function placeSelection(sel: QdeTextSelection | QdePdfSelection, p: Prepared, text: string, pages: PageRow[]): Placed | null {
  const pageOfOffset = (o: number) => pages[Math.max(0, pageAtOffset(pages, o))]?.index ?? 0;
  if (sel.type === 'text') {
    const start = fromCodePoints(p.originalText, sel.start);
    const end = fromCodePoints(p.originalText, sel.end);
    if (end > p.originalText.length) return null;
    const selectors = buildSelectors(p.originalText, start, end);
    if (selectors.quote.trim() === '') return null;
    const hint = Math.min(start, text.length);
    if (text.slice(start, end) === selectors.quote) return { start, end, pageIndex: pageOfOffset(start), quote: selectors.quote, rects: [], status: 'anchored' };
    const found = matchQuote(text, selectors, hint);
    if (!found) return null;
    return { start: found.start, end: found.end, pageIndex: pageOfOffset(found.start), quote: text.slice(found.start, found.end), rects: [], status: 'anchored' };
  }
  const page = pages.find((x) => x.index === sel.page);
  const height = page?.height ?? 792;
  const rects = p.kind === 'pdf' ? [{ page: sel.page, x1: sel.firstX, y1: height - sel.secondY, x2: sel.secondX, y2: height - sel.firstY }] : [];
  if (sel.position && text.slice(sel.position.start, sel.position.end) === (sel.text ?? '') && sel.position.end > sel.position.start) {
    return { start: sel.position.start, end: sel.position.end, pageIndex: sel.page, quote: sel.text ?? '', rects, status: 'anchored' };
  }
  const quote = (sel.text ?? '').trim();
  if (quote) {
    const found = matchQuote(text, { quote, prefix: '', suffix: '' }, page?.textOffset ?? 0);
    if (found) return { start: found.start, end: found.end, pageIndex: p.kind === 'pdf' ? sel.page : pageOfOffset(found.start), quote: text.slice(found.start, found.end), rects, status: 'anchored' };
  }
  // No text given: the text items inside the box.
  if (page?.items) {
    const items = JSON.parse(page.items) as PageItem[];
    let from = Infinity;
    let to = -1;
    for (const it of items as unknown as Array<{ str: string; x: number; y: number; w: number; h: number; offset: number }>) {
      const top = height - (it.y + it.h);
      const bottom = height - it.y;
      const inside = it.x + it.w > sel.firstX && it.x < sel.secondX && bottom > sel.firstY && top < sel.secondY;
      if (inside && typeof it.offset === 'number') {
        from = Math.min(from, it.offset);
        to = Math.max(to, it.offset + it.str.length);
      }
    }
    if (to > from) {
      const start = page.textOffset + from;
      const end = page.textOffset + to;
      return { start, end, pageIndex: sel.page, quote: text.slice(start, end), rects, status: 'anchored' };
    }
  }
  if (p.kind === 'pdf' && text.trim() === '') {
    // A scan: the box is the highlight.
    const offset = pageOffsets(pages)[pages.findIndex((x) => x.index === sel.page)] ?? 0;
    return { start: offset, end: offset, pageIndex: sel.page, quote: sel.text ?? sel.name, rects, status: 'anchored' };
  }
  return null;
}
