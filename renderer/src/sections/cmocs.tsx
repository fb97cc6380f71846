/**
 * CMO configurations: a dense table of every CMOC (label, statement, its C / M / O codes as
 * coloured chips, counts of supporting, refuting and refining passages and of distinct
 * sources), filtered by code and by document and sorted by any column; beside it the chosen
 * CMOC in full or the builder. Keyboard: arrows move in the table, N new, E edit, Delete
 * deletes, Ctrl+Z / Ctrl+Shift+Z undo and redo.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
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

type Column = 'label' | 'statement' | 'contexts' | 'mechanisms' | 'outcomes' | 'supporting' | 'refuting' | 'refining' | 'documents' | 'updated';

const ROLE_GROUPS: Record<'contexts' | 'mechanisms' | 'outcomes', string[]> = {
  contexts: ['context'],
  mechanisms: ['mechanism-resource', 'mechanism-response'],
  outcomes: ['outcome'],
};

function sortValue(c: CmocSummary, col: Column): string | number {
  switch (col) {
    case 'label':
      return c.label.toLowerCase();
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
  const [sort, setSort] = useState<{ col: Column; desc: boolean }>({ col: 'label', desc: false });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<CmocDetail | null>(null);
  const [mode, setMode] = useState<'view' | 'new' | 'edit'>('view');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const table = useRef<HTMLTableElement>(null);

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
    return [...cmocs].sort((a, b) => {
      const x = sortValue(a, sort.col);
      const y = sortValue(b, sort.col);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return dir * c || collator.compare(a.label, b.label);
    });
  }, [cmocs, sort]);

  useEffect(() => {
    table.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

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
    else if (e.key === 'PageDown') go(Math.min(rows.length - 1, i + 20));
    else if (e.key === 'PageUp') go(Math.max(0, i - 20));
    else if (e.key.toLowerCase() === 'n') setMode('new');
    else if (e.key.toLowerCase() === 'e' && detail) setMode('edit');
    else if (e.key === 'Delete' && rows[i]) void remove(rows[i]!);
    else if (e.key === 'Enter' && rows[i]) setMode('view');
    else return;
    e.preventDefault();
  };

  const header = (col: Column, label: string, num = false, long = label) => (
    <th
      className={num ? 'num sortable' : 'sortable'}
      aria-sort={sort.col === col ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      onClick={() => setSort({ col, desc: sort.col === col ? !sort.desc : num })}
      title={`Sort by ${long}`}
    >
      {label}
      {sort.col === col ? (sort.desc ? ' ▾' : ' ▴') : ''}
    </th>
  );

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!cmocs || !book) return <p className="muted">Loading the CMOCs…</p>;
  const usedCodes = book.codes.filter((c) => cmocs.some((m) => m.codes.some((x) => x.codeId === c.id)) || c.id === codeFilter).sort((a, b) => a.name.localeCompare(b.name));
  const chipColor = (codeId: string, role: string) => codeColor(book.codes.find((c) => c.id === codeId) ?? { kind: role, color: null }, book.kinds);

  return (
    <section className="cmocs" aria-label="CMOCs">
      <div className="coding-head">
        <h2 className="section-title">
          CMOCs <span className="muted">{rows.length.toLocaleString()} configurations</span>
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
          <button className="primary" onClick={() => setMode('new')} title="New CMOC (N)">
            New CMOC
          </button>
        </div>
      </div>
      {info && <ExportPanel projectPath={info.path} projectName={info.name} choices={CMOC_EXPORTS} />}
      {status && (
        <p className={status.ok ? 'status' : 'error-inline'} role="status">
          {status.text}
        </p>
      )}
      <div className="cmocs-split">
        <div className="cmoc-table-wrap">
          <table className="grid compact cmoc-grid" tabIndex={0} ref={table} onKeyDown={onTableKey} aria-label="CMOC table">
            <thead>
              <tr>
                {header('label', 'Label')}
                {header('statement', 'If – then – because')}
                {header('contexts', 'C', false, 'contexts')}
                {header('mechanisms', 'M', false, 'mechanisms')}
                {header('outcomes', 'O', false, 'outcomes')}
                {header('supporting', 'Sup.', true, 'supporting passages')}
                {header('refuting', 'Ref.', true, 'refuting passages')}
                {header('refining', 'Rfn.', true, 'refining passages')}
                {header('documents', 'Src.', true, 'distinct sources')}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr
                  key={c.id}
                  className={c.id === selectedId ? 'selected' : ''}
                  aria-selected={c.id === selectedId}
                  data-cmoc-id={c.id}
                  onClick={() => {
                    setSelectedId(c.id);
                    setMode('view');
                  }}
                >
                  <td className="cmoc-label">{c.label}</td>
                  <td className="cmoc-statement" title={c.statement}>
                    <div className="clamp">{c.statement}</div>
                  </td>
                  {(['contexts', 'mechanisms', 'outcomes'] as const).map((g) => (
                    <td key={g} className="cmoc-codes">
                      {c.codes
                        .filter((x) => ROLE_GROUPS[g].includes(x.role))
                        .map((x) => (
                          <CodeChip key={`${x.codeId}-${x.role}`} name={x.name} color={chipColor(x.codeId, x.role)} />
                        ))}
                    </td>
                  ))}
                  <td className="num">{c.supporting || ''}</td>
                  <td className="num refute">{c.refuting || ''}</td>
                  <td className="num">{c.refining || ''}</td>
                  <td className="num">{c.documents || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted empty-note">{codeFilter || docFilter || layers.layer ? 'No CMOC matches these filters.' : 'No CMOC yet: press N to build the first from your codes.'}</p>}
        </div>
        <div className="cmoc-pane">
          {mode === 'new' || (mode === 'edit' && detail) ? (
            <CmocBuilder
              key={mode === 'edit' ? detail?.id : 'new'}
              codes={book.codes}
              kinds={book.kinds}
              editing={mode === 'edit' ? detail : null}
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
            <CmocDetailView cmoc={detail} codes={book.codes} kinds={book.kinds} onEdit={() => setMode('edit')} onDelete={() => void remove(detail)} />
          ) : (
            <p className="muted pane-hint">Choose a CMOC to see its evidence, or press N to build one.</p>
          )}
        </div>
      </div>
    </section>
  );
}
