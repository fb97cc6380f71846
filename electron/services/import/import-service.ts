/**
 * Imports screened records into a project: read each file, decode its bytes, detect its
 * format, parse it, find duplicates (against the project and within the batch), and store
 * the whole batch as ONE action of the change log (one SQLite transaction, one undo step), by
 * the session's coder, so a crash, a kill or a full disk in the middle
 * leaves the project exactly as it was.
 *
 * A file that cannot be read or is not bibliographic gives one error for that file; the
 * other files still import. A malformed record gives an error with its file and line, and the
 * rest of its file still imports. What was kept but is not as it should be (a record without
 * a title, a repaired record, a field cut to its limit) is a warning with its file and line.
 *
 * Input limits (shared/import/limits.ts): only regular files are read (a device such as
 * /dev/zero would grow memory without bound, a FIFO would hang), checked with stat before the
 * file is opened; at most MAX_IMPORT_BYTES are read; over-long fields are cut with a warning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BatchFile, ImportIssue, ImportSummary } from '../../../shared/api/calls/records';
import { DedupeIndex, type DedupeRecord, type DuplicateMatch } from '../../../shared/dedupe/dedupe';
import { decodeBytes } from '../../../shared/import/decode';
import { clampRecord, MAX_IMPORT_BYTES } from '../../../shared/import/limits';
import { parseText } from '../../../shared/import/parse';
import type { ImportFormat, ParsedRecord } from '../../../shared/import/types';
import { suspendTrigger, withBulkInsertLog } from '../store/change-log';
import type { ProjectStore } from '../store/project-store';
import { planClusters, writeClusterPlan, type ClusterPlan } from './clusters';

/** A file to import: read from `path`, or given as `bytes` (a browser upload). */
export interface ImportInput {
  /** The name reported in the summary and errors (the path as the user gave it, or the upload's name). */
  name: string;
  path?: string;
  bytes?: Uint8Array;
}

/** How to import (format, batch label, who, progress). */
export interface ImportOptions {
  /** One format for every file; 'auto' or absent sniffs each file. */
  format?: ImportFormat | 'auto';
  label?: string;
  coderId?: string | null;
  /** Progress of the work: called after each file is parsed and every INSERT_CHUNK rows stored. */
  onProgress?: (p: { label: string; done: number; total: number | null; finished: boolean }) => void;
}

/** Rows stored between two progress reports. */
const INSERT_CHUNK = 1000;
/** The page cache of an import's transaction, as SQLite's cache_size (negative: KiB). */
const IMPORT_CACHE_KIB = -65536;

/** A parsed record waiting to be stored, with the id it will have. */
export interface PendingRecord {
  id: string;
  rec: ParsedRecord;
  file: string;
  format: ImportFormat;
}

/** A file refused before it is read, with the message the user sees. */
class RefusedInput extends Error {}

const MB = 1024 * 1024;

function tooLarge(bytes: number | null): RefusedInput {
  const size = bytes === null ? 'more than' : `${(bytes / MB).toFixed(1)} MB;`;
  return new RefusedInput(`The file is ${size} ${MAX_IMPORT_BYTES / MB} MB is the most an import reads. Export the records in smaller parts.`);
}

/** Why a path that is not a regular file cannot be imported, in the user's words. */
function notAFile(st: fs.Stats): RefusedInput {
  if (st.isDirectory()) return new RefusedInput('This is a folder, not a file.');
  if (st.isFIFO()) return new RefusedInput('This is a pipe (FIFO), not a file: save the records to a file and import that.');
  if (st.isCharacterDevice() || st.isBlockDevice()) return new RefusedInput('This is a device, not a file.');
  if (st.isSocket()) return new RefusedInput('This is a socket, not a file.');
  return new RefusedInput('This is not a regular file.');
}

/**
 * The bytes of one input, at most MAX_IMPORT_BYTES. A path is checked with stat before it is
 * opened (opening a FIFO for reading waits for a writer), opened without blocking, checked
 * again on the open descriptor (the path may have changed in between), and read in a loop that
 * stops past the limit (a file in /proc reports size 0; a growing file outgrows its stat).
 */
