/**
 * The duplicate review: open clusters on the left, each with its reason and how alike its
 * records are (title and author similarity, 0–100 %); the selected cluster on the right. A
 * small cluster is compared side by side (one column a record, one row a field, differing
 * values marked); a large one (more than SIDE_BY_SIDE_MAX records) is a vertical list, one
 * record a row, so 60 records never make a table thousands of pixels wide. The reviewer picks
 * the record that survives and, field by field, whose value wins, then merges; or splits
 * records out of the cluster; or dismisses it as not duplicates.
 * "Same DOI, different titles" (a supplement DOI shared by many abstracts) is flagged, and
 * there nothing is preselected: merging needs the reviewer to choose the record to keep.
 * Keyboard: ↑/↓ in the cluster list; M merges (once a record to keep is chosen), D dismisses.
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DuplicateCluster, DuplicateMember, MergeableField } from '../../../../shared/api/calls/duplicates';
import { percent, similarityTo } from '../../../../shared/dedupe/record-similarity';
import { api } from '../../api';
import { formatName } from './import-panel';
import { authorFull, count, decisionLabel, plural } from './library-query';

/** The fields the review compares, in reading order, and how each value is shown. */
const ROWS: Array<{ field: MergeableField; label: string; value(r: DuplicateMember): string }> = [
  { field: 'title', label: 'Title', value: (r) => r.title },
  { field: 'authors', label: 'Authors', value: (r) => authorFull(r.authors) },
  { field: 'year', label: 'Year', value: (r) => (r.year === null ? '' : String(r.year)) },
  { field: 'journal', label: 'Journal', value: (r) => r.journal ?? '' },
  { field: 'volume', label: 'Volume', value: (r) => r.volume ?? '' },
  { field: 'issue', label: 'Issue', value: (r) => r.issue ?? '' },
  { field: 'pages', label: 'Pages', value: (r) => r.pages ?? '' },
  { field: 'doi', label: 'DOI', value: (r) => r.doi ?? '' },
  { field: 'pmid', label: 'PMID', value: (r) => r.pmid ?? '' },
  { field: 'type', label: 'Type', value: (r) => r.type ?? '' },
  { field: 'screening', label: 'Screening', value: (r) => (r.screening.decision ? `${decisionLabel(r.screening.decision)}${r.screening.reason ? `: ${r.screening.reason}` : ''}` : '') },
  { field: 'abstract', label: 'Abstract', value: (r) => r.abstract ?? '' },
];

const REASONS: Record<string, string> = { doi: 'Same DOI', pmid: 'Same PMID', fuzzy: 'Similar title', manual: 'By hand' };

/** Clusters up to this many records are compared side by side; larger ones are a list. */
const SIDE_BY_SIDE_MAX = 3;

/** Below this title similarity a record is marked as unlike the record it is compared with. */
const LOW_SIMILARITY = 0.6;

/** "Title 45 % · authors 50 %": how alike, as the list and the header show it. */
function SimilarityNote({ title, authors, against }: { title: number; authors: number | null; against?: string }) {
  const hint = against ? ` to ${against}` : ' (lowest of any record to record 1)';
  return (
    <span className="lib-sim">
      <span className={title < LOW_SIMILARITY ? 'low' : ''} title={`Title similarity${hint}: letters in common after case and punctuation are ignored`}>
        title {percent(title)}
      </span>
      <span className={authors !== null && authors < LOW_SIMILARITY ? 'low' : ''} title={`Author similarity${hint}: family names in common over all family names`}>
        authors {percent(authors)}
      </span>
    </span>
  );
}

/** The warning badge of a cluster grouped by a DOI whose titles name different works. */
function DifferentTitlesBadge() {
  return (
    <span className="lib-flag" title="The DOI matches but the titles name different works: often a supplement DOI shared by many abstracts. Check before merging.">
      same DOI, different titles
    </span>
  );
}

