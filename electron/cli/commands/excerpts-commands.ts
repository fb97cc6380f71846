/**
 * `realist highlight`, `excerpts` and `export-annotations`: highlights from the command line.
 *
 * `highlight` anchors a quote the way the reader does (the shared anchoring maths: exact,
 * then whitespace/ligature/hyphen-normalised, then fuzzy) and stores it through the same
 * service as `excerpts:create`. Pages on the command line are ONE-based, as a PDF viewer
 * numbers them (`--page 2` is the second page, and the printed `page` is too); the printed
 * `pageIndex` is the zero-based index the API uses. `start`/`end` are offsets in the
 * document's extracted text (pages joined by the page separator).
 *
 * The W3C export is its own command (`export-annotations`) rather than a format of a general
 * `realist export`, which does not exist yet; it can fold into one later.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { excerptsRequests } from '../../../shared/api/calls/excerpts';
import { matchQuote } from '../../../shared/anchoring/match-quote';
import { rectsFromItems, type PositionedItem } from '../../../shared/anchoring/rects';
import {
  createExcerpt,
  documentsWithExcerpts,
  listExcerpts,
  loadDocumentText,
  type DocumentText,
} from '../../services/excerpts/excerpt-service';
import { exportW3c } from '../../services/excerpts/w3c-export';
import type { ProjectStore } from '../../services/store/project-store';
import { jsonFlag, onePath, printJson, UsageError, withProject, type Command } from '../command';

/** What `realist highlight --json` prints. */
export interface HighlightOutput {
  excerptId: string;
  documentId: string;
  /** One-based page. */
  page: number;
  pageIndex: number;
  start: number;
  end: number;
  quote: string;
  /** 'exact' when the quote is in the text as typed, else 'fuzzy' (normalised or approximate). */
  match: 'exact' | 'fuzzy';
  score: number;
}

export const excerptsCommands: Record<string, Command> = {
  highlight: {
    summary: 'highlight a quote in a document (anchored as the reader does)',
    usage: 'realist highlight FILE.realist --document ID --quote TEXT [--page N] [--coder NAME] [--note TEXT] [--color #RRGGBB] [--json]',
    options: {
      document: { type: 'string' },
      quote: { type: 'string' },
      page: { type: 'string' },
      coder: { type: 'string' },
      note: { type: 'string' },
      color: { type: 'string' },
      json: jsonFlag,
    },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const documentId = requireString(values.document, '--document');
      const quote = requireString(values.quote, '--quote');
      const page = values.page === undefined ? undefined : Number(values.page);
      if (page !== undefined && (!Number.isInteger(page) || page < 1)) throw new UsageError('--page must be a page number from 1');
      const out = await withProject(file, (store) =>
        highlightQuote(store, {
          documentId,
          quote,
          ...(page !== undefined ? { pageIndex: page - 1 } : {}),
          ...(typeof values.coder === 'string' ? { coder: values.coder } : {}),
          ...(typeof values.note === 'string' ? { note: values.note } : {}),
          ...(typeof values.color === 'string' ? { color: values.color } : {}),
        }),
      );
      if (values.json) printJson(io, out);
      else io.out(`Highlighted page ${out.page}, characters ${out.start}-${out.end} (${out.match}): ${out.excerptId}\n`);
      return 0;
    },
  },
  excerpts: {
    summary: 'list highlights in reading order, re-anchored against the current text',
    usage: 'realist excerpts FILE.realist [--document ID] [--json]',
    options: { document: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const list = await withProject(file, (store) => {
        const ids = typeof values.document === 'string' ? [values.document] : documentsWithExcerpts(store);
        return ids.flatMap((id) => listExcerpts(store, id));
      });
      if (values.json) printJson(io, list);
      else {
        for (const e of list) {
          io.out(`${e.id}  p.${e.pageIndex + 1}  ${e.anchorStatus.padEnd(8)}  ${oneLine(e.quote, 70)}\n`);
        }
        io.out(`${list.length} highlight${list.length === 1 ? '' : 's'}\n`);
      }
      return 0;
    },
  },
  'export-annotations': {
    summary: 'write highlights as W3C Web Annotations (JSON-LD)',
    usage: 'realist export-annotations FILE.realist [--document ID] --out PATH [--json]',
    options: { document: { type: 'string' }, out: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const outPath = path.resolve(requireString(values.out, '--out'));
      const collection = await withProject(file, (store) =>
        exportW3c(store, typeof values.document === 'string' ? values.document : undefined),
      );
      try {
        fs.writeFileSync(outPath, `${JSON.stringify(collection, null, 2)}\n`);
      } catch (e) {
        throw new AppError('IO', `Cannot write ${outPath}: ${(e as Error).message}`);
      }
      if (values.json) printJson(io, { path: outPath, total: collection.total });
      else io.out(`Wrote ${collection.total} annotation${collection.total === 1 ? '' : 's'} to ${outPath}\n`);
      return 0;
    },
  },
};

/**
 * Finds `quote` in the document's text and stores it as a highlight. With `pageIndex`, the
 * quote is looked for on that page first, then in the whole document; without it, the first
 * best match in the document wins. Rectangles are estimated from the page's text items.
 * NOT_FOUND when the quote is not in the text, even approximately.
 */
export function highlightQuote(
  store: ProjectStore,
  req: { documentId: string; quote: string; pageIndex?: number; coder?: string; note?: string; color?: string },
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
    ...(req.coder !== undefined ? { coder: req.coder } : {}),
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
    match: excerpt.quote === req.quote ? 'exact' : 'fuzzy',
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

/** A page's positioned text items (pages.items JSON); none when absent or unreadable. */
function readItems(store: ProjectStore, documentId: string, pageIndex: number): PositionedItem[] {
  const row = store.db.prepare('SELECT items FROM pages WHERE document_id = ? AND page_index = ?').get(documentId, pageIndex) as
    | { items: string | null }
    | undefined;
  if (!row?.items) return [];
  try {
    const items = JSON.parse(row.items) as unknown;
    return Array.isArray(items) ? (items.filter(isPositionedItem) as PositionedItem[]) : [];
  } catch {
    return [];
  }
}

function isPositionedItem(v: unknown): v is PositionedItem {
  const o = v as Record<string, unknown>;
  return (
    typeof o === 'object' && o !== null && typeof o.str === 'string' && typeof o.offset === 'number' &&
    typeof o.x === 'number' && typeof o.y === 'number' && typeof o.w === 'number' && typeof o.h === 'number'
  );
}

function requireString(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`${flag} is required`);
  return value;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
