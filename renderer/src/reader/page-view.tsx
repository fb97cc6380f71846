/**
 * One page of the PDF reader: a placeholder of the page's size that draws its canvas and
 * pdf.js text layer only while the reader asks (`render`), keeps them while the page is not
 * far away (`keep`) and frees them after. Highlights and find matches are overlays drawn
 * from PDF-point rectangles / text offsets, so they follow the page at any zoom.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { toCssBox, type CssBox, type PdfRect } from './geometry';
import type { PdfEngine, PdfPage, PdfRenderTask, PdfTextContent, PdfTextLayer, PdfViewport } from './pdfjs-types';
import { mergeLineBoxes } from './geometry';
import { alignTexts, rangesForOffsets, textRunsOf } from './text-mapping';
import { CodingStripe, layoutStripes, verticalExtent, type StripePassage } from './coding-stripe';
import { CodeChips, type ChipCode } from './code-chips';

/** A highlight as the reader draws it: coloured rectangles on a page. */
export interface ReaderHighlight {
  id: string;
  pageIndex: number;
  rects: PdfRect[];
  color: string;
  /** Drawn with an outline (the one chosen in the side panel). */
  selected?: boolean;
  /** Has a note (drawn with a small marker). */
  hasNote?: boolean;
  /**
   * Offsets in the page's stored text. When `fromText` is set the highlight is drawn from
   * these on the text layer instead of from `rects`: for highlights saved without rectangles
   * (command line, imports) and for ones re-anchored elsewhere ('fuzzy'), whose stored
   * rectangles mark the old place.
   */
  pageStart?: number;
  pageEnd?: number;
  fromText?: boolean;
  /** The passage's codes: drawn in the coding stripe and in the popover on hover or selection. */
  codes?: readonly ChipCode[];
}

/** A find match on a page: offsets in the page's text-layer text. */
export interface LayerMatch {
  start: number;
  end: number;
  current: boolean;
}

/** What the reader needs from a drawn page to turn a selection into a highlight. */
export interface DrawnPage {
  viewport: PdfViewport;
  element: HTMLElement;
  textLayer: HTMLElement;
}

/** The largest canvas we allocate (pixels): beyond it the device-pixel ratio is lowered. */
const MAX_CANVAS_PIXELS = 16_777_216;

/** One page's inputs; `render`/`keep` come from the reader's view of what is near the viewport. */
export interface PageViewProps {
  index: number;
  page: PdfPage | null;
  /** Pixels per PDF point. */
  cssScale: number;
  /** Extra clockwise rotation the reader chose for this page (view only), added to its /Rotate. */
  turn: number;
  width: number;
  height: number;
  render: boolean;
  keep: boolean;
  engine: Pick<PdfEngine, 'createTextLayer'>;
  textContent: (pageIndex: number) => Promise<PdfTextContent>;
  highlights: ReaderHighlight[];
  /** The page's stored text (for drawing `fromText` highlights); empty when unknown. */
  storedText: string;
  matches: LayerMatch[];
  drawn: Map<number, DrawnPage>;
  onDrawn?: (index: number) => void;
  onHighlightClick?: (id: string) => void;
}

interface DrawState {
  scale: number;
  turn: number;
  canvas: HTMLCanvasElement | null;
  layer: HTMLDivElement | null;
  task: PdfRenderTask | null;
  textLayer: PdfTextLayer | null;
}

/**
 * Memoised: the reader re-renders on every scroll event, and a page whose props did not change
 * (most of a long document) should not recompute its overlays.
 */
