/**
 * Segment matching as MAXQDA's intercoder agreement does it at the segment level ("Segment
 * agreement", MAXQDA manual, Intercoder Agreement): the unit of analysis is the coded segment.
 * A segment of coder A agrees when coder B coded the same code on a segment that overlaps it
 * enough; then the same is asked for each of B's segments. Overlap is measured as MAXQDA
 * describes it, relative to the area both segments cover together:
 *
 *   overlap(a, b) = |a ∩ b| / |a ∪ b|,   a match when overlap ≥ threshold (e.g. 0.9).
 *
 * Percent agreement = (A's matched segments + B's matched segments) / (A's + B's segments).
 * Segments are the coders' own spans, not merged (a segment coded twice counts twice, as in
 * MAXQDA). Candidates are found with a sorted sweep, not by comparing every pair.
 */
import { defined, undefinedStatistic, type Statistic } from './statistic';

export interface Segment {
  start: number;
  end: number;
  code: string;
}

export interface SegmentCodeAgreement {
  code: string;
  segmentsA: number;
  segmentsB: number;
  matchedA: number;
  matchedB: number;
  percentAgreement: Statistic;
}

export interface SegmentAgreement {
  threshold: number;
  byCode: SegmentCodeAgreement[];
  /** Over all codes: matched segments of both coders / all their segments. */
  percentAgreement: Statistic;
}

interface Sorted {
  starts: number[];
  ends: number[];
  /** prefixMaxEnd[i] = max end of segments 0..i (bounds the backward scan). */
  prefixMaxEnd: number[];
}

function sortSegments(list: readonly Segment[]): Sorted {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const prefixMaxEnd: number[] = [];
  let max = -Infinity;
  for (const s of sorted) {
    max = Math.max(max, s.end);
    prefixMaxEnd.push(max);
  }
  return { starts: sorted.map((s) => s.start), ends: sorted.map((s) => s.end), prefixMaxEnd };
}

/** How many segments of `from` have a partner in `to` with overlap ≥ threshold. */
function countMatched(from: Sorted, to: Sorted, threshold: number): number {
  let matched = 0;
  for (let i = 0; i < from.starts.length; i++) {
    const s = from.starts[i]!;
    const e = from.ends[i]!;
    // Last candidate starting before e.
    let lo = 0;
    let hi = to.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (to.starts[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo - 1; j >= 0 && to.prefixMaxEnd[j]! > s; j--) {
      const ts = to.starts[j]!;
      const te = to.ends[j]!;
      const inter = Math.min(e, te) - Math.max(s, ts);
      if (inter <= 0) continue;
      const union = Math.max(e, te) - Math.min(s, ts);
      if (inter / union >= threshold) {
        matched++;
        break;
      }
    }
  }
  return matched;
}

function byCode(list: readonly Segment[]): Map<string, Segment[]> {
  const out = new Map<string, Segment[]>();
  for (const s of list) {
    if (s.end <= s.start) continue;
    let g = out.get(s.code);
    if (!g) out.set(s.code, (g = []));
    g.push(s);
  }
  return out;
}

const share = (matched: number, total: number) =>
  total === 0 ? undefinedStatistic('neither coder coded a segment with this code') : defined(matched / total, matched / total);

/** Segment agreement of two coders' segments in one document (see the module comment). */
export function segmentAgreement(a: readonly Segment[], b: readonly Segment[], threshold = 0.9): SegmentAgreement {
  if (!(threshold > 0 && threshold <= 1)) throw new Error('The overlap threshold is a share in (0, 1], e.g. 0.9.');
  const ga = byCode(a);
  const gb = byCode(b);
  const codes = [...new Set([...ga.keys(), ...gb.keys()])];
  const out: SegmentCodeAgreement[] = [];
  let matchedAll = 0;
  let totalAll = 0;
  for (const code of codes) {
    const sa = sortSegments(ga.get(code) ?? []);
    const sb = sortSegments(gb.get(code) ?? []);
    const matchedA = countMatched(sa, sb, threshold);
    const matchedB = countMatched(sb, sa, threshold);
    const total = sa.starts.length + sb.starts.length;
    matchedAll += matchedA + matchedB;
    totalAll += total;
    out.push({ code, segmentsA: sa.starts.length, segmentsB: sb.starts.length, matchedA, matchedB, percentAgreement: share(matchedA + matchedB, total) });
  }
  return { threshold, byCode: out, percentAgreement: share(matchedAll, totalAll) };
}
