/**
 * Duplicate clusters in the project: writing the matches an import finds, and the review
 * operations (list, merge, split, dismiss). A cluster keeps every record; a merge keeps one
 * record (with the field values the team chose) and marks the others `merged_into` it, so
 * nothing is deleted and a merge can be traced in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { DuplicateCluster, DuplicateMember, MergeableField } from '../../../shared/api/calls/duplicates';
import type { DuplicateReason, DuplicateStatus } from '../../../shared/api/calls/records';
import type { DuplicateMatch } from '../../../shared/dedupe/dedupe';
import { clusterSimilarity, hasDifferentTitles } from '../../../shared/dedupe/record-similarity';
import type { ImportFormat } from '../../../shared/import/types';
import type { ProjectStore } from '../store/project-store';

const REASON_RANK: Record<DuplicateReason, number> = { doi: 0, pmid: 1, fuzzy: 2, manual: 3 };

/** Where an import's duplicate matches put records, worked out before anything is written. */
export interface ClusterPlan {
  /** Clusters to create: id -> reason and score. */
  created: Map<string, { reason: DuplicateReason; score: number }>;
  /** Open clusters already in the project that gain records (with their new reason and score). */
  updated: Map<string, { reason: DuplicateReason; score: number }>;
  /** Records already in the project that move into a new cluster. */
  moved: Map<string, string>;
  /** The cluster of each new record that has one. */
  clusterOf: Map<string, string>;
}

/**
 * Plans the clusters for an import's matches (each new record `match.id` goes with an earlier
 * record `match.matchId`, new or already in the project): it joins the target's open cluster
 * (the cluster's reason becomes the strongest link's, its score the weakest link's), or opens
 * a new cluster for the two. A target whose cluster was merged or dismissed starts a new
 * cluster: the old decision was about other records. Planning in memory lets the import
 * write each new record once, with its cluster, instead of updating it afterwards.
 */
export function planClusters(store: ProjectStore, matches: readonly DuplicateMatch[], newIds: ReadonlySet<string>): ClusterPlan {
  const plan: ClusterPlan = { created: new Map(), updated: new Map(), moved: new Map(), clusterOf: new Map() };
  const lookup = store.db.prepare(
    'SELECT r.cluster_id, c.status, c.reason, c.score FROM records r LEFT JOIN duplicate_clusters c ON c.id = r.cluster_id WHERE r.id = ?',
  );
  const existing = new Map<string, { clusterId: string | null; open: boolean }>();
  const join = (clusterId: string, match: DuplicateMatch, known: { reason: DuplicateReason; score: number }, into: Map<string, { reason: DuplicateReason; score: number }>) => {
    into.set(clusterId, {
      reason: REASON_RANK[match.reason] < REASON_RANK[known.reason] ? match.reason : known.reason,
      score: Math.min(known.score, match.score),
    });
  };
  for (const m of matches) {
    let clusterId: string | undefined;
    if (newIds.has(m.matchId)) {
      clusterId = plan.clusterOf.get(m.matchId);
    } else {
      let target = existing.get(m.matchId);
      if (!target) {
        const row = lookup.get(m.matchId) as { cluster_id: string | null; status: DuplicateStatus | null; reason: DuplicateReason | null; score: number | null } | undefined;
        target = { clusterId: row?.cluster_id ?? null, open: row?.status === 'open' };
        if (row?.cluster_id && target.open && !plan.updated.has(row.cluster_id)) plan.updated.set(row.cluster_id, { reason: row.reason!, score: row.score ?? 1 });
        existing.set(m.matchId, target);
      }
      if (target.clusterId && target.open) clusterId = target.clusterId;
      else clusterId = plan.moved.get(m.matchId);
    }
    if (clusterId) {
      const into = plan.created.has(clusterId) ? plan.created : plan.updated;
      join(clusterId, m, into.get(clusterId)!, into);
    } else {
      clusterId = randomUUID();
      plan.created.set(clusterId, { reason: m.reason, score: m.score });
      if (newIds.has(m.matchId)) plan.clusterOf.set(m.matchId, clusterId);
      else plan.moved.set(m.matchId, clusterId);
    }
    plan.clusterOf.set(m.id, clusterId);
  }
  return plan;
}

/**
 * Writes a plan's clusters and moves the project's records into them. Call inside the
 * import's transaction, before inserting the new records (they reference the clusters).
 */
export function writeClusterPlan(store: Pick<ProjectStore, 'db'>, plan: ClusterPlan, now: string): void {
  const create = store.db.prepare("INSERT INTO duplicate_clusters (id, reason, score, status, created_at) VALUES (?, ?, ?, 'open', ?)");
  for (const [id, c] of plan.created) create.run(id, c.reason, c.score, now);
  const update = store.db.prepare('UPDATE duplicate_clusters SET reason = ?, score = ? WHERE id = ?');
  for (const [id, c] of plan.updated) update.run(c.reason, c.score, id);
  const move = store.db.prepare('UPDATE records SET cluster_id = ? WHERE id = ?');
  for (const [recordId, clusterId] of plan.moved) move.run(clusterId, recordId);
}

