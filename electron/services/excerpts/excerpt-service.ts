/**
 * Highlights (excerpts) in a project file: create, list with re-anchoring, note and colour
 * changes, soft delete. Every change is one action of the change log (undo brings a deleted
 * highlight back), made by the current coder into their layer, and is on disk (synchronous = FULL) before the function returns, so a highlight survives a
 * crash the moment the reader has drawn it.
 *
 * The anchoring itself is pure and shared with the reader (shared/anchoring); this module only
 * reads the document's text from the `pages` table and stores the selectors.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { ApiParsedRequest } from '../../../shared/api/contract';
import type { AnchorStatus, Excerpt, ExcerptCode, ExcerptRect } from '../../../shared/api/calls/excerpts';
import { documentText, pageAtOffset, type LaidOutPage } from '../../../shared/documents/text-layout';
import { buildSelectors, sortKey } from '../../../shared/anchoring/selectors';
import { matchQuote, prepareText, type PreparedText } from '../../../shared/anchoring/match-quote';
import { reanchor } from '../../../shared/anchoring/reanchor';
import type { ProjectStore } from '../store/project-store';

/** The message of the refusal, part of the contract (the reader shows it as it is). */
export const CROSSES_PAGE_MESSAGE = 'A highlight cannot cross a page break; select within one page or make two highlights';

/** A document's identity and its text as the anchoring sees it. */
export interface DocumentText {
  id: string;
  title: string;
  kind: string;
  fileName: string;
  blobHash: string;
  pages: Array<LaidOutPage & { index: number }>;
  /** The pages' texts joined by the page separator (shared/documents/text-layout.ts). */
  text: string;
}

/** Reads a live document and its pages; NOT_FOUND when there is no such document. */
export function loadDocumentText(store: ProjectStore, documentId: string): DocumentText {
  const doc = store.db
    .prepare('SELECT id, title, kind, file_name, blob_hash FROM documents WHERE id = ? AND deleted_at IS NULL')
    .get(documentId) as { id: string; title: string; kind: string; file_name: string; blob_hash: string } | undefined;
  if (!doc) throw new AppError('NOT_FOUND', `No document with id ${documentId} in this project.`);
  const rows = store.db
    .prepare('SELECT page_index, text, text_offset FROM pages WHERE document_id = ? ORDER BY page_index')
    .all(documentId) as Array<{ page_index: number; text: string; text_offset: number }>;
  const pages = rows.map((r) => ({ index: r.page_index, text: r.text, textOffset: r.text_offset }));
  return { id: doc.id, title: doc.title, kind: doc.kind, fileName: doc.file_name, blobHash: doc.blob_hash, pages, text: documentText(pages) };
}

/** A place in a document's text, with the page it is on. */
interface Placed {
  start: number;
  end: number;
  pageIndex: number;
  pageStart: number;
  pageEnd: number;
}

/** The page holding `start`, and [start, end) relative to that page's text (a document without pages: page 0, offsets as given). */
function place(doc: DocumentText, start: number, end: number): Placed {
  const p = pageAtOffset(doc.pages, start);
  if (p < 0) return { start, end, pageIndex: 0, pageStart: start, pageEnd: end };
  const page = doc.pages[p]!;
  return { start, end, pageIndex: page.index, pageStart: start - page.textOffset, pageEnd: end - page.textOffset };
}

/** True when [start, end) lies on more than one page (the separator after a page belongs to it). */
function crossesPage(doc: DocumentText, start: number, end: number): boolean {
  return pageAtOffset(doc.pages, start) !== pageAtOffset(doc.pages, Math.max(start, end - 1));
}

type CreateRequest = ApiParsedRequest<'excerpts:create'>;

/**
 * Stores a new highlight. When the document has text, the quote is checked against it: at
 * `start` first, else found near `start` (exactly or fuzzily, as re-anchoring does), and the
 * stored position, prefix, suffix and sort key come from the text, so they agree with every
 * later re-anchoring. A quote the text does not hold is refused (VALIDATION), as is a
 * selection that crosses a page break. A document without text (a scan) stores what the
 * reader sent: the rectangles are then the highlight.
 */
