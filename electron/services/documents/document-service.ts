/**
 * Full texts in a project: attach files, extract and store their text, link them to records,
 * read them back, and search them.
 *
 * Storage: the file's bytes go once into `blobs`, addressed by their SHA-256 (attaching the same
 * file twice returns the document already made from it); a `documents` row describes it and one
 * `pages` row per page holds the text, its offset in the document's text (the layout of
 * shared/documents/text-layout.ts) and, for PDFs, the positioned items (packed numbers, JSON)
 * and the text as the search index should see it, with words hyphenated across a line end
 * joined (`search_text`, shared/documents/dehyphenate.ts). The `pages_fts` index follows
 * `pages` through the triggers of migrations 002 and 004.
 *
 * PDF parsing runs on the worker pool; this class does the database work on the calling thread.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  AttachResult,
  AttachedDocument,
  DocumentDetail,
  DocumentKind,
  DocumentPage,
  DocumentStatus,
  DocumentSummary,
  FullTextHit,
  PageItem,
} from '../../../shared/api/calls/documents';
import { AppError } from '../../../shared/api/errors';
import { matchRecord, type MatchCandidate, type RecordMatch } from '../../../shared/documents/match-record';
import { documentVocabulary, searchText } from '../../../shared/documents/dehyphenate';
import { parseStoredItems } from '../../../shared/documents/page-text';
import { pageOffsets } from '../../../shared/documents/text-layout';
import type { ProjectStore } from '../store/project-store';
import type { PdfExtraction } from './pdf-extract';
import { decodeText, extractTextDocument, splitIntoPages } from './text-extract';
import { sharedPdfPool, type PdfWorkerPool } from './worker-pool';

/** The MIME type stored with each kind of file (and returned by `documents:content`). */
export const MIME_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The kind of a file from its name, or from its first bytes for a PDF with an odd name. */
export function detectKind(fileName: string, bytes: Uint8Array): DocumentKind | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.pdf' || (bytes.length >= 5 && new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-')) return 'pdf';
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.docx') return 'docx';
  return null;
}

/** A text document's pages have no positioned items. */
const NO_ITEMS = new Float64Array(0);

/** The outcome of extracting any kind of document, before it is stored. */
export interface Extraction {
  status: DocumentStatus;
  message: string | null;
  /** Each page's text, size, rotation and its items packed (PACKED_ITEM_SIZE numbers each; none for text files). */
  pages: { text: string; width: number | null; height: number | null; rotation: number; items: Float64Array }[];
  /** The title the file itself gives (PDF metadata, a Markdown heading). */
  title: string | null;
  metadataDois: string[];
  warnings: string[];
}

/**
 * Extracts the text of one file of any supported kind; PDFs go to `pool`. Never throws for a
 * bad file (the status says what went wrong), except a Word file refused by its size or its
 * appetite for memory (AppError TOO_LARGE, ./docx-extract.ts), which is not stored at all.
 */
export async function extractDocument(kind: DocumentKind, bytes: Uint8Array, options: { password?: string; pool?: PdfWorkerPool } = {}): Promise<Extraction> {
  if (kind === 'pdf') {
    const pool = options.pool ?? sharedPdfPool();
    let r: PdfExtraction;
    try {
      r = await pool.extract(bytes, options.password);
    } catch (e) {
      // The worker crashed or timed out: keep the file, say why.
      const message = `The PDF could not be read: ${(e as Error).message}.`;
      return { status: 'damaged', message, pages: [], title: null, metadataDois: [], warnings: [] };
    }
    const warnings = r.status === 'ok' ? r.pages.filter((p) => p.text === '').map((p) => `page ${p.index + 1} has no text`) : [];
    return { status: r.status, message: r.message, pages: r.pages, title: r.title, metadataDois: r.metadataDois, warnings };
  }
  try {
    const t = await extractTextDocument(kind, bytes);
    const anyText = t.pages.some((p) => p.trim() !== '');
    return {
      status: anyText ? 'ok' : 'no-text',
      message: anyText ? null : 'The file is empty.',
      pages: t.pages.map((text) => ({ text, width: null, height: null, rotation: 0, items: NO_ITEMS })),
      title: t.title,
      metadataDois: [],
      warnings: t.warnings,
    };
  } catch (e) {
    // A file refused by its size (a zip bomb) is not kept: the caller reports it.
    if (e instanceof AppError && e.code === 'TOO_LARGE') throw e;
    return {
      status: 'damaged',
      message: `The ${kind === 'docx' ? 'Word file' : 'file'} could not be read (${(e as Error).message}).`,
      pages: [],
      title: null,
      metadataDois: [],
      warnings: [],
    };
  }
}

