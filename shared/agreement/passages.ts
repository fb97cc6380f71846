/**
 * Where two coders disagree in a document, passage by passage, and what a reconciliation
 * decision puts into the consensus layer. Pure: coded spans in, passages out.
 *
 * A passage is a stretch of text covered by overlapping passages (excerpts) of either coder:
 * the excerpts of both coders are sorted by start and chained while each starts before the
 * stretch so far ends (excerpts that only touch stay apart, as in ./intervals.ts). Per code,
 * the coders disagree on |A_code Δ B_code| characters (what one coded with the code and the
 * other did not); a passage's `size` is that sum over codes, 0 when they agree exactly.
 *
 * A passage's key is the sorted list of the excerpt ids in it: the same work by the same coders
 * gives the same key, so a recorded decision finds its passage again after a recompute, and
 * any change to either coder's passages there makes it a new disagreement.
 */
import { coveredLength, normaliseIntervals, type Intervals } from './intervals';
import type { CodedSpan, DisagreementKind, PassageSide } from './project-types';

/** One coder's excerpt with the codes they gave it. */
export interface SideExcerpt {
  id: string;
  start: number;
  end: number;
  /** null when the spans were read without their words. */
  quote: string | null;
  codeIds: string[];
}

/** A passage of one document compared between coder A and coder B. */
export interface ComparedPassage {
  key: string;
  start: number;
  end: number;
  quote: string;
  a: PassageSide;
  b: PassageSide;
  size: number;
  /** null when both coders coded the passage exactly alike. */
  kind: DisagreementKind | null;
}

/** Groups one coder's spans by excerpt (an excerpt with three codes is one passage). */
export function excerptsOf(spans: readonly CodedSpan[]): SideExcerpt[] {
  const byId = new Map<string, SideExcerpt>();
  for (const s of spans) {
    let e = byId.get(s.excerptId);
    if (!e) byId.set(s.excerptId, (e = { id: s.excerptId, start: s.start, end: s.end, quote: s.quote ?? null, codeIds: [] }));
    if (!e.codeIds.includes(s.codeId)) e.codeIds.push(s.codeId);
  }
  return [...byId.values()];
}

/** Characters in both of two normalised interval lists. */
export function intersectionLength(x: Intervals, y: Intervals): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.starts.length && j < y.starts.length) {
    const s = Math.max(x.starts[i]!, y.starts[j]!);
    const e = Math.min(x.ends[i]!, y.ends[j]!);
    if (e > s) n += e - s;
    if (x.ends[i]! <= y.ends[j]!) i++;
    else j++;
  }
  return n;
}

function intervalsOf(list: readonly SideExcerpt[], codeId?: string): Intervals {
  const chosen = codeId === undefined ? list : list.filter((e) => e.codeIds.includes(codeId));
  return normaliseIntervals(
    chosen.map((e) => e.start),
    chosen.map((e) => e.end),
  );
}

function sameIntervals(x: Intervals, y: Intervals): boolean {
  if (x.starts.length !== y.starts.length) return false;
  for (let i = 0; i < x.starts.length; i++) if (x.starts[i] !== y.starts[i] || x.ends[i] !== y.ends[i]) return false;
  return true;
}

/** Cuts text longer than `max` characters in the middle, keeping both ends. */
export function shorten(text: string, max = 320): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  return `${text.slice(0, half).trimEnd()} … ${text.slice(text.length - half).trimStart()}`;
}

/**
 * The passage's words, pieced together from its excerpts' quotes (each quote is the text at
 * its offsets; a quote that no longer matches its length, after re-extraction, is joined with
 * an ellipsis instead). Empty when the spans came without their words.
 */
export function passageQuote(excerpts: readonly SideExcerpt[]): string {
  if (excerpts.some((e) => e.quote === null)) return '';
  const sorted = [...excerpts].sort((x, y) => x.start - y.start || y.end - x.end) as Array<SideExcerpt & { quote: string }>;
  let text = '';
  let cursor = -1;
  for (const e of sorted) {
    if (e.quote.length !== e.end - e.start) return sorted.map((x) => x.quote).join(' … ');
    if (cursor < 0) {
      text = e.quote;
      cursor = e.end;
    } else if (e.end > cursor) {
      text += e.quote.slice(cursor - e.start);
      cursor = e.end;
    }
  }
  return text;
}

/** The key of a passage from the ids of the excerpts in it. */
export function passageKey(excerptIds: Iterable<string>): string {
  return [...new Set(excerptIds)].sort().join(',');
}

/** The key of a CMOC reconciliation item from the configurations in it. */
export function cmocKey(a: string | null, b: string | null): string {
  return [a, b]
    .filter((x): x is string => !!x)
    .sort()
    .join(',');
}

function sideOf(list: readonly SideExcerpt[]): PassageSide {
  const codeIds: string[] = [];
  for (const e of list) for (const c of e.codeIds) if (!codeIds.includes(c)) codeIds.push(c);
  return { excerpts: list.map((e) => ({ id: e.id, start: e.start, end: e.end, codeIds: [...e.codeIds] })), codeIds };
}

