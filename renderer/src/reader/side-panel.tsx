/**
 * The reader's side panel: the document's highlights in reading order (click to jump, a note
 * per highlight, delete, its codes as chips with a × each) and the PDF's outline. Data in, callbacks out: no IPC here.
 */
import { useEffect, useRef, useState } from 'react';
import type { PdfDocument, PdfOutlineNode } from './pdfjs-types';
import { CodeChips, type ChipCode } from './code-chips';

/** A highlight as the panel lists it. */
export interface PanelHighlight {
  id: string;
  pageIndex: number;
  quote: string;
  note: string | null;
  color: string;
  status: 'anchored' | 'fuzzy' | 'orphaned';
  /** Who made it, when the project has named coders. */
  coder?: string | null;
  /** Its codes (every layer), shown as chips; those of the current layer can be removed. */
  codes?: readonly ChipCode[];
}

/** The list's data and what it reports back (jump, note, delete). */
export interface HighlightsListProps {
  highlights: PanelHighlight[];
  selectedId: string | null;
  /** Whether page numbers mean anything (PDFs) or not (transcripts). */
  showPages: boolean;
  onSelect(id: string): void;
  onNoteChange(id: string, note: string | null): void;
  onDelete(id: string): void;
  /** Takes one code off a passage (the × of a chip). */
  onRemoveCode?(id: string, code: ChipCode): void;
}

/** Quotes longer than this are cut in the list (the full quote is in the tooltip). */
const QUOTE_PREVIEW_CHARS = 220;

/** The highlights in the order given (the owner passes reading order); the selected one opens its note editor. */
export function HighlightsList(props: HighlightsListProps) {
  const { highlights, selectedId } = props;
  if (highlights.length === 0) {
    return <p className="muted panel-empty">No highlights yet. Select text and press <kbd>H</kbd>.</p>;
  }
  return (
    <ol className="highlight-list" aria-label="Highlights">
      {highlights.map((h) => (
        <li key={h.id} className={`highlight-item${h.id === selectedId ? ' selected' : ''}${h.status === 'orphaned' ? ' orphaned' : ''}`} data-excerpt-id={h.id}>
          <button className="highlight-jump" onClick={() => props.onSelect(h.id)} title={h.quote}>
            <span className="swatch" style={{ backgroundColor: h.color }} aria-hidden="true" />
            <span className="highlight-meta">
              {props.showPages && <span className="muted">p. {h.pageIndex + 1}</span>}
              {h.coder && <span className="muted coder">{h.coder}</span>}
              {h.status === 'orphaned' && <span className="status-badge orphaned" title="The quoted words were not found in the document's current text">orphaned</span>}
              {h.status === 'fuzzy' && <span className="status-badge fuzzy" title="Found again at a nearby place">moved</span>}
            </span>
            <span className="highlight-quote">{h.quote.length > QUOTE_PREVIEW_CHARS ? `${h.quote.slice(0, QUOTE_PREVIEW_CHARS)}…` : h.quote}</span>
            {h.note && h.id !== selectedId && <span className="highlight-note muted">{h.note}</span>}
          </button>
          {h.codes && h.codes.length > 0 && <CodeChips codes={h.codes} {...(props.onRemoveCode ? { onRemove: (c: ChipCode) => props.onRemoveCode!(h.id, c) } : {})} />}
          {h.id === selectedId && <HighlightEditor highlight={h} onNoteChange={props.onNoteChange} onDelete={props.onDelete} />}
        </li>
      ))}
    </ol>
  );
}

function HighlightEditor({ highlight, onNoteChange, onDelete }: { highlight: PanelHighlight } & Pick<HighlightsListProps, 'onNoteChange' | 'onDelete'>) {
  const [draft, setDraft] = useState(highlight.note ?? '');
  useEffect(() => setDraft(highlight.note ?? ''), [highlight.id, highlight.note]);
  const save = () => {
    const next = draft.trim() ? draft : null;
    if (next !== highlight.note) onNoteChange(highlight.id, next);
  };
  return (
    <div className="highlight-editor">
      <textarea aria-label="Note" placeholder="Add a note…" value={draft} rows={3} onChange={(e) => setDraft(e.target.value)} onBlur={save} />
      <div className="form-buttons">
        <button onClick={save} disabled={(draft.trim() ? draft : null) === highlight.note}>
          Save note
        </button>
        <button className="danger" onClick={() => onDelete(highlight.id)} title="Delete the highlight (Ctrl+Z brings it back)">
          Delete
        </button>
      </div>
    </div>
  );
}