function readInput(input: ImportInput): Uint8Array {
  if (input.bytes) {
    if (input.bytes.length > MAX_IMPORT_BYTES) throw tooLarge(input.bytes.length);
    return input.bytes;
  }
  if (!input.path) throw new Error('no path or bytes given');
  const before = fs.statSync(input.path);
  if (!before.isFile()) throw notAFile(before);
  if (before.size > MAX_IMPORT_BYTES) throw tooLarge(before.size);
  const fd = fs.openSync(input.path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw notAFile(st);
    // One byte more than the file's size, so the read that finds the end of the file does not
    // first grow (and copy) the buffer.
    let buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 * 1024), MAX_IMPORT_BYTES + 1));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > MAX_IMPORT_BYTES) throw tooLarge(null);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, MAX_IMPORT_BYTES + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buf.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function ioMessage(e: unknown): string {
  if (e instanceof RefusedInput) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'File not found.';
  if (err.code === 'EISDIR') return 'This is a folder, not a file.';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'Permission denied: the file cannot be read.';
  return `The file cannot be read: ${err.message}`;
}

function toDedupe(id: string, r: ParsedRecord): DedupeRecord {
  return { id, title: r.title, firstAuthor: r.authors[0]?.family ?? null, year: r.year, doi: r.doi, pmid: r.pmid };
}

/** Indexes every visible record of the project (not in an undone batch, not merged away). */
export function indexProjectRecords(store: ProjectStore): DedupeIndex {
  const index = new DedupeIndex();
  const rows = store.db
    .prepare(
      `SELECT r.id, r.title, json_extract(r.authors, '$[0].family') AS first_author, r.year, r.doi, r.pmid
       FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
       WHERE b.undone_at IS NULL AND r.merged_into IS NULL ORDER BY r.created_at, r.rowid`,
    )
    .all() as Array<{ id: string; title: string; first_author: string | null; year: number | null; doi: string | null; pmid: string | null }>;
  for (const r of rows) index.add({ id: r.id, title: r.title, firstAuthor: r.first_author, year: r.year, doi: r.doi, pmid: r.pmid });
  return index;
}

/**
 * Imports `inputs` as one batch and returns what happened (see ImportSummary). Throws only
 * for a failure of the project itself (the transaction is then rolled back); problems with
 * the files are reported in `errors`. Runs to the end without yielding (command line, tests).
 */
