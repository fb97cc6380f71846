/**
 * Highlighting a quote by its words alone (the command line, the demo, imports): the quote is
 * found in the document's text with the shared anchoring maths, the way the reader's own
 * selections are checked, and stored through `createExcerpt`.
 */
import { AppError } from '../../../shared/api/errors';
import { excerptsRequests, type HighlightOutput } from '../../../shared/api/calls/excerpts';
import { matchQuote } from '../../../shared/anchoring/match-quote';
import { normaliseText } from '../../../shared/anchoring/normalise';
import { rectsFromItems, type PositionedItem } from '../../../shared/anchoring/rects';
import { parseStoredItems } from '../../../shared/documents/page-text';
export type { HighlightOutput };
import type { ProjectStore } from '../store/project-store';
import { createExcerpt, loadDocumentText, type DocumentText } from './excerpt-service';

/**
 * Finds `quote` in the document's text and stores it as a highlight. With `pageIndex`, the
 * quote is looked for on that page first, then in the whole document; without it, the first
 * best match in the document wins. Rectangles are estimated from the page's text items.
 * NOT_FOUND when the quote is not in the text, even approximately.
 */
export function highlightQuote(
  store: ProjectStore,
  req: { documentId: string; quote: string; pageIndex?: number | undefined; note?: string | undefined; color?: string | undefined },
): HighlightOutput {
  const doc = loadDocumentText(store, req.documentId);
  if (doc.text.length === 0) {
    throw new AppError('NOT_FOUND', `Document ${req.documentId} has no extracted text (a scan without OCR?), so a quote cannot be found in it.`);
  }
  const found = findQuote(doc, req.quote, req.pageIndex);
  if (!found) {
    const where = req.pageIndex === undefined ? '' : ` (looked on page ${req.pageIndex + 1} first, then everywhere)`;
    throw new AppError(
      'NOT_FOUND',
      `The quote "${oneLine(req.quote, 80)}" was not found in document ${req.documentId} "${doc.title}"${where}.`,
    );
  }
  const pageIndex = pageIndexAt(doc, found.start);
  const page = doc.pages.find((p) => p.index === pageIndex);
  const rects = page ? rectsFromItems(readItems(store, doc.id, pageIndex), pageIndex, found.start - page.textOffset, found.end - page.textOffset) : [];
  const request = excerptsRequests['excerpts:create'].safeParse({
    documentId: doc.id,
    pageIndex,
    start: found.start,
    end: found.end,
    quote: doc.text.slice(found.start, found.end),
    prefix: '',
    suffix: '',
    rects,
    ...(req.note !== undefined ? { note: req.note } : {}),
    ...(req.color !== undefined ? { color: req.color } : {}),
  });
  if (!request.success) {
    throw new AppError('VALIDATION', request.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  }
  const excerpt = createExcerpt(store, request.data);
  return {
    excerptId: excerpt.id,
    documentId: doc.id,
    page: excerpt.pageIndex + 1,
    pageIndex: excerpt.pageIndex,
    start: excerpt.start,
    end: excerpt.end,
    quote: excerpt.quote,
    match: excerpt.quote === req.quote ? 'exact' : normaliseText(excerpt.quote).text === normaliseText(req.quote).text ? 'normalised' : 'fuzzy',
    score: found.score,
  };
}

/** The quote on the preferred page first (offsets shifted to the document), then anywhere. */
function findQuote(doc: DocumentText, quote: string, pageIndex: number | undefined): { start: number; end: number; score: number } | null {
  const selector = { quote, prefix: '', suffix: '' };
  if (pageIndex !== undefined) {
    const page = doc.pages.find((p) => p.index === pageIndex);
    if (!page) throw new AppError('NOT_FOUND', `Document ${doc.id} has no page ${pageIndex + 1} (it has ${doc.pages.length}).`);
    const onPage = matchQuote(page.text, selector);
    if (onPage) return { start: onPage.start + page.textOffset, end: onPage.end + page.textOffset, score: onPage.score };
  }
  return matchQuote(doc.text, selector);
}

function pageIndexAt(doc: DocumentText, offset: number): number {
  let index = doc.pages[0]?.index ?? 0;
  for (const p of doc.pages) if (p.textOffset <= offset) index = p.index;
  return index;
}

/** A page's positioned text items (pages.items, either stored form); none when absent or unreadable. */
function readItems(store: ProjectStore, documentId: string, pageIndex: number): PositionedItem[] {
  const row = store.db.prepare('SELECT text, items FROM pages WHERE document_id = ? AND page_index = ?').get(documentId, pageIndex) as
    | { text: string; items: string | null }
    | undefined;
  return row ? parseStoredItems(row.items, row.text) : [];
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