export function createExcerpt(store: ProjectStore, req: CreateRequest): Excerpt {
  const doc = loadDocumentText(store, req.documentId);
  let placed: Placed;
  let prefix = req.prefix;
  let suffix = req.suffix;
  let quote = req.quote;
  let key: string;
  if (doc.text.length > 0) {
    const found = matchQuote(doc.text, { quote: req.quote, prefix: req.prefix, suffix: req.suffix }, req.start);
    if (!found) {
      throw new AppError(
        'VALIDATION',
        `The selected text was not found in the document's text ("${ellipsis(req.quote, 60)}"); reload the document and select it again.`,
      );
    }
    if (crossesPage(doc, found.start, found.end)) throw new AppError('VALIDATION', CROSSES_PAGE_MESSAGE);
    placed = place(doc, found.start, found.end);
    const selectors = buildSelectors(doc.text, found.start, found.end, placed.pageIndex);
    ({ quote, prefix, suffix } = selectors);
    key = selectors.sortKey;
  } else {
    placed = { start: req.start, end: req.end, pageIndex: req.pageIndex, pageStart: req.start, pageEnd: req.end };
    key = sortKey(req.pageIndex, req.start);
  }
  const rects = req.rects.map(normaliseRect);
  const rectPages = new Set(rects.map((r) => r.page));
  if (rectPages.size > 1) throw new AppError('VALIDATION', CROSSES_PAGE_MESSAGE);
  if (rects.length > 0 && !rectPages.has(placed.pageIndex)) {
    throw new AppError(
      'VALIDATION',
      `The highlight is drawn on page ${rects[0]!.page + 1} but its text was found on page ${placed.pageIndex + 1}; reload the document and select it again.`,
    );
  }

  const coderId = store.layerCoderId();
  refuseDuplicate(store, doc.id, coderId, placed);
  const id = randomUUID();
  const now = store.isoNow();
  store.act({ label: `Highlight "${ellipsis(quote, 60)}"`, verb: 'create', entityType: 'excerpt', entityId: id, object: ellipsis(quote, 200), detail: { documentId: doc.id, page: placed.pageIndex, start: placed.start, end: placed.end } }, () => {
    store.db
      .prepare(
        `INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, prefix, suffix, rects, sort_key,
           note, color, anchor_status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'anchored', ?, ?)`,
      )
      .run(id, doc.id, coderId, placed.pageIndex, placed.start, placed.end, quote, prefix, suffix, JSON.stringify(rects), key,
        req.note ?? null, req.color ?? null, now, now);
  });
  return toExcerpt(readRow(store, id), { status: 'anchored', score: 1, ...placed, sortKey: key });
}

/** The message of the refusal of a second identical highlight (the reader shows it and selects the first). */
export const DUPLICATE_HIGHLIGHT_MESSAGE = 'This passage is already highlighted in your layer';

/**
 * Refuses a second live highlight of the same passage (same document, same layer, same start
 * and end) with DUPLICATE, naming the existing one in `details.excerptId`: two identical
 * highlights would double every count of the passage and its codes. Another coder's layer may
 * hold the same passage (that is what agreement compares), and so may a deleted one (undo).
 */
function refuseDuplicate(store: ProjectStore, documentId: string, coderId: string, at: Placed): void {
  const same = store.db
    .prepare('SELECT id FROM excerpts WHERE document_id = ? AND coder_id = ? AND start = ? AND end = ? AND deleted_at IS NULL LIMIT 1')
    .get(documentId, coderId, at.start, at.end) as { id: string } | undefined;
  if (same) throw new AppError('DUPLICATE', `${DUPLICATE_HIGHLIGHT_MESSAGE}: it was selected instead of making a second, identical highlight.`, { excerptId: same.id });
}

/**
 * The document's highlights in reading order, each re-anchored against the current text. The
 * stored quote is never rewritten, and reading writes nothing: the stored `anchor_status` is
 * the status when the highlight was made; the one returned is computed now.
 */
