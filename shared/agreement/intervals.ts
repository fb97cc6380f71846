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
  const order = starts.map((_, i) => i).filter((i) => ends[i]! > starts[i]!);
  order.sort((a, b) => starts[a]! - starts[b]! || ends[a]! - ends[b]!);
  const out: Intervals = { starts: [], ends: [] };
  for (const i of order) {
    const s = starts[i]!;
    const e = ends[i]!;
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

/** Sections of a continuum [0, length): the units of `iv` and the gaps between them, in order. */
export interface Sections {
  starts: number[];
  ends: number[];
  /** 1 for a unit (coded), 0 for a gap. */
  coded: Uint8Array;
}

/** Splits [0, length) into `iv`'s units and the gaps around them (gaps of length 0 are omitted). */
export function toSections(iv: Intervals, length: number): Sections {
  const starts: number[] = [];
  const ends: number[] = [];
  const coded: number[] = [];
  let at = 0;
  for (let i = 0; i < iv.starts.length; i++) {
    const s = iv.starts[i]!;
    if (s > at) {
      starts.push(at);
      ends.push(s);
      coded.push(0);
    }
    starts.push(s);
    ends.push(iv.ends[i]!);
    coded.push(1);
    at = iv.ends[i]!;
  }
  if (at < length) {
    starts.push(at);
    ends.push(length);
    coded.push(0);
  }
  return { starts, ends, coded: Uint8Array.from(coded) };
}
