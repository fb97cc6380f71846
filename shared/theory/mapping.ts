/**
 * The refinement mapping between two versions of a program theory: which CMOCs were kept,
 * modified, split, merged, dropped or added. The app proposes it; the reviewer confirms or
 * edits it (electron/services/theory stores what they confirm).
 *
 * How a proposal is made:
 *  1. Candidate pairs (a CMOC of the earlier version, one of the later) are scored.
 *     - Identity: the later CMOC descends from the earlier one (copied or refined from it, at
 *       any distance: `derivedFrom` followed back through the versions in between), or both
 *       were built from the same coded CMOC. Score 1 + content similarity, so identity always
 *       wins and content ranks among identities.
 *     - Content: Jaccard similarity of their parts (a part is its layer plus its code, or its
 *       normalised text when it names no code), or 0.8 x the Jaccard similarity of the
 *       statements' content words when that is higher (hypotheses with no parts). Pairs below
 *       `CONTENT_THRESHOLD` are not candidates.
 *  2. Pairs are accepted greedily, best first, as long as every group of linked CMOCs stays a
 *     star: one earlier CMOC with one or more later ones (kept, modified, split), or several
 *     earlier ones with one later one (merged). A many-to-many tangle cannot be named as one
 *     of the six kinds, so the weaker pair that would make one is left out.
 *  3. A one-to-one pair is `kept` when parts and statement are the same, else `modified`;
 *     an earlier CMOC left alone is `dropped`; a later one left alone is `added`.
 */
import { CHANGE_KINDS, type ChangeKind, type TheoryChange, type TheoryCmoc, type TheoryMapping, type TheoryPart } from './types';

/** Below this similarity two CMOCs with no shared lineage are not proposed as the same. */
export const CONTENT_THRESHOLD = 0.34;

const STOPWORDS = new Set(
  'a an and are as at be because by for from has have he her his if in into is it its of on or she so than that the their them then there they this to was were when which who with'.split(' '),
);

