/**
 * Calls about the bibliographic library: importing screened records from reference-manager
 * and database exports, listing them for a virtualised table, reading one in full, tagging,
 * and withdrawing a whole import.
 *
 * Import reads files the user chose: by path (the command line only; a path sent by the page is
 * refused), by grant (a native dialog's answer in the desktop app, or an upload in the browser
 * build), or as inline base64 bytes (a drop in the desktop app). Long imports push `progress`
 * events ({taskId, label, done, total, finished}).
 */
import { z } from 'zod';
import type { PersonName, RecordSummary, ScreeningDecision, Uuid } from '../../domain/types';
import type { ImportFormat } from '../../import/types';
import { fileGrant, inlineFiles, projectPath, uuid } from './common';

/** Every importable format, for request schemas and menus (kept in step with ImportFormat). */
export const IMPORT_FORMATS = ['ris', 'nbib', 'pubmed-xml', 'bibtex', 'endnote-xml', 'enw', 'wos', 'csv', 'csl-json', 'ovid'] as const satisfies readonly ImportFormat[];
// Fails to compile when ImportFormat gains a member that the list above lacks.
type MissingFormat = Exclude<ImportFormat, (typeof IMPORT_FORMATS)[number]>;
const formatsComplete: [MissingFormat] extends [never] ? true : false = true;
void formatsComplete;

/** Columns the library table can sort by; `added` is import time (newest batch first when desc). */
export const RECORD_SORT_FIELDS = ['title', 'year', 'authors', 'journal', 'decision', 'added'] as const;
/** A column the library can sort by. */
export type RecordSortField = (typeof RECORD_SORT_FIELDS)[number];

/**
 * The most records one `records:list` call returns. A virtualised table fetches windows of
 * this size; 20,000 summaries are about 6 MB of JSON, which crosses IPC in well under a second.
 */
export const MAX_LIST_WINDOW = 20_000;

/** The most records one `records:all` call returns. */
export const MAX_ALL_WINDOW = 50_000;

/** Request schemas of the library calls (checked on arrival; the renderer is not trusted). */
export const recordsRequests = {
  'records:import': z
    .object({
      /** Files to read on the service side (command line only; refused from the page). */
      paths: z.array(projectPath).max(1000).optional(),
      /** Files the user chose (native dialog) or uploaded (browser build). */
      grants: z.array(fileGrant).max(1000).optional(),
      /** Files whose bytes the caller sends inline (a drop in the desktop app). */
      files: inlineFiles.optional(),
      /** Force one format for every file; 'auto' (the default) sniffs each file. */
      format: z.enum([...IMPORT_FORMATS, 'auto']).default('auto'),
      /** Shown in the batch list; defaults to the file names. */
      label: z.string().max(500).optional(),
    })
    .strict()
    .refine((r) => (r.paths?.length ?? 0) + (r.grants?.length ?? 0) + (r.files?.length ?? 0) > 0, 'give at least one file in paths, grants or files'),
  'records:list': z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(MAX_LIST_WINDOW).default(200),
      /** 'none' = records without a screening decision. */
      decision: z.enum(['included', 'excluded', 'maybe', 'none']).optional(),
      batchId: uuid.optional(),
      yearFrom: z.number().int().optional(),
      yearTo: z.number().int().optional(),
      type: z.string().max(100).optional(),
      /** Only records that sit in an open duplicate cluster. */
      duplicatesOnly: z.boolean().optional(),
      /** Only records with (or without) a linked full text. */
      fullText: z.enum(['with', 'without']).optional(),
      tag: z.string().min(1).max(200).optional(),
      /** Quick find over title, authors, abstract and keywords (FTS5, word prefixes). */
      query: z.string().max(500).optional(),
      sort: z
        .object({ field: z.enum(RECORD_SORT_FIELDS), dir: z.enum(['asc', 'desc']).default('asc') })
        .strict()
        .default({ field: 'title', dir: 'asc' }),
    })
    .strict(),
  'records:get': z.object({ id: uuid }).strict(),
  'records:batches': z.object({}).strict(),
  /** Hides a whole import's records (an ordinary, undoable action), or shows them again. */
  'records:withdrawBatch': z.object({ batchId: uuid }).strict(),
  'records:restoreBatch': z.object({ batchId: uuid }).strict(),
  'records:tag': z
    .object({
      ids: z.array(uuid).min(1).max(MAX_LIST_WINDOW * 5),
      add: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
      remove: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    })
    .strict(),
  /** Every tag in use with its number of visible records (for the tag filter). */
  'records:tags': z.object({}).strict(),
  /** Corrects a record's screening decision (and its reason), as one action of the change log. */
  'records:setScreening': z
    .object({ id: uuid, decision: z.enum(['included', 'excluded', 'maybe']).nullable(), reason: z.string().trim().max(2000).nullable().default(null) })
    .strict(),
  /**
   * Every visible record in import order, in the flat shape scripts read (what `realist records
   * --json` prints), a window at a time: 50,000 records with abstracts are about 60 MB of JSON.
   */
  'records:all': z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(MAX_ALL_WINDOW).default(MAX_ALL_WINDOW),
    })
    .strict(),
} as const;

