/**
 * Agreement on CMO configurations: did two coders propose the same configurations? No
 * published coefficient exists for this, so the rule is stated plainly and every number can be
 * recounted by hand. Unit of analysis: the configuration.
 *
 * Similarity of configurations x (coder A) and y (coder B), slot by slot, with Jaccard's index
 * J(S, T) = |S ∩ T| / |S ∪ T| on the sets of code names (two empty slots count as the same,
 * J = 1): J_C, J_M, J_O. x and y may be matched when every slot reaches the threshold
 * (default 0.5); their similarity is the mean (J_C + J_M + J_O) / 3. Each configuration is
 * matched at most once: the matching maximises the summed similarity over the pairs allowed
 * (the assignment problem, solved exactly with the Hungarian method, Kuhn 1955 / Munkres
 * 1957), so the result does not depend on the order of the lists.
 *
 * Reported per coder pair: configurations both found (matched pairs), those only one found,
 * the mean similarity and mean per-slot Jaccard of the matched pairs, and the share of
 * configurations matched, 2·both / (n_A + n_B).
 */
import { defined, undefinedStatistic, type Statistic } from './statistic';

/** A configuration as the neutral file and the project give it: code names per slot. */
export interface CmocForAgreement {
  id: string;
  coder: string;
  contexts: string[];
  mechanisms: string[];
  outcomes: string[];
}

export interface CmocMatch {
  a: string;
  b: string;
  contexts: number;
  mechanisms: number;
  outcomes: number;
  similarity: number;
}

export interface CmocPairAgreement {
  coderA: string;
  coderB: string;
  threshold: number;
  /** Matched pairs, best first. */
  matches: CmocMatch[];
  both: number;
  onlyA: string[];
  onlyB: string[];
  /** 2·both / (n_A + n_B); undefined when neither coder has a configuration. */
  matchedShare: Statistic;
  /** Mean similarity of the matched pairs; undefined when nothing matched. */
  meanSimilarity: Statistic;
  meanContexts: Statistic;
  meanMechanisms: Statistic;
  meanOutcomes: Statistic;
}

/** Jaccard's index of two sets of names (1 for two empty sets). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/**
 * Maximum-weight assignment on a rows × cols weight matrix (weights ≥ 0; 0 = not allowed).
 * Returns for each row the column it gets, or −1. O(n³) Hungarian method with potentials on
 * the square matrix padded with zeros, minimising the negated weights.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[], cols: number): number[] {
  const rows = weights.length;
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  const cost = (i: number, j: number) => (i < rows && j < cols ? -(weights[i]![j] ?? 0) : 0);
  // 1-based arrays as in the classic formulation: p[j] = row matched to column j.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i >= 0 && i < rows && j - 1 < cols && (weights[i]![j - 1] ?? 0) > 0) out[i] = j - 1;
  }
  return out;
}

const mean = (xs: number[], reason: string): Statistic => (xs.length === 0 ? undefinedStatistic(reason) : defined(xs.reduce((s, x) => s + x, 0) / xs.length));

/** Agreement of two coders' configurations (see the module comment). */
export function cmocPairAgreement(configs: readonly CmocForAgreement[], coderA: string, coderB: string, threshold = 0.5): CmocPairAgreement {
  if (!(threshold >= 0 && threshold <= 1)) throw new Error('The Jaccard threshold is a share in [0, 1].');
  const xs = configs.filter((c) => c.coder === coderA);
  const ys = configs.filter((c) => c.coder === coderB);
  const slots = xs.map((x) => ys.map((y) => [jaccard(x.contexts, y.contexts), jaccard(x.mechanisms, y.mechanisms), jaccard(x.outcomes, y.outcomes)] as const));
  // Allowed pairs get their similarity (> 0 whenever every slot reaches a positive threshold);
  // a tiny floor keeps a threshold of 0 meaningful (all pairs allowed).
  const weights = slots.map((row) => row.map(([c, m, o]) => (c >= threshold && m >= threshold && o >= threshold ? Math.max((c + m + o) / 3, 1e-9) : 0)));
  const assignment = maxWeightAssignment(weights, ys.length);
  const matches: CmocMatch[] = [];
  const matchedB = new Set<number>();
  assignment.forEach((j, i) => {
    if (j < 0) return;
    matchedB.add(j);
    const [c, m, o] = slots[i]![j]!;
    matches.push({ a: xs[i]!.id, b: ys[j]!.id, contexts: c, mechanisms: m, outcomes: o, similarity: (c + m + o) / 3 });
  });
  matches.sort((p, q) => q.similarity - p.similarity || p.a.localeCompare(q.a));
  const total = xs.length + ys.length;
  const none = 'no configuration was matched';
  return {
    coderA,
    coderB,
    threshold,
    matches,
    both: matches.length,
    onlyA: xs.filter((_, i) => assignment[i]! < 0).map((x) => x.id),
    onlyB: ys.filter((_, j) => !matchedB.has(j)).map((y) => y.id),
    matchedShare: total === 0 ? undefinedStatistic('neither coder proposed a configuration') : defined((2 * matches.length) / total),
    meanSimilarity: mean(matches.map((x) => x.similarity), none),
    meanContexts: mean(matches.map((x) => x.contexts), none),
    meanMechanisms: mean(matches.map((x) => x.mechanisms), none),
    meanOutcomes: mean(matches.map((x) => x.outcomes), none),
  };
}

/** `cmocPairAgreement` for every pair of coders that appear in `configs` (in first-seen order). */
export function cmocAgreement(configs: readonly CmocForAgreement[], threshold = 0.5): CmocPairAgreement[] {
  const coders = [...new Set(configs.map((c) => c.coder))];
  const out: CmocPairAgreement[] = [];
  for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) out.push(cmocPairAgreement(configs, coders[i]!, coders[j]!, threshold));
  return out;
}
