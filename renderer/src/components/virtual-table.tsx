/**
 * A virtualised table with fixed row height: only the rows in view plus `OVERSCAN` rows on each
 * side are in the DOM, positioned absolutely inside a spacer as tall as the whole result, so a
 * 20,000-row library scrolls as smoothly as a 20-row one. Rows come from a `RowPages` cache that
 * fetches windows by offset/limit as the view moves; rows still on their way draw as placeholders.
 *
 * Knows nothing about records or the API: columns render rows, and clicks, keys and sorting go
 * out through callbacks. The header sits inside the scroller (sticky), so it lines up with the
 * rows whatever the scrollbar's width.
 */
import { useEffect, useLayoutEffect, useReducer, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { RowPages } from '../sections/library/row-pages';

export interface Column<T> {
  id: string;
  label: string;
  /** A CSS grid track, e.g. `minmax(200px, 3fr)` or `64px`. */
  width: string;
  align?: 'right';
  /** Present when the column can be sorted by clicking its header. */
  sortable?: boolean;
  render(row: T): ReactNode;
  /** Tooltip for the cell (the full text of a truncated value). */
  title?(row: T): string | undefined;
  /** The column is left out when the table is narrower than this many pixels (least useful columns first). */
  hideBelow?: number;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

export interface VirtualTableProps<T> {
  pages: RowPages<T>;
  /** Rows in the whole result. */
  total: number;
  columns: Column<T>[];
  rowHeight: number;
  isSelected(index: number): boolean;
  cursor: number | null;
  sort: SortState;
  onSort(key: string): void;
  onRowClick(index: number, event: MouseEvent): void;
  onRowDoubleClick?(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>, pageRows: number): void;
  rowKey(row: T): string;
  rowClassName?(row: T): string;
  ariaLabel: string;
  /** When this changes (a new question, not a refresh of the same one) the view returns to the top. */
  resetKey: string;
  /** Reports the rows drawn (first..last), for tests and the status line. */
  onRangeChange?(first: number, last: number): void;
}

/** Rows drawn beyond each edge of the view, so a quick flick never shows blank space. */
const OVERSCAN = 12;
/** Fetching waits for scrolling to pause this long, so dragging the thumb across 20,000 rows does not request every page it passes. */
const FETCH_DELAY_MS = 40;

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { pages, total, rowHeight, cursor } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const [viewWidth, setViewWidth] = useState(1000);
  const columns = props.columns.filter((c) => !c.hideBelow || viewWidth >= c.hideBelow);
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  useEffect(() => pages.subscribe(redraw), [pages]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setViewHeight(el.clientHeight);
      setViewWidth(el.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  // A new result starts at the top; a refresh of the same one stays where it was.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.resetKey]);

  const headerHeight = rowHeight + 4;
  const bodyHeight = Math.max(0, viewHeight - headerHeight);
  const pageRows = Math.max(1, Math.floor(bodyHeight / rowHeight));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + bodyHeight) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (total === 0 && pages.total !== null) return;
    const t = setTimeout(() => pages.ensure(first, Math.max(first, last)), pages.total === null ? 0 : FETCH_DELAY_MS);
    props.onRangeChange?.(first, last);
    return () => clearTimeout(t);
  }, [pages, first, last, total]);

  // Keep the cursor row in view when the keyboard moves it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || cursor === null) return;
    const top = cursor * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
  }, [cursor]);

  const template = columns.map((c) => c.width).join(' ');
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const row = pages.rowAt(i);
    const selected = props.isSelected(i);
    const classes = ['vt-row', i % 2 ? 'odd' : '', selected ? 'selected' : '', i === cursor ? 'cursor' : '', row && props.rowClassName ? props.rowClassName(row) : '', row ? '' : 'placeholder'];
    rows.push(
      <div
        key={row ? props.rowKey(row) : `placeholder-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={selected}
        data-index={i}
        className={classes.filter(Boolean).join(' ')}
        style={{ top: i * rowHeight, height: rowHeight, gridTemplateColumns: template }}
        onMouseDown={(e) => {
          if (e.shiftKey) e.preventDefault(); // no text selection on Shift+click
        }}
        onClick={(e) => props.onRowClick(i, e)}
        onDoubleClick={() => props.onRowDoubleClick?.(i)}
      >
        {columns.map((c) => (
          <div key={c.id} role="gridcell" className={`vt-cell${c.align === 'right' ? ' num' : ''}`} title={row ? c.title?.(row) : undefined}>
            {row ? c.render(row) : c.id === columns[0]!.id ? <span className="vt-loading" /> : null}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="vt"
      role="grid"
      aria-label={props.ariaLabel}
      aria-rowcount={total + 1}
      aria-multiselectable
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={(e) => props.onKeyDown(e, pageRows)}
    >
      <div className="vt-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: headerHeight }}>
        {columns.map((c) => {
          const sorted = props.sort.key === c.id;
          return (
            <div key={c.id} role="columnheader" className={`vt-cell${c.align === 'right' ? ' num' : ''}`} aria-sort={sorted ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              {c.sortable ? (
                <button type="button" className={`vt-sort${sorted ? ' sorted' : ''}`} onClick={() => props.onSort(c.id)} title={`Sort by ${c.label.toLowerCase()}`}>
                  {c.label}
                  <span className="vt-arrow" aria-hidden>
                    {sorted ? (props.sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                c.label
              )}
            </div>
          );
        })}
      </div>
      <div className="vt-body" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
