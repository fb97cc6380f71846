/**
 * String similarity for deduplication: a normalised Levenshtein ratio, computed with two rows
 * and an early exit, because it runs once per candidate pair inside a block (never over all
 * pairs of a library).
 */

/**
 * 1 - editDistance(a, b) / max(|a|, |b|), in [0, 1]; 1 for two empty strings. When `min` is
 * given and the strings cannot reach it (their length difference alone is too large, or every
 * path through a row already costs too much), returns 0 early: callers only care whether a
 * pair clears a threshold.
 */
export function editSimilarity(a: string, b: string, min = 0): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const maxDistance = Math.floor((1 - min) * longest);
  if (Math.abs(a.length - b.length) > maxDistance) return 0;
  // Keep the shorter string in the inner loop: the rows are its length + 1.
  if (a.length < b.length) [a, b] = [b, a];
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let curr = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxDistance) return 0;
    [prev, curr] = [curr, prev];
  }
  return 1 - prev[n]! / longest;
}
