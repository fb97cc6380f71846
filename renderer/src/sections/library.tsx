/**
 * The library: every screened record of the project in a virtualised table (sortable, filtered,
 * quick find), a detail pane for the selected record, multi-selection with bulk tagging,
 * importing by path, by drag and drop or by the Import… form (with progress, a summary and an
 * Undo), and the duplicate review.
 *
 * Keyboard: ↑/↓, PageUp/PageDown, Home/End move the selection (Shift extends it), Ctrl+A
 * selects every record of the result, Enter opens the detail pane and Esc closes it, Ctrl+F
 * jumps to quick find, Ctrl+I opens the import form.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { BatchSummary, LibraryRecord } from '../../../shared/api/calls/records';
import type { SectionProps } from './index';
import { api } from '../api';
import { VirtualTable, type Column, type SortState } from '../components/virtual-table';
import { DuplicatesReview } from './library/duplicates-review';
import { FilterBar } from './library/filter-bar';
import { ImportForm, ImportProgress, ImportSummaryPanel, useImport, useWindowFileDrop } from './library/import-panel';
import { activeFilterCount, authorFull, authorShort, count, decisionLabel, NO_FILTERS, plural, queryKey, toListRequest, type LibraryFilters, type LibrarySort } from './library/library-query';
import { RecordDetailPane } from './library/record-detail';
import { RowPages } from './library/row-pages';
import { clickRow, EMPTY_SELECTION, isSelected, moveTo, selectAll, selectedCount, selectedIndices, type Selection } from './library/selection';
import './library/library.css';

/** Dense but readable at 13px: 28px rows show ~30 records on a laptop screen. */
const ROW_HEIGHT = 28;
/** Quick find waits for a pause in typing, so a 20,000-record search runs once per word, not per key. */
const FIND_DEBOUNCE_MS = 220;
/** Resolving selected rows to ids fetches at most this many rows a call. */
const ID_CHUNK = 5000;

const COLUMNS: Column<LibraryRecord>[] = [
  {
    id: 'title',
    label: 'Title',
    width: 'minmax(200px, 4fr)',
    sortable: true,
    render: (r) => (
      <>
        {r.clusterId && (
          <span className="lib-dup-mark" title="In a duplicate cluster: see Duplicates">
            dup
          </span>
        )}
        {r.tags.map((t) => (
          <span key={t} className="lib-tag-inline">
            {t}
          </span>
        ))}
        {r.title || <span className="muted">(no title)</span>}
      </>
    ),
    title: (r) => r.title,
  },
  { id: 'authors', label: 'Authors', width: 'minmax(100px, 1.2fr)', sortable: true, render: (r) => authorShort(r.authors), title: (r) => authorFull(r.authors) },
  { id: 'year', label: 'Year', width: '58px', align: 'right', sortable: true, render: (r) => r.year ?? '' },
  { id: 'journal', label: 'Journal', width: 'minmax(100px, 1.3fr)', hideBelow: 560, sortable: true, render: (r) => r.journal ?? '', title: (r) => r.journal ?? undefined },
  {
    id: 'decision',
    label: 'Screening',
    width: '104px',
    sortable: true,
    render: (r) => <span className={`decision decision-${r.screening.decision ?? 'none'}`}>{decisionLabel(r.screening.decision)}</span>,
    title: (r) => r.screening.reason ?? undefined,
  },
  {
    id: 'fulltext',
    label: 'Full text',
    width: '74px',
    render: (r) => (r.documents > 0 ? <span className="lib-fulltext-mark">{r.documents === 1 ? 'attached' : `${r.documents} files`}</span> : <span className="muted">—</span>),
    title: (r) => (r.documents > 0 ? `${r.documents} full text${r.documents === 1 ? '' : 's'} attached` : 'No full text attached'),
  },
  { id: 'added', label: 'Added', width: '98px', hideBelow: 680, sortable: true, render: (r) => r.addedAt.slice(0, 10), title: (r) => new Date(r.addedAt).toLocaleString() },
];

type View = 'records' | 'duplicates';

