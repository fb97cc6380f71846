/**
 * The agreement report of a project: from the coders' layers as neutral data
 * (`ProjectAgreementData`, read by electron/services/agreement) to every figure the Agreement
 * screen, the CSV and the HTML page show. Pure, so it can be tested and benchmarked without a
 * database, and every number comes from the library functions of this folder:
 *
 *  - spans (./spans-report.ts): per code and document, κ, percent agreement and α on
 *    characters and |uα; pooled over documents, mean of documents, size-weighted mean; uα and
 *    |uα over the corpus; and here, the same character histograms pooled over codes (per
 *    document and overall: unit character × code);
 *  - codes applied per document (./kappa.ts, ./krippendorff.ts): one unit per code × document,
 *    "applied" or "not applied"; a document a coder coded nothing in is missing for them;
 *  - segments (./segments.ts) and CMOCs (./cmoc.ts): coder pairs only;
 *  - disagreements (./passages.ts): coder pairs only, largest first, with any recorded
 *    reconciliation decision.
 */
import { addCharCounts, charAlpha, charKappa, charPercentAgreement, type CharCounts } from './char-level';
import { cmocPairAgreement, type CmocForAgreement } from './cmoc';
import { normaliseIntervals, EMPTY_INTERVALS, type Intervals } from './intervals';
import { cohenKappa, fleissKappa, percentAgreement } from './kappa';
import { krippendorffAlpha } from './krippendorff';
import { cmocKey, comparePassages, shorten } from './passages';
import type {
  AgreementReport,
  CmocBrief,
  CmocItem,
  CmocOfCoder,
  CmocPairFigures,
  CodeRow,
  CodedSpan,
  DecisionRecord,
  DecisionSummary,
  Disagreement,
  DocumentRow,
  Figure,
  OverallKey,
  ProjectAgreementData,
} from './project-types';
import { toCountTable, toRatingMatrix, type RatingValue } from './ratings';
import { segmentAgreement } from './segments';
import { spansReport, type SpansReport } from './spans-report';
import type { Statistic } from './statistic';
import { unitizingAlpha, unitizingParts } from './unitizing';

/** At most this many disagreements are listed (the largest); the report counts them all. */
export const DISAGREEMENT_LIMIT = 5000;

export interface ReportOptions {
  /** Segment matching's overlap threshold |a∩b| / |a∪b| (MAXQDA's default is 0.9). */
  overlap: number;
  /** CMOC matching's per-slot Jaccard threshold. */
  cmocThreshold: number;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { overlap: 0.9, cmocThreshold: 0.5 };

const NOTHING_CODED = 'the compared coders have not coded anything yet, so there is nothing to compare';

const fig = (s: Statistic): Figure => (s.value === null ? { value: null, reason: s.undefinedReason ?? 'undefined' } : { value: s.value });
const undefinedFigure = (reason: string): Figure => ({ value: null, reason });

function summary(d: DecisionRecord | undefined): DecisionSummary | null {
  return d ? { id: d.id, decision: d.decision, rationale: d.rationale, decidedBy: d.decidedByName, at: d.createdAt } : null;
}

/** Statistics of "applied or not" units (one row per unit, one value per coder, null = missing). */
function appliedFigures(rows: RatingValue[][], coders: number): { kappa: Figure; percent: Figure; alpha: Figure } {
  if (rows.length === 0) {
    const none = undefinedFigure('there are no documents to compare');
    return { kappa: none, percent: none, alpha: none };
  }
  const matrix = toRatingMatrix(rows, coders, ['not applied', 'applied']);
  const table = toCountTable(matrix);
  return {
    kappa: fig(coders === 2 ? cohenKappa(matrix, 0, 1) : fleissKappa(table)),
    percent: fig(percentAgreement(table)),
    alpha: fig(krippendorffAlpha(table, 'nominal')),
  };
}

function emptyCounts(m: number): CharCounts {
  return { length: 0, coderCount: m, byMask: new Map() };
}

function brief(c: CmocOfCoder): CmocBrief {
  return { id: c.id, label: c.label, statement: c.statement, contexts: c.contexts, mechanisms: c.mechanisms, outcomes: c.outcomes };
}

function cmocSection(data: ProjectAgreementData, options: ReportOptions, decisions: Map<string, DecisionRecord>): AgreementReport['cmoc'] {
  const ids = data.coders.map((c) => c.id);
  const configs: CmocForAgreement[] = data.cmocs.map((c) => ({ id: c.id, coder: c.coderId, contexts: c.contexts, mechanisms: c.mechanisms, outcomes: c.outcomes }));
  const byId = new Map(data.cmocs.map((c) => [c.id, c]));
  const pairs: CmocPairFigures[] = [];
  const items: CmocItem[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const r = cmocPairAgreement(configs, ids[i]!, ids[j]!, options.cmocThreshold);
      pairs.push({ coderA: r.coderA, coderB: r.coderB, threshold: r.threshold, both: r.both, onlyA: r.onlyA.length, onlyB: r.onlyB.length, matchedShare: fig(r.matchedShare), meanSimilarity: fig(r.meanSimilarity) });
      if (ids.length !== 2) continue;
      for (const m of r.matches) {
        const key = cmocKey(m.a, m.b);
        items.push({ key, kind: m.similarity >= 1 ? 'same' : 'similar', a: brief(byId.get(m.a)!), b: brief(byId.get(m.b)!), similarity: m.similarity, decision: summary(decisions.get(key)) });
      }
      for (const a of r.onlyA) items.push({ key: cmocKey(a, null), kind: 'only-a', a: brief(byId.get(a)!), b: null, similarity: null, decision: summary(decisions.get(cmocKey(a, null))) });
      for (const b of r.onlyB) items.push({ key: cmocKey(null, b), kind: 'only-b', a: null, b: brief(byId.get(b)!), similarity: null, decision: summary(decisions.get(cmocKey(null, b))) });
    }
  }
  const label = (x: CmocItem) => (x.a ?? x.b)!.label;
  const order = { similar: 0, 'only-a': 1, 'only-b': 2, same: 3 } as const;
  items.sort((x, y) => order[x.kind] - order[y.kind] || label(x).localeCompare(label(y), undefined, { numeric: true }));
  return { pairs, items, reconciled: items.filter((x) => x.decision).length };
}

