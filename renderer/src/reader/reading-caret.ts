/**
 * The reading cursor: a caret in the reader's text, moved from the keyboard, so a passage can
 * be selected and highlighted without a mouse (PDF text layer and transcript alike).
 *
 * The caret is the document's own selection, collapsed, moved by ./caret-motion over the
 * container's text (the browser's `Selection.modify` wanders on a pdf.js text layer, whose spans
 * are absolutely placed); Shift extends it. Because a collapsed selection in non-editable text is invisible, the reader draws a caret
 * bar where the selection's focus is (`caretBox`). The place is also kept as a text offset in a
 * keyed container (a page's text layer, the transcript), so it survives the reader re-drawing
 * its text and a trip to the code picker: `focusCaret` brings focus and caret back.
 *
 * Keys (on the focused scroller): ←/→ character, Ctrl+←/→ or W/B word, ↑/↓ line,
 * Ctrl+↑/↓ or ( ) sentence; with Shift each extends the selection.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { textRunsOf } from './text-mapping';
import { moveOffset } from './caret-motion';

/** A place in the reader's text: a container's key and an offset in its text. */
export interface CaretSpot {
  key: string;
  offset: number;
}

/**
 * Where the reader's text lives (the hook knows nothing of pages or transcripts). Offsets are
 * in each container's *motion text*: the transcript's text, or a PDF page's stored text (with
 * its spaces and line breaks), which the container maps to and from the DOM.
 */
export interface CaretContainers {
  /** The container holding DOM point (`node`, `offset`) and the motion-text offset there; null outside the reader's text. */
  fromDom(node: Node, offset: number): CaretSpot | null;
  /** The DOM point of a motion-text offset, when that container is drawn. */
  toDom(spot: CaretSpot): { node: Node; offset: number } | null;
  /** The motion text of a container. */
  textOf(key: string): string | null;
  /** The container after (+1) or before (-1) this one, when there is one drawn (the next page). */
  neighbour(key: string, step: 1 | -1): string | null;
  /** Where a caret starts when there is none yet: the first text in view. */
  firstInView(): CaretSpot | null;
}

/** A move the keyboard asked for, in `Selection.modify` terms. */
export interface CaretMove {
  alter: 'move' | 'extend';
  direction: 'forward' | 'backward';
  granularity: 'character' | 'word' | 'line' | 'sentence';
}

/** The move a key press means (see the file comment), or null for other keys. */
export function caretMoveOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): CaretMove | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const alter = e.shiftKey ? 'extend' : 'move';
  const key = e.key;
  if (key === 'ArrowRight' || key === 'ArrowLeft') return { alter, direction: key === 'ArrowRight' ? 'forward' : 'backward', granularity: mod ? 'word' : 'character' };
  if (key === 'ArrowDown' || key === 'ArrowUp') return { alter, direction: key === 'ArrowDown' ? 'forward' : 'backward', granularity: mod ? 'sentence' : 'line' };
  if (mod) return null;
  if (key === 'w' || key === 'W') return { alter, direction: 'forward', granularity: 'word' };
  if (key === 'b' || key === 'B') return { alter, direction: 'backward', granularity: 'word' };
  if (key === ')') return { alter: 'move', direction: 'forward', granularity: 'sentence' };
  if (key === '(') return { alter: 'move', direction: 'backward', granularity: 'sentence' };
  return null;
}

/** The text node and offset at `offset` of an element's text (the end of the last node past it). */
export function pointAt(el: HTMLElement, offset: number, side: 'start' | 'end' = 'end'): { node: Text; offset: number } | null {
  const { runs } = textRunsOf(el);
  for (const r of runs) {
    const end = r.start + r.node.data.length;
    // At a boundary between two nodes, a start point belongs to the next node (its line).
    if (offset < end || (offset === end && side === 'end')) return { node: r.node, offset: Math.max(0, offset - r.start) };
  }
  const last = runs[runs.length - 1];
  return last ? { node: last.node, offset: last.node.data.length } : null;
}