interface DocumentRow {
  id: string;
  record_id: string | null;
  kind: DocumentKind;
  title: string;
  file_name: string;
  blob_hash: string;
  page_count: number;
  status: DocumentStatus | 'pending';
  status_message: string | null;
  match_kind: string | null;
}

function toSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    recordId: r.record_id,
    kind: r.kind,
    title: r.title,
    fileName: r.file_name,
    pageCount: r.page_count,
    status: r.status === 'pending' ? 'damaged' : r.status,
    statusMessage: r.status === 'pending' ? 'Extraction did not finish.' : r.status_message,
    match: (r.match_kind ?? 'none') as DocumentSummary['match'],
  };
}

/** Files attached at once (extraction of several runs in parallel on the pool). */
export interface AttachInput {
  /** The path or upload name, echoed back in the answer. */
  file: string;
  /** Reads the bytes; a rejection becomes an entry in `errors`. */
  read: () => Promise<Uint8Array>;
}

/**
 * Turns the user's words into an FTS5 query: each word or "quoted phrase" is quoted (so
 * punctuation and FTS5 operators in the text are taken literally), a trailing `*` keeps its
 * prefix meaning, and the terms are ANDed.
 */
export function toFtsQuery(query: string): string {
  const terms = query.match(/"[^"]+"|[^\s"]+/g) ?? [];
  return terms
    .map((t) => {
      const prefix = t.endsWith('*') && !t.startsWith('"');
      const bare = (t.startsWith('"') ? t.slice(1, -1) : prefix ? t.slice(0, -1) : t).replace(/"/g, '""');
      return bare.trim() === '' ? '' : `"${bare}"${prefix ? '*' : ''}`;
    })
    .filter(Boolean)
    .join(' ');
}

/** The documents of one open project. */
export class DocumentService {
  constructor(
    private readonly store: ProjectStore,
    private readonly pool: PdfWorkerPool = sharedPdfPool(),
  ) {}