export function listExcerpts(store: ProjectStore, documentId: string, includeDeleted = false): Excerpt[] {
  const doc = loadDocumentText(store, documentId);
  const rows = store.db
    .prepare(
      `${SELECT_EXCERPT} WHERE e.document_id = ? AND ${store.layerFilter('e.coder_id')} ${includeDeleted ? '' : 'AND e.deleted_at IS NULL'} ORDER BY e.sort_key, e.created_at, e.id`,
    )
    .all(documentId) as ExcerptRow[];
  const prepared = doc.text.length > 0 ? prepareText(doc.text) : null;
  const codes = codesOf(store, rows.map((r) => r.id));
  const excerpts = rows.map((row) => toExcerpt(row, locate(doc, prepared, row), codes.get(row.id)));
  return excerpts.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.createdAt.localeCompare(b.createdAt)));
}

/** Where a stored excerpt is in the current text (see `reanchor`). */
function locate(doc: DocumentText, prepared: PreparedText | null, row: ExcerptRow): Location {
  if (!prepared) {
    // No text (a scan): the rectangles are the highlight; without them nothing can be shown.
    const hasRects = (JSON.parse(row.rects) as unknown[]).length > 0;
    return {
      status: hasRects ? 'anchored' : 'orphaned',
      score: hasRects ? 1 : 0,
      start: row.start,
      end: row.end,
      pageIndex: row.page_index ?? 0,
      pageStart: row.start,
      pageEnd: row.end,
      sortKey: row.sort_key,
    };
  }
  const found = reanchor(prepared, { quote: row.quote, prefix: row.prefix, suffix: row.suffix, start: row.start, end: row.end });
  if (found.status === 'orphaned') {
    const page = doc.pages.find((p) => p.index === row.page_index);
    return {
      status: 'orphaned',
      score: 0,
      start: row.start,
      end: row.end,
      pageIndex: row.page_index ?? 0,
      pageStart: page ? row.start - page.textOffset : row.start,
      pageEnd: page ? row.end - page.textOffset : row.end,
      sortKey: row.sort_key,
    };
  }
  const placed = place(doc, found.start, found.end);
  return { status: found.status, score: found.score, ...placed, sortKey: sortKey(placed.pageIndex, found.start) };
}

/** Changes a live highlight's note and/or colour (null clears, undefined keeps). */
export function updateExcerpt(store: ProjectStore, id: string, change: { note?: string | null; color?: string | null }): Excerpt {
  const before = readRow(store, id);
  if (before.deleted_at) throw new AppError('NOT_FOUND', `Highlight ${id} was deleted; undo the deletion before changing it.`);
  const note = change.note === undefined ? before.note : change.note;
  const color = change.color === undefined ? before.color : change.color;
  if (note === before.note && color === before.color) return currentExcerpt(store, id);
  const what = note !== before.note ? (color !== before.color ? 'note and colour' : 'note') : 'colour';
  store.act({ label: `Change the ${what} of highlight "${ellipsis(before.quote, 60)}"`, verb: 'update', entityType: 'excerpt', entityId: id, object: ellipsis(before.quote, 200) }, () => {
    store.db.prepare('UPDATE excerpts SET note = ?, color = ?, updated_at = ? WHERE id = ?').run(note, color, store.isoNow(), id);
  });
  return currentExcerpt(store, id);
}

/**
 * Soft-deletes a highlight: its codes and evidence links stay, so undo brings it back whole.
 * Repeating it is harmless.
 */
