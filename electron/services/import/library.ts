/**
 * Reading and tagging the library, and undoing or redoing an import batch. Every query hides
 * records of undone batches and records merged into another, so the library shows each work
 * once and an undone import disappears without being deleted.
 */
import { AppError } from '../../../shared/api/errors';
import type { ApiParsedRequest } from '../../../shared/api/contract';
import type { BatchFile, BatchSummary, LibraryRecord, RecordDetail, RecordEntry, RecordSortField } from '../../../shared/api/calls/records';
import type { ImportFormat } from '../../../shared/import/types';
import type { DuplicateReason, DuplicateStatus } from '../../../shared/api/calls/records';
import type { ProjectStore } from '../store/project-store';

type ListRequest = ApiParsedRequest<'records:list'>;

/** SQL for each sort field; ties fall back to title then id, so paging windows never overlap. */
const SORT_SQL: Record<RecordSortField, string> = {
  title: 'r.title COLLATE NOCASE',
  year: 'r.year',
  authors: "json_extract(r.authors, '$[0].family') COLLATE NOCASE",
  journal: 'r.journal COLLATE NOCASE',
  decision: 'r.screening_decision',
  added: 'r.created_at',
};

/**
 * Turns the user's quick-find text into an FTS5 query: each word becomes a quoted prefix
 * term ("word"*), all required. Quoting makes FTS5 syntax characters in the text harmless.
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 20);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

interface LibraryRow {
  id: string;
  title: string;
  authors: string;
  year: number | null;
  journal: string | null;
  type: string | null;
  doi: string | null;
  pmid: string | null;
  screening_decision: 'included' | 'excluded' | 'maybe' | null;
  screening_reason: string | null;
  batch_id: string | null;
  tags: string;
  open_cluster: string | null;
  created_at: string;
  n_documents: number;
}

function toLibraryRecord(r: LibraryRow): LibraryRecord {
  return {
    id: r.id,
    title: r.title,
    authors: JSON.parse(r.authors) as LibraryRecord['authors'],
    year: r.year,
    journal: r.journal,
    type: r.type,
    doi: r.doi,
    pmid: r.pmid,
    screening: { decision: r.screening_decision, reason: r.screening_reason },
    batchId: r.batch_id,
    tags: JSON.parse(r.tags) as string[],
    clusterId: r.open_cluster,
    addedAt: r.created_at,
    documents: r.n_documents,
  };
}

/** A window of the library, filtered and sorted (see the records:list contract). */
export function listLibrary(store: ProjectStore, req: ListRequest): { total: number; items: LibraryRecord[] } {
  const where = ['b.undone_at IS NULL', 'r.merged_into IS NULL'];
  const args: Array<string | number> = [];
  if (req.decision === 'none') where.push('r.screening_decision IS NULL');
  else if (req.decision) {
    where.push('r.screening_decision = ?');
    args.push(req.decision);
  }
  if (req.batchId) {
    where.push('r.batch_id = ?');
    args.push(req.batchId);
  }
  if (req.yearFrom !== undefined) {
    where.push('r.year >= ?');
    args.push(req.yearFrom);
  }
  if (req.yearTo !== undefined) {
    where.push('r.year <= ?');
    args.push(req.yearTo);
  }
  if (req.type !== undefined) {
    where.push('r.type = ?');
    args.push(req.type);
  }
  if (req.duplicatesOnly) where.push("c.status = 'open'");
  if (req.fullText === 'with') where.push('EXISTS (SELECT 1 FROM documents d WHERE d.record_id = r.id AND d.deleted_at IS NULL)');
  else if (req.fullText === 'without') where.push('NOT EXISTS (SELECT 1 FROM documents d WHERE d.record_id = r.id AND d.deleted_at IS NULL)');
  if (req.tag !== undefined) {
    where.push('EXISTS (SELECT 1 FROM json_each(r.tags) WHERE value = ?)');
    args.push(req.tag);
  }
  if (req.query !== undefined) {
    const fts = toFtsQuery(req.query);
    if (fts) {
      where.push('r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)');
      args.push(fts);
    }
  }
  const from = `FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id LEFT JOIN duplicate_clusters c ON c.id = r.cluster_id
    WHERE ${where.join(' AND ')}`;
  const total = (store.db.prepare(`SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
  const dir = req.sort.dir === 'desc' ? 'DESC' : 'ASC';
  // NULLs (no year, no decision) go last in either direction.
  const key = SORT_SQL[req.sort.field];
  const order = `(${key}) IS NULL, ${key} ${dir}, r.title COLLATE NOCASE, r.id`;
  const rows = store.db
    .prepare(
      `SELECT r.id, r.title, r.authors, r.year, r.journal, r.type, r.doi, r.pmid, r.screening_decision, r.screening_reason,
         r.batch_id, r.tags, CASE WHEN c.status = 'open' THEN c.id END AS open_cluster, r.created_at,
         (SELECT count(*) FROM documents d WHERE d.record_id = r.id AND d.deleted_at IS NULL) AS n_documents
       ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...args, req.limit, req.offset) as LibraryRow[];
  return { total, items: rows.map(toLibraryRecord) };
}

interface DetailRow {
  id: string;
  batch_id: string | null;
  type: string | null;
  title: string;
  authors: string;
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
  keywords: string;
  url: string | null;
  language: string | null;
  screening_decision: 'included' | 'excluded' | 'maybe' | null;
  screening_reason: string | null;
  source_file: string | null;
  source_line: number | null;
  source_format: string | null;
  raw: string | null;
  tags: string;
  cluster_id: string | null;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

/** Everything stored about one record (also a merged-away or undone one: the detail pane may link to it). */
export function getRecord(store: ProjectStore, id: string): RecordDetail {
  const r = store.db.prepare('SELECT * FROM records WHERE id = ?').get(id) as DetailRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `No record ${id}.`);
  let cluster: RecordDetail['cluster'] = null;
  if (r.cluster_id) {
    const c = store.db.prepare('SELECT id, reason, score, status FROM duplicate_clusters WHERE id = ?').get(r.cluster_id) as
      | { id: string; reason: DuplicateReason; score: number | null; status: DuplicateStatus }
      | undefined;
    if (c) {
      const others = store.db
        .prepare(
          `SELECT r.id FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
           WHERE r.cluster_id = ? AND r.id <> ? AND b.undone_at IS NULL ORDER BY r.created_at, r.rowid`,
        )
        .all(c.id, id) as Array<{ id: string }>;
      cluster = { id: c.id, reason: c.reason, score: c.score, status: c.status, otherIds: others.map((o) => o.id) };
    }
  }
  return {
    id: r.id,
    batchId: r.batch_id,
    type: r.type,
    title: r.title,
    authors: JSON.parse(r.authors) as RecordDetail['authors'],
    year: r.year,
    journal: r.journal,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    doi: r.doi,
    pmid: r.pmid,
    pmcid: r.pmcid,
    issn: r.issn,
    abstract: r.abstract,
    keywords: JSON.parse(r.keywords) as string[],
    url: r.url,
    language: r.language,
    screening: { decision: r.screening_decision, reason: r.screening_reason },
    tags: JSON.parse(r.tags) as string[],
    source: { file: r.source_file, line: r.source_line, format: r.source_format as ImportFormat | null },
    raw: r.raw,
    cluster,
    documents: store.db
      .prepare('SELECT id, title, kind, status, file_name AS fileName FROM documents WHERE record_id = ? AND deleted_at IS NULL ORDER BY title COLLATE NOCASE, id')
      .all(id) as RecordDetail['documents'],
    mergedInto: r.merged_into,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface BatchRow {
  id: string;
  label: string;
  files: string;
  created_at: string;
  undone_at: string | null;
  records: number;
  duplicates: number;
}

const BATCH_SQL = `SELECT b.id, b.label, b.files, b.created_at, b.undone_at,
    (SELECT count(*) FROM records r WHERE r.batch_id = b.id) AS records,
    (SELECT count(*) FROM records r WHERE r.batch_id = b.id AND r.cluster_id IS NOT NULL) AS duplicates
  FROM import_batches b`;

function toBatch(r: BatchRow): BatchSummary {
  return {
    id: r.id,
    label: r.label,
    files: JSON.parse(r.files) as BatchFile[],
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    records: r.records,
    duplicates: r.duplicates,
  };
}

/** Every import batch, newest first, undone ones included (so they can be redone). */
export function listBatches(store: ProjectStore): BatchSummary[] {
  return (store.db.prepare(`${BATCH_SQL} ORDER BY b.created_at DESC, b.rowid DESC`).all() as BatchRow[]).map(toBatch);
}

function getBatch(store: ProjectStore, id: string): BatchSummary {
  const row = store.db.prepare(`${BATCH_SQL} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No import batch ${id}.`);
  return toBatch(row);
}

/**
 * Withdraws (`withdraw = true`) or restores a whole import: the batch's records are hidden from
 * every list or shown again; nothing is deleted, so restoring brings back tags, clusters and
 * decisions. Either is an ordinary action of the change log (undo reverses it), for taking
 * back an import that is no longer the last thing done.
 */
export function setBatchWithdrawn(store: ProjectStore, batchId: string, withdraw: boolean): BatchSummary {
  const before = getBatch(store, batchId);
  if (withdraw && before.undoneAt) throw new AppError('VALIDATION', 'This import is already withdrawn.');
  if (!withdraw && !before.undoneAt) throw new AppError('VALIDATION', 'This import is not withdrawn.');
  const what = `${before.records.toLocaleString('en')} record${before.records === 1 ? '' : 's'} from ${before.label}`;
  store.act(
    { label: `${withdraw ? 'Withdraw' : 'Restore'} the import of ${what}`, verb: withdraw ? 'withdraw' : 'restore', entityType: 'import_batch', entityId: batchId, object: before.label },
    () => {
      store.db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(withdraw ? store.isoNow() : null, batchId);
    },
  );
  return getBatch(store, batchId);
}

/** Adds and removes tags on many records at once; returns how many records changed. */
export function tagRecords(store: ProjectStore, ids: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): { updated: number } {
  const what = [add.length ? `add ${add.map((t) => `"${t}"`).join(', ')}` : '', remove.length ? `remove ${remove.map((t) => `"${t}"`).join(', ')}` : ''].filter(Boolean).join(', ');
  const n = new Set(ids).size;
  const meta = { label: `Tags: ${what || 'no change'} on ${n.toLocaleString('en')} record${n === 1 ? '' : 's'}`, verb: 'tag', entityType: 'record', entityId: n === 1 ? ids[0]! : null, detail: { add, remove } };
  return store.act(meta, () => {
    const read = store.db.prepare('SELECT tags FROM records WHERE id = ?');
    const write = store.db.prepare('UPDATE records SET tags = ?, updated_at = ? WHERE id = ?');
    const now = store.isoNow();
    const drop = new Set(remove);
    let updated = 0;
    for (const id of new Set(ids)) {
      const row = read.get(id) as { tags: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `No record ${id}.`);
      const before = JSON.parse(row.tags) as string[];
      const next = new Set(before.filter((t) => !drop.has(t)));
      for (const t of add) next.add(t);
      const sorted = [...next].sort();
      if (sorted.length === before.length && sorted.every((t, i) => t === before[i])) continue;
      write.run(JSON.stringify(sorted), now, id);
      updated++;
    }
    return { updated };
  });
}

const DECISION_WORDS: Record<string, string> = { included: 'included', excluded: 'excluded', maybe: 'maybe' };

/**
 * Corrects a record's screening decision and reason (a reviewer's second look), as one action
 * whose label says what it was and what it became; nothing changes when both are the same.
 */
export function setScreening(store: ProjectStore, id: string, decision: 'included' | 'excluded' | 'maybe' | null, reason: string | null): RecordDetail {
  const row = store.db.prepare('SELECT title, screening_decision, screening_reason FROM records WHERE id = ?').get(id) as
    | { title: string; screening_decision: string | null; screening_reason: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No record ${id}.`);
  const nextReason = reason && reason.trim() ? reason.trim() : null;
  if (row.screening_decision === decision && row.screening_reason === nextReason) return getRecord(store, id);
  const word = (d: string | null) => (d ? DECISION_WORDS[d] ?? d : 'not screened');
  const label = row.screening_decision === decision ? `Screening reason of a record (${word(decision)})` : `Screening: ${word(row.screening_decision)} → ${word(decision)}`;
  store.act({ label, verb: 'screen', entityType: 'record', entityId: id, object: row.title.slice(0, 200), detail: { from: row.screening_decision, to: decision } }, () => {
    store.db.prepare('UPDATE records SET screening_decision = ?, screening_reason = ?, updated_at = ? WHERE id = ?').run(decision, nextReason, store.isoNow(), id);
  });
  return getRecord(store, id);
}

/** Every tag on a visible record, with how many visible records carry it, by name. */
export function listTags(store: ProjectStore): Array<{ tag: string; count: number }> {
  return store.db
    .prepare(
      `SELECT t.value AS tag, count(*) AS count
       FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id, json_each(r.tags) t
       WHERE b.undone_at IS NULL AND r.merged_into IS NULL GROUP BY t.value ORDER BY t.value`,
    )
    .all() as Array<{ tag: string; count: number }>;
}

/**
 * `records:all`: a window of every visible record, in import order (batch, then position in its
 * file), in the flat shape scripts read (`realist records --json`).
 */
export function recordWindow(store: ProjectStore, offset: number, limit: number): { total: number; items: RecordEntry[] } {
  const total = (
    store.db
      .prepare('SELECT count(*) AS n FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id WHERE b.undone_at IS NULL AND r.merged_into IS NULL')
      .get() as { n: number }
  ).n;
  const rows = store.db
    .prepare(
      `SELECT r.id, r.type, r.title, r.authors, r.year, r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid, r.abstract,
         r.keywords, r.tags, r.screening_decision, r.screening_reason, r.source_file, r.source_line, r.source_format,
         r.batch_id, r.cluster_id
       FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
       WHERE b.undone_at IS NULL AND r.merged_into IS NULL ORDER BY b.created_at, r.rowid LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as Array<Omit<DetailRow, 'pmcid' | 'issn' | 'url' | 'language' | 'raw' | 'merged_into' | 'created_at' | 'updated_at'>>;
  const items = rows.map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    authors: JSON.parse(r.authors) as RecordEntry['authors'],
    year: r.year,
    journal: r.journal,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    doi: r.doi,
    pmid: r.pmid,
    abstract: r.abstract,
    keywords: JSON.parse(r.keywords) as string[],
    tags: JSON.parse(r.tags) as string[],
    screening: { decision: r.screening_decision, reason: r.screening_reason },
    source: { file: r.source_file, line: r.source_line, format: r.source_format },
    batchId: r.batch_id,
    clusterId: r.cluster_id,
  }));
  return { total, items };
}

/** Every visible record in import order (see recordWindow). */
export function allRecords(store: ProjectStore): RecordEntry[] {
  // LIMIT -1: no limit, in SQLite.
  return recordWindow(store, 0, -1).items;
}
