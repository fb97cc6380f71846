/**
 * "Did you mean ...?" for a mistyped command, option or value: the nearest candidate by edit
 * distance, or one that starts with what was typed. Pure and tiny, so `realist --help` stays fast.
 */

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `typed`, or null when none is close: a candidate that starts with
 * what was typed (at least 2 characters), else the nearest within a third of its length (at
 * least 2 edits, so "colour" finds "color" and "fromat" finds "format"). Case is ignored.
 */
export function nearest(typed: string, candidates: readonly string[]): string | null {
  const t = typed.toLowerCase();
  if (t.length >= 2) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(t));
    if (prefixed.length === 1) return prefixed[0]!;
  }
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(t, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}
