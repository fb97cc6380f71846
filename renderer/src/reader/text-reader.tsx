/**
 * The reader for transcripts and field notes (plain text, Markdown, Word): the document's text
 * as one flowing column, highlights drawn as marks. A selection's offsets are offsets in the
 * document's text directly (no page geometry, no rectangles). No IPC here: data in, callbacks out.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { offsetOfPoint, offsetsOfRange, rangesForOffsets, textRunsOf } from './text-mapping';
import { CodingStripe, layoutStripes, verticalExtent, type StripeBar } from './coding-stripe';
import { CodeChips, type ChipCode } from './code-chips';
import { pointAt, sideAt, useReadingCaret, type CaretSpot } from './reading-caret';

/** A highlight in a text document: document offsets. */
export interface TextHighlight {
  id: string;
  start: number;
  end: number;
  color: string;
  selected?: boolean;
  /** The passage's codes: the coding stripe, the tooltip and the popover show them. */
  codes?: readonly ChipCode[];
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
  /** Focuses the text with the reading cursor where it was (or at `offset` of the document's text). */
  focusCaret(offset?: number): void;
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
  const scroller = useRef<HTMLDivElement>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const segments = useMemo(() => segmentsOf(text, highlights), [text, highlights]);
  const caret = useReadingCaret(scroller, {
    fromDom: (node, offset) => {
      const root = body.current;
      if (!root || !root.contains(node)) return null;
      const at = offsetOfPoint(root, textRunsOf(root).runs, node, offset);
      return at === null ? null : { key: 'doc', offset: at };
    },
    toDom: (spot) => (body.current ? pointAt(body.current, spot.offset, sideAt(text, spot.offset)) : null),
    textOf: () => text,
    neighbour: () => null,
    firstInView: () => {
      // The first character near the top left of the visible text.
      const frame = scroller.current?.getBoundingClientRect();
      const root = body.current;
      if (!frame || !root) return null;
      if ((scroller.current?.scrollTop ?? 0) < 8) return { key: 'doc', offset: 0 };
      const box = root.getBoundingClientRect();
      const r = document.caretRangeFromPoint?.(box.left + 70, Math.max(box.top + 34, frame.top + 30));
      const at = r && root.contains(r.startContainer) ? offsetOfPoint(root, textRunsOf(root).runs, r.startContainer, r.startOffset) : null;
      return { key: 'doc', offset: at ?? 0 };
    },
  });

  // The coding stripe: each coded passage's vertical extent in the transcript, measured after layout.
  const [bars, setBars] = useState<StripeBar[]>([]);
  useLayoutEffect(() => {
    const root = body.current;
    if (!root) return;
    const measure = () => {
      const coded = highlights.filter((h) => h.codes && h.codes.length > 0);
      if (coded.length === 0) return setBars((b) => (b.length ? [] : b));
      const { runs } = textRunsOf(root);
      const origin = root.getBoundingClientRect();
      const passages = coded.flatMap((h) => {
        const rects = rangesForOffsets(runs, h.start, h.end).flatMap((r) => [...r.getClientRects()].map((c) => ({ top: c.top - origin.top, height: c.height })));
        const ext = verticalExtent(rects.filter((r) => r.height > 0));
        return ext ? [{ id: h.id, ...ext, codes: h.codes! }] : [];
      });
      setBars(layoutStripes(passages).bars);
    };
    measure();
    const ro = new ResizeObserver(() => measure());
    ro.observe(root);
    return () => ro.disconnect();
  }, [highlights, text]);

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
    // The reading cursor waits just after the passage, ready for the next one.
    sel.collapseToEnd();
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

  // New highlight marks replace the text nodes under the caret: keep it where it was.
  const restoreCaret = caret.restore;
  useLayoutEffect(() => restoreCaret(), [segments, restoreCaret]);
  const focusCaret = useCallback((offset?: number) => caret.focusCaret(offset === undefined ? undefined : ({ key: 'doc', offset } satisfies CaretSpot)), [caret.focusCaret]);
  useImperativeHandle(handleRef, () => ({ scrollToOffset, highlightSelection, focusCaret }), [scrollToOffset, highlightSelection, focusCaret]);
  const popover = highlights.find((h) => h.selected && h.codes?.length);

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
      <div
        className="text-scroller"
        ref={scroller}
        tabIndex={0}
        role="document"
        aria-label="Transcript (reading cursor: arrows, Ctrl+arrows or W/B by word, Ctrl+↑/↓ by sentence; Shift extends; H highlights)"
        onScroll={caret.update}
        onKeyDown={(e) => {
          if (caret.onKey(e)) e.preventDefault();
        }}
      >
        {caret.caretBox && <div className="reading-caret" aria-hidden="true" style={{ left: caret.caretBox.left, top: caret.caretBox.top, height: caret.caretBox.height }} />}
        <div className="transcript-frame">
          <CodingStripe bars={bars} left={8} {...(props.onHighlightClick ? { onSelect: props.onHighlightClick } : {})} />
          <div className="transcript" ref={body}>
          {segments.map((s) => {
            const piece = text.slice(s.start, s.end);
            if (s.covering.length === 0) return <span key={s.start}>{piece}</span>;
            const top = s.covering[s.covering.length - 1]!;
            const codes = s.covering.flatMap((h) => h.codes ?? []);
            return (
              <mark
                title={codes.length ? codes.map((c) => `${c.name}${c.kindLabel ? ` (${c.kindLabel})` : ''}${c.coder ? ` · ${c.coder}` : ''}`).join('\n') : 'Not coded yet (select it, then C)'}
                key={s.start}
                className={`text-highlight${s.covering.length > 1 ? ' overlap' : ''}${s.covering.some((h) => h.selected) ? ' selected' : ''}`}
                data-highlight-id={top.id}
                style={{ backgroundColor: `color-mix(in srgb, ${top.color} var(--mark-strength), var(--paper))` }}
                onClick={() => props.onHighlightClick?.(top.id)}
              >
                {piece}
              </mark>
            );
          })}
          </div>
          {popover && <SelectedPopover root={body} highlight={popover} />}
        </div>
      </div>
    </div>
  );
});

/** The selected passage's codes under its last line (keyboard users see what it was coded with). */
function SelectedPopover({ root, highlight }: { root: React.RefObject<HTMLDivElement | null>; highlight: TextHighlight }) {
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const { runs } = textRunsOf(el);
    const origin = el.getBoundingClientRect();
    const rects = rangesForOffsets(runs, highlight.start, highlight.end).flatMap((r) => [...r.getClientRects()]);
    const last = rects[rects.length - 1];
    setAt(last ? { left: Math.max(8, Math.min(rects[0]!.left, last.left) - origin.left), top: last.bottom - origin.top + 4 } : null);
  }, [root, highlight.id, highlight.start, highlight.end]);
  if (!at) return null;
  return (
    <div className="highlight-codes-popover" role="tooltip" data-excerpt-id={highlight.id} style={{ left: at.left, top: at.top }}>
      <CodeChips codes={highlight.codes!} label="Codes of the highlight" />
    </div>
  );
}
