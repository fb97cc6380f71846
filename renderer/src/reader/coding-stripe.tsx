/**
 * The coding stripe: thin coloured bars in the margin of a page or transcript that show which
 * codes cover which lines, as NVivo's and MAXQDA's coding stripes do. One column per code
 * (stacked side by side), one bar per coded passage spanning its vertical extent, coloured by
 * the code's kind, with the code's name (and who coded it) on hover and to screen readers.
 *
 * `layoutStripes` is pure (boxes in, bars out) so it is tested without a browser; `CodingStripe`
 * draws the bars. Columns are given per page (or per transcript) in the order codes first
 * appear going down, so the same code keeps its column on a page and the stripe stays narrow.
 */

/** A code on a passage, as the stripe shows it. */
export interface StripeCode {
  codeId: string;
  name: string;
  /** Its kind's colour. */
  color: string;
  kindLabel?: string;
  coder?: string | null;
}

/** A coded passage: its vertical extent in the container's pixels and its codes. */
export interface StripePassage {
  id: string;
  top: number;
  bottom: number;
  codes: readonly StripeCode[];
}

/** One bar of the stripe. */
export interface StripeBar {
  key: string;
  excerptId: string;
  codeId: string;
  column: number;
  top: number;
  height: number;
  color: string;
  /** "Trust in the nurse (Mechanism response) · Tester". */
  title: string;
}

/** Bar width and the gap between columns (CSS px). */
export const STRIPE_BAR_WIDTH = 4;
export const STRIPE_GAP = 2;
/** Columns beyond this many share the last one (a page with more codes than that is rare). */
export const MAX_STRIPE_COLUMNS = 8;

/** Bars for `passages` (see the file comment); `columns` is how many columns are used. */
export function layoutStripes(passages: readonly StripePassage[]): { bars: StripeBar[]; columns: number } {
  const sorted = [...passages].filter((p) => p.codes.length > 0 && p.bottom > p.top).sort((a, b) => a.top - b.top || a.bottom - b.bottom);
  const columnOf = new Map<string, number>();
  for (const p of sorted) {
    for (const c of [...p.codes].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!columnOf.has(c.codeId)) columnOf.set(c.codeId, Math.min(columnOf.size, MAX_STRIPE_COLUMNS - 1));
    }
  }
  const bars: StripeBar[] = [];
  for (const p of sorted) {
    const seen = new Set<string>();
    for (const c of p.codes) {
      if (seen.has(c.codeId)) continue;
      seen.add(c.codeId);
      const coders = p.codes.filter((x) => x.codeId === c.codeId && x.coder).map((x) => x.coder!);
      bars.push({
        key: `${p.id}:${c.codeId}`,
        excerptId: p.id,
        codeId: c.codeId,
        column: columnOf.get(c.codeId)!,
        top: p.top,
        height: p.bottom - p.top,
        color: c.color,
        title: `${c.name}${c.kindLabel ? ` (${c.kindLabel})` : ''}${coders.length ? ` · ${[...new Set(coders)].join(', ')}` : ''}`,
      });
    }
  }
  return { bars, columns: columnOf.size };
}

/** The bars, absolutely placed from `left` (px) inside a positioned container. */
export function CodingStripe({ bars, left = 3, onSelect }: { bars: readonly StripeBar[]; left?: number; onSelect?: (excerptId: string) => void }) {
  if (bars.length === 0) return null;
  return (
    <div className="coding-stripe" aria-label="Coding stripe">
      {bars.map((b) => (
        <div
          key={b.key}
          className="stripe-bar"
          data-code-id={b.codeId}
          data-excerpt-id={b.excerptId}
          title={b.title}
          aria-label={b.title}
          role="img"
          style={{ left: left + b.column * (STRIPE_BAR_WIDTH + STRIPE_GAP), top: b.top, height: Math.max(3, b.height), width: STRIPE_BAR_WIDTH, backgroundColor: b.color }}
          onClick={() => onSelect?.(b.excerptId)}
        />
      ))}
    </div>
  );
}

/** The smallest top and largest bottom of some boxes, or null for none. */
export function verticalExtent(boxes: Iterable<{ top: number; height: number }>): { top: number; bottom: number } | null {
  let top = Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    top = Math.min(top, b.top);
    bottom = Math.max(bottom, b.top + b.height);
  }
  return Number.isFinite(top) ? { top, bottom } : null;
}
