/**
 * The PDF reader: every page in one continuous scroll, drawn lazily, with zoom, page
 * navigation, find, a text layer for real selection and highlight overlays.
 *
 * It knows nothing about IPC (STYLE.md point 8): a pdf.js document, the stored page texts and
 * the highlights come in as props; a new highlight leaves through `onCreateHighlight` and is
 * drawn only when the owner passes it back in `highlights` (i.e. after it was saved).
 *
 * Laziness: page sizes come from the back end's page table (or page 1 for all), so 300
 * placeholders lay out at once; only pages within `RENDER_MARGIN` screens of the viewport get
 * a canvas and text layer, and canvases beyond `KEEP_MARGIN` screens are freed.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toPdfRects, type PdfRect } from './geometry';
import { PageView, type DrawnPage, type LayerMatch, type ReaderHighlight } from './page-view';
import type { PdfDocument, PdfEngine, PdfPage, PdfTextContent } from './pdfjs-types';
import { alignTexts, offsetOfPoint, offsetsOfRange, rangesForOffsets, textRunsOf, type TextAlignment } from './text-mapping';
import { CSS_PX_PER_POINT, ZOOM_STEPS, resolveZoom, stepZoom, type Zoom } from './zoom';
import { pointAt, sideAt, useReadingCaret } from './reading-caret';

/** Gap between pages in the scroll (CSS px). */
const PAGE_GAP = 12;
/** Pages within this many viewport heights of the visible area are drawn. */
const RENDER_MARGIN = 1;
/** Drawn pages farther than this many viewport heights are freed. */
const KEEP_MARGIN = 4;

/** A page's size in points, its rotation applied (width and height swapped for 90/270). */
export interface PageSize {
  widthPt: number;
  heightPt: number;
}

/** A selection turned into what `excerpts:create` needs, with offsets relative to the page's stored text. */
export interface PageSelection {
  pageIndex: number;
  pageStart: number;
  pageEnd: number;
  quote: string;
  rects: PdfRect[];
}

/** What the owner can ask of a mounted reader (through a ref). */
export interface PdfReaderHandle {
  scrollToPage(pageIndex: number): void;
  /** Scrolls a highlight's first rectangle into view (loads its page if needed). */
  scrollToRect(rect: PdfRect): Promise<void>;
  /** Highlights the current selection (same as pressing H). */
  highlightSelection(): void;
  /** Focuses the pages with the reading cursor where it last was (just after the last highlight made). */
  focusCaret(): void;
}

/** Data in, callbacks out: the reader never calls the services itself. */
export interface PdfReaderProps {
  pdf: PdfDocument;
  engine: Pick<PdfEngine, 'createTextLayer'>;
  /** The back end's text of each page: selection offsets are counted in these. */
  pageTexts: string[];
  /** Known page sizes (from the back end), so the layout needs no page loads. */
  pageSizes?: PageSize[];
  highlights: ReaderHighlight[];
  zoom: Zoom;
  onZoomChange(zoom: Zoom): void;
  onCreateHighlight(selection: PageSelection): void;
  onHighlightClick?(id: string): void;
  /** A user-facing message (a refused selection). */
  onMessage?(message: string): void;
  /** Called once, when the first page's picture is on screen (for the open-time measurement). */
  onFirstPageDrawn?(): void;
  /** The page most in view changed (zero-based). */
  onPageChange?(pageIndex: number): void;
  /** Extra controls for the toolbar (the owner's colour picker, close button). */
  toolbarExtra?: ReactNode;
}

interface FindState {
  open: boolean;
  query: string;
  matches: Array<{ page: number; start: number; end: number }>;
  current: number;
  searching: boolean;
}

function isTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}

/** The text a page's text layer shows: its items' strings in order, with nothing between. */
function layerTextOf(content: PdfTextContent): string {
  let out = '';
  for (const item of content.items) if ('str' in item) out += item.str;
  return out;
}

function findRegex(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  // Whitespace in the query matches any (or no) whitespace: text-layer items often lack spaces.
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'), 'giu');
}

