/**
 * CMO configurations: a table of every CMOC (its number, label, status, statement, its C / M /
 * O codes as coloured chips, counts of supporting, refuting and refining passages and of
 * distinct sources), filtered by code, document and status and sorted by any column; the
 * chosen CMOC in full or the builder opens beside it only when there is one. The table draws
 * only the rows in view (fixed row height per density), so 1,000 CMOCs scroll like 10.
 * Keyboard: arrows move in the table, N new, E edit, Delete deletes, Esc closes the pane,
 * Ctrl+Z / Ctrl+Shift+Z undo and redo.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { describeMissing } from '../../../shared/coding/cmoc-rules';
import type { CmocDetail, CmocSummary } from '../../../shared/coding/types';
import { api } from '../api';
import '../components/coding.css';
import { useNavigationTarget } from '../navigation';
import { CodeChip } from './coding/chips';
import { CmocBuilder } from './coding/cmoc-builder';
import { CmocDetailView } from './coding/cmoc-detail';
import { CMOC_EXPORTS, ExportPanel } from './coding/export-panel';
import { codeColor, useCodebook } from './coding/use-coding';
import { useHistoryListener } from '../history';
import type { SectionProps } from './index';
import { LayerSelect, useLayerFilter } from './agreement/layer-filter';

type Column = 'number' | 'status' | 'label' | 'statement' | 'contexts' | 'mechanisms' | 'outcomes' | 'supporting' | 'refuting' | 'refining' | 'documents' | 'updated';

const ROLE_GROUPS: Record<'contexts' | 'mechanisms' | 'outcomes', string[]> = {
  contexts: ['context'],
  mechanisms: ['mechanism-resource', 'mechanism-response'],
  outcomes: ['outcome'],
};

function sortValue(c: CmocSummary, col: Column): string | number {
  switch (col) {
    case 'label':
      return c.label.toLowerCase();
    case 'status':
      return `${c.status === 'draft' ? 0 : 1}${c.lostCodes.length > 0 ? 0 : 1}${c.sameCodesAs.length > 0 ? 0 : 1}`;
    case 'statement':
      return c.statement.toLowerCase();
    case 'contexts':
    case 'mechanisms':
    case 'outcomes':
      return c.codes
        .filter((x) => ROLE_GROUPS[col].includes(x.role))
        .map((x) => x.name.toLowerCase())
        .join(', ');
    case 'updated':
      return c.updatedAt;
    default:
      return c[col];
  }
}

/** Row heights of the two densities (the virtualised body needs a fixed height). */
const ROW_HEIGHT = { comfortable: 62, compact: 28 } as const;
type Density = keyof typeof ROW_HEIGHT;
/** Rows drawn beyond each edge of the view. */
const OVERSCAN = 8;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** What a CMOC needs attention for, in words (empty: nothing). */
export function cmocFlags(c: CmocSummary): string[] {
  const flags: string[] = [];
  if (c.lostCodes.length > 0) flags.push(`lost ${c.lostCodes.map((x) => `“${x.name}”`).join(', ')} (deleted)`);
  if (c.status === 'complete' && c.missing.length > 0) flags.push(`now lacks ${describeMissing(c.missing)}`);
  if (c.sameCodesAs.length > 0) flags.push(`same codes as ${c.sameCodesAs.map((n) => `CMOC ${n}`).join(', ')}`);
  return flags;
}

type StatusFilter = '' | 'complete' | 'draft' | 'attention';