export function Library({ refresh }: SectionProps) {
  const [view, setView] = useState<View>('records');
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const [findText, setFindText] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<LibrarySort>({ field: 'title', dir: 'asc' });
  const [generation, bump] = useReducer((n: number) => n + 1, 0);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [detailOpen, setDetailOpen] = useState(true);
  const [grandTotal, setGrandTotal] = useState<number | null>(null);
  const [openClusters, setOpenClusters] = useState(0);
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [tags, setTags] = useState<Array<{ tag: string; count: number }>>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [showImport, setShowImport] = useState(false);
  const [focusCluster, setFocusCluster] = useState<string | null>(null);
  const [bulkTag, setBulkTag] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const findRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  // Quick find runs after a pause in typing.
  useEffect(() => {
    const t = setTimeout(() => setQuery(findText), FIND_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [findText]);

  const request = useMemo(() => toListRequest(filters, query, sort), [filters, query, sort]);
  const key = queryKey(request);

  // One page cache per question; a change of filters, find, sort or data starts a new one
  // (after a data change, the old rows of the same question stand in until fresh ones arrive).
  const lastPages = useRef<{ key: string; pages: RowPages<LibraryRecord> } | null>(null);
  const pages = useMemo(() => {
    const previous = lastPages.current?.key === key ? lastPages.current.pages : null;
    const next = new RowPages<LibraryRecord>(async (offset, limit) => {
      const r = await api.result('records:list', { ...request, offset, limit });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    }, previous);
    lastPages.current = { key, pages: next };
    return next;
  }, [key, generation]);
  useEffect(() => {
    setLoadError(null);
    const off = pages.subscribe(() => {
      if (pages.error) setLoadError(pages.error);
      redraw();
    });
    pages.ensure(0, 0);
    return off;
  }, [pages]);

  // The selection belongs to a result: a new question clears it (not a data refresh).
  useEffect(() => setSelection(EMPTY_SELECTION), [key]);

  const total = pages.total ?? 0;

  // What the filter bar offers, and the unfiltered size of the library.
  const loadSideData = useCallback(async () => {
    const [all, b, t, d] = await Promise.all([
      api.result('records:list', { offset: 0, limit: 1 }),
      api.result('records:batches', {}),
      api.result('records:tags', {}),
      api.result('duplicates:list', { status: 'open', limit: 1 }),
    ]);
    if (all.ok) setGrandTotal(all.value.total);
    else setLoadError(all.error.message);
    if (b.ok) setBatches(b.value);
    if (t.ok) setTags(t.value);
    if (d.ok) setOpenClusters(d.value.total);
  }, []);
  useEffect(() => {
    void loadSideData();
  }, [loadSideData, generation]);

  // Offer the reference types met so far as suggestions for the type filter.
  useEffect(() => {
    const seen = new Set(types);
    const before = seen.size;
    for (let i = 0; i < Math.min(total, 200); i++) {
      const t = pages.rowAt(i)?.type;
      if (t) seen.add(t);
    }
    if (seen.size !== before) setTypes([...seen].sort());
  });

  const dataChanged = useCallback(() => {
    bump();
    refresh();
  }, [refresh]);

  const imports = useImport(dataChanged);
  const onDropFiles = useCallback(
    (files: File[]) => {
      setView('records');
      setShowImport(false);
      void imports.importDropped(files);
    },
    [imports.importDropped],
  );
  const dragging = useWindowFileDrop(onDropFiles, true);

  // Ctrl+F: quick find; Ctrl+I: import. Window-wide while the library is shown.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'f') {
        setView('records');
        setTimeout(() => findRef.current?.select(), 0);
      } else if (k === 'i') setShowImport(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const cursorRecord = selection.cursor !== null ? pages.rowAt(selection.cursor) : undefined;

  const onRowClick = useCallback(
    (index: number, e: MouseEvent) => {
      setSelection((s) => clickRow(s, index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }, total));
      tableRef.current?.querySelector<HTMLElement>('.vt')?.focus({ preventScroll: true });
    },
    [total],
  );

  const onTableKey = (e: KeyboardEvent<HTMLDivElement>, pageRows: number) => {
    const at = selection.cursor ?? -1;
    const extend = e.shiftKey;
    let to: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
        to = at + 1;
        break;
      case 'ArrowUp':
        to = at < 0 ? 0 : at - 1;
        break;
      case 'PageDown':
        to = Math.max(0, at) + pageRows;
        break;
      case 'PageUp':
        to = Math.max(0, at) - pageRows;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = total - 1;
        break;
      case 'Enter':
        if (selection.cursor === null && total > 0) setSelection(moveTo(selection, 0, false, total));
        setDetailOpen(true);
        e.preventDefault();
        return;
      case 'Escape':
        if (detailOpen) setDetailOpen(false);
        else setSelection(EMPTY_SELECTION);
        e.preventDefault();
        return;
      case 'a':
      case 'A':
        if (e.ctrlKey || e.metaKey) {
          setSelection(selectAll(selection, total));
          e.preventDefault();
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (total > 0) setSelection(moveTo(selection, to, extend, total));
  };

  /** The ids of the selected rows, fetching any rows that were never drawn. */
  const selectedIds = useCallback(async (): Promise<string[]> => {
    const wanted = selectedIndices(selection, total);
    const ids: string[] = [];
    const missing: number[] = [];
    for (const i of wanted) {
      const row = pages.rowAt(i);
      if (row) ids.push(row.id);
      else missing.push(i);
    }
    for (let k = 0; k < missing.length; ) {
      const start = missing[k]!;
      const r = await api.call('records:list', { ...request, offset: start, limit: ID_CHUNK });
      while (k < missing.length && missing[k]! < start + ID_CHUNK) {
        const row = r.items[missing[k]! - start];
        if (row) ids.push(row.id);
        k += 1;
      }
    }
    return ids;
  }, [selection, total, pages, request]);

  const applyBulkTag = async (mode: 'add' | 'remove') => {
    const tag = bulkTag.trim();
    if (!tag) return;
    const ids = await selectedIds();
    if (ids.length === 0) return;
    const r = await api.result('records:tag', { ids, ...(mode === 'add' ? { add: [tag] } : { remove: [tag] }) });
    if (!r.ok) return setNotice(r.error.message);
    setNotice(`${mode === 'add' ? 'Tagged' : 'Untagged'} ${plural(r.value.updated, 'record')} “${tag}”.`);
    setBulkTag('');
    bump();
  };

  const onSort = (field: string) => {
    setSort((s) => (s.field === field ? { field: s.field, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { field: field as LibrarySort['field'], dir: field === 'added' || field === 'year' ? 'desc' : 'asc' }));
  };

  const reviewCluster = (clusterId: string) => {
    setFocusCluster(clusterId);
    setView('duplicates');
  };

  const nSelected = selectedCount(selection, total);
  const filtered = activeFilterCount(filters) > 0 || query.trim() !== '';
  const sortState: SortState = { key: sort.field, dir: sort.dir };

  const importArea = (
    <>
      {showImport && !imports.state.running && (
        <ImportForm
          busy={imports.state.running !== null}
          onCancel={() => setShowImport(false)}
          onError={imports.fail}
          onChosen={(parts, names) => {
            setShowImport(false);
            setView('records');
            void imports.importChosen(parts, names.map((p) => p.split(/[\\/]/).pop() ?? p));
          }}
        />
      )}
      {imports.state.running && <ImportProgress running={imports.state.running} />}
      {imports.state.error && (
        <div className="error" role="alert">
          <strong>The import failed.</strong> {imports.state.error}{' '}
          <button type="button" className="link" onClick={imports.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {imports.state.summary && <ImportSummaryPanel key={imports.state.summary.batch ?? 'none'} summary={imports.state.summary} files={imports.state.files} onClose={imports.dismiss} onChanged={dataChanged} />}
    </>
  );

  const dropOverlay = dragging && (
    <div className="lib-drop" aria-hidden>
      <div>
        <strong>Drop to import</strong>
        <span>RIS, PubMed/MEDLINE, BibTeX, EndNote XML, CSV, CSL-JSON…</span>
      </div>
    </div>
  );

  if (grandTotal === 0) {
    return (
      <section className="lib lib-empty-wrap" aria-label="Library">
        {dropOverlay}
        <div className="empty lib-empty">
          <h2>No records yet</h2>
          <p>Import the records your team screened: exports from Rayyan, Covidence, ASReview, EndNote, Zotero, PubMed, Scopus or Web of Science. Screening decisions and reasons come along, and duplicates are grouped for review.</p>
          <div className="lib-empty-actions">
            <button type="button" className="primary" onClick={() => setShowImport(true)}>
              Import records…
            </button>
            <kbd>Ctrl+I</kbd>
          </div>
          <p className="lib-drop-hint">or drop export files anywhere on this window</p>
        </div>
        {importArea}
      </section>
    );
  }

  return (
    <section className="lib" aria-label="Library">
      {dropOverlay}
      <header className="lib-head">
        <h2>Library</h2>
        <div className="lib-tabs" role="tablist" aria-label="Library views">
          <button type="button" role="tab" aria-selected={view === 'records'} className={view === 'records' ? 'on' : ''} onClick={() => setView('records')}>
            Records
          </button>
          <button type="button" role="tab" aria-selected={view === 'duplicates'} className={view === 'duplicates' ? 'on' : ''} onClick={() => setView('duplicates')}>
            Duplicates {openClusters > 0 && <span className="lib-badge">{count(openClusters)}</span>}
          </button>
        </div>
        <span className="lib-counts" data-testid="record-count" aria-live="polite">
          {grandTotal === null ? '' : filtered ? `${count(total)} of ${plural(grandTotal, 'record')}` : plural(grandTotal, 'record')}
          {nSelected > 1 && ` · ${count(nSelected)} selected`}
        </span>
        <button type="button" className="primary lib-import-btn" onClick={() => setShowImport((v) => !v)} title="Import records (Ctrl+I)" disabled={imports.state.running !== null}>
          Import…
        </button>
      </header>
      {importArea}
      {view === 'duplicates' ? (
        <DuplicatesReview focusClusterId={focusCluster} onChanged={dataChanged} />
      ) : (
        <>
          <FilterBar filters={filters} onFilters={setFilters} query={findText} onQuery={setFindText} findRef={findRef} batches={batches} tags={tags} types={types} />
          {nSelected > 1 && (
            <form
              className="lib-bulk"
              aria-label="Bulk tag"
              onSubmit={(e) => {
                e.preventDefault();
                void applyBulkTag('add');
              }}
            >
              <strong>{count(nSelected)} selected</strong>
              <input value={bulkTag} onChange={(e) => setBulkTag(e.target.value)} placeholder="tag" aria-label="Tag for the selected records" list="lib-tag-names" />
              <datalist id="lib-tag-names">
                {tags.map((t) => (
                  <option key={t.tag} value={t.tag} />
                ))}
              </datalist>
              <button type="submit" disabled={!bulkTag.trim()}>
                Add tag
              </button>
              <button type="button" disabled={!bulkTag.trim()} onClick={() => void applyBulkTag('remove')}>
                Remove tag
              </button>
              <button type="button" className="link" onClick={() => setSelection(EMPTY_SELECTION)}>
                Clear selection
              </button>
            </form>
          )}
          {notice && (
            <p className="status lib-notice" role="status">
              {notice}{' '}
              <button type="button" className="link" onClick={() => setNotice(null)}>
                OK
              </button>
            </p>
          )}
          {loadError && (
            <div className="error" role="alert">
              {loadError}
            </div>
          )}
          <div className={`lib-main${detailOpen ? ' with-detail' : ''}`}>
            <div className="lib-table" ref={tableRef}>
              {pages.total === 0 ? (
                <div className="lib-nomatch">
                  <p>No records match{query ? ` “${query}”` : ''}.</p>
                  <button
                    type="button"
                    onClick={() => {
                      setFilters(NO_FILTERS);
                      setFindText('');
                    }}
                  >
                    Clear find and filters
                  </button>
                </div>
              ) : (
                <VirtualTable
                  pages={pages}
                  total={total}
                  columns={COLUMNS}
                  rowHeight={ROW_HEIGHT}
                  isSelected={(i) => isSelected(selection, i)}
                  cursor={selection.cursor}
                  sort={sortState}
                  onSort={onSort}
                  onRowClick={onRowClick}
                  onRowDoubleClick={() => setDetailOpen(true)}
                  onKeyDown={onTableKey}
                  rowKey={(r) => r.id}
                  rowClassName={(r) => (r.clusterId ? 'dup' : '')}
                  ariaLabel="Records"
                  resetKey={key}
                />
              )}
            </div>
            {detailOpen && (
              <RecordDetailPane
                recordId={cursorRecord?.id ?? null}
                version={generation}
                onClose={() => {
                  setDetailOpen(false);
                  tableRef.current?.querySelector<HTMLElement>('.vt')?.focus();
                }}
                onTagsChanged={bump}
                onReviewCluster={reviewCluster}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
