/**
 * Calls about full texts: attaching documents (article PDFs, transcripts, Word files) to the
 * project, reading their extracted text page by page, fetching the stored bytes for the
 * reader, unlocking encrypted PDFs, correcting the record a document is linked to, and
 * searching the full text of every page and excerpt.
 *
 * The text of a document is its pages' texts joined by `PAGE_SEPARATOR`
 * (shared/documents/text-layout.ts); `DocumentPage.textOffset` is where a page starts in it,
 * and excerpts' TextPosition selectors count in that same text. Page text is pdf.js's text
 * content as its own text layer shows it (ligatures already expanded by pdf.js's Unicode
 * normalisation; no further NFKC), so offsets agree with what the reader displays; search folds
 * case and diacritics in the FTS5 tokenizer instead (see shared/documents/page-text.ts).
 */
import { z } from 'zod';
import { fileGrant, inlineFiles, projectPath, uuid } from './common';

/** The kinds of file a document can come from (the `documents.kind` column). */
export const DOCUMENT_KINDS = ['pdf', 'text', 'markdown', 'docx'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * How extraction went. `no-text` and `damaged` documents are still stored (and viewable where
 * the reader can draw them); `encrypted` ones wait for `documents:unlock`.
 */
export type DocumentStatus = 'ok' | 'no-text' | 'encrypted' | 'damaged';

/** How an attached file was linked to a record: by its DOI, by its title, or not at all. */
export type DocumentMatch = 'doi' | 'title' | 'none';

/** Files are capped at 200 MB each: a larger PDF is almost certainly not an article. */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

export const documentsRequests = {
  /**
   * Attach files: by path (command line only; refused from the page), by grant (a native
   * dialog's answer, or an upload in the browser build) or inline as base64 (a drop).
   * `recordId` links every file to that record instead of matching; `password` is tried on
   * encrypted PDFs. Emits `progress` events, one per file.
   */
  'documents:attach': z
    .object({
      paths: z.array(projectPath).max(1000).optional(),
      grants: z.array(fileGrant).max(1000).optional(),
      files: inlineFiles.optional(),
      recordId: uuid.optional(),
      password: z.string().max(1024).optional(),
    })
    .strict()
    .refine((r) => (r.paths?.length ?? 0) + (r.grants?.length ?? 0) + (r.files?.length ?? 0) > 0, {
      message: 'give at least one path or uploaded file (paths, grants or files)',
    }),
  'documents:list': z.object({ recordId: uuid.optional() }).strict(),
  'documents:get': z.object({ id: uuid }).strict(),
  /** One page's positioned text items (`documents:get` leaves them out). */
  'documents:pageItems': z.object({ id: uuid, pageIndex: z.number().int().min(0).max(100_000) }).strict(),
  'documents:content': z.object({ id: uuid }).strict(),
  /**
   * The stored file as bytes, not base64: over Electron IPC the answer's `bytes` is cloned as
   * binary; the web bridge serves this call as `GET /blob/<id>` (token in the header) and the
   * renderer's bridge reads the body as an ArrayBuffer.
   */
  'documents:bytes': z.object({ id: uuid }).strict(),
  'documents:unlock': z.object({ id: uuid, password: z.string().max(1024) }).strict(),
  'documents:setRecord': z.object({ id: uuid, recordId: uuid.nullable() }).strict(),
  /** Removes a document from the project (soft delete: one action, undo brings it back with its highlights). */
  'documents:remove': z.object({ id: uuid }).strict(),
  /**
   * The text of a file on this machine, page by page, without a project (`realist text`). The
   * file is read by the services (a path: the command line's, never the page's), at most
   * MAX_DOCUMENT_BYTES.
   */
  'documents:extractText': z.object({ path: projectPath, password: z.string().max(1024).optional() }).strict(),
  'search:fullText': z
    .object({
      query: z.string().min(1).max(1000),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
} as const;

/** One row of `documents:list`. */
export interface DocumentSummary {
  id: string;
  recordId: string | null;
  kind: DocumentKind;
  title: string;
  fileName: string;
  pageCount: number;
  status: DocumentStatus;
  /** Why the status is not `ok`, in words for the user (e.g. "no text: needs OCR"). */
  statusMessage: string | null;
  /** How `recordId` was found; `manual` after `documents:setRecord`. */
  match: DocumentMatch | 'manual';
  /** The linked record as the documents list cites it (null without a record). */
  record?: { title: string; firstAuthor: string | null; year: number | null } | null;
}

/**
 * One positioned piece of text on a PDF page, as pdf.js reported it. `x`, `y` are the item's
 * baseline origin in PDF user-space points on the UNROTATED page (origin bottom-left), `w`, `h`
 * its width and height in points, `offset` where `str` starts in the page's `text`. Text
 * documents have no items.
 */
export interface PageItem {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  offset: number;
}

/** One page of extracted text. */
export interface DocumentPage {
  index: number;
  text: string;
  /** Where this page starts in the document's text (see shared/documents/text-layout.ts). */
  textOffset: number;
  /** Page size in PDF points (null for text documents). */
  width: number | null;
  height: number | null;
  /** The page's /Rotate in degrees clockwise: 0, 90, 180 or 270. */
  rotation: number;
}

/** `documents:get`: the summary plus every page (without its items: see `documents:pageItems`). */
export interface DocumentDetail extends DocumentSummary {
  pages: DocumentPage[];
}

/** One attached file in the answer of `documents:attach`. */
export interface AttachedDocument {
  /** The path or uploaded name as given. */
  file: string;
  documentId: string;
  recordId: string | null;
  /** How the record was found; `none` also when the caller named the record (`recordId`). */
  match: DocumentMatch;
  status: DocumentStatus;
}

export interface AttachResult {
  attached: AttachedDocument[];
  /** Files that could not be read at all (missing, unsupported type). Damaged PDFs are attached. */
  errors: { file: string; message: string }[];
}

/** One hit of `search:fullText`: a page (or an excerpt's page) with an FTS5 snippet. */
export interface FullTextHit {
  documentId: string;
  title: string;
  pageIndex: number;
  /** Matched terms wrapped in `[` `]`, with `…` where text was cut. */
  snippet: string;
  /** Set when the hit is an excerpt's quote or note rather than a page. */
  excerptId?: string;
}

/**
 * `documents:extractText`: a file's text page by page. `status` and `message` are as for an
 * attached document; an `encrypted` or `damaged` file has no pages. `warnings` include the
 * no-text message and pages without text.
 */
export interface TextExtraction {
  kind: DocumentKind;
  status: DocumentStatus;
  message: string | null;
  pageCount: number;
  pages: Array<{ index: number; text: string }>;
  warnings: string[];
}

export interface DocumentsResponses {
  'documents:attach': AttachResult;
  'documents:list': DocumentSummary[];
  'documents:get': DocumentDetail;
  'documents:pageItems': PageItem[];
  'documents:content': { mime: string; base64: string };
  'documents:bytes': { mime: string; bytes: Uint8Array };
  'documents:unlock': DocumentSummary;
  'documents:setRecord': DocumentSummary;
  'documents:remove': { removed: true };
  'documents:extractText': TextExtraction;
  'search:fullText': FullTextHit[];
}
