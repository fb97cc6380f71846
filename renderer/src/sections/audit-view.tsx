/**
 * The audit view: the project's change log (`history:list`), newest first, naming for every
 * action who did it, what they did and to which object; filtered by coder, kind of object and
 * words; exported as CSV (every matching action, downloaded through the browser, which in the
 * desktop app opens its save dialog); and, for the chosen action, the rows it changed with
 * their values before and after (`history:get`).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Coder } from '../../../shared/coders/types';
import type { ActionDetail, ActionEntry } from '../../../shared/history/types';
import { api } from '../api';
import { useHistoryListener } from '../history';
import { LIMITS } from '../plain-errors';

/** The kinds of object the services name in the log, in words. */
export const OBJECT_KINDS: Record<string, string> = {
  record: 'Record',
  import_batch: 'Import',
  duplicate_cluster: 'Duplicates',
  document: 'Document',
  excerpt: 'Passage',
  code: 'Code',
  code_kind: 'Code kind',
  codebook: 'Codebook',
  cmoc: 'CMOC',
  memo: 'Memo',
  coder: 'Coder',
};

const PAGE = 100;
/** At most this many actions go into one CSV (a year of daily work is far fewer). */
const CSV_MAX = 20_000;

function kindName(t: string): string {
  return OBJECT_KINDS[t] ?? t.replace(/_/g, ' ');
}

/** "Code “Trust”" / "Passage “She calls me…”" / "CMOC" when nothing names it. */
export function objectOf(a: Pick<ActionEntry, 'entityType' | 'object'>): string {
  return a.object ? `${kindName(a.entityType)} “${a.object.length > 90 ? `${a.object.slice(0, 90)}…` : a.object}”` : kindName(a.entityType);
}

function statusWords(a: ActionEntry): string {
  if (a.status === 'undone') return `undone${a.undoneBy ? ` by ${a.undoneBy}` : ''}`;
  if (a.status === 'discarded') return 'undone, not redoable';
  if (a.status === 'legacy') return 'before the change log';
  return '';
}