interface MemberRow {
  id: string;
  title: string;
  authors: string;
  year: number | null;
  journal: string | null;
  type: string | null;
  doi: string | null;
  pmid: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  abstract: string | null;
  screening_decision: 'included' | 'excluded' | 'maybe' | null;
  screening_reason: string | null;
  batch_id: string | null;
  tags: string;
  cluster_id: string | null;
  created_at: string;
  source_file: string | null;
  source_line: number | null;
  source_format: string | null;
  merged_into: string | null;
  n_documents: number;
}

interface ClusterRow {
  id: string;
  reason: DuplicateReason;
  score: number | null;
  status: DuplicateStatus;
  created_at: string;
}

function toMember(r: MemberRow): DuplicateMember {
  return {
    id: r.id,
    title: r.title,
    authors: JSON.parse(r.authors) as DuplicateMember['authors'],
    year: r.year,
    journal: r.journal,
    type: r.type,
    doi: r.doi,
    pmid: r.pmid,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    abstract: r.abstract,
    screening: { decision: r.screening_decision, reason: r.screening_reason },
    batchId: r.batch_id,
    tags: JSON.parse(r.tags) as string[],
    clusterId: r.cluster_id,
    addedAt: r.created_at,
    source: { file: r.source_file, line: r.source_line, format: r.source_format as ImportFormat | null },
    mergedInto: r.merged_into,
    documents: r.n_documents,
  };
}

/** Members of clusters whose batches are not undone. */
const MEMBERS_SQL = `SELECT r.id, r.title, r.authors, r.year, r.journal, r.type, r.doi, r.pmid, r.volume, r.issue, r.pages, r.abstract,
    r.screening_decision, r.screening_reason, r.batch_id, r.tags, r.cluster_id, r.created_at, r.source_file, r.source_line,
    r.source_format, r.merged_into, (SELECT count(*) FROM documents d WHERE d.record_id = r.id AND d.deleted_at IS NULL) AS n_documents
  FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
  WHERE b.undone_at IS NULL AND r.cluster_id = ? ORDER BY r.created_at, r.rowid`;