/** Text compared without case, accents or punctuation. */
export function normaliseText(s: string): string {
  return s
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A part as a comparable key: layer plus code id, or layer plus normalised text. */
export function partKey(p: TheoryPart): string {
  return `${p.role}|${p.codeId ? `code:${p.codeId}` : `text:${normaliseText(p.text)}`}`;
}

/** The parts of a CMOC as comparable keys (see `partKey`). */
export function partKeys(c: Pick<TheoryCmoc, 'parts'>): Set<string> {
  return new Set(c.parts.map(partKey));
}

function words(s: string): Set<string> {
  return new Set(
    normaliseText(s)
      .split(' ')
      .filter((w) => w.length > 1 && !STOPWORDS.has(w)),
  );
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/** How alike two CMOCs are in content (0..1), as step 1 of the module comment scores it. */
export function contentSimilarity(a: Pick<TheoryCmoc, 'parts' | 'statement'>, b: Pick<TheoryCmoc, 'parts' | 'statement'>): number {
  return Math.max(jaccard(partKeys(a), partKeys(b)), 0.8 * jaccard(words(a.statement), words(b.statement)));
}

/** Whether two CMOCs say the same thing: the same parts and the same statement (spacing and case aside). */
export function sameContent(a: Pick<TheoryCmoc, 'parts' | 'statement'>, b: Pick<TheoryCmoc, 'parts' | 'statement'>): boolean {
  const ka = partKeys(a);
  const kb = partKeys(b);
  return ka.size === kb.size && [...ka].every((k) => kb.has(k)) && normaliseText(a.statement) === normaliseText(b.statement);
}

/**
 * Every ancestor of each CMOC (its `derivedFrom`, theirs, and so on), over all the CMOCs given:
 * what lets a mapping from the initial to the refined version see through an iteration.
 */
export function ancestry(cmocs: ReadonlyArray<Pick<TheoryCmoc, 'id' | 'derivedFrom'>>): Map<string, Set<string>> {
  const parents = new Map(cmocs.map((c) => [c.id, c.derivedFrom]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, path: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    for (const p of parents.get(id) ?? []) {
      out.add(p);
      if (path.has(p)) continue; // a cycle in bad data: stop rather than loop
      path.add(p);
      for (const q of visit(p, path)) out.add(q);
      path.delete(p);
    }
    memo.set(id, out);
    return out;
  };
  for (const c of cmocs) visit(c.id, new Set([c.id]));
  return memo;
}

/** The kind a change of this shape must have (`same`: the one-to-one pair says the same thing). */
export function kindForShape(from: number, to: number, same: boolean): ChangeKind | null {
  if (from === 1 && to === 1) return same ? 'kept' : 'modified';
  if (from === 1 && to > 1) return 'split';
  if (from > 1 && to === 1) return 'merged';
  if (from === 1 && to === 0) return 'dropped';
  if (from === 0 && to === 1) return 'added';
  return null;
}

type MappingCmoc = Pick<TheoryCmoc, 'id' | 'parts' | 'statement' | 'sourceCmocId' | 'derivedFrom'>;

/** A short reason for a proposed change, for the reviewer to confirm or rewrite. */
function proposedRationale(kind: ChangeKind, from: MappingCmoc[], to: MappingCmoc[]): string {
  switch (kind) {
    case 'kept':
      return 'Proposed: unchanged.';
    case 'modified': {
      const a = partKeys(from[0]!);
      const b = partKeys(to[0]!);
      const added = to[0]!.parts.filter((p) => !a.has(partKey(p))).map((p) => p.text);
      const removed = from[0]!.parts.filter((p) => !b.has(partKey(p))).map((p) => p.text);
      const bits = [added.length ? `adds ${added.join(', ')}` : '', removed.length ? `drops ${removed.join(', ')}` : ''].filter(Boolean);
      return `Proposed: ${bits.length ? bits.join('; ') : 'reworded'}.`;
    }
    case 'split':
      return `Proposed: split into ${to.length} configurations.`;
    case 'merged':
      return `Proposed: ${from.length} configurations merged into one.`;
    case 'dropped':
      return 'Proposed: no later configuration matches it.';
    case 'added':
      return 'Proposed: new in this version.';
  }
}

/**
 * Proposes the mapping from `from` to `to` (see the module comment). `lineage` gives each
 * CMOC's ancestors across all versions (see `ancestry`); without it, `derivedFrom` alone is
 * followed. Changes come in the order of the earlier version, then the added ones.
 */
export function proposeMapping(
  fromVersionId: string,
  toVersionId: string,
  from: readonly MappingCmoc[],
  to: readonly MappingCmoc[],
  lineage?: ReadonlyMap<string, ReadonlySet<string>>,
): TheoryMapping {
  const ancestorsOf = (c: MappingCmoc): ReadonlySet<string> => lineage?.get(c.id) ?? new Set(c.derivedFrom);
  const pairs: Array<{ a: number; b: number; score: number }> = [];
  from.forEach((fa, a) => {
    to.forEach((tb, b) => {
      const content = contentSimilarity(fa, tb);
      const identity = ancestorsOf(tb).has(fa.id) || (fa.sourceCmocId !== null && fa.sourceCmocId === tb.sourceCmocId);
      if (identity) pairs.push({ a, b, score: 1 + content });
      else if (content >= CONTENT_THRESHOLD) pairs.push({ a, b, score: content });
    });
  });
  // Best first; ties by position so the proposal is the same every time.
  pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const partnersOfFrom = from.map(() => [] as number[]);
  const partnersOfTo = to.map(() => [] as number[]);
  for (const { a, b } of pairs) {
    const fa = partnersOfFrom[a]!;
    const tb = partnersOfTo[b]!;
    if (fa.length === 0 && tb.length === 0) {
      fa.push(b);
      tb.push(a);
    } else if (tb.length === 0 && fa.every((x) => partnersOfTo[x]!.length === 1)) {
      // `a` is (or becomes) the centre of a split: each of its later CMOCs has only `a`.
      fa.push(b);
      tb.push(a);
    } else if (fa.length === 0 && tb.every((x) => partnersOfFrom[x]!.length === 1)) {
      // `b` is (or becomes) the centre of a merge.
      fa.push(b);
      tb.push(a);
    }
  }
  const changes: TheoryChange[] = [];
  const doneTo = new Set<number>();
  const doneFrom = new Set<number>();
  from.forEach((_, a) => {
    if (doneFrom.has(a)) return;
    const tos = partnersOfFrom[a]!;
    let froms = [a];
    if (tos.length === 1) froms = partnersOfTo[tos[0]!]!.slice().sort((x, y) => x - y);
    for (const f of froms) doneFrom.add(f);
    for (const t of tos) doneTo.add(t);
    const fs = froms.map((i) => from[i]!);
    const ts = tos.slice().sort((x, y) => x - y).map((i) => to[i]!);
    const kind = kindForShape(fs.length, ts.length, fs.length === 1 && ts.length === 1 && sameContent(fs[0]!, ts[0]!))!;
    changes.push({ id: null, kind, fromCmocIds: fs.map((c) => c.id), toCmocIds: ts.map((c) => c.id), rationale: proposedRationale(kind, fs, ts), evidence: [], status: 'proposed' });
  });
  to.forEach((tb, b) => {
    if (doneTo.has(b)) return;
    changes.push({ id: null, kind: 'added', fromCmocIds: [], toCmocIds: [tb.id], rationale: proposedRationale('added', [], [tb]), evidence: [], status: 'proposed' });
  });
  return { fromVersionId, toVersionId, changes, stored: false, unmappedFrom: [], unmappedTo: [] };
}

/** What is wrong with a mapping a reviewer wants to save (empty: nothing). */
export function checkMapping(fromIds: readonly string[], toIds: readonly string[], changes: ReadonlyArray<Pick<TheoryChange, 'kind' | 'fromCmocIds' | 'toCmocIds'>>): string[] {
  const problems: string[] = [];
  const fromSet = new Set(fromIds);
  const toSet = new Set(toIds);
  const seenFrom = new Set<string>();
  const seenTo = new Set<string>();
  changes.forEach((c, i) => {
    const n = `Change ${i + 1} (${c.kind})`;
    if (!CHANGE_KINDS.includes(c.kind)) problems.push(`${n}: unknown kind.`);
    const shape = kindForShape(c.fromCmocIds.length, c.toCmocIds.length, true);
    const fits =
      (c.kind === 'kept' || c.kind === 'modified') ? shape === 'kept' : c.kind === shape;
    if (!fits) problems.push(`${n}: takes ${c.fromCmocIds.length} earlier and ${c.toCmocIds.length} later configuration(s), which is not a ${c.kind} change (${SHAPES[c.kind]}).`);
    for (const id of c.fromCmocIds) {
      if (!fromSet.has(id)) problems.push(`${n}: ${id} is not a configuration of the earlier version.`);
      else if (seenFrom.has(id)) problems.push(`${n}: ${id} already appears in another change.`);
      seenFrom.add(id);
    }
    for (const id of c.toCmocIds) {
      if (!toSet.has(id)) problems.push(`${n}: ${id} is not a configuration of the later version.`);
      else if (seenTo.has(id)) problems.push(`${n}: ${id} already appears in another change.`);
      seenTo.add(id);
    }
  });
  return problems;
}

/** The shape each kind takes, for error messages and the mapping editor's help. */
export const SHAPES: Readonly<Record<ChangeKind, string>> = {
  kept: 'one earlier, one later, the same',
  modified: 'one earlier, one later, changed',
  split: 'one earlier, two or more later',
  merged: 'two or more earlier, one later',
  dropped: 'one earlier, none later',
  added: 'none earlier, one later',
};

/** The CMOCs of either side that no change names. */
export function unmapped(fromIds: readonly string[], toIds: readonly string[], changes: ReadonlyArray<Pick<TheoryChange, 'fromCmocIds' | 'toCmocIds'>>): { unmappedFrom: string[]; unmappedTo: string[] } {
  const f = new Set(changes.flatMap((c) => c.fromCmocIds));
  const t = new Set(changes.flatMap((c) => c.toCmocIds));
  return { unmappedFrom: fromIds.filter((id) => !f.has(id)), unmappedTo: toIds.filter((id) => !t.has(id)) };
}

/** How many changes of each kind (the refinement view's legend counts). */
export function countKinds(changes: ReadonlyArray<Pick<TheoryChange, 'kind'>>): Record<ChangeKind, number> {
  const out = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const c of changes) out[c.kind] += 1;
  return out;
}