/** One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). */
function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The log as CSV, one line per action, the columns a reviewer reports. */
export function auditCsv(actions: readonly ActionEntry[]): string {
  const head = ['number', 'when', 'who', 'what', 'object kind', 'object', 'rows changed', 'status', 'undone at', 'undone by'];
  const lines = actions.map((a) => [a.seq, a.at, a.coder ?? '', a.label, kindName(a.entityType), a.object ?? '', a.changeCount, a.status, a.undoneAt ?? '', a.undoneBy ?? ''].map(csvField).join(','));
  return `${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Hands a file to the browser as a download (Electron shows its save dialog for it). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AuditView({ projectName }: { projectName: string }) {
  const [coders, setCoders] = useState<Coder[]>([]);
  const [coderId, setCoderId] = useState('');
  const [kind, setKind] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<{ total: number; actions: ActionEntry[] } | null>(null);
  const [chosen, setChosen] = useState<ActionDetail | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const filter = useCallback(() => ({ ...(coderId ? { coderId } : {}), ...(kind ? { entityType: kind } : {}), ...(query.trim() ? { query: query.trim() } : {}) }), [coderId, kind, query]);

  const load = useCallback(
    async (more = false) => {
      const offset = more && page ? page.actions.length : 0;
      const r = await api.result('history:list', { limit: PAGE, offset, ...filter() });
      if (!r.ok) return setNote(r.error.message);
      setPage((p) => (more && p ? { total: r.value.total, actions: [...p.actions, ...r.value.actions] } : r.value));
    },
    [filter, page],
  );

  useEffect(() => {
    void load(false);
    // A new filter starts from the newest action.
  }, [coderId, kind, query]);
  useEffect(() => {
    void api.result('coders:list', {}).then((r) => r.ok && setCoders(r.value));
  }, []);
  useHistoryListener(() => void load(false));

  const choose = async (seq: number) => {
    if (chosen?.seq === seq) return setChosen(null);
    const r = await api.result('history:get', { seq, limit: 200 });
    if (r.ok) setChosen(r.value);
  };

  const exportCsv = async () => {
    const all: ActionEntry[] = [];
    for (let offset = 0; offset < CSV_MAX; offset += 1000) {
      const r = await api.result('history:list', { limit: 1000, offset, ...filter() });
      if (!r.ok) return setNote(r.error.message);
      all.push(...r.value.actions);
      if (all.length >= r.value.total || r.value.actions.length === 0) break;
    }
    const base = projectName.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
    downloadText(`${base} - audit log.csv`, auditCsv(all), 'text/csv;charset=utf-8');
    setNote(`Exported ${all.length.toLocaleString()} action${all.length === 1 ? '' : 's'} as CSV.`);
  };

  return (
    <section className="audit" aria-label="Audit log">
      <div className="audit-head">
        <h3>
          Audit log <span className="muted">{page ? `${page.total.toLocaleString()} action${page.total === 1 ? '' : 's'}` : ''}</span>
        </h3>
        <label>
          Coder
          <select aria-label="Filter by coder" value={coderId} onChange={(e) => setCoderId(e.target.value)}>
            <option value="">anyone</option>
            {coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Object
          <select aria-label="Filter by kind of object" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">any kind</option>
            {Object.entries(OBJECT_KINDS).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <input type="search" aria-label="Words in the audit log" placeholder="Words (label or object)" maxLength={200} value={query} onChange={(e) => setQuery(e.target.value.slice(0, LIMITS.searchQuery))} />
        <button onClick={() => void exportCsv()} disabled={!page || page.total === 0}>
          Export CSV
        </button>
      </div>
      {note && (
        <p className="status" role="status">
          {note}
        </p>
      )}
      <table className="grid compact audit-table" aria-label="Actions">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Object</th>
            <th className="num" title="Rows of the project this action changed">Rows</th>
          </tr>
        </thead>
        <tbody>
          {page?.actions.map((a) => (
            <tr
              key={a.seq}
              className={`${a.status === 'undone' || a.status === 'discarded' ? 'undone' : ''}${chosen?.seq === a.seq ? ' selected' : ''}`}
              onClick={() => void choose(a.seq)}
              tabIndex={0}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  void choose(a.seq);
                }
              }}
              aria-expanded={chosen?.seq === a.seq}
            >
              <td className="num muted">{a.seq}</td>
              <td className="nowrap">{new Date(a.at).toLocaleString()}</td>
              <td className="audit-who">{a.coder ?? <span className="muted">the app</span>}</td>
              <td>
                {a.label}
                {statusWords(a) && <span className="muted"> ({statusWords(a)})</span>}
              </td>
              <td className="audit-object" title={a.object ?? ''}>
                {objectOf(a)}
              </td>
              <td className="num">{a.changeCount.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.actions.length === 0 && <p className="muted">No action matches these filters.</p>}
      {page && page.actions.length < page.total && (
        <button className="link" onClick={() => void load(true)}>
          Show {Math.min(PAGE, page.total - page.actions.length)} more of {(page.total - page.actions.length).toLocaleString()}
        </button>
      )}
      {chosen && <ActionChanges action={chosen} />}
    </section>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

/** The rows one action changed: for an update, the fields that changed; for an insert or delete, the row. */
function ActionChanges({ action }: { action: ActionDetail }) {
  return (
    <div className="audit-changes" role="region" aria-label="Row changes">
      <h4>
        #{action.seq} {action.label} <span className="muted">by {action.coder ?? 'the app'}</span>
      </h4>
      {action.changes.length === 0 && <p className="muted">No row changes are recorded for this action{action.status === 'legacy' ? ' (it predates the change log)' : ''}.</p>}
      <table className="grid compact">
        <thead>
          <tr>
            <th>Table</th>
            <th>Change</th>
            <th>Field</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {action.changes.flatMap((c, i) => {
            const fields =
              c.op === 'update' && c.before && c.after
                ? Object.keys(c.after).filter((k) => JSON.stringify(c.before![k]) !== JSON.stringify(c.after![k]))
                : Object.keys(c.after ?? c.before ?? c.key);
            const shown = fields.slice(0, 12);
            return shown.map((f, j) => (
              <tr key={`${i}-${f}`}>
                {j === 0 && <td rowSpan={shown.length}>{c.table}</td>}
                {j === 0 && <td rowSpan={shown.length}>{c.op === 'insert' ? 'added' : c.op === 'delete' ? 'removed' : 'changed'}</td>}
                <td className="mono">{f}</td>
                <td>{c.before ? show(c.before[f]) : ''}</td>
                <td>{c.after ? show(c.after[f]) : c.op === 'insert' ? show(c.key[f]) : ''}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      {action.truncated && <p className="muted">Only the first {action.changes.length} row changes are shown.</p>}
    </div>
  );
}