/** One problem met while importing: the file, the 1-based line (0 = the file as a whole). */
export interface ImportIssue {
  file: string;
  line: number;
  message: string;
}

/**
 * What an import did. `imported` counts the records stored in the batch, duplicates included
 * (duplicates are kept and clustered, never dropped); `duplicates` counts the batch's records
 * found to be the same work as a record already in the project or earlier in the batch;
 * `skipped` counts blocks with no content at all (a type line alone, an empty entry), each
 * also listed in `errors`: every record with any content is imported (shared/import/record-rule.ts).
 * `errors` say what was lost (a file not read, a broken entry); `warnings` what was kept but
 * is not as it should be (no title, a record repaired, a field cut to its limit).
 * `batch` is null when nothing was stored.
 * This shape is printed as is by `realist import --json` (a public contract).
 */
export interface ImportSummary {
  batch: Uuid | null;
  imported: number;
  duplicates: number;
  skipped: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** The format each file was read as, keyed by the file name as given. */
  formats: Record<string, ImportFormat>;
}

/** A row of the library table. */
export interface LibraryRecord extends RecordSummary {
  pmid: string | null;
  tags: string[];
  /** The open duplicate cluster the record is in, if any. */
  clusterId: Uuid | null;
  /** When it was imported (ISO-8601). */
  addedAt: string;
  /** Live full texts (documents) linked to the record. */
  documents: number;
}

/** Where a record came from. */
export interface RecordSource {
  file: string | null;
  line: number | null;
  format: ImportFormat | null;
}

/** A duplicate cluster as a record sees it. */
export interface RecordClusterRef {
  id: Uuid;
  reason: DuplicateReason;
  score: number | null;
  status: DuplicateStatus;
  /** The other records in the cluster. */
  otherIds: Uuid[];
}

/** Everything stored about a record (the detail pane). */
export interface RecordDetail {
  id: Uuid;
  batchId: Uuid | null;
  type: string | null;
  title: string;
  authors: PersonName[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  issn: string | null;
  abstract: string | null;
  keywords: string[];
  url: string | null;
  language: string | null;
  screening: { decision: ScreeningDecision; reason: string | null };
  tags: string[];
  source: RecordSource;
  /** The record as it appeared in the export. */
  raw: string | null;
  cluster: RecordClusterRef | null;
  /** The record's full texts (live documents linked to it). */
  documents: Array<{ id: Uuid; title: string; kind: string; status: string; fileName: string }>;
  /** Set when a duplicate merge folded this record into another; such records are hidden. */
  mergedInto: Uuid | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A record as `records:all` returns it and `realist records --json` prints it: flat, without the
 * raw export text. A public contract of the command line: add fields, never rename them.
 */
export interface RecordEntry {
  id: Uuid;
  type: string | null;
  title: string;
  authors: PersonName[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  abstract: string | null;
  keywords: string[];
  tags: string[];
  screening: { decision: ScreeningDecision; reason: string | null };
  source: { file: string | null; line: number | null; format: string | null };
  /** The import the record came with. */
  batchId: Uuid | null;
  /** The duplicate cluster it sits in, if any. */
  clusterId: Uuid | null;
}

/** Why records were clustered: same DOI, same PMID, similar title+author+year, or by hand. */
export type DuplicateReason = 'doi' | 'pmid' | 'fuzzy' | 'manual';
/** open: to review; merged: one record kept, the others `merged_into` it; dismissed: not duplicates. */
export type DuplicateStatus = 'open' | 'merged' | 'dismissed';

/** One file of an import batch. */
export interface BatchFile {
  file: string;
  format: ImportFormat | null;
  records: number;
  errors: number;
}

/** An import as the batch list shows it. */
export interface BatchSummary {
  id: Uuid;
  label: string;
  files: BatchFile[];
  createdAt: string;
  /** Set while the import is withdrawn (its records hidden). */
  undoneAt: string | null;
  /** Records stored by the batch (duplicates included). */
  records: number;
  /** Records of the batch that sit in a duplicate cluster. */
  duplicates: number;
}

/** What each library call returns. */
export interface RecordsResponses {
  'records:import': ImportSummary;
  'records:list': { total: number; items: LibraryRecord[] };
  'records:get': RecordDetail;
  'records:batches': BatchSummary[];
  'records:withdrawBatch': BatchSummary;
  'records:restoreBatch': BatchSummary;
  'records:tag': { updated: number };
  'records:tags': Array<{ tag: string; count: number }>;
  'records:setScreening': RecordDetail;
  'records:all': { total: number; items: RecordEntry[] };
}
