/**
 * How a document's text is laid out from its pages. This is a convention shared by the text
 * extraction (which stores `pages.text_offset`), the anchoring maths (TextPosition selectors
 * count characters in the document's text) and the reader (which maps a selection on a page
 * back to a document offset). Change it and every stored excerpt's position is wrong: don't.
 */

/**
 * Pages are joined by a blank line. Two characters rather than one so that a quote spanning a
 * page break reads as two paragraphs and a fuzzy quote match never glues the last word of one
 * page to the first word of the next.
 */
export const PAGE_SEPARATOR = '\n\n';

/** The least a page needs for the layout functions (DocumentPage has more). */
export interface LaidOutPage {
  text: string;
  textOffset: number;
}

/** The document's full text: every page's text in order, joined by PAGE_SEPARATOR. */
export function documentText(pages: readonly { text: string }[]): string {
  return pages.map((p) => p.text).join(PAGE_SEPARATOR);
}

/**
 * The offsets at which each page starts in `documentText(pages)`: page 0 at 0, page i at the
 * end of page i-1 plus the separator's length. The extraction stores these as `textOffset`.
 */
export function pageOffsets(pages: readonly { text: string }[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const p of pages) {
    offsets.push(at);
    at += p.text.length + PAGE_SEPARATOR.length;
  }
  return offsets;
}

/**
 * The index (in `pages`, which must be in page order) of the page holding document offset
 * `offset`, or -1 for an empty document or a negative offset. An offset that falls in the
 * separator after a page belongs to that page (a selection ending at a page's last character
 * has its end there); an offset past the end belongs to the last page.
 */
export function pageAtOffset(pages: readonly LaidOutPage[], offset: number): number {
  if (pages.length === 0 || offset < 0) return -1;
  let lo = 0;
  let hi = pages.length - 1;
  // Binary search for the last page starting at or before `offset`.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid]!.textOffset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