/** The PDF reader component (see the file comment). */
export const PdfReader = forwardRef<PdfReaderHandle, PdfReaderProps>(function PdfReader(props, handleRef) {
  const { pdf, engine, pageTexts, highlights, zoom, onZoomChange, onCreateHighlight, onMessage } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 800, height: 600 });
  const [pages, setPages] = useState<Array<PdfPage | null>>(() => Array.from({ length: pdf.numPages }, () => null));
  const [sizes, setSizes] = useState<PageSize[]>(() => props.pageSizes ?? []);
  const [visible, setVisible] = useState({ first: 0, last: 0 });
  const [currentPage, setCurrentPage] = useState(0);
  const [pageField, setPageField] = useState('1');
  const [find, setFind] = useState<FindState>({ open: false, query: '', matches: [], current: 0, searching: false });
  const [hasSelection, setHasSelection] = useState(false);
  /** View-only extra rotation per page (a page scanned or set sideways), in degrees clockwise. */
  const [turns, setTurns] = useState<Record<number, number>>({});
  const drawn = useRef(new Map<number, DrawnPage>()).current;
  const textCache = useRef(new Map<number, Promise<PdfTextContent>>()).current;
  // Alignments of each page's layer text with its stored text; rebuilt when the stored texts change.
  const alignCache = useMemo(() => new Map<number, TextAlignment>(), [pageTexts]);
  const firstDrawn = useRef(false);
  // Until a visible page is drawn, only the visible pages draw: pdf.js works through one
  // document's pages in one worker, so the pages around would share its time with the first.
  const [opened, setOpened] = useState(false);
  const findInput = useRef<HTMLInputElement>(null);
  const visibleRef = useRef({ first: 0, last: 0 });
  // Alignments between a drawn text layer and its page's stored text, both ways (per layer element).
  const layerMaps = useMemo(() => new WeakMap<HTMLElement, { layerText: string; toStored: TextAlignment; toLayer: TextAlignment }>(), [pageTexts]);
  const mapsOf = (pageIndex: number, layer: HTMLElement) => {
    let m = layerMaps.get(layer);
    if (!m) {
      const layerText = textRunsOf(layer).text;
      const stored = pageTexts[pageIndex] ?? layerText;
      m = { layerText, toStored: alignTexts(layerText, stored), toLayer: alignTexts(stored, layerText) };
      layerMaps.set(layer, m);
    }
    return m;
  };
  const caret = useReadingCaret(scroller, {
    fromDom: (node, offset) => {
      const layer = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.textLayer');
      const page = layer?.closest<HTMLElement>('.pdf-page');
      if (!layer || !page) return null;
      const pageIndex = Number(page.dataset.pageIndex);
      const at = offsetOfPoint(layer, textRunsOf(layer).runs, node, offset);
      if (at === null) return null;
      const { layerText, toStored } = mapsOf(pageIndex, layer);
      const atNodeEnd = node.nodeType === Node.TEXT_NODE && offset === (node as Text).data.length && offset > 0;
      return { key: String(pageIndex), offset: toStored.toStored(at, atNodeEnd || at >= layerText.length ? 'end' : 'start') };
    },
    toDom: (spot) => {
      const pageIndex = Number(spot.key);
      const d = drawn.get(pageIndex);
      if (!d) return null;
      const stored = pageTexts[pageIndex] ?? '';
      const side = sideAt(stored, spot.offset);
      const layerOffset = mapsOf(pageIndex, d.textLayer).toLayer.toStored(spot.offset, side);
      return pointAt(d.textLayer, layerOffset, side);
    },
    textOf: (key) => pageTexts[Number(key)] ?? null,
    neighbour: (key, step) => (drawn.has(Number(key) + step) ? String(Number(key) + step) : null),
    firstInView: () => {
      const top = scroller.current?.getBoundingClientRect().top ?? 0;
      for (let i = visibleRef.current.first; i <= visibleRef.current.last; i++) {
        const d = drawn.get(i);
        if (!d) continue;
        // The first word whose line is in view (spans are in the page's text order).
        for (const span of d.textLayer.querySelectorAll('span')) {
          const text = span.firstChild;
          if (text?.nodeType === Node.TEXT_NODE && (text as Text).data.trim() && span.getBoundingClientRect().top >= top) {
            const { runs } = textRunsOf(d.textLayer);
            const run = runs.find((r) => r.node === text);
            const { toStored } = mapsOf(i, d.textLayer);
            return { key: String(i), offset: run ? toStored.toStored(run.start, 'start') : 0 };
          }
        }
        return { key: String(i), offset: 0 };
      }
      return null;
    },
  });

  // Page 1 gives the size of every page the back end did not measure.
  useEffect(() => {
    let live = true;
    void pdf.getPage(1).then((p) => {
      if (!live) return;
      setPages((ps) => (ps[0] ? ps : [p, ...ps.slice(1)]));
      const vp = p.getViewport({ scale: 1 });
      setSizes((s) => (s.length === pdf.numPages ? s : Array.from({ length: pdf.numPages }, (_, i) => s[i] ?? { widthPt: vp.width, heightPt: vp.height })));
    });
    return () => {
      live = false;
    };
  }, [pdf]);

  const textContent = useCallback(
    (i: number) => {
      let p = textCache.get(i);
      if (!p) {
        p = pdf.getPage(i + 1).then((pg) => pg.getTextContent());
        textCache.set(i, p);
      }
      return p;
    },
    [pdf, textCache],
  );

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const shown = useMemo(() => sizes.map((sz, i) => ((turns[i] ?? 0) % 180 === 0 ? sz : { widthPt: sz.heightPt, heightPt: sz.widthPt })), [sizes, turns]);
  const widest = useMemo(() => shown.reduce((m, s) => ({ widthPt: Math.max(m.widthPt, s.widthPt), heightPt: Math.max(m.heightPt, s.heightPt) }), { widthPt: 1, heightPt: 1 }), [shown]);
  const scale = resolveZoom(zoom, box, zoom.mode === 'fit-page' ? (shown[currentPage] ?? widest) : widest);
  const cssScale = scale * CSS_PX_PER_POINT;

  // Top of each page in the scroll, and the total height.
  const layout = useMemo(() => {
    const tops: number[] = [];
    let y = PAGE_GAP;
    for (const s of shown) {
      tops.push(y);
      y += Math.floor(s.heightPt * cssScale) + PAGE_GAP;
    }
    return { tops, total: y };
  }, [shown, cssScale]);

  const pageAtY = useCallback(
    (y: number) => {
      const { tops } = layout;
      let lo = 0;
      let hi = tops.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (tops[mid]! <= y) lo = mid;
        else hi = mid - 1;
      }
      return Math.max(0, lo);
    },
    [layout],
  );

  const updateVisible = useCallback(() => {
    const el = scroller.current;
    if (!el || layout.tops.length === 0) return;
    const first = pageAtY(el.scrollTop);
    const last = pageAtY(el.scrollTop + el.clientHeight);
    setVisible((v) => (v.first === first && v.last === last ? v : { first, last }));
    const cur = pageAtY(el.scrollTop + el.clientHeight / 3);
    setCurrentPage(cur);
  }, [layout, pageAtY]);

  visibleRef.current = visible;
  const { onPageChange } = props;
  useEffect(() => {
    setPageField(String(currentPage + 1));
    onPageChange?.(currentPage);
  }, [currentPage, onPageChange]);

  // Keep the same place in view when the scale changes.
  const anchor = useRef<{ page: number; fraction: number; scale: number } | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    const a = anchor.current;
    if (el && a && a.scale !== cssScale && layout.tops[a.page] !== undefined) {
      const h = (shown[a.page]?.heightPt ?? 0) * cssScale;
      el.scrollTop = layout.tops[a.page]! + a.fraction * h;
    }
    // Zoomed wider than the window: keep the middle of the pages in view.
    if (el && (!a || a.scale !== cssScale)) el.scrollLeft = Math.max(0, (el.scrollWidth - el.clientWidth) / 2);
    updateVisible();
  }, [cssScale, layout, shown, updateVisible]);

  const onScroll = () => {
    const el = scroller.current!;
    const p = pageAtY(el.scrollTop);
    const h = (shown[p]?.heightPt ?? 1) * cssScale;
    anchor.current = { page: p, fraction: (el.scrollTop - layout.tops[p]!) / h, scale: cssScale };
    updateVisible();
  };

  // Which pages draw and which keep their drawing.
  const screens = box.height / Math.max(1, (widest.heightPt * cssScale) || 1);
  const renderPad = opened ? Math.ceil(RENDER_MARGIN * screens) + 1 : 0;
  const keepPad = Math.ceil(KEEP_MARGIN * screens) + 2;
  // Until the page sizes are known (page 1 still loading) nothing is laid out, so nothing loads.
  const known = sizes.length === pdf.numPages;
  const renderFrom = known ? visible.first - renderPad : 0;
  const renderTo = known ? visible.last + renderPad : -1;

  // Load the PdfPage objects of pages about to be drawn.
  useEffect(() => {
    let live = true;
    for (let i = Math.max(0, renderFrom); i <= Math.min(pdf.numPages - 1, renderTo); i++) {
      if (pages[i]) continue;
      void pdf.getPage(i + 1).then((p) => {
        if (!live) return;
        setPages((ps) => {
          if (ps[i]) return ps;
          const next = [...ps];
          next[i] = p;
          return next;
        });
        const vp = p.getViewport({ scale: 1 });
        setSizes((s) => {
          const cur = s[i];
          if (cur && Math.abs(cur.widthPt - vp.width) < 0.5 && Math.abs(cur.heightPt - vp.height) < 0.5) return s;
          const next = [...s];
          next[i] = { widthPt: vp.width, heightPt: vp.height };
          return next;
        });
      });
    }
    return () => {
      live = false;
    };
  }, [pdf, renderFrom, renderTo, pages]);

  const scrollToPage = useCallback(
    (i: number) => {
      const el = scroller.current;
      const top = layout.tops[Math.max(0, Math.min(pdf.numPages - 1, i))];
      if (el && top !== undefined) el.scrollTop = top - PAGE_GAP / 2;
    },
    [layout, pdf.numPages],
  );

  const scrollToRect = useCallback(
    async (rect: PdfRect) => {
      const el = scroller.current;
      if (!el) return;
      const page = pages[rect.page] ?? (await pdf.getPage(rect.page + 1));
      const vp = page.getViewport({ scale: cssScale, rotation: (page.rotate + (turns[rect.page] ?? 0)) % 360 });
      const [ax, ay, bx, by] = vp.convertToViewportRectangle([rect.x1, rect.y1, rect.x2, rect.y2]) as [number, number, number, number];
      const top = (layout.tops[rect.page] ?? 0) + Math.min(ay, by);
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      // Pages are centred in the scroll width; bring the rectangle's left edge into view when zoomed in.
      const pageLeft = (el.scrollWidth - vp.width) / 2;
      const left = pageLeft + Math.min(ax, bx);
      if (left < el.scrollLeft || left + Math.abs(bx - ax) > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.max(0, left - PAGE_GAP * 2);
    },
    [pages, pdf, cssScale, layout, turns],
  );

  /** The current DOM selection as a page selection, or a reason why it cannot be one. */
  const readSelection = useCallback((): PageSelection | string | null => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const pageOf = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest<HTMLElement>('.pdf-page');
    const startPage = pageOf(range.startContainer);
    const endPage = pageOf(range.endContainer);
    if (!startPage || !endPage || !scroller.current?.contains(startPage)) return null;
    if (startPage !== endPage) return 'A highlight cannot cross a page break: select within one page, or make two highlights.';
    const pageIndex = Number(startPage.dataset.pageIndex);
    const d = drawn.get(pageIndex);
    if (!d) return null;
    const { runs, text } = textRunsOf(d.textLayer);
    const span = offsetsOfRange(d.textLayer, runs, range);
    if (!span) return null;
    const stored = pageTexts[pageIndex] ?? text;
    let align = alignCache.get(pageIndex);
    if (!align) {
      align = alignTexts(text, stored);
      alignCache.set(pageIndex, align);
    }
    const pageStart = align.toStored(span.start, 'start');
    const pageEnd = align.toStored(span.end, 'end');
    if (pageEnd <= pageStart) return null;
    const origin = d.element.getBoundingClientRect();
    const clientRects: DOMRect[] = [];
    for (const r of rangesForOffsets(runs, span.start, span.end)) clientRects.push(...r.getClientRects());
    const rects = toPdfRects(clientRects, origin, d.viewport, pageIndex);
    return { pageIndex, pageStart, pageEnd, quote: stored.slice(pageStart, pageEnd), rects };
  }, [drawn, pageTexts, alignCache]);

  const highlightSelection = useCallback(() => {
    const s = readSelection();
    if (s === null) {
      onMessage?.('Select some text on a page first, then press H.');
      return;
    }
    if (typeof s === 'string') {
      onMessage?.(s);
      return;
    }
    // The reading cursor waits just after the passage, ready for the next one.
    window.getSelection()?.collapseToEnd();
    setHasSelection(false);
    onCreateHighlight(s);
  }, [readSelection, onCreateHighlight, onMessage]);

  const focusCaret = caret.focusCaret;
  useImperativeHandle(handleRef, () => ({ scrollToPage, scrollToRect, highlightSelection, focusCaret: () => focusCaret() }), [scrollToPage, scrollToRect, highlightSelection, focusCaret]);

  useEffect(() => {
    const onSel = () => {
      const sel = window.getSelection();
      const inside = !!sel && !sel.isCollapsed && !!sel.anchorNode && !!scroller.current?.contains(sel.anchorNode);
      setHasSelection(inside);
    };
    document.addEventListener('selectionchange', onSel);
    return () => document.removeEventListener('selectionchange', onSel);
  }, []);

  // Find: search every page's text layer text (loaded on first search, then cached).
  const runFind = useCallback(
    async (query: string) => {
      const re = findRegex(query);
      if (!re) {
        setFind((f) => ({ ...f, query, matches: [], current: 0, searching: false }));
        return;
      }
      setFind((f) => ({ ...f, query, searching: true }));
      const matches: FindState['matches'] = [];
      for (let i = 0; i < pdf.numPages; i++) {
        const text = layerTextOf(await textContent(i));
        for (const m of text.matchAll(re)) matches.push({ page: i, start: m.index, end: m.index + m[0].length });
      }
      setFind((f) => {
        if (f.query !== query) return f;
        const firstAfter = matches.findIndex((m) => m.page >= currentPage);
        return { ...f, matches, current: Math.max(0, firstAfter), searching: false };
      });
    },
    [pdf, textContent, currentPage],
  );

  const gotoMatch = useCallback(
    (dir: 1 | -1) => {
      setFind((f) => {
        if (f.matches.length === 0) return f;
        const current = (f.current + dir + f.matches.length) % f.matches.length;
        return { ...f, current };
      });
    },
    [],
  );

  // Scroll to the current match's page; the page view centres the match once drawn.
  const currentMatch = find.open ? find.matches[find.current] : undefined;
  useEffect(() => {
    if (!currentMatch) return;
    const el = scroller.current;
    const top = layout.tops[currentMatch.page];
    if (!el || top === undefined) return;
    const bottom = top + (shown[currentMatch.page]?.heightPt ?? 0) * cssScale;
    if (bottom < el.scrollTop || top > el.scrollTop + el.clientHeight) el.scrollTop = top;
  }, [currentMatch]);

  const setScale = (s: number) => onZoomChange({ mode: 'scale', scale: s });

  /**
   * Closes the find bar leaving the current match selected in the text and the pages focused,
   * so H makes it a highlight (and the reading cursor can extend it first).
   */
  const closeFindOnMatch = () => {
    const m = find.matches[find.current];
    setFind((f) => ({ ...f, open: false }));
    const d = m ? drawn.get(m.page) : undefined;
    scroller.current?.focus({ preventScroll: true });
    if (!m || !d) return;
    const ranges = rangesForOffsets(textRunsOf(d.textLayer).runs, m.start, m.end);
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    if (!first || !last) return;
    window.getSelection()?.setBaseAndExtent(first.startContainer, first.startOffset, last.endContainer, last.endOffset);
    onMessage?.('The match is selected: press H to highlight it (Shift+arrows change it first).');
  };

  // Keyboard: zoom, pages, find, highlight. Page keys and H are ignored while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === '=' || e.key === '+')) setScale(stepZoom(scale, 1));
      else if (mod && e.key === '-') setScale(stepZoom(scale, -1));
      else if (mod && e.key === '0') onZoomChange({ mode: 'fit-width' });
      else if (mod && e.key.toLowerCase() === 'f') {
        setFind((f) => ({ ...f, open: true }));
        setTimeout(() => findInput.current?.select(), 0);
      } else if (isTextInput(e.target)) return;
      else if (mod || e.altKey) return;
      else if (e.key === 'PageDown') scrollToPage(currentPage + 1);
      else if (e.key === 'PageUp') scrollToPage(currentPage - 1);
      else if (e.key === 'Home') scrollToPage(0);
      else if (e.key === 'End') scrollToPage(pdf.numPages - 1);
      else if (e.key === 'h' || e.key === 'H') {
        if (!window.getSelection()?.isCollapsed) highlightSelection();
        else return;
      } else return;
      e.preventDefault();
      // Ctrl+0 would otherwise also switch the project window's section (Ctrl+digit).
      e.stopPropagation();
    };
    // Capture phase on window: runs before the project window's own shortcut listener.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const onFirstDrawn = useCallback(() => {
    if (firstDrawn.current) return;
    firstDrawn.current = true;
    setOpened(true);
    props.onFirstPageDrawn?.();
  }, []);

  const zoomValue = zoom.mode === 'scale' ? String(zoom.scale) : zoom.mode;
  const matchesByPage = useMemo(() => {
    const m = new Map<number, LayerMatch[]>();
    if (!find.open) return m;
    find.matches.forEach((x, i) => {
      const list = m.get(x.page) ?? [];
      list.push({ start: x.start, end: x.end, current: i === find.current });
      m.set(x.page, list);
    });
    return m;
  }, [find]);
  const highlightsByPage = useMemo(() => {
    const m = new Map<number, ReaderHighlight[]>();
    for (const h of highlights) {
      const pagesOf = new Set(h.fromText ? [h.pageIndex] : h.rects.map((r) => r.page));
      for (const p of pagesOf) m.set(p, [...(m.get(p) ?? []), h]);
    }
    return m;
  }, [highlights]);
  const noMatches: LayerMatch[] = useMemo(() => [], []);
  const noHighlights: ReaderHighlight[] = useMemo(() => [], []);

  return (
    <div className="pdf-reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader">
        <span className="page-nav">
          <button onClick={() => scrollToPage(currentPage - 1)} disabled={currentPage === 0} title="Previous page (PageUp)" aria-label="Previous page">
            ‹
          </button>
          <input
            className="page-field"
            aria-label="Page number"
            value={pageField}
            onChange={(e) => setPageField(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                const n = Number.parseInt(pageField, 10);
                if (Number.isFinite(n)) scrollToPage(n - 1);
                (e.target as HTMLInputElement).blur();
              }
            }}
            onBlur={() => setPageField(String(currentPage + 1))}
          />
          <span className="muted">/ {pdf.numPages}</span>
          <button onClick={() => scrollToPage(currentPage + 1)} disabled={currentPage >= pdf.numPages - 1} title="Next page (PageDown)" aria-label="Next page">
            ›
          </button>
        </span>
        <span className="zoom-controls">
          <button onClick={() => setScale(stepZoom(scale, -1))} title="Zoom out (Ctrl+-)" aria-label="Zoom out">
            −
          </button>
          <select
            aria-label="Zoom"
            value={ZOOM_STEPS.some((s) => String(s) === zoomValue) || zoom.mode !== 'scale' ? zoomValue : 'custom'}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'fit-width' || v === 'fit-page') onZoomChange({ mode: v });
              else if (v !== 'custom') setScale(Number(v));
            }}
          >
            <option value="fit-width">Fit width</option>
            <option value="fit-page">Fit page</option>
            {zoom.mode === 'scale' && !ZOOM_STEPS.some((s) => String(s) === zoomValue) && <option value="custom">{Math.round(scale * 100)}%</option>}
            {ZOOM_STEPS.map((s) => (
              <option key={s} value={String(s)}>
                {Math.round(s * 100)}%
              </option>
            ))}
          </select>
          <button onClick={() => setScale(stepZoom(scale, 1))} title="Zoom in (Ctrl+=)" aria-label="Zoom in">
            +
          </button>
          <span className="muted zoom-percent" data-testid="zoom-percent">
            {Math.round(scale * 100)}%
          </span>
        </span>
        <button
          onClick={() => setTurns((t) => ({ ...t, [currentPage]: ((t[currentPage] ?? 0) + 90) % 360 }))}
          title="Turn this page a quarter clockwise (view only: highlights keep their place)"
          aria-label="Rotate page"
        >
          ↻
        </button>
        <button
          className="primary"
          onMouseDown={(e) => e.preventDefault()}
          onClick={highlightSelection}
          disabled={!hasSelection}
          title="Highlight the selected text (H)"
        >
          Highlight <kbd>H</kbd>
        </button>
        <button
          onClick={() => {
            setFind((f) => ({ ...f, open: !f.open }));
            setTimeout(() => findInput.current?.select(), 0);
          }}
          title="Find in document (Ctrl+F)"
        >
          Find
        </button>
        {props.toolbarExtra}
      </div>
      {find.open && (
        <div className="find-bar" role="search">
          <input
            ref={findInput}
            aria-label="Find in document"
            placeholder="Find in document"
            defaultValue={find.query}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                const q = (e.target as HTMLInputElement).value;
                if (q !== find.query) void runFind(q);
                else gotoMatch(e.shiftKey ? -1 : 1);
                e.preventDefault();
              } else if (e.key === 'Escape') {
                closeFindOnMatch();
              }
            }}
          />
          <button onClick={closeFindOnMatch} disabled={find.matches.length === 0} title="Select the match in the text and close (Esc); then H highlights it">
            Select match
          </button>
          <button onClick={() => gotoMatch(-1)} disabled={find.matches.length === 0} title="Previous match (Shift+Enter)">
            Previous
          </button>
          <button onClick={() => gotoMatch(1)} disabled={find.matches.length === 0} title="Next match (Enter)">
            Next
          </button>
          <span className="muted" aria-live="polite">
            {find.searching ? 'Searching…' : find.query ? (find.matches.length ? `${find.current + 1} of ${find.matches.length}` : 'No matches') : ''}
          </span>
          <button className="link" onClick={() => setFind((f) => ({ ...f, open: false }))}>
            Close
          </button>
        </div>
      )}
      <div
        className="pdf-scroller"
        ref={scroller}
        onScroll={() => {
          onScroll();
          caret.update();
        }}
        tabIndex={0}
        role="document"
        aria-label="Pages (reading cursor: arrows, Ctrl+arrows or W/B by word, Ctrl+↑/↓ by sentence; Shift extends; H highlights)"
        onKeyDown={(e) => {
          if (caret.onKey(e)) e.preventDefault();
        }}
      >
        {caret.caretBox && <div className="reading-caret" aria-hidden="true" style={{ left: caret.caretBox.left, top: caret.caretBox.top, height: caret.caretBox.height }} />}
        <div className="pdf-pages" style={{ height: layout.total, width: Math.ceil(widest.widthPt * cssScale) + 2 * PAGE_GAP }}>
          {shown.map((s, i) => (
            <div key={i} className="pdf-page-slot" style={{ top: layout.tops[i] }}>
              <PageView
                index={i}
                page={pages[i] ?? null}
                cssScale={cssScale}
                turn={turns[i] ?? 0}
                width={s.widthPt * cssScale}
                height={s.heightPt * cssScale}
                render={i >= renderFrom && i <= renderTo}
                keep={i >= visible.first - keepPad && i <= visible.last + keepPad}
                engine={engine}
                textContent={textContent}
                highlights={highlightsByPage.get(i) ?? noHighlights}
                storedText={pageTexts[i] ?? ''}
                matches={matchesByPage.get(i) ?? noMatches}
                drawn={drawn}
                onDrawn={onFirstDrawn}
                {...(props.onHighlightClick ? { onHighlightClick: props.onHighlightClick } : {})}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
});