/** Which side of a text offset a point sits on: just after a word ('end') or before a character ('start'). */
export function sideAt(text: string, offset: number): 'start' | 'end' {
  return offset > 0 && /\S/.test(text[offset - 1]!) && (offset >= text.length || /\s/.test(text[offset]!)) ? 'end' : 'start';
}

/** The client box of the selection's focus point (where the caret bar is drawn). */
function focusBox(sel: Selection): { left: number; top: number; height: number } | null {
  if (!sel.focusNode) return null;
  const r = document.createRange();
  try {
    r.setStart(sel.focusNode, sel.focusOffset);
  } catch {
    return null;
  }
  r.collapse(true);
  const rects = r.getClientRects();
  const box = rects.length > 0 ? rects[0]! : r.getBoundingClientRect();
  if (box.height === 0 && box.left === 0 && box.top === 0) {
    const parent = sel.focusNode instanceof Element ? sel.focusNode : sel.focusNode.parentElement;
    const p = parent?.getBoundingClientRect();
    return p ? { left: p.left, top: p.top, height: p.height || 16 } : null;
  }
  return { left: box.left, top: box.top, height: Math.max(box.height, 10) };
}

/** The caret's state and actions for one reader. */
export interface ReadingCaret {
  /** Where to draw the caret bar (client coordinates), or null when the reader is not focused or has no caret. */
  caretBox: { left: number; top: number; height: number } | null;
  /** Handles a key on the scroller; true when it was a caret key (the caller prevents its default). */
  onKey(e: KeyboardEvent | React.KeyboardEvent): boolean;
  /** Focuses the scroller and puts the caret back at `spot` (default: where it last was). */
  focusCaret(spot?: CaretSpot): void;
  /** Redraws the caret bar (after a scroll or a re-layout). */
  update(): void;
  /**
   * Puts the selection back where the caret was after the text under it was redrawn (new
   * highlight marks after a write): the browser moves a selection whose nodes were replaced,
   * and that move must not be read back as the reader's choice (the caret jumped to the top).
   */
  restore(): void;
}

