/**
 * A stretch of a document's text with two coders' passages drawn in their own colours (a
 * passage both coded shows both colours, A above B), the consensus layer's passages underlined
 * with dots, and the disagreement being reconciled outlined. Any document kind is shown as its
 * extracted text, whose offsets are the ones passages are stored in; a long document shows the
 * pages around the disagreement. Data in, no calls; `rootRef` lets the owner map a text
 * selection back to document offsets (renderer/src/reader/text-mapping.ts).
 */
import { forwardRef, useEffect, useMemo, useRef, useImperativeHandle } from 'react';
import { offsetsOfRange, textRunsOf } from '../../reader/text-mapping';

export interface Span {
  start: number;
  end: number;
}

export interface ComparisonTextHandle {
  /** The current text selection as document offsets, or null. */
  selection(): Span | null;
}

interface Props {
  text: string;
  /** The stretch shown: [from, to) in document offsets. */
  from: number;
  to: number;
  a: Span[];
  b: Span[];
  consensus: Span[];
  colorA: string;
  colorB: string;
  current: Span | null;
}

const covered = (list: readonly Span[], s: number, e: number) => list.some((x) => x.start <= s && x.end >= e);
const tint = (c: string) => `color-mix(in srgb, ${c} 34%, white)`;

export const ComparisonText = forwardRef<ComparisonTextHandle, Props>(function ComparisonText({ text, from, to, a, b, consensus, colorA, colorB, current }, ref) {
  const root = useRef<HTMLDivElement>(null);
  const pieces = useMemo(() => {
    const cuts = new Set<number>([from, to]);
    for (const s of [...a, ...b, ...consensus, ...(current ? [current] : [])]) {
      if (s.start > from && s.start < to) cuts.add(s.start);
      if (s.end > from && s.end < to) cuts.add(s.end);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const out: Array<{ start: number; end: number; a: boolean; b: boolean; c: boolean; cur: boolean }> = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i]!;
      const e = points[i + 1]!;
      out.push({ start: s, end: e, a: covered(a, s, e), b: covered(b, s, e), c: covered(consensus, s, e), cur: !!current && current.start <= s && current.end >= e });
    }
    return out;
  }, [from, to, a, b, consensus, current]);

  useImperativeHandle(ref, () => ({
    selection() {
      const el = root.current;
      const sel = window.getSelection();
      if (!el || !sel || sel.isCollapsed || sel.rangeCount === 0 || !el.contains(sel.anchorNode)) return null;
      const { runs } = textRunsOf(el);
      const span = offsetsOfRange(el, runs, sel.getRangeAt(0));
      if (!span) return null;
      let start = span.start + from;
      let end = span.end + from;
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      return end > start ? { start, end } : null;
    },
  }));

  // Bring the disagreement into view whenever it changes.
  useEffect(() => {
    const el = root.current?.querySelector('.current');
    el?.scrollIntoView({ block: 'center' });
  }, [current?.start, current?.end, from]);

  const render = (p: (typeof pieces)[number]) => {
    const words = text.slice(p.start, p.end);
    if (!p.a && !p.b) return p.c ? <span key={p.start} className="consensus">{words}</span> : <span key={p.start}>{words}</span>;
    const background = p.a && p.b ? `linear-gradient(to bottom, ${tint(colorA)} 0 50%, ${tint(colorB)} 50% 100%)` : tint(p.a ? colorA : colorB);
    return (
      <mark key={p.start} className={p.c ? 'consensus' : undefined} style={{ background }} data-a={p.a || undefined} data-b={p.b || undefined}>
        {words}
      </mark>
    );
  };
  // The disagreement's pieces sit in one outlined span, so the outline follows the passage, not each piece.
  const first = pieces.findIndex((p) => p.cur);
  const last = first < 0 ? -1 : pieces.length - 1 - [...pieces].reverse().findIndex((p) => p.cur);
  return (
    <div className="comparison" ref={root} aria-label="Document text with both coders’ passages">
      {first < 0 ? (
        pieces.map(render)
      ) : (
        <>
          {pieces.slice(0, first).map(render)}
          <span className="current" aria-label="The disagreement">
            {pieces.slice(first, last + 1).map(render)}
          </span>
          {pieces.slice(last + 1).map(render)}
        </>
      )}
    </div>
  );
});
