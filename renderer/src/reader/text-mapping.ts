/**
 * Maps what the reader shows (the text-layer spans of a page, or a transcript's DOM) to the
 * text the back end stored for that page, so a highlight is saved as character offsets in the
 * stored text whatever the text layer's own spacing is.
 *
 * Why an alignment and not an identity: pdf.js's text layer shows each text item in its own
 * span with no separators, while the stored page text joins items with spaces and line breaks
 * (and may expand ligatures). Both sides carry the same visible characters in the same order,
 * so we align their non-whitespace characters, after NFKC folding (the "ﬁ" ligature becomes
 * "fi"), and resynchronise after a local difference by a short look-ahead.
 */

/** A visible character of a text: its folded form and where it sits in the original. */
interface Glyph {
  ch: string;
  at: number;
}

function glyphsOf(text: string): Glyph[] {
  const out: Glyph[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) continue;
    const folded = c.normalize('NFKC').toLowerCase();
    for (const f of folded) if (!/\s/.test(f)) out.push({ ch: f, at: i });
  }
  return out;
}

/** How far ahead we look for the next agreeing run after a difference (characters). */
const RESYNC_WINDOW = 48;
/** A run of this many agreeing characters counts as being back in step. */
const RESYNC_RUN = 4;

/**
 * A map from offsets in `shown` (the reader's text) to offsets in `stored` (the back end's
 * page text). `toStored(offset, 'start')` gives the stored offset of the first visible
 * character at or after `offset`; `'end'` gives the offset just past the last visible
 * character before it. Unaligned characters fall back to their nearest aligned neighbour.
 */
export interface TextAlignment {
  toStored(offset: number, side: 'start' | 'end'): number;
  /** Share of the shown text's visible characters that found a partner (1 = identical). */
  readonly coverage: number;
}

/**
 * Aligns `shown` with `stored` (see TextAlignment). Greedy in-order matching of visible
 * characters; on a difference it skips the fewest characters on either side that restart a
 * run of RESYNC_RUN agreeing ones within RESYNC_WINDOW. Linear in the text length for texts
 * that mostly agree, which a page's two renderings do.
 */
export function alignTexts(shown: string, stored: string): TextAlignment {
  const a = glyphsOf(shown);
  const b = glyphsOf(stored);
  // partner[i] = index into b of a[i]'s partner, or -1.
  const partner = new Int32Array(a.length).fill(-1);
  let i = 0;
  let j = 0;
  let matched = 0;
  const runAgrees = (x: number, y: number) => {
    for (let k = 0; k < RESYNC_RUN; k++) {
      if (x + k >= a.length || y + k >= b.length) return x + k >= a.length || y + k >= b.length;
      if (a[x + k]!.ch !== b[y + k]!.ch) return false;
    }
    return true;
  };
  while (i < a.length && j < b.length) {
    if (a[i]!.ch === b[j]!.ch) {
      partner[i] = j;
      matched++;
      i++;
      j++;
      continue;
    }
    // Look for the nearest (di, dj) that restarts an agreeing run; smallest total skip first.
    let found = false;
    for (let skip = 1; skip <= RESYNC_WINDOW * 2 && !found; skip++) {
      for (let di = 0; di <= Math.min(skip, RESYNC_WINDOW); di++) {
        const dj = skip - di;
        if (dj > RESYNC_WINDOW) continue;
        if (i + di < a.length && j + dj < b.length && runAgrees(i + di, j + dj)) {
          i += di;
          j += dj;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      i++;
      j++;
    }
  }

  const storedLength = stored.length;
  // Index of the first glyph of `shown` at or after each offset.
  const firstGlyphAt = (offset: number) => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]!.at < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    coverage: a.length === 0 ? 1 : matched / a.length,
    toStored(offset, side) {
      if (side === 'start') {
        for (let g = firstGlyphAt(offset); g < a.length; g++) {
          if (partner[g]! >= 0) return b[partner[g]!]!.at;
        }
        return storedLength;
      }
      for (let g = firstGlyphAt(offset) - 1; g >= 0; g--) {
        if (partner[g]! >= 0) return b[partner[g]!]!.at + 1;
      }
      return 0;
    },
  };
}

/** A text node of a rendered layer and where its text starts in the layer's text. */
export interface TextRun {
  node: Text;
  start: number;
}

/** The text nodes under `root` in document order, and the layer's text (their concatenation). */
export function textRunsOf(root: Node): { runs: TextRun[]; text: string } {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const runs: TextRun[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    runs.push({ node: t, start: text.length });
    text += t.data;
  }
  return { runs, text };
}

/**
 * The layer-text offset of a DOM boundary point (a Range's start or end). A point inside an
 * element (between children) resolves to the next text node's start; null when the point is
 * not under `root`.
 */
export function offsetOfPoint(root: Node, runs: TextRun[], container: Node, offset: number): number | null {
  if (!root.contains(container)) return null;
  if (container.nodeType === Node.TEXT_NODE) {
    const run = runs.find((r) => r.node === container);
    return run ? run.start + Math.min(offset, run.node.data.length) : null;
  }
  // Between children: find the first text run that follows the boundary point.
  const probe = root.ownerDocument!.createRange();
  probe.setStart(container, offset);
  probe.collapse(true);
  for (const run of runs) {
    if (probe.comparePoint(run.node, 0) >= 0) return run.start;
  }
  const last = runs[runs.length - 1];
  return last ? last.start + last.node.data.length : 0;
}

/** The layer-text span `[start, end)` of a selection range inside `root`, or null if outside. */
export function offsetsOfRange(root: Node, runs: TextRun[], range: Range): { start: number; end: number } | null {
  const start = offsetOfPoint(root, runs, range.startContainer, range.startOffset);
  const end = offsetOfPoint(root, runs, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * One Range per text node covering layer text `[start, end)`. Separate ranges per node (not
 * one range) so that `getClientRects` returns only text boxes, never the boxes of the spans
 * and `<br>`s a single range would also report.
 */
export function rangesForOffsets(runs: TextRun[], start: number, end: number): Range[] {
  const out: Range[] = [];
  for (const run of runs) {
    const len = run.node.data.length;
    const s = Math.max(start, run.start);
    const e = Math.min(end, run.start + len);
    if (e <= s) continue;
    const r = run.node.ownerDocument.createRange();
    r.setStart(run.node, s - run.start);
    r.setEnd(run.node, e - run.start);
    out.push(r);
  }
  return out;
}
