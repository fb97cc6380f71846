/**
 * String similarity for deduplication: a normalised Levenshtein ratio, computed in a band
 * around the diagonal (Ukkonen's cut-off) with an early exit, because it runs once per
 * candidate pair inside a block (never over all pairs of a library) and callers only care
 * whether a pair clears a high threshold.
 */

/**
 * 1 - editDistance(a, b) / max(|a|, |b|), in [0, 1]; 1 for two empty strings. When `min` is
 * given, only distances up to (1 - min) * max(|a|, |b|) are computed exactly: cells farther
 * than that from the diagonal cannot lie on a cheaper path, so they are skipped, and as soon
 * as a whole row costs more the answer is 0. With min = 0.9 on 150-character titles that is
 * 31 cells a row instead of 150.
 */
export function editSimilarity(a: string, b: string, min = 0): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const k = Math.floor((1 - min) * longest);
  if (Math.abs(a.length - b.length) > k) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const n = b.length;
  const BIG = longest + 1;
  let prev = new Int32Array(n + 1);
  let curr = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j <= k ? j : BIG;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(n, i + k);
    curr[0] = i <= k ? i : BIG;
    if (from > 1) curr[from - 1] = BIG;
    let rowMin = curr[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const left = curr[j - 1]! + 1;
      if (left < v) v = left;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < n) curr[to + 1] = BIG;
    if (rowMin > k) return 0;
    [prev, curr] = [curr, prev];
  }
  const d = prev[n]!;
  return d > k ? 0 : 1 - d / longest;
}