export function importRecords(store: ProjectStore, inputs: readonly ImportInput[], options: ImportOptions = {}): ImportSummary {
  const steps = importSteps(store, inputs, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same import, giving the event loop a turn after each file and between phases, so that
 * progress events reach the window while a long import runs. Finding duplicates and the
 * transaction form one synchronous step, so no other write can slip in between them.
 */
export async function importRecordsAsync(store: ProjectStore, inputs: readonly ImportInput[], options: ImportOptions = {}): Promise<ImportSummary> {
  const steps = importSteps(store, inputs, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The import as steps: each `yield` is a point where the caller may let other work run. */
function* importSteps(store: ProjectStore, inputs: readonly ImportInput[], options: ImportOptions): Generator<void, ImportSummary> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const formats: Record<string, ImportFormat> = {};
  const files: BatchFile[] = [];
  const pending: PendingRecord[] = [];
  let skipped = 0;
  const forced = options.format && options.format !== 'auto' ? options.format : undefined;
  const report = options.onProgress ?? (() => undefined);

  for (const [i, input] of inputs.entries()) {
    report({ label: `Reading ${input.name}`, done: i, total: inputs.length, finished: false });
    yield;
    let bytes: Uint8Array;
    try {
      bytes = readInput(input);
    } catch (e) {
      errors.push({ file: input.name, line: 0, message: ioMessage(e) });
      files.push({ file: input.name, format: null, records: 0, errors: 1 });
      continue;
    }
    const { text } = decodeBytes(bytes);
    const parsed = parseText(text, { ...(forced ? { format: forced } : {}), fileName: path.basename(input.name) });
    const fileErrors = parsed.errors.map((e) => ({ file: input.name, line: e.line, message: e.message }));
    const fileWarnings = parsed.warnings.map((w) => ({ file: input.name, line: w.line, message: w.message }));
    skipped += parsed.skipped;
    let kept = 0;
    if (parsed.format) {
      formats[input.name] = parsed.format;
      for (const rec of parsed.records) {
        for (const w of clampRecord(rec)) fileWarnings.push({ file: input.name, line: w.line, message: w.message });
        pending.push({ id: randomUUID(), rec, file: input.name, format: parsed.format });
        kept++;
      }
    }
    if (kept === 0 && fileErrors.length === 0) {
      fileErrors.push({ file: input.name, line: 0, message: `No records found in this ${parsed.format ?? ''} file.`.replace('  ', ' ') });
    }
    errors.push(...fileErrors);
    fileWarnings.sort((a, b) => a.line - b.line);
    warnings.push(...fileWarnings);
    files.push({ file: input.name, format: parsed.format, records: kept, errors: fileErrors.length });
  }

  if (pending.length === 0) {
    report({ label: 'Nothing to import', done: inputs.length, total: inputs.length, finished: true });
    return { batch: null, imported: 0, duplicates: 0, skipped, errors, warnings, formats, clusters: 0 };
  }

  // Said before the last turn of the event loop, so the window shows it while the final,
  // synchronous step (duplicates, then one transaction) runs.
  report({ label: `Finding duplicates and storing ${pending.length.toLocaleString('en')} records`, done: 0, total: pending.length, finished: false });
  yield;
  return storeBatch(store, { pending, errors, warnings, formats, files, skipped, label: options.label ?? inputs.map((f) => path.basename(f.name)).join(', ') }, options);
}

/** What reading and parsing an import's files gave: the records to store and what to report. */
interface ParsedBatch {
  pending: PendingRecord[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  formats: Record<string, ImportFormat>;
  files: BatchFile[];
  skipped: number;
  label: string;
}

/**
 * Finds the duplicates of a parsed batch and stores it as ONE action of the change log, by the
 * session's coder (one undo step removes the whole batch), in ONE immediate transaction: the
 * write lock is taken before the project's records are read for deduplication, so no other
 * connection (the app's own, while this runs on the import worker) can write in between. The
 * action is opened inside that transaction (a savepoint), once the duplicates are known, so its
 * label and detail carry the counts.
 */
function storeBatch(store: ProjectStore, batch: ParsedBatch, options: ImportOptions): ImportSummary {
  const { pending, errors, warnings, formats, files, skipped, label } = batch;
  const report = options.onProgress ?? (() => undefined);
  const batchId = randomUUID();
  const now = store.isoNow();
  const coderId = store.requireCoder();
  const actionLabel = `Import ${pending.length.toLocaleString('en')} record${pending.length === 1 ? '' : 's'} from ${label}`;
  let clusters = 0;
  // The commit does not also copy the batch's tens of megabytes of WAL into the file: that
  // checkpoint is left to the store's close (the import worker closes its connection after the
  // summary is sent, off the app's thread) or to SQLite's next automatic checkpoint.
  const autoCheckpoint = store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  store.db.pragma('wal_autocheckpoint = 0');
  // A page cache large enough for the batch's index pages (64 MB for the import, the default
  // 2 MB again after): fewer pages are written out and read back during the transaction.
  const cacheSize = store.db.pragma('cache_size', { simple: true }) as number;
  store.db.pragma(`cache_size = ${Math.min(cacheSize, IMPORT_CACHE_KIB)}`);
  let duplicates: number;
  try {
    duplicates = store.db
      .transaction(() => {
        const index = indexProjectRecords(store);
        const matches: DuplicateMatch[] = [];
        for (const p of pending) {
          const m = index.findMatchAndAdd(toDedupe(p.id, p.rec));
          if (m) matches.push(m);
        }
        const plan = planClusters(store, matches, new Set(pending.map((p) => p.id)));
        clusters = new Set(plan.clusterOf.values()).size;
        report({ label: 'Storing records', done: 0, total: pending.length, finished: false });
        const detail = { files, imported: pending.length, duplicates: matches.length, skipped };
        store.act({ label: actionLabel, verb: 'import', entityType: 'import_batch', entityId: batchId, object: label, detail }, () =>
          writeImportBatch(store.db, { batchId, label, files, coderId, now, plan, pending }, (done) =>
            report({ label: 'Storing records', done, total: pending.length, finished: false }),
          ),
        );
        return matches.length;
      })
      .immediate();
  } finally {
    store.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    store.db.pragma(`cache_size = ${cacheSize}`);
  }
  report({ label: 'Import finished', done: pending.length, total: pending.length, finished: true });
  return { batch: batchId, imported: pending.length, duplicates, skipped, errors, warnings, formats, clusters };
}

/** The rows one import batch writes (see writeImportBatch). */
export interface ImportBatchWrite {
  batchId: string;
  label: string;
  files: BatchFile[];
  /** Who imported (the session's coder; import_batches.coder_id is NOT NULL). */
  coderId: string;
  /** ISO time stamped on every row. */
  now: string;
  plan: ClusterPlan;
  pending: readonly PendingRecord[];
}

/**
 * Writes an import batch: its row, its duplicate clusters, and its records through ONE prepared
 * INSERT. Two per-row triggers on `records` are replaced by one statement each after the
 * insert: the search index's (the batch's rows are indexed in one INSERT ... SELECT over the
 * new rowids, about half the CPU of 10,000 trigger runs) and the change log's insert trigger
 * (withBulkInsertLog logs the same keys in one statement; the trigger cost as much as the
 * insert). Both triggers are created again from their own stored SQL before returning. Must
 * run inside an action of the change log (the caller's `store.act`), so that every row is
 * recorded and a failure restores the triggers along with everything else. `onRows(n)`
 * follows the insert every INSERT_CHUNK rows.
 */
export function writeImportBatch(db: Database.Database, w: ImportBatchWrite, onRows: (done: number) => void = () => undefined): void {
  if (!db.inTransaction) throw new Error('writeImportBatch must run inside a transaction');
  db.prepare('INSERT INTO import_batches (id, label, files, coder_id, created_at) VALUES (?, ?, ?, ?, ?)').run(w.batchId, w.label, JSON.stringify(w.files), w.coderId, w.now);
  writeClusterPlan({ db }, w.plan, w.now);
  const bulk = bulkSearchIndex(db);
  try {
    withBulkInsertLog(db, 'records', () => insertRecords(db, w, onRows));
  } catch (e) {
    bulk?.restore();
    throw e;
  }
  bulk?.finish();
}

/** The records of an import batch, through one prepared INSERT (see writeImportBatch). */
function insertRecords(db: Database.Database, w: ImportBatchWrite, onRows: (done: number) => void): void {
  const insert = db.prepare(
    `INSERT INTO records (id, batch_id, type, title, authors, year, journal, volume, issue, pages, doi, pmid, pmcid, issn,
       abstract, keywords, url, language, screening_decision, screening_reason, source_file, source_line, source_format, raw,
       cluster_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // One name per file, not one path.basename per record.
  const sourceNames = new Map<string, string>();
  w.pending.forEach((p, i) => {
    const r = p.rec;
    let source = sourceNames.get(p.file);
    if (source === undefined) sourceNames.set(p.file, (source = path.basename(p.file)));
    insert.run(
      p.id,
      w.batchId,
      r.type,
      r.title,
      JSON.stringify(r.authors),
      r.year,
      r.journal,
      r.volume,
      r.issue,
      r.pages,
      r.doi,
      r.pmid,
      r.pmcid,
      r.issn,
      r.abstract,
      JSON.stringify(r.keywords),
      r.url,
      r.language,
      r.screening.decision,
      r.screening.reason,
      source,
      r.line,
      p.format,
      r.raw,
      w.plan.clusterOf.get(p.id) ?? null,
      w.now,
      w.now,
    );
    if ((i + 1) % INSERT_CHUNK === 0) onRows(i + 1);
  });
}

/** The search index's insert trigger on `records` (migration 002). */
const FTS_INSERT_TRIGGER = 'records_fts_ai';

/**
 * Prepares a bulk insert into `records`: drops the search index's per-row trigger and returns
 * `finish()`, which indexes every row added since in one statement and restores the trigger.
 * The indexing statement is derived from the trigger itself (its `INSERT ... VALUES (new.x,
 * ...)` becomes `INSERT ... SELECT x, ... FROM records WHERE rowid > ?`), so it indexes exactly
 * what the trigger would. Returns null (rows are then indexed by the trigger, one by one) when
 * the trigger is missing or not of that one-statement shape.
 */
function bulkSearchIndex(db: Database.Database): { finish(): void; restore(): void } | null {
  const after = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM records').get() as { n: number }).n;
  const trigger = suspendTrigger(db, FTS_INSERT_TRIGGER);
  if (!trigger) return null;
  const body = /\bBEGIN\s+(INSERT\s+INTO\s+\w+\s*\([^;()]*\))\s*VALUES\s*\(([^;()]*)\)\s*;\s*END\s*$/i.exec(trigger.sql);
  if (!body) {
    trigger.restore();
    return null;
  }
  const index = db.prepare(`${body[1]} SELECT ${body[2]!.replace(/\bnew\./gi, '')} FROM records WHERE rowid > ?`);
  return {
    finish() {
      index.run(after);
      trigger.restore();
    },
    restore: () => trigger.restore(),
  };
}