export function deleteExcerpt(store: ProjectStore, id: string): { id: string; deletedAt: string } {
  const row = readRow(store, id);
  if (row.deleted_at) return { id, deletedAt: row.deleted_at };
  const at = store.isoNow();
  store.act({ label: `Delete highlight "${ellipsis(row.quote, 60)}"`, verb: 'delete', entityType: 'excerpt', entityId: id, object: ellipsis(row.quote, 200) }, () => {
    store.db.prepare('UPDATE excerpts SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
  });
  return { id, deletedAt: at };
}

/** One highlight, re-anchored. */
function currentExcerpt(store: ProjectStore, id: string): Excerpt {
  const row = readRow(store, id);
  const doc = loadDocumentText(store, row.document_id);
  return toExcerpt(row, locate(doc, doc.text.length > 0 ? prepareText(doc.text) : null, row), codesOf(store, [id]).get(id));
}

/** The excerpt row; NOT_FOUND when there is none. */
export function readRow(store: ProjectStore, id: string): ExcerptRow {
  const row = store.db.prepare(`${SELECT_EXCERPT} WHERE e.id = ?`).get(id) as ExcerptRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No highlight with id ${id} in this project.`);
  return row;
}

/** Ids of the live documents that have live highlights, in title order (for exports). */
export function documentsWithExcerpts(store: ProjectStore): string[] {
  const rows = store.db
    .prepare(
      `SELECT DISTINCT d.id, d.title FROM documents d JOIN excerpts e ON e.document_id = d.id
       WHERE d.deleted_at IS NULL AND e.deleted_at IS NULL AND ${store.layerFilter('e.coder_id')} ORDER BY d.title COLLATE NOCASE, d.id`,
    )
    .all() as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

const SELECT_EXCERPT = `SELECT e.id, e.document_id, e.coder_id, c.name AS coder_name, e.page_index, e.start, e.end, e.quote,
  e.prefix, e.suffix, e.rects, e.sort_key, e.note, e.color, e.anchor_status, e.created_at, e.updated_at, e.deleted_at
  FROM excerpts e LEFT JOIN coders c ON c.id = e.coder_id`;

/** An `excerpts` row as SELECT_EXCERPT reads it. */
export interface ExcerptRow {
  id: string;
  document_id: string;
  coder_id: string | null;
  coder_name: string | null;
  page_index: number | null;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  rects: string;
  sort_key: string;
  note: string | null;
  color: string | null;
  anchor_status: AnchorStatus;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface Location extends Placed {
  status: AnchorStatus;
  score: number;
  sortKey: string;
}

/** The codes of the given passages (every layer), oldest coding first. */
function codesOf(store: ProjectStore, excerptIds: readonly string[]): Map<string, ExcerptCode[]> {
  const out = new Map<string, ExcerptCode[]>();
  if (excerptIds.length === 0) return out;
  const rows = store.db
    .prepare(
      `SELECT g.excerpt_id, g.id AS coding_id, c.id AS code_id, c.name, c.kind, coalesce(c.color, k.color, '#868e96') AS color, g.coder_id, p.name AS coder_name
       FROM codings g JOIN codes c ON c.id = g.code_id AND c.deleted_at IS NULL
       LEFT JOIN code_kinds k ON k.id = c.kind JOIN coders p ON p.id = g.coder_id
       WHERE g.excerpt_id IN (SELECT value FROM json_each(?)) AND ${store.layerFilter('g.coder_id')} ORDER BY g.created_at, g.rowid`,
    )
    .all(JSON.stringify(excerptIds)) as Array<{ excerpt_id: string; coding_id: string; code_id: string; name: string; kind: string; color: string; coder_id: string; coder_name: string }>;
  for (const r of rows) {
    const list = out.get(r.excerpt_id) ?? [];
    list.push({ codingId: r.coding_id, codeId: r.code_id, name: r.name, kind: r.kind, color: r.color, coderId: r.coder_id, coderName: r.coder_name });
    out.set(r.excerpt_id, list);
  }
  return out;
}

function toExcerpt(row: ExcerptRow, at: Location, codes: ExcerptCode[] = []): Excerpt {
  return {
    id: row.id,
    documentId: row.document_id,
    coderId: row.coder_id,
    coderName: row.coder_name,
    pageIndex: at.pageIndex,
    start: at.start,
    end: at.end,
    pageStart: at.pageStart,
    pageEnd: at.pageEnd,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    rects: JSON.parse(row.rects) as ExcerptRect[],
    sortKey: at.sortKey,
    note: row.note,
    color: row.color,
    anchorStatus: at.status,
    anchorScore: at.score,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    codes,
  };
}

/** Orders a rectangle's corners (x1 < x2, y1 < y2), whichever way the reader measured it. */
function normaliseRect(r: ExcerptRect): ExcerptRect {
  return { page: r.page, x1: Math.min(r.x1, r.x2), y1: Math.min(r.y1, r.y2), x2: Math.max(r.x1, r.x2), y2: Math.max(r.y1, r.y2) };
}

function ellipsis(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
