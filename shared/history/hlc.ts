/**
 * A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks and Consistent Snapshots in
 * Globally Distributed Databases", 2014): a timestamp that follows wall-clock time but never
 * goes backwards and orders causally related events correctly even when machines' clocks
 * disagree. Each action in a project's change log carries one, so actions made by coders on
 * different machines can be merged into one order.
 *
 * Encoded as a fixed-width string that sorts like the clock: 15 digits of milliseconds, 6 of
 * counter, then the node id ("000001732890000000.000003.ab12cd34" style), so SQL `ORDER BY hlc`
 * is the clock order.
 */

export interface Hlc {
  /** Milliseconds since the epoch (the largest physical time seen). */
  millis: number;
  /** Distinguishes events within the same millisecond. */
  counter: number;
  /** Breaks ties between machines; any short string without dots. */
  node: string;
}

const MILLIS_WIDTH = 15;
const COUNTER_WIDTH = 6;
const MAX_COUNTER = 10 ** COUNTER_WIDTH - 1;

export function formatHlc(h: Hlc): string {
  return `${String(h.millis).padStart(MILLIS_WIDTH, '0')}.${String(h.counter).padStart(COUNTER_WIDTH, '0')}.${h.node}`;
}

/** Reads a clock string; null when it is not one. */
export function parseHlc(text: string): Hlc | null {
  const m = /^(\d{15})\.(\d{6})\.([^.]+)$/.exec(text);
  if (!m) return null;
  return { millis: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

/**
 * The clock for a new local event: wall time when it has moved on, otherwise the last time
 * with the counter advanced (so a clock set back never produces an earlier stamp).
 */
export function tickHlc(last: Hlc | null, nowMillis: number, node: string): Hlc {
  if (!last || nowMillis > last.millis) return { millis: nowMillis, counter: 0, node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node };
  return { millis: last.millis, counter: last.counter + 1, node };
}

/** The clock after receiving a remote stamp: later than both it and everything seen locally. */
export function receiveHlc(last: Hlc | null, remote: Hlc, nowMillis: number, node: string): Hlc {
  const millis = Math.max(nowMillis, remote.millis, last?.millis ?? 0);
  let counter = 0;
  if (millis === remote.millis && last && millis === last.millis) counter = Math.max(remote.counter, last.counter) + 1;
  else if (last && millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node };
  return { millis, counter, node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