/** The reading cursor of the reader whose scrolling element is `scroller` (see the file comment). */
export function useReadingCaret(scroller: RefObject<HTMLElement | null>, containers: CaretContainers): ReadingCaret {
  const [caretBox, setCaretBox] = useState<ReadingCaret['caretBox']>(null);
  /** The selection in motion-text terms: where it started (anchor) and where the caret is (focus). */
  const anchor = useRef<CaretSpot | null>(null);
  const spot = useRef<CaretSpot | null>(null);
  /** The DOM selection the hook itself last set: its selectionchange is not read back (offsets stay exact). */
  const placed = useRef<{ a: Node; ao: number; f: Node; fo: number } | null>(null);
  const ref = useRef(containers);
  ref.current = containers;

  const inScroller = (node: Node | null) => !!node && !!scroller.current?.contains(node);

  const update = useCallback(() => {
    const sel = window.getSelection();
    const el = scroller.current;
    if (!sel || !el || document.activeElement !== el || !inScroller(sel.focusNode) || !sel.focusNode || !ref.current.fromDom(sel.focusNode, sel.focusOffset)) {
      setCaretBox(null);
      return;
    }
    const box = focusBox(sel);
    const frame = el.getBoundingClientRect();
    setCaretBox(box && box.top + box.height > frame.top && box.top < frame.bottom && box.left >= frame.left && box.left <= frame.right ? box : null);
  }, [scroller]);

  // A selection made with the mouse (or by find) becomes the caret's selection.
  useEffect(() => {
    const onSel = () => {
      const sel = window.getSelection();
      const p = placed.current;
      const ours = !!p && !!sel && sel.anchorNode === p.a && sel.anchorOffset === p.ao && sel.focusNode === p.f && sel.focusOffset === p.fo;
      if (!ours && sel && sel.focusNode && sel.anchorNode && inScroller(sel.focusNode)) {
        const f = ref.current.fromDom(sel.focusNode, sel.focusOffset);
        const a = ref.current.fromDom(sel.anchorNode, sel.anchorOffset);
        if (f) {
          spot.current = f;
          anchor.current = a && a.key === f.key ? a : f;
        }
      }
      update();
    };
    const el = scroller.current;
    document.addEventListener('selectionchange', onSel);
    el?.addEventListener('focus', update);
    el?.addEventListener('blur', update);
    window.addEventListener('resize', update);
    return () => {
      document.removeEventListener('selectionchange', onSel);
      el?.removeEventListener('focus', update);
      el?.removeEventListener('blur', update);
      window.removeEventListener('resize', update);
    };
  }, [scroller, update]);

  /** Puts the DOM selection from `from` to `to` (a caret when equal); false when not drawn. */
  const select = useCallback((from: CaretSpot, to: CaretSpot): boolean => {
    const a = ref.current.toDom(from);
    const f = from === to ? a : ref.current.toDom(to);
    const sel = window.getSelection();
    if (!a || !f || !sel) return false;
    placed.current = { a: a.node, ao: a.offset, f: f.node, fo: f.offset };
    sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
    anchor.current = from;
    spot.current = to;
    return true;
  }, []);

  /** Keeps the caret in view: scrolls the scroller by the least amount that shows it. */
  const reveal = useCallback(() => {
    const sel = window.getSelection();
    const el = scroller.current;
    const box = sel ? focusBox(sel) : null;
    if (!el || !box) return;
    const frame = el.getBoundingClientRect();
    const margin = 40;
    if (box.top < frame.top + margin) el.scrollTop -= frame.top + margin - box.top;
    else if (box.top + box.height > frame.bottom - margin) el.scrollTop += box.top + box.height - (frame.bottom - margin);
    if (box.left < frame.left + margin) el.scrollLeft -= frame.left + margin - box.left;
    else if (box.left > frame.right - margin) el.scrollLeft += box.left - (frame.right - margin);
  }, [scroller]);

  const onKey = useCallback(
    (e: KeyboardEvent | React.KeyboardEvent): boolean => {
      const move = caretMoveOf(e);
      if (!move) return false;
      const c = ref.current;
      let at = spot.current && c.toDom(spot.current) ? spot.current : null;
      if (!at) {
        // No caret yet: it starts at the first text in view.
        const first = c.firstInView();
        if (first && select(first, first)) reveal();
        return true;
      }
      const text = c.textOf(at.key) ?? '';
      let next = moveOffset(text, at.offset, move.granularity, move.direction);
      let key = at.key;
      // Past the end (start) of a page, a move (not an extension) goes on to the next (previous) page.
      if (next === at.offset && move.alter === 'move') {
        const other = c.neighbour(at.key, move.direction === 'forward' ? 1 : -1);
        const otherText = other === null ? null : c.textOf(other);
        if (other !== null && otherText !== null) {
          key = other;
          next = move.direction === 'forward' ? 0 : otherText.length;
        }
      }
      at = { key, offset: next };
      const from = move.alter === 'extend' && anchor.current && anchor.current.key === key ? anchor.current : at;
      if (select(from, at)) reveal();
      return true;
    },
    [select, reveal],
  );

  const focusCaret = useCallback(
    (at?: CaretSpot) => {
      const el = scroller.current;
      if (!el) return;
      el.focus({ preventScroll: true });
      const target = at ?? spot.current;
      if (target) select(target, target);
      update();
    },
    [scroller, select, update],
  );

  const restore = useCallback(() => {
    const el = scroller.current;
    const active = document.activeElement;
    // Only when nothing else holds the keys (a field being typed in keeps its own selection).
    if (!el || !spot.current || (active && active !== el && active !== document.body)) return;
    if (select(anchor.current ?? spot.current, spot.current)) update();
  }, [scroller, select, update]);

  return { caretBox, onKey, focusCaret, update, restore };
}
