/**
 * Agreement on text spans (what each coder highlighted and coded), per code and per document,
 * with the three ways of summing documents up, each labelled:
 *
 *  - `pooled`: every character of every document in one table (NVivo's "all sources"; long
 *    documents weigh more, and documents where nobody used the code add agreed "not coded"
 *    characters);
 *  - `meanOfDocuments`: the plain mean of the per-document values where they are defined;
 *  - `sizeWeightedMean`: their mean weighted by document length (characters).
 *
 * Per code and document: the character-level κ and percent agreement (./char-level.ts), α on
 * the same characters, and |uα for the code (./unitizing.ts). Over the whole corpus: uα over
 * all codes and |uα of "coded with any code" versus "not coded".
 */
import { addCharCounts, charAlpha, charCounts, charKappa, charPercentAgreement, type CharCounts } from './char-level';
import { EMPTY_INTERVALS, normaliseIntervals, type Intervals } from './intervals';
import type { SpansInput } from './schema';
import { defined, undefinedStatistic, type Statistic } from './statistic';
import { appendUnitizingParts, emptyUnitizingParts, unitizingAlpha, unitizingAlphaOverCategories, unitizingParts, type UnitizingParts } from './unitizing';

/** The four statistics of one code in one document (or aggregated). */
export interface SpanCell {
  char_kappa: Statistic;
  char_percent_agreement: Statistic;
  char_alpha: Statistic;
  u_alpha_binary: Statistic;
}

export const SPAN_CELL_KEYS = ['char_kappa', 'char_percent_agreement', 'char_alpha', 'u_alpha_binary'] as const;

export interface CodeSpanReport {
  code: string;
  /** Per document; `counts` is its character histogram, for callers that pool codes too. */
  byDocument: { id: string; length: number; cell: SpanCell; counts: CharCounts }[];
  pooled: SpanCell;
  meanOfDocuments: SpanCell;
  sizeWeightedMean: SpanCell;
}

export interface SpansReport {
  /** uα over all codes, whole corpus. */
  uAlpha: Statistic;
  /** |uα of coded (any code) vs not coded, whole corpus. */
  uAlphaBinary: Statistic;
  codes: CodeSpanReport[];
}

interface DocumentSpans {
  id: string;
  length: number;
  /** code → per coder [starts, ends] */
  byCode: Map<string, { starts: number[][]; ends: number[][] }>;
  any: { starts: number[][]; ends: number[][] };
}

function group(input: SpansInput): { docs: DocumentSpans[]; codes: string[] } {
  const m = input.coders.length;
  const coderIndex = new Map(input.coders.map((c, i) => [c, i]));
  const codes: string[] = [];
  const seen = new Set<string>();
  const empty = () => ({ starts: Array.from({ length: m }, () => [] as number[]), ends: Array.from({ length: m }, () => [] as number[]) });
  const docs = input.documents.map((d) => {
    const byCode = new Map<string, { starts: number[][]; ends: number[][] }>();
    const any = empty();
    for (const [coder, spans] of Object.entries(d.spans)) {
      const i = coderIndex.get(coder);
      if (i === undefined) throw new Error(`Document ${JSON.stringify(d.id)} has spans by ${JSON.stringify(coder)}, who is not in coders.`);
      for (const s of spans) {
        if (!seen.has(s.code)) {
          seen.add(s.code);
          codes.push(s.code);
        }
        let g = byCode.get(s.code);
        if (!g) byCode.set(s.code, (g = empty()));
        g.starts[i]!.push(s.start);
        g.ends[i]!.push(s.end);
        any.starts[i]!.push(s.start);
        any.ends[i]!.push(s.end);
      }
    }
    return { id: d.id, length: d.length, byCode, any };
  });
  return { docs, codes };
}

function intervalsOf(g: { starts: number[][]; ends: number[][] } | undefined, m: number): Intervals[] {
  const out: Intervals[] = [];
  for (let i = 0; i < m; i++) out.push(g && g.starts[i]!.length > 0 ? normaliseIntervals(g.starts[i]!, g.ends[i]!) : EMPTY_INTERVALS);
  return out;
}

function cellOf(counts: CharCounts, parts: UnitizingParts[]): SpanCell {
  return {
    char_kappa: charKappa(counts),
    char_percent_agreement: charPercentAgreement(counts),
    char_alpha: charAlpha(counts),
    u_alpha_binary: unitizingAlpha(parts),
  };
}

function averageCells(rows: { length: number; cell: SpanCell }[], weighted: boolean): SpanCell {
  const out = {} as SpanCell;
  for (const key of SPAN_CELL_KEYS) {
    let sum = 0;
    let weight = 0;
    for (const r of rows) {
      const v = r.cell[key].value;
      if (v === null) continue;
      const w = weighted ? r.length : 1;
      sum += v * w;
      weight += w;
    }
    out[key] =
      weight > 0
        ? defined(sum / weight)
        : undefinedStatistic(rows.length === 0 ? 'there are no documents' : 'undefined in every document (or every document is empty)');
  }
  return out;
}

/** The full span report (see the module comment). Input is assumed valid (./schema.ts). */
export function spansReport(input: SpansInput): SpansReport {
  const m = input.coders.length;
  const { docs, codes } = group(input);
  const codeReports: CodeSpanReport[] = [];
  const partsByCode: UnitizingParts[][] = [];
  for (const code of codes) {
    const pooledCounts: CharCounts = { length: 0, coderCount: m, byMask: new Map() };
    const pooledParts = emptyUnitizingParts(m);
    const byDocument: CodeSpanReport['byDocument'] = [];
    for (const d of docs) {
      const byCoder = intervalsOf(d.byCode.get(code), m);
      const counts = charCounts(byCoder, d.length);
      const p = unitizingParts(byCoder, d.length);
      addCharCounts(pooledCounts, counts);
      appendUnitizingParts(pooledParts, p);
      byDocument.push({ id: d.id, length: d.length, cell: cellOf(counts, [p]), counts });
    }
    partsByCode.push([pooledParts]);
    codeReports.push({
      code,
      byDocument,
      pooled: cellOf(pooledCounts, [pooledParts]),
      meanOfDocuments: averageCells(byDocument, false),
      sizeWeightedMean: averageCells(byDocument, true),
    });
  }
  const anyParts = emptyUnitizingParts(m);
  for (const d of docs) appendUnitizingParts(anyParts, unitizingParts(intervalsOf(d.any, m), d.length));
  return {
    uAlpha: codes.length > 0 ? unitizingAlphaOverCategories(partsByCode) : undefinedStatistic('no coder applied any code, so there is nothing to compare (0/0)'),
    uAlphaBinary: unitizingAlpha([anyParts]),
    codes: codeReports,
  };
}
