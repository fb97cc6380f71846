/**
 * The reader for transcripts and field notes (plain text, Markdown, Word): the document's text
 * as one flowing column, highlights drawn as marks. A selection's offsets are offsets in the
 * document's text directly (no page geometry, no rectangles). No IPC here: data in, callbacks out.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import { offsetsOfRange, textRunsOf } from './text-mapping';

/** A highlight in a text document: document offsets. */
export interface TextHighlight {
  id: string;
  start: number;
  end: number;
  color: string;
  selected?: boolean;
}

/** A selection in the text: document offsets and the exact words. */
export interface TextSelection {
  start: number;
  end: number;
  quote: string;
}

/** What the owner can ask of a mounted text reader (through a ref). */
export interface TextReaderHandle {
  scrollToOffset(offset: number): void;
  highlightSelection(): void;
}

/** Data in, callbacks out: the text reader never calls the services itself. */
export interface TextReaderProps {
  /** The document's full text (pages joined as the back end joins them). */
  text: string;
  highlights: TextHighlight[];
  onCreateHighlight(selection: TextSelection): void;
  onHighlightClick?(id: string): void;
  onMessage?(message: string): void;
  toolbarExtra?: ReactNode;
}

/** Cuts the text at every highlight boundary; each piece knows the highlights covering it. */
function segmentsOf(text: string, highlights: TextHighlight[]): Array<{ start: number; end: number; covering: TextHighlight[] }> {
  const cuts = new Set<number>([0, text.length]);
  for (const h of highlights) {
    cuts.add(Math.max(0, Math.min(text.length, h.start)));
    cuts.add(Math.max(0, Math.min(text.length, h.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ start: number; end: number; covering: TextHighlight[] }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end > start) out.push({ start, end, covering: highlights.filter((h) => h.start <= start && h.end >= end) });
  }
  return out;
}

/** The transcript reader component (see the file comment). */
export const TextReader = forwardRef<TextReaderHandle, TextReaderProps>(function TextReader(props, handleRef) {
  const { text, highlights, onCreateHighlight, onMessage } = props;
  const body = useRef<HTMLDivElement>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const segments = useMemo(() => segmentsOf(text, highlights), [text, highlights]);

  const highlightSelection = useCallback(() => {
    const sel = window.getSelection();
    const root = body.current;
    if (!root || !sel || sel.isCollapsed || sel.rangeCount === 0) {
      onMessage?.('Select some text first, then press H.');
      return;
    }
    const { runs } = textRunsOf(root);
    const span = offsetsOfRange(root, runs, sel.getRangeAt(0));
    if (!span) return;
    // Trim surrounding whitespace: a double-click selection often takes the following space.
    let { start, end } = span;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end <= start) return;
    sel.removeAllRanges();
    setHasSelection(false);
    onCreateHighlight({ start, end, quote: text.slice(start, end) });
  }, [text, onCreateHighlight, onMessage]);

  const scrollToOffset = useCallback((offset: number) => {
    const root = body.current;
    if (!root) return;
    const { runs } = textRunsOf(root);
    const run = [...runs].reverse().find((r) => r.start <= offset);
    const target = (run?.node.parentElement ?? root).getBoundingClientRect();
    const scroller = root.closest('.text-scroller');
    if (!scroller) return;
    const box = scroller.getBoundingClientRect();
    scroller.scrollTop += target.top - box.top - box.height / 3;
  }, []);

  useImperativeHandle(handleRef, () => ({ scrollToOffset, highlightSelection }), [scrollToOffset, highlightSelection]);

  useEffect(() => {
    const onSel = () => {
      const sel = window.getSelection();
      setHasSelection(!!sel && !sel.isCollapsed && !!sel.anchorNode && !!body.current?.contains(sel.anchorNode));
    };
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if ((e.key === 'h' || e.key === 'H') && !e.ctrlKey && !e.metaKey && !e.altKey && !window.getSelection()?.isCollapsed) {
        e.preventDefault();
        highlightSelection();
      }
    };
    document.addEventListener('selectionchange', onSel);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('selectionchange', onSel);
      window.removeEventListener('keydown', onKey);
    };
  }, [highlightSelection]);

  return (
    <div className="text-reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader">
        <button className="primary" onMouseDown={(e) => e.preventDefault()} onClick={highlightSelection} disabled={!hasSelection} title="Highlight the selected text (H)">
          Highlight <kbd>H</kbd>
        </button>
        {props.toolbarExtra}
      </div>
      <div className="text-scroller">
        <div className="transcript" ref={body}>
          {segments.map((s) => {
            const piece = text.slice(s.start, s.end);
            if (s.covering.length === 0) return <span key={s.start}>{piece}</span>;
            const top = s.covering[s.covering.length - 1]!;
            return (
              <mark
                key={s.start}
                className={`text-highlight${s.covering.length > 1 ? ' overlap' : ''}${s.covering.some((h) => h.selected) ? ' selected' : ''}`}
                data-highlight-id={top.id}
                style={{ backgroundColor: `color-mix(in srgb, ${top.color} 38%, white)` }}
                onClick={() => props.onHighlightClick?.(top.id)}
              >
                {piece}
              </mark>
            );
          })}
        </div>
      </div>
    </div>
  );
});
