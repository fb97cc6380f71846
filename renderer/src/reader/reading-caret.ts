/**
 * The reading cursor: a caret in the reader's text, moved from the keyboard, so a passage can
 * be selected and highlighted without a mouse (PDF text layer and transcript alike).
 *
 * The caret is the document's own selection, collapsed, moved with `Selection.modify` (the
 * engine's word, line and sentence boundaries, the same ones a text editor uses); Shift extends
 * it. Because a collapsed selection in non-editable text is invisible, the reader draws a caret
 * bar where the selection's focus is (`caretBox`). The place is also kept as a text offset in a
 * keyed container (a page's text layer, the transcript), so it survives the reader re-drawing
 * its text and a trip to the code picker: `focusCaret` brings focus and caret back.
 *
 * Keys (on the focused scroller): ←/→ character, Ctrl+←/→ or W/B word, ↑/↓ line,
 * Ctrl+↑/↓ or ( ) sentence; with Shift each extends the selection.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { offsetOfPoint, textRunsOf } from './text-mapping';

/** A place in the reader's text: a container's key and an offset in its text. */
export interface CaretSpot {
  key: string;
  offset: number;
}

/** Where the reader's text lives (the hook knows nothing of pages or transcripts). */
export interface CaretContainers {
  /** The text container holding `node`, with its key; null outside the reader's text. */
  containerOf(node: Node): { key: string; el: HTMLElement } | null;
  /** The container with this key, when it is drawn. */
  byKey(key: string): HTMLElement | null;
  /** Where a caret starts when there is none yet: the first text in view. */
  firstInView(): { key: string; el: HTMLElement } | null;
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

/** The text node and offset at `offset` of a container's text (the end of the last node past it). */
function pointAt(el: HTMLElement, offset: number): { node: Text; offset: number } | null {
  const { runs } = textRunsOf(el);
  for (const r of runs) {
    if (offset <= r.start + r.node.data.length) return { node: r.node, offset: Math.max(0, offset - r.start) };
  }
  const last = runs[runs.length - 1];
  return last ? { node: last.node, offset: last.node.data.length } : null;
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
}

/** The reading cursor of the reader whose scrolling element is `scroller` (see the file comment). */
export function useReadingCaret(scroller: RefObject<HTMLElement | null>, containers: CaretContainers): ReadingCaret {
  const [caretBox, setCaretBox] = useState<ReadingCaret['caretBox']>(null);
  const spot = useRef<CaretSpot | null>(null);
  const ref = useRef(containers);
  ref.current = containers;

  const inReader = (node: Node | null) => !!node && !!scroller.current?.contains(node) && !!ref.current.containerOf(node);

  const update = useCallback(() => {
    const sel = window.getSelection();
    const el = scroller.current;
    if (!sel || !el || document.activeElement !== el || !inReader(sel.focusNode)) {
      setCaretBox(null);
      return;
    }
    const box = focusBox(sel);
    const frame = el.getBoundingClientRect();
    setCaretBox(box && box.top + box.height > frame.top && box.top < frame.bottom && box.left >= frame.left && box.left <= frame.right ? box : null);
  }, [scroller]);

  // Remember where the caret is as a text offset whenever the selection moves inside the reader.
  useEffect(() => {
    const onSel = () => {
      const sel = window.getSelection();
      const node = sel?.focusNode ?? null;
      if (sel && node && inReader(node)) {
        const c = ref.current.containerOf(node)!;
        const at = offsetOfPoint(c.el, textRunsOf(c.el).runs, node, sel.focusOffset);
        if (at !== null) spot.current = { key: c.key, offset: at };
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

  const place = useCallback((at: CaretSpot): boolean => {
    const el = ref.current.byKey(at.key);
    const point = el ? pointAt(el, at.offset) : null;
    const sel = window.getSelection();
    if (!point || !sel) return false;
    sel.removeAllRanges();
    const r = document.createRange();
    r.setStart(point.node, point.offset);
    r.collapse(true);
    sel.addRange(r);
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
      const sel = window.getSelection();
      if (!move || !sel) return false;
      if (!inReader(sel.focusNode)) {
        // No caret yet: start where the caret last was, else at the first text in view.
        const start = spot.current && ref.current.byKey(spot.current.key) ? spot.current : (() => {
          const first = ref.current.firstInView();
          return first ? { key: first.key, offset: 0 } : null;
        })();
        if (!start || !place(start)) return true;
        reveal();
        return true;
      }
      const before = { anchorNode: sel.anchorNode, anchorOffset: sel.anchorOffset, focusNode: sel.focusNode, focusOffset: sel.focusOffset };
      sel.modify(move.alter, move.direction, move.granularity);
      // Never let the caret wander out of the reader's text (into the side panel or toolbar).
      if (!inReader(sel.focusNode) && before.anchorNode && before.focusNode) sel.setBaseAndExtent(before.anchorNode, before.anchorOffset, before.focusNode, before.focusOffset);
      reveal();
      return true;
    },
    [place, reveal],
  );

  const focusCaret = useCallback(
    (at?: CaretSpot) => {
      const el = scroller.current;
      if (!el) return;
      el.focus({ preventScroll: true });
      const target = at ?? spot.current;
      if (target) {
        spot.current = target;
        place(target);
      }
      update();
    },
    [scroller, place, update],
  );

  return { caretBox, onKey, focusCaret, update };
}