  /**
   * Attaches files: extracts each (several at once), stores it, links it to `recordId` or to
   * the record it matches. `onProgress(done, total)` follows each finished file.
   */
  async attach(inputs: AttachInput[], options: { recordId?: string; password?: string; onProgress?: (done: number, total: number, file: string) => void } = {}): Promise<AttachResult> {
    if (options.recordId) this.requireRecord(options.recordId);
    // Start the PDF workers (each loads pdf.js) while the files are read and hashed.
    if (inputs.some((i) => /\.pdf$/i.test(i.file))) this.pool.warmUp();
    const result: AttachResult = { attached: [], errors: [] };
    const outcomes: (AttachedDocument | { file: string; message: string })[] = new Array(inputs.length);
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < inputs.length) {
        const i = next++;
        const input = inputs[i]!;
        try {
          const bytes = await input.read();
          outcomes[i] = await this.attachBytes(input.file, bytes, options);
        } catch (e) {
          outcomes[i] = { file: input.file, message: e instanceof Error ? e.message : String(e) };
        }
        options.onProgress?.(++done, inputs.length, input.file);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.pool.size, inputs.length) }, lane));
    for (const o of outcomes) {
      if ('documentId' in o) result.attached.push(o);
      else result.errors.push(o);
    }
    return result;
  }

  /** Attaches one file's bytes (see `attach`). Throws AppError for an unsupported file type. */
  async attachBytes(fileName: string, bytes: Uint8Array, options: { recordId?: string; password?: string } = {}): Promise<AttachedDocument> {
    const baseName = path.basename(fileName);
    const kind = detectKind(baseName, bytes);
    if (!kind) throw new AppError('VALIDATION', `${baseName}: not a supported document (PDF, .txt, .md or .docx).`);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const existing = this.store.db.prepare('SELECT * FROM documents WHERE blob_hash = ? AND deleted_at IS NULL').get(hash) as DocumentRow | undefined;
    if (existing) {
      // Attaching a locked PDF again with its password unlocks the stored one.
      if (existing.status === 'encrypted' && options.password !== undefined) await this.unlock(existing.id, options.password);
      if (options.recordId && existing.record_id !== options.recordId) this.setRecord(existing.id, options.recordId);
      const row = this.row(existing.id);
      return { file: fileName, documentId: row.id, recordId: row.record_id, match: toMatch(row.match_kind), status: toSummary(row).status };
    }
    const extraction = await extractDocument(kind, bytes, { ...(options.password !== undefined ? { password: options.password } : {}), pool: this.pool });
    const link: RecordMatch = options.recordId
      ? { recordId: options.recordId, match: 'none' }
      : extraction.pages.length > 0
        ? this.match(extraction) // any full text (a PDF, a Word or text copy of an article) names its record the same way
        : { recordId: null, match: 'none' };
    const id = this.insert({ kind, fileName: baseName, bytes, hash, extraction, link, manual: !!options.recordId });
    const row = this.row(id);
    return { file: fileName, documentId: id, recordId: row.record_id, match: toMatch(row.match_kind), status: toSummary(row).status };
  }

  /**
   * Adds a text or Markdown document synchronously (no worker, no matching: the caller says
   * which record and how it was found, `manual` by default): for the demo builder, which runs
   * inside one transaction, and benchmarks. Returns the new document's id.
   */
  addTextDocument(doc: { fileName: string; kind: 'text' | 'markdown'; text: string; recordId?: string | null; match?: 'doi' | 'title' | 'manual'; title?: string }): string {
    const bytes = new TextEncoder().encode(doc.text);
    const pages = splitIntoPages(decodeText(bytes));
    const extraction: Extraction = {
      status: 'ok',
      message: null,
      pages: pages.map((text) => ({ text, width: null, height: null, rotation: 0, items: NO_ITEMS })),
      title: doc.title ?? null,
      metadataDois: [],
      warnings: [],
    };
    const hash = createHash('sha256').update(bytes).digest('hex');
    const recordId = doc.recordId ?? null;
    const match = recordId ? (doc.match ?? 'manual') : 'none';
    return this.insert({ kind: doc.kind, fileName: doc.fileName, bytes, hash, extraction, link: { recordId, match: match === 'manual' ? 'none' : match }, manual: match === 'manual', preferOwnTitle: true });
  }

  /**
   * Stores a file extracted beforehand, linked to no record (a REFI-QDA import extracts every
   * source first, then writes the whole project as one action, inside which this joins). A live
   * document with the same bytes is returned instead (`existed`), so importing twice adds nothing.
   */
  storeExtracted(a: { kind: DocumentKind; fileName: string; bytes: Uint8Array; extraction: Extraction }): { id: string; existed: boolean } {
    const hash = createHash('sha256').update(a.bytes).digest('hex');
    const existing = this.store.db.prepare('SELECT id FROM documents WHERE blob_hash = ? AND deleted_at IS NULL').get(hash) as { id: string } | undefined;
    if (existing) return { id: existing.id, existed: true };
    return { id: this.insert({ kind: a.kind, fileName: a.fileName, bytes: a.bytes, hash, extraction: a.extraction, link: { recordId: null, match: 'none' }, manual: false }), existed: false };
  }

  private insert(a: { kind: DocumentKind; fileName: string; bytes: Uint8Array; hash: string; extraction: Extraction; link: RecordMatch; manual: boolean; preferOwnTitle?: boolean }): string {
    const id = randomUUID();
    const title = a.preferOwnTitle && a.extraction.title ? a.extraction.title : this.titleFor(a.link.recordId, a.extraction.title, a.fileName);
    const now = this.store.isoNow();
    const meta = {
      label: `Attach "${a.fileName}"`,
      verb: 'attach',
      entityType: 'document',
      entityId: id,
      object: title,
      detail: { file: a.fileName, kind: a.kind, status: a.extraction.status, recordId: a.link.recordId, match: a.manual ? 'manual' : a.link.match },
    };
    return this.store.act(meta, () => {
      // The same file twice in one batch: both were extracted, only the first is kept.
      const twin = this.store.db.prepare('SELECT id FROM documents WHERE blob_hash = ? AND deleted_at IS NULL').get(a.hash) as { id: string } | undefined;
      if (twin) return twin.id;
      this.store.db
        .prepare('INSERT OR IGNORE INTO blobs (hash, size, mime, data, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(a.hash, a.bytes.length, MIME_TYPES[a.kind], Buffer.from(a.bytes), now);
      this.store.db
        .prepare(
          `INSERT INTO documents (id, record_id, kind, title, file_name, blob_hash, page_count, status, status_message, match_kind, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, a.link.recordId, a.kind, title, a.fileName, a.hash, 0, 'pending', null, a.manual ? 'manual' : a.link.match, now, now);
      this.writePages(id, a.extraction, a.kind);
      return id;
    });
  }

  /** Every live document, optionally only those of one record, in title order. */
  list(recordId?: string): DocumentSummary[] {
    const rows = (
      recordId
        ? this.store.db.prepare('SELECT * FROM documents WHERE deleted_at IS NULL AND record_id = ? ORDER BY title COLLATE NOCASE, id').all(recordId)
        : this.store.db.prepare('SELECT * FROM documents WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id').all()
    ) as DocumentRow[];
    // The linked record, cited as the list shows it: title, first author, year.
    const cite = this.store.db.prepare(`SELECT title, json_extract(authors, '$[0].family') AS first, json_extract(authors, '$[0].literal') AS literal, year FROM records WHERE id = ?`);
    return rows.map((r) => {
      const rec = r.record_id ? (cite.get(r.record_id) as { title: string; first: string | null; literal: string | null; year: number | null } | undefined) : undefined;
      return { ...toSummary(r), record: rec ? { title: rec.title, firstAuthor: rec.first ?? rec.literal, year: rec.year } : null };
    });
  }

  /**
   * One document with all its pages' texts and sizes. The positioned items are left out (a
   * long book has megabytes of them, and the reader draws its own text layer): `pageItems`
   * gives one page's.
   */
  get(id: string): DocumentDetail {
    const row = this.row(id);
    const pages = this.store.db
      .prepare('SELECT page_index, text, text_offset, width, height, rotation FROM pages WHERE document_id = ? ORDER BY page_index')
      .all(id) as { page_index: number; text: string; text_offset: number; width: number | null; height: number | null; rotation: number }[];
    return {
      ...toSummary(row),
      pages: pages.map(
        (p): DocumentPage => ({
          index: p.page_index,
          text: p.text,
          textOffset: p.text_offset,
          width: p.width,
          height: p.height,
          rotation: p.rotation,
        }),
      ),
    };
  }

  /** The positioned text items of one page (none for text documents and pages without text). */
  pageItems(id: string, pageIndex: number): PageItem[] {
    this.row(id);
    const page = this.store.db.prepare('SELECT text, items FROM pages WHERE document_id = ? AND page_index = ?').get(id, pageIndex) as
      | { text: string; items: string | null }
      | undefined;
    if (!page) throw new AppError('NOT_FOUND', `Document ${id} has no page ${pageIndex + 1}.`);
    return parseStoredItems(page.items, page.text);
  }

  /** The stored file's bytes and MIME type. */
  content(id: string): { mime: string; bytes: Uint8Array } {
    const row = this.row(id);
    const blob = this.store.db.prepare('SELECT mime, data FROM blobs WHERE hash = ?').get(row.blob_hash) as { mime: string; data: Buffer } | undefined;
    if (!blob) throw new AppError('NOT_FOUND', `The file of document ${id} is missing from the project.`);
    return { mime: blob.mime, bytes: new Uint8Array(blob.data) };
  }

  /**
   * Re-extracts an encrypted PDF with `password`. With the wrong password the document stays
   * `encrypted` and its message says the password was not right (no exception: the UI asks again).
   */
  async unlock(id: string, password: string): Promise<DocumentSummary> {
    const row = this.row(id);
    if (row.status !== 'encrypted') return toSummary(row);
    const { bytes } = this.content(id);
    const extraction = await extractDocument(row.kind, bytes, { password, pool: this.pool });
    // The wrong password changes nothing, so it is no action (nothing to undo).
    if (extraction.status === 'encrypted') return { ...toSummary(row), statusMessage: extraction.message ?? row.status_message };
    const link = !row.record_id && extraction.pages.length > 0 ? this.match(extraction) : null;
    this.store.act({ label: `Unlock "${row.title}"`, verb: 'unlock', entityType: 'document', entityId: id, object: row.title, detail: { status: extraction.status } }, () => {
      if (link?.recordId) {
        this.store.db.prepare('UPDATE documents SET record_id = ?, match_kind = ?, title = ? WHERE id = ?').run(link.recordId, link.match, this.titleFor(link.recordId, extraction.title, row.file_name), id);
      }
      this.store.db.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
      this.writePages(id, extraction, row.kind);
    });
    return toSummary(this.row(id));
  }

  /**
   * Removes a document from the project: a soft delete (its pages, highlights and codings stay
   * in the file), one action, so undo brings it back whole.
   */
  remove(id: string): void {
    const row = this.row(id);
    this.store.act({ label: `Remove document "${row.title}"`, verb: 'delete', entityType: 'document', entityId: id, object: row.title }, () => {
      const now = this.store.isoNow();
      this.store.db.prepare('UPDATE documents SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
    });
  }

  /** Links a document to a record (or unlinks it with null): a manual correction of the match. */
  setRecord(id: string, recordId: string | null): DocumentSummary {
    const row = this.row(id);
    if (recordId) this.requireRecord(recordId);
    const label = recordId ? `Link "${row.title}" to a record` : `Unlink "${row.title}" from its record`;
    this.store.act({ label, verb: 'link', entityType: 'document', entityId: id, object: row.title, detail: { recordId } }, () => {
      this.store.db
        .prepare('UPDATE documents SET record_id = ?, match_kind = ?, updated_at = ? WHERE id = ?')
        .run(recordId, recordId ? 'manual' : 'none', this.store.isoNow(), id);
    });
    return toSummary(this.row(id));
  }

  /**
   * Pages and excerpts matching `query` (see `toFtsQuery`), best first by FTS5's bm25 rank.
   * The two indexes rank against their own corpus statistics, so merging page and excerpt hits
   * by rank is an approximation; both lists are cut at `limit` first, so neither is starved.
   */
  search(query: string, limit: number): FullTextHit[] {
    const match = toFtsQuery(query);
    if (!match) return [];
    const pages = this.store.db
      .prepare(
        `SELECT p.document_id, d.title, p.page_index, snippet(pages_fts, 0, '[', ']', '…', 12) AS snippet, pages_fts.rank AS rank
         FROM pages_fts JOIN pages p ON p.rowid = pages_fts.rowid JOIN documents d ON d.id = p.document_id
         WHERE pages_fts MATCH ? AND d.deleted_at IS NULL ORDER BY pages_fts.rank LIMIT ?`,
      )
      .all(match, limit) as { document_id: string; title: string; page_index: number; snippet: string; rank: number }[];
    const excerpts = this.store.db
      .prepare(
        `SELECT e.id, e.document_id, d.title, e.page_index, snippet(excerpts_fts, -1, '[', ']', '…', 12) AS snippet, excerpts_fts.rank AS rank
         FROM excerpts_fts JOIN excerpts e ON e.rowid = excerpts_fts.rowid JOIN documents d ON d.id = e.document_id
         WHERE excerpts_fts MATCH ? AND e.deleted_at IS NULL AND ${this.store.layerFilter('e.coder_id')} AND d.deleted_at IS NULL ORDER BY excerpts_fts.rank LIMIT ?`,
      )
      .all(match, limit) as { id: string; document_id: string; title: string; page_index: number | null; snippet: string; rank: number }[];
    const hits: (FullTextHit & { rank: number })[] = [
      ...pages.map((p) => ({ documentId: p.document_id, title: p.title, pageIndex: p.page_index, snippet: p.snippet, rank: p.rank })),
      ...excerpts.map((e) => ({ documentId: e.document_id, title: e.title, pageIndex: e.page_index ?? 0, snippet: e.snippet, excerptId: e.id, rank: e.rank })),
    ];
    hits.sort((a, b) => a.rank - b.rank);
    return hits.slice(0, limit).map(({ rank: _rank, ...hit }) => hit);
  }

  private writePages(id: string, extraction: Extraction, kind: DocumentKind): void {
    const offsets = pageOffsets(extraction.pages);
    // PDF lines end where the layout broke them, so a word hyphenated there is indexed whole
    // (a text file's line ends are its author's, and stay as they are).
    const vocabulary = kind === 'pdf' ? documentVocabulary(extraction.pages.map((p) => p.text)) : null;
    const insert = this.store.db.prepare(
      'INSERT INTO pages (document_id, page_index, text, text_offset, width, height, rotation, items, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    extraction.pages.forEach((p, i) => {
      const search = vocabulary ? searchText(p.text, vocabulary) : p.text;
      insert.run(id, i, p.text, offsets[i]!, p.width, p.height, p.rotation, p.items.length > 0 ? packedItemsJson(p.items) : null, search === p.text ? null : search);
    });
    this.store.db
      .prepare('UPDATE documents SET page_count = ?, status = ?, status_message = ?, updated_at = ? WHERE id = ?')
      .run(extraction.pages.length, extraction.status, extraction.message, this.store.isoNow(), id);
  }

  private match(extraction: Extraction): RecordMatch {
    const candidates = this.store.db
      .prepare(
        `SELECT r.id, r.title, r.doi FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
         WHERE b.undone_at IS NULL AND r.merged_into IS NULL`,
      )
      .all() as MatchCandidate[];
    const firstPages = extraction.pages.slice(0, 2).map((p) => p.text).join('\n');
    return matchRecord(candidates, firstPages, extraction.pages[0]?.text ?? '', extraction.metadataDois);
  }

  /** The linked record's title, else the file's own title, else the file name without extension. */
  private titleFor(recordId: string | null, ownTitle: string | null, fileName: string): string {
    if (recordId) {
      const r = this.store.db.prepare('SELECT title FROM records WHERE id = ?').get(recordId) as { title: string } | undefined;
      if (r?.title) return r.title;
    }
    return ownTitle ?? path.basename(fileName, path.extname(fileName));
  }

  private row(id: string): DocumentRow {
    const row = this.store.db.prepare('SELECT * FROM documents WHERE id = ? AND deleted_at IS NULL').get(id) as DocumentRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No document ${id} in this project.`);
    return row;
  }

  private requireRecord(recordId: string): void {
    if (!this.store.db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) {
      throw new AppError('NOT_FOUND', `No record ${recordId} in this project.`);
    }
  }
}

/** Packed items as the flat JSON array `pages.items` stores (a position pdf.js left undefined becomes 0). */
function packedItemsJson(items: Float64Array): string {
  let json = '[';
  for (let i = 0; i < items.length; i++) {
    const n = items[i]!;
    json += `${i > 0 ? ',' : ''}${Number.isFinite(n) ? n : 0}`;
  }
  return `${json}]`;
}

function toMatch(kind: string | null): AttachedDocument['match'] {
  return kind === 'doi' || kind === 'title' ? kind : 'none';
}

/** Reads a file for `attach`, with the error a user understands; `label` names it in answers (default: the path). */
export function readFileInput(file: string, label = file): AttachInput {
  return {
    file: label,
    read: async () => {
      try {
        return new Uint8Array(await fs.promises.readFile(file));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', code === 'ENOENT' ? `No such file: ${label}` : `Cannot read ${label}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? (e as Error).message)}.`);
      }
    },
  };
}

/** The file kinds attach understands, by extension; other files in a folder are passed over. */
const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.txt', '.md', '.markdown', '.docx']);

/**
 * Expands folders into the documents inside them (recursively, in name order), so a reviewer
 * can attach a whole folder of full texts at once. Plain file paths are kept as given, whatever
 * their extension, so that a wrong file still gets its own clear error.
 */
export function expandDocumentPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(full);
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = fs.statSync(p).isDirectory();
    } catch {
      /* a missing path is reported by the attach itself */
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}