function compareCluster(a: SideExcerpt[], b: SideExcerpt[]): ComparedPassage {
  const all = [...a, ...b];
  let start = Infinity;
  let end = -Infinity;
  for (const e of all) {
    start = Math.min(start, e.start);
    end = Math.max(end, e.end);
  }
  const codes = new Set<string>();
  for (const e of all) for (const c of e.codeIds) codes.add(c);
  let size = 0;
  for (const c of codes) {
    const x = intervalsOf(a, c);
    const y = intervalsOf(b, c);
    size += coveredLength(x) + coveredLength(y) - 2 * intersectionLength(x, y);
  }
  const sa = sideOf(a);
  const sb = sideOf(b);
  let kind: DisagreementKind | null = null;
  if (a.length === 0) kind = 'only-b';
  else if (b.length === 0) kind = 'only-a';
  else if (size > 0) {
    const sameCover = sameIntervals(intervalsOf(a), intervalsOf(b));
    const sameCodes = sa.codeIds.length === sb.codeIds.length && sa.codeIds.every((c) => sb.codeIds.includes(c));
    kind = sameCover ? 'codes' : sameCodes ? 'boundaries' : 'codes-and-boundaries';
  }
  return { key: passageKey(all.map((e) => e.id)), start, end, quote: passageQuote(all), a: sa, b: sb, size, kind };
}

/**
 * Every passage of one document where coder A or coder B coded something, in reading order,
 * with how they differ (see the module comment). `a` and `b` are the two coders' spans in
 * that document.
 */
export function comparePassages(aSpans: readonly CodedSpan[], bSpans: readonly CodedSpan[]): ComparedPassage[] {
  const items = [...excerptsOf(aSpans).map((e) => ({ side: 0, e })), ...excerptsOf(bSpans).map((e) => ({ side: 1, e }))];
  items.sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end || x.side - y.side);
  const out: ComparedPassage[] = [];
  let a: SideExcerpt[] = [];
  let b: SideExcerpt[] = [];
  let clusterEnd = -Infinity;
  for (const { side, e } of items) {
    if (e.start >= clusterEnd && a.length + b.length > 0) {
      out.push(compareCluster(a, b));
      a = [];
      b = [];
    }
    (side === 0 ? a : b).push(e);
    clusterEnd = a.length + b.length === 1 ? e.end : Math.max(clusterEnd, e.end);
  }
  if (a.length + b.length > 0) out.push(compareCluster(a, b));
  return out;
}

/** How a disagreement on a passage is resolved. */
export type PassageDecision = 'accept-a' | 'accept-b' | 'both' | 'merge' | 'edit';

/** A passage to write into the consensus layer, with the codes it gets. */
export interface ConsensusSpan {
  start: number;
  end: number;
  codeIds: string[];
  /** The coders' excerpts lying within it (their rectangles draw it in a PDF). */
  sources: string[];
}

function groupByBoundaries(excerpts: ReadonlyArray<{ id: string; start: number; end: number; codeIds: string[] }>): ConsensusSpan[] {
  const byRange = new Map<string, ConsensusSpan>();
  for (const e of excerpts) {
    const k = `${e.start}:${e.end}`;
    let s = byRange.get(k);
    if (!s) byRange.set(k, (s = { start: e.start, end: e.end, codeIds: [], sources: [] }));
    for (const c of e.codeIds) if (!s.codeIds.includes(c)) s.codeIds.push(c);
    s.sources.push(e.id);
  }
  return [...byRange.values()].sort((x, y) => x.start - y.start || x.end - y.end);
}

/**
 * What the consensus layer gets for a decision on a passage:
 *  - accept-a / accept-b: that coder's passages with that coder's codes (nothing when that
 *    coder left the passage uncoded: the decision is that it stays uncoded);
 *  - both: every passage of either coder, passages with the same boundaries joined, codes united;
 *  - merge: one passage from the earliest start to the latest end, with every code either gave;
 *  - edit: the passage and codes the reconciler chose.
 */
export function consensusPlan(p: Pick<ComparedPassage, 'start' | 'end' | 'a' | 'b'>, decision: PassageDecision, edit?: { start: number; end: number; codeIds: readonly string[] }): ConsensusSpan[] {
  const all = [...p.a.excerpts, ...p.b.excerpts];
  const within = (s: number, e: number) => all.filter((x) => x.start >= s && x.end <= e).map((x) => x.id);
  switch (decision) {
    case 'accept-a':
      return groupByBoundaries(p.a.excerpts);
    case 'accept-b':
      return groupByBoundaries(p.b.excerpts);
    case 'both':
      return groupByBoundaries(all);
    case 'merge': {
      const codeIds: string[] = [];
      for (const c of [...p.a.codeIds, ...p.b.codeIds]) if (!codeIds.includes(c)) codeIds.push(c);
      return [{ start: p.start, end: p.end, codeIds, sources: within(p.start, p.end) }];
    }
    case 'edit': {
      if (!edit) throw new Error('An edit needs the passage and its codes.');
      return [{ start: edit.start, end: edit.end, codeIds: [...new Set(edit.codeIds)], sources: within(edit.start, edit.end) }];
    }
  }
}