/** Default winners: the kept record's value, or the first record that has one when it is empty. */
function defaultChoices(cluster: DuplicateCluster, keepId: string): Partial<Record<MergeableField, string>> {
  const keep = cluster.records.find((r) => r.id === keepId) ?? cluster.records[0]!;
  const out: Partial<Record<MergeableField, string>> = {};
  for (const row of ROWS) {
    const winner = row.value(keep) ? keep : cluster.records.find((r) => row.value(r));
    if (winner) out[row.field] = winner.id;
  }
  return out;
}

/** The record with the most filled-in fields is the best first guess for the survivor. */
function richest(cluster: DuplicateCluster): string {
  let best = cluster.records[0]!;
  let bestScore = -1;
  for (const r of cluster.records) {
    const score = ROWS.filter((row) => row.value(r)).length;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best.id;
}

export function DuplicatesReview({ onChanged, focusClusterId }: { onChanged(): void; focusClusterId: string | null }) {
  const [clusters, setClusters] = useState<DuplicateCluster[] | null>(null);
  const [total, setTotal] = useState(0);
  const [currentId, setCurrentId] = useState<string | null>(focusClusterId);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async (preferId?: string | null) => {
    const r = await api.result('duplicates:list', { status: 'open', limit: 500 });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setClusters(r.value.clusters);
    setTotal(r.value.total);
    setCurrentId((id) => {
      const want = preferId ?? id;
      if (want && r.value.clusters.some((c) => c.id === want)) return want;
      return r.value.clusters[0]?.id ?? null;
    });
  }, []);

  useEffect(() => {
    void load(focusClusterId);
  }, [load, focusClusterId]);

  const index = clusters?.findIndex((c) => c.id === currentId) ?? -1;
  const current = index >= 0 ? clusters![index]! : null;

  const afterAction = async (message: string) => {
    setDone(message);
    const next = clusters?.[index + 1]?.id ?? clusters?.[index - 1]?.id ?? null;
    await load(next);
    onChanged();
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!clusters?.length) return;
    if (e.key === 'ArrowDown') setCurrentId(clusters[Math.min(clusters.length - 1, index + 1)]!.id);
    else if (e.key === 'ArrowUp') setCurrentId(clusters[Math.max(0, index - 1)]!.id);
    else return;
    e.preventDefault();
  };

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!clusters) return <p className="muted">Loading duplicate clusters…</p>;
  if (clusters.length === 0) {
    return (
      <section className="empty lib-dups-empty" aria-label="Duplicates">
        <h2>No duplicates to review</h2>
        <p>{done ?? 'Records that look like the same work (same DOI or PMID, or a similar title, first author and year) are grouped here when you import.'}</p>
      </section>
    );
  }
  return (
    <div className="lib-dups">
      <nav className="lib-dups-list" aria-label="Duplicate clusters">
        <div className="lib-dups-count">{plural(total, 'open cluster')}</div>
        <ul role="listbox" tabIndex={0} onKeyDown={onListKey} aria-activedescendant={current ? `cluster-${current.id}` : undefined}>
          {clusters.map((c) => (
            <li key={c.id} id={`cluster-${c.id}`} role="option" aria-selected={c.id === currentId} className={c.id === currentId ? 'selected' : ''} onClick={() => setCurrentId(c.id)}>
              <span className="lib-dups-title">{c.records[0]?.title || '(no title)'}</span>
              <span className="lib-dups-meta">
                <span className={`lib-reason ${c.reason}`}>{REASONS[c.reason] ?? c.reason}</span>
                <span>{c.records.length} records</span>
                <SimilarityNote {...c.similarity} />
              </span>
              {c.differentTitles && (
                <span className="lib-dups-meta">
                  <DifferentTitlesBadge />
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {current && <ClusterCompare key={current.id} cluster={current} onDone={afterAction} onError={setError} message={done} />}
    </div>
  );
}

function ClusterCompare({ cluster, onDone, onError, message }: { cluster: DuplicateCluster; onDone(message: string): Promise<void>; onError(message: string): void; message: string | null }) {
  // Same DOI, different titles: nothing is preselected, the reviewer chooses what to keep.
  const initialKeep = cluster.differentTitles ? null : richest(cluster);
  const [keepId, setKeepId] = useState<string | null>(initialKeep);
  const [choices, setChoices] = useState(() => (initialKeep ? defaultChoices(cluster, initialKeep) : {}));
  const [splitIds, setSplitIds] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const differing = useMemo(() => new Set(ROWS.filter((row) => new Set(cluster.records.map((r) => row.value(r).trim().toLowerCase())).size > 1).map((r) => r.field)), [cluster]);
  // Each record's similarity to the kept record (to record 1 until one is kept).
  const reference = cluster.records.find((r) => r.id === keepId) ?? cluster.records[0]!;
  const referenceName = `record ${cluster.records.indexOf(reference) + 1}`;
  const similar = useMemo(() => similarityTo(reference, cluster.records), [reference, cluster]);
  const asList = cluster.records.length > SIDE_BY_SIDE_MAX;

  const chooseKeep = (id: string) => {
    setKeepId(id);
    setChoices(defaultChoices(cluster, id));
  };
  const toggleSplit = (id: string, on: boolean) => {
    const next = new Set(splitIds);
    if (on) next.add(id);
    else next.delete(id);
    setSplitIds(next);
  };

  const act = async (label: string, fn: () => Promise<{ ok: boolean; error?: { message: string } }>, message: string) => {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    if (!r.ok) return onError(r.error?.message ?? `${label} failed.`);
    await onDone(message);
  };

  const merge = () => {
    if (!keepId) return;
    void act('Merge', () => api.result('duplicates:merge', { clusterId: cluster.id, keepId, fields: choices }), `Merged ${cluster.records.length} records into one.`);
  };
  const dismiss = () => act('Dismiss', () => api.result('duplicates:dismiss', { clusterId: cluster.id }), 'Marked as not duplicates.');
  const split = () =>
    act('Split', () => api.result('duplicates:split', { clusterId: cluster.id, recordIds: [...splitIds] }), `Split ${plural(splitIds.size, 'record')} out of the cluster.`);

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (busy || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key === 'm' && keepId) merge();
    else if (e.key === 'd') void dismiss();
    else return;
    e.preventDefault();
  };

  const cell = (r: DuplicateMember, row: (typeof ROWS)[number]): ReactNode => {
    const v = row.value(r);
    if (!v) return <span className="muted">—</span>;
    return row.field === 'abstract' ? <span className="lib-clamp">{v}</span> : v;
  };

  const keepControls = (r: DuplicateMember, i: number) => (
    <>
      <label className="lib-check">
        <input type="radio" name={`keep-${cluster.id}`} checked={keepId === r.id} onChange={() => chooseKeep(r.id)} aria-label={`Keep record ${i + 1}`} />
        Keep this record
      </label>
      <label className="lib-check">
        <input type="checkbox" checked={splitIds.has(r.id)} onChange={(e) => toggleSplit(r.id, e.target.checked)} aria-label={`Record ${i + 1} is not the same work`} />
        Not the same work
      </label>
    </>
  );
  const sourceLine = (r: DuplicateMember) => (
    <span className="muted small mono" title={r.source.file ?? ''}>
      {r.source.file ?? 'unknown file'}
      {r.source.line ? `:${r.source.line}` : ''} · {formatName(r.source.format)}
    </span>
  );

  return (
    <section className="lib-compare" aria-label="Compare duplicate records" onKeyDown={onKey} tabIndex={-1}>
      <header className="lib-compare-head">
        <div>
          <h3>
            {REASONS[cluster.reason] ?? cluster.reason} · {cluster.records.length} records · <SimilarityNote {...cluster.similarity} />
          </h3>
          <p className="muted">
            {asList
              ? 'Pick the record to keep; empty fields are filled from the other records. Tick records that are not the same work to split them out.'
              : 'Pick the record to keep and, row by row, whose value wins. Differing rows are marked.'}
          </p>
        </div>
        <div className="lib-compare-actions">
          <button
            type="button"
            className={cluster.differentTitles ? '' : 'primary'}
            onClick={merge}
            disabled={busy || !keepId}
            title={keepId ? 'Merge (M)' : 'Choose the record to keep first'}
          >
            Merge into one
          </button>
          <button type="button" onClick={() => void split()} disabled={busy || splitIds.size === 0 || splitIds.size >= cluster.records.length} title="Take the ticked records out of this cluster">
            Split out {splitIds.size > 0 ? count(splitIds.size) : ''}
          </button>
          <button type="button" className={cluster.differentTitles ? 'primary' : ''} onClick={() => void dismiss()} disabled={busy} title="Not duplicates (D)">
            Not duplicates
          </button>
        </div>
      </header>
      {cluster.differentTitles && (
        <p className="lib-flag-note" role="note">
          <DifferentTitlesBadge /> These records share a DOI, but their titles name different works: a journal supplement often gives one DOI to many abstracts. Nothing is
          chosen for a merge here; if some are one work, tick the others as not the same work and split them out, or mark the cluster as not duplicates.
        </p>
      )}
      {message && <p className="status">{message}</p>}
      <div className="lib-compare-scroll">
        {asList ? (
          <ol className="lib-compare-list" aria-label="Records of the cluster">
            {cluster.records.map((r, i) => (
              <li key={r.id} className={`${r.id === keepId ? 'kept' : ''}${splitIds.has(r.id) ? ' split' : ''}`}>
                <div className="lib-list-head">
                  <span className="lib-list-num">{i + 1}</span>
                  <span className="lib-list-title">{r.title || <span className="muted">(no title)</span>}</span>
                  <SimilarityNote {...similar[i]!} against={referenceName} />
                </div>
                <div className="lib-list-body">
                  <span>{authorFull(r.authors) || <span className="muted">no authors</span>}</span>
                  <span>
                    {[r.year, r.journal, [r.volume, r.issue && `(${r.issue})`].filter(Boolean).join(''), r.pages].filter(Boolean).join(' · ')}
                  </span>
                  {(r.doi || r.pmid) && <span className="mono small">{[r.doi && `DOI ${r.doi}`, r.pmid && `PMID ${r.pmid}`].filter(Boolean).join(' · ')}</span>}
                  {r.screening.decision && <span className="small">{ROWS.find((x) => x.field === 'screening')!.value(r)}</span>}
                </div>
                <div className="lib-list-actions">
                  {keepControls(r, i)}
                  {sourceLine(r)}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <table className="lib-compare-table" style={{ minWidth: 120 + cluster.records.length * 190 }}>
            <thead>
              <tr>
                <th className="lib-rowhead" />
                {cluster.records.map((r, i) => (
                  <th key={r.id} className={r.id === keepId ? 'kept' : ''}>
                    <div className="lib-compare-rec">
                      <span className="muted">Record {i + 1}</span>
                      {keepControls(r, i)}
                      {sourceLine(r)}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="lib-sim-row">
                <th className="lib-rowhead" scope="row" title={`Similarity to ${referenceName}`}>
                  Similarity
                </th>
                {cluster.records.map((r, i) => (
                  <td key={r.id}>{r.id === reference.id ? <span className="muted">compared with this record</span> : <SimilarityNote {...similar[i]!} against={referenceName} />}</td>
                ))}
              </tr>
              {ROWS.map((row) => {
                const diff = differing.has(row.field);
                return (
                  <tr key={row.field} className={diff ? 'diff' : ''}>
                    <th className="lib-rowhead" scope="row">
                      {row.label}
                      {diff && <span className="lib-diff-dot" title="Values differ" />}
                    </th>
                    {cluster.records.map((r) => {
                      const chosen = choices[row.field] === r.id;
                      return (
                        <td key={r.id} className={`${chosen ? 'chosen' : ''}${r.id === keepId ? ' kept' : ''}`}>
                          <label className="lib-pick">
                            {diff && row.value(r) && keepId && (
                              <input
                                type="radio"
                                name={`${cluster.id}-${row.field}`}
                                checked={chosen}
                                onChange={() => setChoices({ ...choices, [row.field]: r.id })}
                                aria-label={`Use record ${cluster.records.indexOf(r) + 1}'s ${row.label.toLowerCase()}`}
                              />
                            )}
                            <span>{cell(r, row)}</span>
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