export const PageView = memo(function PageView(props: PageViewProps) {
  const { index, page, cssScale, turn, width, height, render, keep, engine, textContent, drawn, onDrawn } = props;
  const ref = useRef<HTMLDivElement>(null);
  const state = useRef<DrawState>({ scale: 0, turn: 0, canvas: null, layer: null, task: null, textLayer: null });
  const [drawnVersion, setDrawnVersion] = useState(0);
  const [matchBoxes, setMatchBoxes] = useState<Array<CssBox & { current: boolean }>>([]);
  const viewportOf = (p: PdfPage) => p.getViewport({ scale: cssScale, rotation: (p.rotate + turn) % 360 });
  const viewport = page ? viewportOf(page) : null;

  // Draw (or free) the canvas and text layer.
  useEffect(() => {
    const el = ref.current;
    const s = state.current;
    if (!el || !page) return;
    const free = () => {
      s.task?.cancel();
      s.textLayer?.cancel();
      s.canvas?.remove();
      s.layer?.remove();
      if (s.canvas) {
        // Releases the canvas's backing store now rather than at garbage collection.
        s.canvas.width = 0;
        s.canvas.height = 0;
      }
      Object.assign(s, { scale: 0, turn: 0, canvas: null, layer: null, task: null, textLayer: null });
      drawn.delete(index);
      page.cleanup();
    };
    if (!keep) {
      if (s.canvas) free();
      return;
    }
    if (!render || (s.canvas && s.scale === cssScale && s.turn === turn)) return;

    let cancelled = false;
    const vp = page.getViewport({ scale: cssScale, rotation: (page.rotate + turn) % 360 });
    const canvas = document.createElement('canvas');
    const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (vp.width * vp.height)));
    canvas.width = Math.floor(vp.width * ratio);
    canvas.height = Math.floor(vp.height * ratio);
    canvas.className = 'pdf-canvas';
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) return;
    const task = page.render({ canvasContext: ctx, viewport: vp, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
    s.task = task;

    const layer = document.createElement('div');
    layer.className = 'textLayer';
    layer.addEventListener('mousedown', () => layer.classList.add('selecting'));
    const endSelecting = () => layer.classList.remove('selecting');
    document.addEventListener('mouseup', endSelecting);

    void (async () => {
      try {
        await task.promise;
        if (cancelled) return;
        // Show the picture first: a page is readable before its text layer is ready.
        s.canvas?.remove();
        el.prepend(canvas);
        s.canvas = canvas;
        s.scale = cssScale;
        s.turn = turn;
        onDrawn?.(index);
        // The text layer (one span per text item, each measured) waits for an idle moment, so
        // fast scrolling keeps its frames; 300 ms at most, so selection is soon possible.
        await new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 300 }) : setTimeout(resolve, 0)));
        if (cancelled) return;
        const content = await textContent(index);
        if (cancelled) return;
        const textLayer = engine.createTextLayer({ textContentSource: content, container: layer, viewport: vp });
        s.textLayer = textLayer;
        await textLayer.render();
        if (cancelled) return;
        const end = document.createElement('div');
        end.className = 'endOfContent';
        layer.append(end);
        s.layer?.remove();
        el.append(layer);
        s.layer = layer;
        drawn.set(index, { viewport: vp, element: el, textLayer: layer });
        setDrawnVersion((v) => v + 1);
      } catch (e) {
        if ((e as Error).name !== 'RenderingCancelledException' && (e as Error).name !== 'AbortException') console.warn(`page ${index + 1}:`, e);
      }
    })();
    return () => {
      cancelled = true;
      task.cancel();
      document.removeEventListener('mouseup', endSelecting);
    };
  }, [page, render, keep, cssScale, turn, engine, textContent, drawn, index, onDrawn]);

  // Free everything when the page leaves the document.
  useEffect(
    () => () => {
      const s = state.current;
      s.task?.cancel();
      s.canvas?.remove();
      s.layer?.remove();
      drawn.delete(index);
    },
    [drawn, index],
  );

  // Find matches: boxes of the matched text in the drawn text layer.
  const matchKey = props.matches.map((m) => `${m.start}-${m.end}-${m.current ? 1 : 0}`).join(',');
  useLayoutEffect(() => {
    const d = drawn.get(index);
    if (!d || props.matches.length === 0) {
      setMatchBoxes((b) => (b.length ? [] : b));
      return;
    }
    const { runs } = textRunsOf(d.textLayer);
    const origin = d.element.getBoundingClientRect();
    const boxes: Array<CssBox & { current: boolean }> = [];
    for (const m of props.matches) {
      const rects: CssBox[] = [];
      for (const r of rangesForOffsets(runs, m.start, m.end)) {
        for (const c of r.getClientRects()) rects.push({ left: c.left - origin.left, top: c.top - origin.top, width: c.width, height: c.height });
      }
      for (const b of mergeLineBoxes(rects)) boxes.push({ ...b, current: m.current });
    }
    setMatchBoxes(boxes);
  }, [matchKey, drawnVersion, drawn, index]);

  // Highlights drawn from their text position (see ReaderHighlight.fromText).
  const [textBoxes, setTextBoxes] = useState<Array<{ id: string; boxes: CssBox[] }>>([]);
  const textKey = props.highlights
    .filter((h) => h.fromText)
    .map((h) => `${h.id}:${h.pageStart}-${h.pageEnd}`)
    .join(',');
  useLayoutEffect(() => {
    const d = drawn.get(index);
    const wanted = props.highlights.filter((h) => h.fromText && h.pageStart !== undefined && h.pageEnd !== undefined);
    if (!d || wanted.length === 0 || !props.storedText) {
      setTextBoxes((b) => (b.length ? [] : b));
      return;
    }
    const { runs, text } = textRunsOf(d.textLayer);
    // Stored text -> layer text: the same alignment as for selections, run the other way.
    const toLayer = alignTexts(props.storedText, text);
    const origin = d.element.getBoundingClientRect();
    setTextBoxes(
      wanted.map((h) => {
        const rects: CssBox[] = [];
        for (const r of rangesForOffsets(runs, toLayer.toStored(h.pageStart!, 'start'), toLayer.toStored(h.pageEnd!, 'end'))) {
          for (const c of r.getClientRects()) if (c.width > 0.5 && c.height > 0.5) rects.push({ left: c.left - origin.left, top: c.top - origin.top, width: c.width, height: c.height });
        }
        return { id: h.id, boxes: mergeLineBoxes(rects) };
      }),
    );
  }, [textKey, drawnVersion, drawn, index, props.storedText]);

  // Bring the current match into view once it is drawn.
  useEffect(() => {
    if (!matchBoxes.some((b) => b.current)) return;
    // Scroll only the reader's scroller (scrollIntoView would also shift the window's panes).
    const el = ref.current?.querySelector('.find-match.current');
    const scroller = ref.current?.closest('.pdf-scroller');
    if (!el || !scroller) return;
    const r = el.getBoundingClientRect();
    const s = scroller.getBoundingClientRect();
    if (r.top < s.top || r.bottom > s.bottom) scroller.scrollTop += r.top - s.top - s.height / 2;
    if (r.left < s.left || r.right > s.right) scroller.scrollLeft += r.left - s.left - s.width / 3;
  }, [matchBoxes]);

  /** Each highlight's boxes on this page (CSS px from the page's corner), from rectangles or text. */
  const boxesById = useMemo(() => {
    const m = new Map<string, CssBox[]>();
    if (!viewport) return m;
    for (const t of textBoxes) m.set(t.id, t.boxes);
    for (const h of props.highlights) if (!h.fromText) m.set(h.id, h.rects.filter((r) => r.page === index).map((r) => toCssBox(r, viewport)));
    return m;
  }, [textBoxes, props.highlights, viewport?.scale, viewport?.rotation, index]);

  const stripe = useMemo(() => {
    const passages: StripePassage[] = [];
    for (const h of props.highlights) {
      const ext = h.codes?.length ? verticalExtent(boxesById.get(h.id) ?? []) : null;
      if (ext) passages.push({ id: h.id, ...ext, codes: h.codes! });
    }
    return layoutStripes(passages).bars;
  }, [props.highlights, boxesById]);

  /** The highlight under a point of the page (the last drawn wins, as it is on top). */
  const highlightAt = (clientX: number, clientY: number): string | null => {
    if (!viewport || !ref.current) return null;
    const box = ref.current.getBoundingClientRect();
    const x = clientX - box.left;
    const y = clientY - box.top;
    for (const [id, boxes] of boxesById) {
      if (boxes.some((b) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height)) return id;
    }
    return null;
  };
  const [hoveredId, setHoveredId] = useState<string | null>(null);

  const onMouseUp = (e: React.MouseEvent) => {
    if (!viewport || !props.onHighlightClick) return;
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const id = highlightAt(e.clientX, e.clientY);
    if (id) props.onHighlightClick(id);
  };

  // The codes of the highlight under the pointer, else of the selected one (reached by keyboard).
  const popoverOf = props.highlights.find((h) => h.id === hoveredId && h.codes?.length) ?? props.highlights.find((h) => h.selected && h.codes?.length);
  const popoverBoxes = popoverOf ? (boxesById.get(popoverOf.id) ?? []) : [];
  const popoverAt = popoverBoxes.length ? { left: Math.min(...popoverBoxes.map((b) => b.left)), top: Math.max(...popoverBoxes.map((b) => b.top + b.height)) + 4 } : null;

  const style: CSSProperties & Record<string, string | number> = {
    width: `${Math.floor(width)}px`,
    height: `${Math.floor(height)}px`,
    '--scale-factor': cssScale,
    '--total-scale-factor': cssScale,
  };
  return (
    <div
      ref={ref}
      className="pdf-page"
      data-page-index={index}
      style={style}
      onMouseUp={onMouseUp}
      onMouseMove={(e) => {
        const id = highlightAt(e.clientX, e.clientY);
        if (id !== hoveredId) setHoveredId(id);
      }}
      onMouseLeave={() => setHoveredId(null)}
      aria-label={`Page ${index + 1}`}
    >
      {viewport && (
        <div className="highlight-layer">
          {textBoxes.map((t) => {
            const h = props.highlights.find((x) => x.id === t.id);
            if (!h) return null;
            return t.boxes.map((b, i) => (
              <div
                key={`${h.id}-t${i}`}
                className={`pdf-highlight${h.selected ? ' selected' : ''}`}
                data-highlight-id={h.id}
                style={{ left: b.left, top: b.top, width: b.width, height: b.height, backgroundColor: h.color }}
              />
            ));
          })}
          {props.highlights.map((h) =>
            (h.fromText ? [] : h.rects).map((r, i) => {
              const b = toCssBox(r, viewport);
              return (
                <div
                  key={`${h.id}-${i}`}
                  className={`pdf-highlight${h.selected ? ' selected' : ''}`}
                  data-highlight-id={h.id}
                  style={{ left: b.left, top: b.top, width: b.width, height: b.height, backgroundColor: h.color }}
                />
              );
            }),
          )}
          {matchBoxes.map((b, i) => (
            <div key={`m${i}`} className={`find-match${b.current ? ' current' : ''}`} style={{ left: b.left, top: b.top, width: b.width, height: b.height }} />
          ))}
        </div>
      )}
      {viewport && <CodingStripe bars={stripe} {...(props.onHighlightClick ? { onSelect: props.onHighlightClick } : {})} />}
      {popoverOf && popoverAt && (
        <div className="highlight-codes-popover" role="tooltip" data-excerpt-id={popoverOf.id} style={{ left: Math.max(4, Math.min(popoverAt.left, width - 260)), top: Math.min(popoverAt.top, height - 30) }}>
          <CodeChips codes={popoverOf.codes!} label="Codes of the highlight" />
        </div>
      )}
      {!drawn.has(index) && <div className="page-number-placeholder">{index + 1}</div>}
    </div>
  );
});