/** The PDF's outline (bookmarks); each entry jumps to its page. */
export function OutlineList({ pdf, onGoToPage }: { pdf: PdfDocument; onGoToPage(pageIndex: number): void }) {
  const [outline, setOutline] = useState<PdfOutlineNode[] | null | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    void pdf.getOutline().then((o) => live && setOutline(o && o.length ? o : null), () => live && setOutline(null));
    return () => {
      live = false;
    };
  }, [pdf]);

  const go = async (node: PdfOutlineNode) => {
    const dest = typeof node.dest === 'string' ? await pdf.getDestination(node.dest) : node.dest;
    if (!Array.isArray(dest) || dest.length === 0) return;
    const ref = dest[0];
    const index = typeof ref === 'number' ? ref : await pdf.getPageIndex(ref);
    onGoToPage(index);
  };

  if (outline === 'loading') return <p className="muted panel-empty">Reading the outline…</p>;
  if (!outline) return <p className="muted panel-empty">This PDF has no outline.</p>;
  const render = (nodes: PdfOutlineNode[]) => (
    <ul className="outline">
      {nodes.map((n, i) => (
        <li key={i}>
          <button className="link" onClick={() => void go(n)}>
            {n.title}
          </button>
          {n.items.length > 0 && render(n.items)}
        </li>
      ))}
    </ul>
  );
  return render(outline);
}

/** Thumbnail width in CSS pixels; small enough that a 300-page strip stays a few MB of canvases. */
const THUMB_WIDTH = 110;

/**
 * Page thumbnails, drawn only when scrolled into the panel's view (an IntersectionObserver),
 * so a long document's strip costs nothing until used. Clicking one goes to its page.
 */
export function ThumbnailList({ pdf, currentPage, onGoToPage }: { pdf: PdfDocument; currentPage: number; onGoToPage(pageIndex: number): void }) {
  const list = useRef<HTMLOListElement>(null);
  const [aspect, setAspect] = useState(1.294);
  useEffect(() => {
    void pdf.getPage(1).then((p) => {
      const vp = p.getViewport({ scale: 1 });
      setAspect(vp.height / vp.width);
    });
  }, [pdf]);
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    const drawn = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const holder = entry.target as HTMLElement;
          const index = Number(holder.dataset.thumb);
          if (drawn.has(index)) continue;
          drawn.add(index);
          void pdf.getPage(index + 1).then((page) => {
            const vp = page.getViewport({ scale: THUMB_WIDTH / page.getViewport({ scale: 1 }).width });
            const canvas = document.createElement('canvas');
            canvas.width = Math.floor(vp.width);
            canvas.height = Math.floor(vp.height);
            const ctx = canvas.getContext('2d');
            if (!ctx) return;
            return page.render({ canvasContext: ctx, viewport: vp }).promise.then(() => holder.replaceChildren(canvas));
          });
        }
      },
      { root: root.closest('.panel-body'), rootMargin: '200px 0px' },
    );
    root.querySelectorAll('[data-thumb]').forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [pdf]);
  return (
    <ol className="thumbnails" ref={list} aria-label="Pages">
      {Array.from({ length: pdf.numPages }, (_, i) => (
        <li key={i}>
          <button className={`thumb${i === currentPage ? ' current' : ''}`} onClick={() => onGoToPage(i)} aria-label={`Page ${i + 1}`} aria-current={i === currentPage ? 'page' : undefined}>
            <span className="thumb-image" data-thumb={i} style={{ width: THUMB_WIDTH, height: Math.round(THUMB_WIDTH * aspect) }} />
            <span className="muted">{i + 1}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