function loadCluster(store: ProjectStore, id: string): DuplicateCluster {
  const row = store.db.prepare('SELECT id, reason, score, status, created_at FROM duplicate_clusters WHERE id = ?').get(id) as ClusterRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No duplicate cluster ${id}.`);
  const records = (store.db.prepare(MEMBERS_SQL).all(id) as MemberRow[]).map(toMember);
  return {
    id: row.id,
    reason: row.reason,
    score: row.score,
    status: row.status,
    createdAt: row.created_at,
    records,
    similarity: clusterSimilarity(records),
    differentTitles: row.reason === 'doi' && hasDifferentTitles(records),
  };
}

/**
 * Clusters with at least two visible records (a cluster whose other records sit in an undone
 * batch is not shown), oldest first.
 */
export function listClusters(store: ProjectStore, status: DuplicateStatus | 'all', offset: number, limit: number): { total: number; clusters: DuplicateCluster[] } {
  const where = status === 'all' ? '' : 'AND c.status = ?';
  const args = status === 'all' ? [] : [status];
  const visible = `FROM duplicate_clusters c WHERE (SELECT count(*) FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id
      WHERE r.cluster_id = c.id AND b.undone_at IS NULL) >= 2 ${where}`;
  const total = (store.db.prepare(`SELECT count(*) AS n ${visible}`).get(...args) as { n: number }).n;
  const ids = store.db.prepare(`SELECT c.id ${visible} ORDER BY c.created_at, c.rowid LIMIT ? OFFSET ?`).all(...args, limit, offset) as Array<{ id: string }>;
  return { total, clusters: ids.map((r) => loadCluster(store, r.id)) };
}

const FIELD_COLUMNS: Record<MergeableField, string[]> = {
  type: ['type'],
  title: ['title'],
  authors: ['authors'],
  year: ['year'],
  journal: ['journal'],
  volume: ['volume'],
  issue: ['issue'],
  pages: ['pages'],
  doi: ['doi'],
  pmid: ['pmid'],
  pmcid: ['pmcid'],
  issn: ['issn'],
  abstract: ['abstract'],
  keywords: ['keywords'],
  url: ['url'],
  language: ['language'],
  screening: ['screening_decision', 'screening_reason'],
};

/** A record's title for the change log (shortened). */
function recordTitle(store: ProjectStore, id: string): string {
  const row = store.db.prepare('SELECT title FROM records WHERE id = ?').get(id) as { title: string } | undefined;
  const title = row?.title || 'untitled record';
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

function openCluster(store: ProjectStore, clusterId: string): DuplicateCluster {
  const cluster = loadCluster(store, clusterId);
  if (cluster.status !== 'open') throw new AppError('VALIDATION', `The duplicate cluster is already ${cluster.status}.`);
  return cluster;
}

/**
 * Merges a cluster: `keepId` survives, taking each field named in `fields` from the record
 * given there; every other record of the cluster gets `merged_into = keepId` and leaves the
 * library (it stays in the file, visible through its batch and the audit log).
 */
export function mergeCluster(store: ProjectStore, clusterId: string, keepId: string, fields: Partial<Record<MergeableField, string>> = {}): { cluster: DuplicateCluster; keptId: string } {
  const title = recordTitle(store, keepId);
  return store.act({ label: `Merge duplicates into "${title}"`, verb: 'merge', entityType: 'duplicate_cluster', entityId: clusterId, object: title, detail: { keepId, fields } }, () => {
    const cluster = openCluster(store, clusterId);
    const memberIds = new Set(cluster.records.map((r) => r.id));
    if (!memberIds.has(keepId)) throw new AppError('VALIDATION', 'The record to keep is not in this cluster.');
    const now = store.isoNow();
    const chosen: Record<string, string> = {};
    for (const [field, sourceId] of Object.entries(fields) as Array<[MergeableField, string]>) {
      if (!memberIds.has(sourceId)) throw new AppError('VALIDATION', `The record chosen for ${field} is not in this cluster.`);
      if (sourceId === keepId) continue;
      for (const col of FIELD_COLUMNS[field]) {
        // Column names come from the fixed FIELD_COLUMNS table, never from the request.
        store.db.prepare(`UPDATE records SET ${col} = (SELECT ${col} FROM records WHERE id = ?), updated_at = ? WHERE id = ?`).run(sourceId, now, keepId);
      }
      chosen[field] = sourceId;
    }
    // Tags are never lost in a merge: the kept record gets the union.
    const tags = new Set<string>();
    for (const r of cluster.records) for (const t of r.tags) tags.add(t);
    store.db.prepare('UPDATE records SET tags = ?, updated_at = ? WHERE id = ?').run(JSON.stringify([...tags].sort()), now, keepId);
    store.db.prepare('UPDATE records SET merged_into = ?, updated_at = ? WHERE cluster_id = ? AND id <> ?').run(keepId, now, clusterId, keepId);
    store.db.prepare("UPDATE duplicate_clusters SET status = 'merged' WHERE id = ?").run(clusterId);
    return { cluster: loadCluster(store, clusterId), keptId: keepId };
  });
}

/**
 * Takes `recordIds` out of a cluster (they are not duplicates of the rest). When fewer than
 * two records remain, the cluster is dissolved (status 'dismissed', no members) and null is
 * returned.
 */
export function splitCluster(store: ProjectStore, clusterId: string, recordIds: string[]): { cluster: DuplicateCluster | null } {
  const title = recordIds.length === 1 ? recordTitle(store, recordIds[0]!) : `${recordIds.length} records`;
  return store.act({ label: `Not a duplicate: take "${title}" out of its cluster`, verb: 'split', entityType: 'duplicate_cluster', entityId: clusterId, object: title, detail: { removed: recordIds } }, () => {
    const cluster = openCluster(store, clusterId);
    const memberIds = new Set(cluster.records.map((r) => r.id));
    for (const id of recordIds) if (!memberIds.has(id)) throw new AppError('VALIDATION', `Record ${id} is not in this cluster.`);
    const now = store.isoNow();
    const clear = store.db.prepare('UPDATE records SET cluster_id = NULL, updated_at = ? WHERE id = ?');
    for (const id of recordIds) clear.run(now, id);
    const left = cluster.records.filter((r) => !recordIds.includes(r.id));
    if (left.length < 2) {
      for (const r of left) clear.run(now, r.id);
      store.db.prepare("UPDATE duplicate_clusters SET status = 'dismissed' WHERE id = ?").run(clusterId);
      return { cluster: null };
    }
    return { cluster: loadCluster(store, clusterId) };
  });
}

/** Marks a cluster as "not duplicates"; its records stay where they are and leave the review list. */
export function dismissCluster(store: ProjectStore, clusterId: string): { cluster: DuplicateCluster } {
  return store.act({ label: 'Not duplicates: dismiss a duplicate cluster', verb: 'dismiss', entityType: 'duplicate_cluster', entityId: clusterId }, () => {
    openCluster(store, clusterId);
    store.db.prepare("UPDATE duplicate_clusters SET status = 'dismissed' WHERE id = ?").run(clusterId);
    return { cluster: loadCluster(store, clusterId) };
  });
}
