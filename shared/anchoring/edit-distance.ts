/**
 * Approximate string matching for re-anchoring quotes: where in a long text does a pattern
 * occur with at most k edits (insertions, deletions, substitutions)?
 *
 * `searchApproximate` is Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm
 * for approximate string matching based on dynamic programming", J. ACM 46(3), 1999), in its
 * blocked form for patterns longer than one machine word (32 bits in JavaScript's integer
 * operators). It scans the text once, updating 32 cells of the dynamic-programming column per
 * operation: O(n * ceil(m / 32)), so a 300-character quote is searched in a 400,000-character
 * article in a few milliseconds, where the plain dynamic programme (Sellers 1980) would fill
 * 120 million cells. It finds match ENDS and their edit counts; `bestStart` then recovers the
 * start of one match with a small dynamic programme over a window of m + k characters.
 */

/** A place where the pattern ends in the text with `errors` edits. */
export interface ApproximateEnd {
  /** Offset just after the match's last character. */
  end: number;
  errors: number;
}

const WORD = 32;

/**
 * END positions in `text` where `pattern` matches with at most `maxErrors` edits. Ends next to
 * each other are the same place matched with a character more or less, so of each run of
 * consecutive qualifying ends only those with the run's fewest errors are returned (all of
 * them on a tie: "managr" ends as well at "manag|er" as at "manager|", and only the context
 * can tell which is meant).
 */
export function searchApproximate(text: string, pattern: string, maxErrors: number): ApproximateEnd[] {
  const m = pattern.length;
  if (m === 0) return [];
  const blocks = Math.ceil(m / WORD);
  // peq: for each character of the pattern, a bit mask per block of the rows holding it.
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    let masks = peq.get(c);
    if (!masks) {
      masks = new Int32Array(blocks);
      peq.set(c, masks);
    }
    masks[(i / WORD) | 0]! |= 1 << i % WORD;
  }
  const empty = new Int32Array(blocks);
  const pv = new Int32Array(blocks).fill(-1); // vertical +1 deltas: column 0 is 0, 1, 2, ..., m
  const mv = new Int32Array(blocks); // vertical -1 deltas
  const lastBit = 1 << (m - 1) % WORD;
  let score = m; // D[m][j]: edits of the best match ending at text offset j
  const found: ApproximateEnd[] = [];
  let run: ApproximateEnd[] = [];

  for (let j = 0; j < text.length; j++) {
    const eqs = peq.get(text.charCodeAt(j)) ?? empty;
    // The top row of the search matrix is all zeros (a match may start anywhere), so the
    // horizontal delta entering the first block is 0.
    let hin = 0;
    for (let b = 0; b < blocks; b++) {
      const highBit = b === blocks - 1 ? lastBit : 1 << 31;
      let eq = eqs[b]!;
      const p = pv[b]!;
      const mm = mv[b]!;
      const xv = eq | mm;
      if (hin < 0) eq |= 1;
      const xh = (((eq & p) + p) ^ p) | eq;
      let ph = mm | ~(xh | p);
      let mh = p & xh;
      const hout = ph & highBit ? 1 : mh & highBit ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (hin < 0) mh |= 1;
      else if (hin > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      hin = hout;
    }
    score += hin;
    if (score <= maxErrors) {
      if (run.length === 0 || score < run[0]!.errors) run = [{ end: j + 1, errors: score }];
      else if (score === run[0]!.errors) run.push({ end: j + 1, errors: score });
    } else if (run.length > 0) {
      found.push(...run);
      run = [];
    }
  }
  found.push(...run);
  return found;
}

/**
 * The start of the best match of `pattern` that ends exactly at `end` in `text`, and its edit
 * count: a dynamic programme over the reversed pattern and the reversed window before `end`,
 * anchored at `end`. Ties prefer the length closest to the pattern's.
 */
export function bestStart(text: string, pattern: string, end: number, maxErrors: number): { start: number; errors: number } {
  const m = pattern.length;
  const windowStart = Math.max(0, end - m - maxErrors);
  const w = end - windowStart;
  // prev[j]: edits between the last i characters of the pattern and the j characters before `end`.
  let prev = new Int32Array(w + 1);
  let cur = new Int32Array(w + 1);
  for (let j = 0; j <= w; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const pc = pattern.charCodeAt(m - i);
    for (let j = 1; j <= w; j++) {
      const cost = text.charCodeAt(end - j) === pc ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let bestLen = 0;
  let bestErrors = Number.POSITIVE_INFINITY;
  for (let j = 0; j <= w; j++) {
    const e = prev[j]!;
    if (e < bestErrors || (e === bestErrors && Math.abs(j - m) < Math.abs(bestLen - m))) {
      bestErrors = e;
      bestLen = j;
    }
  }
  return { start: end - bestLen, errors: bestErrors };
}

/** Levenshtein distance between two short strings (prefix and suffix contexts): O(a * b). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = b.charCodeAt(j - 1) === ac ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
