/**
 * Character spans as interval lists. Offsets are 0-based and end-exclusive, as in excerpts'
 * TextPosition selectors: [start, end) covers end − start characters.
 *
 * Every span statistic works on interval boundaries, never on one slot per character, so its
 * cost grows with the number of spans and not with the length of the documents.
 */

/** A coder's spans of one code in one document: sorted, non-overlapping [starts[i], ends[i]). */
export interface Intervals {
  starts: number[];
  ends: number[];
}

export const EMPTY_INTERVALS: Intervals = Object.freeze({ starts: [], ends: [] }) as Intervals;

/**
 * Sorts spans and merges those that overlap (a coder who highlights the same words twice with
 * the same code has coded them once). Spans that only touch ([0, 5) and [5, 9)) stay two units:
 * the coder marked two passages. Empty spans are dropped.
 */
export function normaliseIntervals(starts: readonly number[], ends: readonly number[]): Intervals {
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i++) sorted = starts[i - 1]! < starts[i]! || (starts[i - 1] === starts[i] && ends[i - 1]! <= ends[i]!);
  let order: number[] | null = null;
  if (!sorted) {
    order = starts.map((_, i) => i);
    order.sort((a, b) => starts[a]! - starts[b]! || ends[a]! - ends[b]!);
  }
  const out: Intervals = { starts: [], ends: [] };
  for (let k = 0; k < starts.length; k++) {
    const i = order ? order[k]! : k;
    const s = starts[i]!;
    const e = ends[i]!;
    if (e <= s) continue;
    const last = out.ends.length - 1;
    if (last >= 0 && s < out.ends[last]!) {
      if (e > out.ends[last]!) out.ends[last] = e;
    } else {
      out.starts.push(s);
      out.ends.push(e);
    }
  }
  return out;
}

/** Number of characters covered. */
export function coveredLength(iv: Intervals): number {
  let n = 0;
  for (let i = 0; i < iv.starts.length; i++) n += iv.ends[i]! - iv.starts[i]!;
  return n;
}