/** Natural order for labels ("CMOC 2" before "CMOC 10"), numbers descending by default. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function Cmocs({ info, refresh }: SectionProps) {
  const { book, reload: reloadCodes } = useCodebook();
  const [cmocs, setCmocs] = useState<CmocSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [codeFilter, setCodeFilter] = useState('');
  const [docFilter, setDocFilter] = useState('');
  const layers = useLayerFilter();
  const [documents, setDocuments] = useState<Array<{ id: string; title: string }>>([]);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('');
  const [density, setDensity] = useState<Density>(() => (localStorage.getItem('realist-cmoc-density') === 'compact' ? 'compact' : 'comfortable'));
  const [sort, setSort] = useState<{ col: Column; desc: boolean }>({ col: 'label', desc: false });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<CmocDetail | null>(null);
  const [mode, setMode] = useState<'view' | 'new' | 'edit'>('view');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const rowHeight = ROW_HEIGHT[density];

  const load = useCallback(async () => {
    if (layers.layer === null) return;
    const r = await api.result('cmocs:list', { ...(codeFilter ? { codeId: codeFilter } : {}), ...(docFilter ? { documentId: docFilter } : {}), ...(layers.layer ? { layer: layers.layer } : {}) });
    if (r.ok) {
      setCmocs(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [codeFilter, docFilter, layers.layer]);

  // The CMOC shown is always the one selected now: an answer for an earlier selection is dropped.
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;
  const loadDetail = useCallback(async () => {
    const id = selectedRef.current;
    if (!id) return setDetail(null);
    const r = await api.result('cmocs:get', { id });
    if (selectedRef.current === id) setDetail(r.ok ? r.value : null);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void loadDetail();
  }, [selectedId, loadDetail]);

  // The documents that give passages to codes (the document filter's choices).
  useEffect(() => {
    if (!book) return;
    const used = book.codes.filter((c) => c.excerpts > 0).slice(0, 200);
    void Promise.all(used.map((c) => api.result('codes:excerpts', { codeId: c.id }))).then((rs) => {
      const docs = new Map<string, string>();
      for (const r of rs) if (r.ok) for (const e of r.value) docs.set(e.documentId, `${e.citation} — ${e.documentTitle}`);
      setDocuments([...docs].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)));
    });
  }, [book]);

  useNavigationTarget(
    'cmocs',
    useCallback((t) => {
      if (t.cmocId) {
        setSelectedId(t.cmocId);
        setMode('view');
      }
    }, []),
  );

  const changed = useCallback(
    async (text: string | null, ok = true) => {
      if (text) setStatus({ ok, text });
      await Promise.all([load(), reloadCodes()]);
      await loadDetail();
      refresh();
    },
    [load, reloadCodes, loadDetail, refresh],
  );

  // The window says what was undone; the section reloads.
  useHistoryListener(useCallback(() => void changed(null), [changed]));

  const rows = useMemo(() => {
    if (!cmocs) return [];
    const dir = sort.desc ? -1 : 1;
    const shown = cmocs.filter((c) =>
      statusFilter === '' ? true : statusFilter === 'attention' ? cmocFlags(c).length > 0 : c.status === statusFilter,
    );
    return shown.sort((a, b) => {
      const x = sortValue(a, sort.col);
      const y = sortValue(b, sort.col);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return dir * c || collator.compare(a.label, b.label) || a.number - b.number;
    });
  }, [cmocs, sort, statusFilter]);

  // The rows in view: the scroller's position and height, kept as it scrolls and resizes.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [cmocs === null]);

  // The selected row is brought into view by moving the scroller (it may not be drawn yet).
  useEffect(() => {
    const el = scroller.current;
    const i = rows.findIndex((r) => r.id === selectedId);
    if (!el || i < 0) return;
    const head = table.current?.tHead?.offsetHeight ?? 0;
    const top = i * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight - head) el.scrollTop = top + rowHeight - el.clientHeight + head;
    // Only a new selection scrolls; a re-sort keeps the reader's place.
  }, [selectedId, rowHeight]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);

  const remove = async (c: CmocSummary | CmocDetail) => {
    const r = await api.result('cmocs:delete', { id: c.id });
    if (!r.ok) return setStatus({ ok: false, text: r.error.message });
    const i = rows.findIndex((x) => x.id === c.id);
    setSelectedId(rows[i + 1]?.id ?? rows[i - 1]?.id ?? null);
    await changed(`Deleted “${c.label || c.statement.slice(0, 40)}” (Ctrl+Z undoes).`);
  };

  const onTableKey = (e: KeyboardEvent<HTMLTableElement>) => {
    // Ctrl/Cmd/Alt chords belong to the window (undo, save the builder, sections).
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const i = rows.findIndex((r) => r.id === selectedId);
    const go = (j: number) => rows[j] && setSelectedId(rows[j]!.id);
    if (e.key === 'ArrowDown') go(Math.min(rows.length - 1, i + 1));
    else if (e.key === 'ArrowUp') go(Math.max(0, i - 1));
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'PageDown') go(Math.min(rows.length - 1, i + Math.max(1, Math.floor(view.height / rowHeight) - 1)));
    else if (e.key === 'PageUp') go(Math.max(0, i - Math.max(1, Math.floor(view.height / rowHeight) - 1)));
    else if (e.key.toLowerCase() === 'n') setMode('new');
    else if (e.key.toLowerCase() === 'e' && detail) setMode('edit');
    else if (e.key === 'Delete' && rows[i]) void remove(rows[i]!);
    else if (e.key === 'Enter' && rows[i]) setMode('view');
    else if (e.key === 'Escape' && (selectedId || mode !== 'view')) {
      setSelectedId(null);
      setMode('view');
    } else return;
    e.preventDefault();
  };

  const header = (col: Column, label: string, num = false, long = label, className = '') => (
    <th
      className={`${num ? 'num sortable' : 'sortable'} ${className}`.trim()}
      aria-sort={sort.col === col ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      onClick={() => setSort({ col, desc: sort.col === col ? !sort.desc : num })}
      title={long === label ? `Sort by ${long}` : `${long} (click to sort)`}
    >
      {label === long ? label : <abbr title={long}>{label}</abbr>}
      {sort.col === col ? (sort.desc ? ' ▾' : ' ▴') : ''}
    </th>
  );

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!cmocs || !book) return <p className="muted">Loading the CMOCs…</p>;
  const usedCodes = book.codes.filter((c) => cmocs.some((m) => m.codes.some((x) => x.codeId === c.id)) || c.id === codeFilter).sort((a, b) => a.name.localeCompare(b.name));
  const chipColor = (codeId: string, role: string) => codeColor(book.codes.find((c) => c.id === codeId) ?? { kind: role, color: null }, book.kinds);

  const drafts = cmocs.filter((c) => c.status === 'draft').length;
  const attention = cmocs.filter((c) => cmocFlags(c).length > 0).length;
  const paneOpen = mode !== 'view' || Boolean(selectedId && detail);
  const visible = rows.slice(first, last);

  return (
    <section className={`cmocs density-${density}`} aria-label="CMOCs">
      <div className="coding-head">
        <h2 className="section-title">
          CMOCs{' '}
          <span className="muted">
            {rows.length === cmocs.length ? plural(cmocs.length, 'configuration') : `${rows.length.toLocaleString()} of ${plural(cmocs.length, 'configuration')}`}
            {drafts > 0 && ` · ${plural(drafts, 'draft')}`}
            {attention > 0 && ` · ${attention.toLocaleString()} need${attention === 1 ? 's' : ''} attention`}
          </span>
        </h2>
        <div className="coding-toolbar">
          <LayerSelect {...layers} />
          <label>
            Code
            <select aria-label="Filter by code" value={codeFilter} onChange={(e) => setCodeFilter(e.target.value)}>
              <option value="">any</option>
              {usedCodes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Document
            <select aria-label="Filter by document" value={docFilter} onChange={(e) => setDocFilter(e.target.value)}>
              <option value="">any</option>
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select aria-label="Filter by status" value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}>
              <option value="">any</option>
              <option value="complete">complete</option>
              <option value="draft">draft</option>
              <option value="attention">needs attention</option>
            </select>
          </label>
          <button
            onClick={() => {
              const next = density === 'compact' ? 'comfortable' : 'compact';
              localStorage.setItem('realist-cmoc-density', next);
              setDensity(next);
            }}
            aria-pressed={density === 'compact'}
            title="One line per CMOC, or up to three"
          >
            Compact
          </button>
          <button className="primary" onClick={() => setMode('new')} title="New CMOC (N)">
            New CMOC
          </button>
        </div>
      </div>
      {info && <ExportPanel projectName={info.name} choices={CMOC_EXPORTS} />}
      {status && (
        <p className={status.ok ? 'status' : 'error-inline'} role="status">
          {status.text}
        </p>
      )}
      <div className={`cmocs-split${paneOpen ? ' with-pane' : ''}`}>
        <div className="cmoc-table-wrap" ref={scroller} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
          <table className="grid compact cmoc-grid" tabIndex={0} ref={table} onKeyDown={onTableKey} aria-label="CMOC table" aria-rowcount={rows.length + 1}>
            <thead>
              <tr>
                {header('number', '#', true, 'CMOC number (order of creation)', 'col-number')}
                {header('label', 'Label', false, 'Label', 'col-label')}
                {header('status', 'Status', false, 'Status: draft, lost codes, same codes as another CMOC', 'col-status')}
                {header('statement', 'If – then – because', false, 'If – then – because', 'col-statement')}
                {header('contexts', 'C', false, 'Contexts', 'col-codes col-optional')}
                {header('mechanisms', 'M', false, 'Mechanisms (resources and responses)', 'col-codes col-optional')}
                {header('outcomes', 'O', false, 'Outcomes', 'col-codes col-optional')}
                {header('supporting', 'Sup.', true, 'Supporting passages', 'col-count')}
                {header('refuting', 'Ref.', true, 'Refuting passages', 'col-count col-optional')}
                {header('refining', 'Rfn.', true, 'Refining passages', 'col-count col-optional')}
                {header('documents', 'Src.', true, 'Distinct sources (documents) of the evidence', 'col-count')}
              </tr>
            </thead>
            <tbody>
              {first > 0 && (
                <tr className="spacer" aria-hidden="true" style={{ height: first * rowHeight }}>
                  <td colSpan={11} />
                </tr>
              )}
              {visible.map((c, k) => {
                const flags = cmocFlags(c);
                return (
                  <tr
                    key={c.id}
                    className={`cmoc-row${c.id === selectedId ? ' selected' : ''}${c.status === 'draft' ? ' draft' : ''}`}
                    style={{ height: rowHeight }}
                    aria-selected={c.id === selectedId}
                    aria-rowindex={first + k + 2}
                    data-cmoc-id={c.id}
                    onClick={() => {
                      setSelectedId(c.id);
                      setMode('view');
                    }}
                  >
                    <td className="cmoc-num">{c.number}</td>
                    <td className="cmoc-label" title={c.label}>
                      {c.label}
                    </td>
                    <td className="cmoc-status" title={[c.status === 'draft' ? `draft${c.missing.length ? `: lacks ${describeMissing(c.missing)}` : ''}` : 'complete', ...flags].join('\n')}>
                      <div className="cell">
                        {c.status === 'draft' && <span className="status-badge draft">draft</span>}
                        {c.lostCodes.length > 0 && <span className="status-badge lost">lost code</span>}
                        {c.status === 'complete' && c.lostCodes.length === 0 && c.missing.length > 0 && <span className="status-badge lost">incomplete</span>}
                        {c.sameCodesAs.length > 0 && <span className="status-badge twin">= {c.sameCodesAs.map((n) => `#${n}`).join(' ')}</span>}
                      </div>
                    </td>
                    <td className="cmoc-statement" title={c.statement}>
                      <div className="cell clamp">{c.statement || <em className="muted">no statement</em>}</div>
                    </td>
                    {(['contexts', 'mechanisms', 'outcomes'] as const).map((g) => (
                      <td key={g} className="cmoc-codes col-optional">
                        <div className="cell">
                          {c.codes
                            .filter((x) => ROLE_GROUPS[g].includes(x.role))
                            .map((x) => (
                              <CodeChip key={`${x.codeId}-${x.role}`} name={x.name} color={chipColor(x.codeId, x.role)} />
                            ))}
                          {c.lostCodes
                            .filter((x) => ROLE_GROUPS[g].includes(x.role))
                            .map((x) => (
                              <span key={`lost-${x.codeId}`} className="chip lost-chip" title={`“${x.name}” was deleted; Ctrl+Z or editing the CMOC settles it`}>
                                {x.name}
                              </span>
                            ))}
                        </div>
                      </td>
                    ))}
                    <td className="num">{c.supporting || ''}</td>
                    <td className="num refute col-optional">{c.refuting || ''}</td>
                    <td className="num col-optional">{c.refining || ''}</td>
                    <td className="num">{c.documents || ''}</td>
                  </tr>
                );
              })}
              {last < rows.length && (
                <tr className="spacer" aria-hidden="true" style={{ height: (rows.length - last) * rowHeight }}>
                  <td colSpan={11} />
                </tr>
              )}
            </tbody>
          </table>
          {rows.length === 0 && (
            <p className="muted empty-note">{codeFilter || docFilter || statusFilter || layers.layer ? 'No CMOC matches these filters.' : 'No CMOC yet: press N to build the first from your codes.'}</p>
          )}
        </div>
        {paneOpen && (
          <div className="cmoc-pane">
            {mode === 'new' || (mode === 'edit' && detail) ? (
              <CmocBuilder
                key={mode === 'edit' ? detail?.id : 'new'}
                codes={book.codes}
                kinds={book.kinds}
                editing={mode === 'edit' ? detail : null}
                existing={cmocs}
                onCreateCode={async (name, kind) => {
                  const r = await api.result('codes:create', { name, kind });
                  await reloadCodes();
                  return r.ok ? r.value.id : null;
                }}
                onDone={(id, message) => {
                  // A CMOC made in a layer the table does not show: show every layer.
                  void api.result('cmocs:get', { id }).then((r) => r.ok && layers.layer && r.value.coderId !== layers.layer && layers.setLayer(''));
                  setMode('view');
                  setSelectedId(id);
                  void changed(message);
                  setTimeout(() => table.current?.focus(), 0);
                }}
                onCancel={() => {
                  setMode('view');
                  table.current?.focus();
                }}
              />
            ) : detail ? (
              <CmocDetailView
                cmoc={detail}
                codes={book.codes}
                kinds={book.kinds}
                onEdit={() => setMode('edit')}
                onDelete={() => void remove(detail)}
                onClose={() => {
                  setSelectedId(null);
                  table.current?.focus();
                }}
              />
            ) : null}
          </div>
        )}
      </div>
      <p className="muted table-legend">
        {paneOpen && 'With a CMOC open, its codes and counts are in the pane. '}
        <abbr title="Contexts">C</abbr> contexts · <abbr title="Mechanisms">M</abbr> mechanisms · <abbr title="Outcomes">O</abbr> outcomes · Sup. supporting · Ref. refuting ·
        Rfn. refining passages · Src. distinct sources · <kbd>N</kbd> new <kbd>E</kbd> edit <kbd>Del</kbd> delete <kbd>Esc</kbd> close the pane
      </p>
    </section>
  );
}