/** Builds the report (see the module comment). `data.coders` must list at least two coders. */
export function buildAgreementReport(data: ProjectAgreementData, options: ReportOptions = DEFAULT_REPORT_OPTIONS): AgreementReport {
  const m = data.coders.length;
  if (m < 2) throw new Error('Agreement compares at least two coders.');
  const isPair = m === 2;
  const coderIds = data.coders.map((c) => c.id);
  const coderIndex = new Map(coderIds.map((id, i) => [id, i]));
  const docs = data.documents;
  const docIndex = new Map(docs.map((d, i) => [d.id, i]));

  // Spans by document and coder (only spans of compared coders in listed documents, not empty).
  const byDocCoder: CodedSpan[][][] = docs.map(() => coderIds.map(() => []));
  const spansPerCoder = coderIds.map(() => 0);
  const spansPerCode = new Map<string, number[]>();
  for (const s of data.spans) {
    const d = docIndex.get(s.documentId);
    const c = coderIndex.get(s.coderId);
    if (d === undefined || c === undefined || s.end <= s.start || s.start < 0 || s.end > docs[d]!.length) continue;
    byDocCoder[d]![c]!.push(s);
    spansPerCoder[c]!++;
    let perCode = spansPerCode.get(s.codeId);
    if (!perCode) spansPerCode.set(s.codeId, (perCode = coderIds.map(() => 0)));
    perCode[c]!++;
  }
  const anything = spansPerCoder.some((n) => n > 0);

  const report: SpansReport = spansReport({
    kind: 'spans',
    coders: coderIds,
    documents: docs.map((d, i) => {
      const spans: Record<string, Array<{ start: number; end: number; code: string }>> = Object.create(null);
      coderIds.forEach((c, k) => (spans[c] = byDocCoder[i]![k]!.map((s) => ({ start: s.start, end: s.end, code: s.codeId }))));
      return { id: d.id, length: d.length, spans };
    }),
  });
  const reportByCode = new Map(report.codes.map((c) => [c.code, c]));
  const codeInfo = new Map(data.codes.map((c) => [c.id, c]));
  // Codebook order first, then any code only the spans name.
  const codeOrder = [...data.codes.map((c) => c.id).filter((id) => reportByCode.has(id)), ...report.codes.map((c) => c.code).filter((id) => !codeInfo.has(id))];

  // Character histograms pooled over codes: per document, and overall.
  const docPooled = docs.map(() => emptyCounts(m));
  const allPooled = emptyCounts(m);
  for (const code of report.codes) {
    code.byDocument.forEach((d, i) => {
      addCharCounts(docPooled[i]!, d.counts);
      addCharCounts(allPooled, d.counts);
    });
  }

  // Codes applied per document: coder k's value is null in a document they coded nothing in.
  const codedDoc = docs.map((_, i) => coderIds.map((__, k) => byDocCoder[i]![k]!.length > 0));
  const applied = docs.map((_, i) => coderIds.map((__, k) => new Set(byDocCoder[i]![k]!.map((s) => s.codeId))));
  const allRows: RatingValue[][] = [];
  const rowsOf = (codeId: string): RatingValue[][] =>
    docs.map((_, i) => coderIds.map((__, k) => (codedDoc[i]![k] ? (applied[i]![k]!.has(codeId) ? 'applied' : 'not applied') : null)));

  // Segments, per code and overall (pairs only).
  const seg = new Map<string, { matched: number; total: number }>();
  let segMatched = 0;
  let segTotal = 0;
  if (isPair) {
    docs.forEach((_, i) => {
      const toSeg = (s: CodedSpan) => ({ start: s.start, end: s.end, code: s.codeId });
      const r = segmentAgreement(byDocCoder[i]![0]!.map(toSeg), byDocCoder[i]![1]!.map(toSeg), options.overlap);
      for (const c of r.byCode) {
        const x = seg.get(c.code) ?? { matched: 0, total: 0 };
        x.matched += c.matchedA + c.matchedB;
        x.total += c.segmentsA + c.segmentsB;
        seg.set(c.code, x);
        segMatched += c.matchedA + c.matchedB;
        segTotal += c.segmentsA + c.segmentsB;
      }
    });
  }
  const segFigure = (matched: number, total: number): Figure => (total === 0 ? undefinedFigure('neither coder coded a segment with this code') : { value: matched / total });

  const codes: CodeRow[] = codeOrder.map((codeId) => {
    const r = reportByCode.get(codeId)!;
    const info = codeInfo.get(codeId);
    const rows = rowsOf(codeId);
    for (const row of rows) allRows.push(row);
    const docFigures = appliedFigures(rows, m);
    const s = seg.get(codeId);
    return {
      codeId,
      name: info?.name ?? codeId,
      kind: info?.kind ?? 'other',
      color: info?.color ?? '#868e96',
      spans: spansPerCode.get(codeId) ?? coderIds.map(() => 0),
      documents: coderIds.map((_, k) => applied.reduce((n, perCoder) => n + (perCoder[k]!.has(codeId) ? 1 : 0), 0)),
      charKappa: fig(r.pooled.char_kappa),
      charPercent: fig(r.pooled.char_percent_agreement),
      charAlpha: fig(r.pooled.char_alpha),
      uAlphaBinary: fig(r.pooled.u_alpha_binary),
      kappaMeanOfDocuments: fig(r.meanOfDocuments.char_kappa),
      kappaSizeWeighted: fig(r.sizeWeightedMean.char_kappa),
      docKappa: docFigures.kappa,
      docPercent: docFigures.percent,
      segments: isPair ? segFigure(s?.matched ?? 0, s?.total ?? 0) : null,
    };
  });

  // Disagreements and decisions (pairs only).
  const decisions = new Map(data.decisions.map((d) => [d.targetId, d]));
  const disagreements: Disagreement[] = [];
  const perDoc = docs.map(() => ({ total: 0, reconciled: 0 }));
  let agreedPassages = 0;
  if (isPair) {
    docs.forEach((d, i) => {
      for (const p of comparePassages(byDocCoder[i]![0]!, byDocCoder[i]![1]!)) {
        if (p.kind === null) {
          agreedPassages++;
          continue;
        }
        const decision = summary(decisions.get(p.key));
        perDoc[i]!.total++;
        if (decision) perDoc[i]!.reconciled++;
        disagreements.push({ key: p.key, documentId: d.id, documentTitle: d.title, start: p.start, end: p.end, quote: shorten(p.quote), kind: p.kind, size: p.size, a: p.a, b: p.b, decision });
      }
    });
    disagreements.sort((x, y) => y.size - x.size || x.documentTitle.localeCompare(y.documentTitle) || x.start - y.start);
  }
  const reconciledCount = disagreements.filter((x) => x.decision).length;

  const documents: DocumentRow[] = docs.map((d, i) => {
    const any: Intervals[] = coderIds.map((_, k) => {
      const list = byDocCoder[i]![k]!;
      return list.length === 0 ? EMPTY_INTERVALS : normaliseIntervals(list.map((s) => s.start), list.map((s) => s.end));
    });
    const pooled = docPooled[i]!;
    const none = report.codes.length === 0;
    return {
      documentId: d.id,
      title: d.title,
      length: d.length,
      spans: coderIds.map((_, k) => byDocCoder[i]![k]!.length),
      charKappa: none ? undefinedFigure(NOTHING_CODED) : fig(charKappa(pooled)),
      charPercent: none ? undefinedFigure(NOTHING_CODED) : fig(charPercentAgreement(pooled)),
      uAlphaBinary: fig(unitizingAlpha([unitizingParts(any, d.length)])),
      disagreements: perDoc[i]!.total,
      reconciled: perDoc[i]!.reconciled,
    };
  });

  // The heatmap: κ on characters by code × document.
  const reasons: string[] = [];
  const reasonAt = new Map<string, number>();
  const heatmap: AgreementReport['heatmap'] = { codeIds: codeOrder, documentIds: docs.map((d) => d.id), kappa: [], percent: [], reasonIndex: [], reasons };
  for (const codeId of codeOrder) {
    for (const cell of reportByCode.get(codeId)!.byDocument) {
      const k = cell.cell.char_kappa;
      heatmap.kappa.push(k.value);
      heatmap.percent.push(cell.cell.char_percent_agreement.value);
      if (k.value === null) {
        const reason = k.undefinedReason ?? 'undefined';
        let at = reasonAt.get(reason);
        if (at === undefined) reasonAt.set(reason, (at = reasons.push(reason) - 1));
        heatmap.reasonIndex.push(at);
      } else heatmap.reasonIndex.push(-1);
    }
  }

  const cmoc = cmocSection(data, options, decisions);
  const docFigures = appliedFigures(allRows, m);
  const pairCmoc = isPair ? cmoc.pairs[0]! : null;
  const orNothing = (f: Figure): Figure => (anything ? f : undefinedFigure(NOTHING_CODED));
  const overall: Array<{ key: OverallKey; figure: Figure }> = [
    { key: 'char_kappa', figure: orNothing(fig(charKappa(allPooled))) },
    { key: 'char_percent', figure: orNothing(fig(charPercentAgreement(allPooled))) },
    { key: 'char_alpha', figure: orNothing(fig(charAlpha(allPooled))) },
    { key: 'u_alpha', figure: orNothing(fig(report.uAlpha)) },
    { key: 'u_alpha_binary', figure: orNothing(fig(report.uAlphaBinary)) },
    { key: 'doc_kappa', figure: orNothing(docFigures.kappa) },
    { key: 'doc_percent', figure: orNothing(docFigures.percent) },
    { key: 'doc_alpha', figure: orNothing(docFigures.alpha) },
  ];
  // Segment and CMOC matching compare two coders: for more, they are per pair (cmoc.pairs), not overall.
  if (isPair) {
    overall.push(
      { key: 'segments', figure: orNothing(segFigure(segMatched, segTotal)) },
      { key: 'cmoc_matched_share', figure: pairCmoc!.matchedShare },
      { key: 'cmoc_mean_similarity', figure: pairCmoc!.meanSimilarity },
    );
  }

  const codeNames: AgreementReport['codeNames'] = Object.create(null);
  for (const c of data.codes) codeNames[c.id] = { name: c.name, kind: c.kind, color: c.color };
  for (const r of codes) codeNames[r.codeId] ??= { name: r.name, kind: r.kind, color: r.color };

  return {
    coders: data.coders,
    available: data.available,
    isPair,
    options: { ...options },
    scope: { documents: docs.length, codes: codes.length, characters: docs.reduce((n, d) => n + d.length, 0), spans: spansPerCoder },
    overall,
    codes,
    documents,
    heatmap,
    disagreements: disagreements.slice(0, DISAGREEMENT_LIMIT),
    disagreementCount: { total: disagreements.length, reconciled: reconciledCount, listed: Math.min(disagreements.length, DISAGREEMENT_LIMIT), agreedPassages },
    cmoc,
    codeNames,
  };
}
