/**
 * Agreement measured on a project: what the services read from the project's layers (the
 * neutral `ProjectAgreementData`, no database in sight) and the report built from it
 * (`AgreementReport`, see ./project-report.ts). Pure types, shared by the services, the page
 * and the exports, so the screen, the CSV and the HTML page say the same things.
 *
 * A "layer" is a coder's own work or the consensus layer (shared/coders/types.ts); a coder's
 * spans are the passages they coded: an excerpt's offsets, once per code the coder gave it.
 */

/** A coder (or the consensus layer) as the report names and colours them. */
export interface AgreementCoder {
  id: string;
  name: string;
  color: string;
  initials: string;
  kind: 'person' | 'consensus';
}

/** A live document with text, and its length in characters (UTF-16 code units, as offsets count). */
export interface AgreementDocument {
  id: string;
  title: string;
  length: number;
}

/** A live code. */
export interface AgreementCode {
  id: string;
  name: string;
  kind: string;
  color: string;
}

/** One code one coder gave one passage: the passage's offsets in its document's text. */
export interface CodedSpan {
  excerptId: string;
  documentId: string;
  /** The layer the coding is in (who applied the code). */
  coderId: string;
  start: number;
  end: number;
  codeId: string;
  /** The passage's stored words; left out by bulk reads (the report then leaves quotes to its caller). */
  quote?: string;
}

/** A coder's CMO configuration with its code ids per slot (mechanisms: resources and responses). */
export interface CmocOfCoder {
  id: string;
  coderId: string;
  label: string;
  statement: string;
  contexts: string[];
  mechanisms: string[];
  outcomes: string[];
}

/** A recorded reconciliation decision (the `consensus_decisions` table). */
export interface DecisionRecord {
  id: string;
  targetType: 'passage' | 'cmoc' | string;
  /** The disagreement's key (see `passageKey`, `cmocKey`). */
  targetId: string;
  decision: string;
  rationale: string;
  decidedBy: string | null;
  decidedByName: string | null;
  createdAt: string;
}

/** Everything the report needs, read from the project in one query per table. */
export interface ProjectAgreementData {
  /** The coders compared, in the order they are reported (A, B, ...). */
  coders: AgreementCoder[];
  /** Every coder or layer with coded work, for the picker. */
  available: AgreementCoder[];
  /** Documents at least one of the compared coders coded. */
  documents: AgreementDocument[];
  codes: AgreementCode[];
  /** The compared coders' spans in those documents. */
  spans: CodedSpan[];
  cmocs: CmocOfCoder[];
  decisions: DecisionRecord[];
}

/** A number, or undefined with the reason in words (never 0 or 1 in its place). */
export interface Figure {
  value: number | null;
  reason?: string;
}

/** One coder's side of a disagreement: their passages there and the codes they gave. */
export interface PassageSide {
  excerpts: Array<{ id: string; start: number; end: number; codeIds: string[] }>;
  /** Every code this coder gave in the passage, in first-seen order. */
  codeIds: string[];
}

/**
 * How two coders differ on a stretch of text: only one coded it, they gave different codes,
 * they marked different boundaries, or both.
 */
export type DisagreementKind = 'only-a' | 'only-b' | 'codes' | 'boundaries' | 'codes-and-boundaries';

/** A reconciliation decision on a disagreement, as the report shows it. */
export interface DecisionSummary {
  id: string;
  decision: string;
  rationale: string;
  decidedBy: string | null;
  at: string;
}

/**
 * A passage two coders did not code the same way: a stretch of one document covered by
 * overlapping passages of either coder. `size` is the number of characters on which they
 * disagree, summed over codes (Σ_code |A_code Δ B_code|), so a longer or more divided
 * disagreement sorts first.
 */
export interface Disagreement {
  key: string;
  documentId: string;
  documentTitle: string;
  start: number;
  end: number;
  /** The passage's words (cut in the middle past 320 characters). */
  quote: string;
  kind: DisagreementKind;
  size: number;
  a: PassageSide;
  b: PassageSide;
  decision: DecisionSummary | null;
}

/** A CMOC as the reconciliation shows it: code ids per slot. */
export interface CmocBrief {
  id: string;
  label: string;
  statement: string;
  contexts: string[];
  mechanisms: string[];
  outcomes: string[];
}

/**
 * One item of CMOC reconciliation: a matched pair (`same`: every slot identical; `similar`:
 * matched above the threshold but not identical), or a configuration only one coder proposed.
 */
export interface CmocItem {
  key: string;
  kind: 'same' | 'similar' | 'only-a' | 'only-b';
  a: CmocBrief | null;
  b: CmocBrief | null;
  /** Mean Jaccard of the three slots, for matched pairs. */
  similarity: number | null;
  decision: DecisionSummary | null;
}

/** The CMOC-level agreement of a coder pair (shared/agreement/cmoc.ts). */
export interface CmocPairFigures {
  coderA: string;
  coderB: string;
  threshold: number;
  both: number;
  onlyA: number;
  onlyB: number;
  matchedShare: Figure;
  meanSimilarity: Figure;
}

/** Statistics of one code (span statistics pooled over documents, and per document as units). */
export interface CodeRow {
  codeId: string;
  name: string;
  kind: string;
  color: string;
  /** Coded spans per compared coder (same order as `coders`). */
  spans: number[];
  /** Documents in which each coder applied the code. */
  documents: number[];
  charKappa: Figure;
  charPercent: Figure;
  charAlpha: Figure;
  uAlphaBinary: Figure;
  kappaMeanOfDocuments: Figure;
  kappaSizeWeighted: Figure;
  docKappa: Figure;
  docPercent: Figure;
  /** Segment agreement at the overlap threshold (coder pairs only). */
  segments: Figure | null;
}

/** Statistics of one document, all codes pooled. */
export interface DocumentRow {
  documentId: string;
  title: string;
  length: number;
  spans: number[];
  charKappa: Figure;
  charPercent: Figure;
  uAlphaBinary: Figure;
  disagreements: number;
  reconciled: number;
}

/**
 * The heatmap of character-level κ by code (rows) × document (columns), row-major. Reasons
 * are stored once and referenced by index (−1: defined), so 10,000 cells stay small.
 */
export interface AgreementHeatmap {
  codeIds: string[];
  documentIds: string[];
  kappa: Array<number | null>;
  percent: Array<number | null>;
  reasonIndex: number[];
  reasons: string[];
}

/** The overall figures, each with its key (see ./figures.ts for labels and units). */
export type OverallKey =
  | 'char_kappa'
  | 'char_percent'
  | 'char_alpha'
  | 'u_alpha'
  | 'u_alpha_binary'
  | 'doc_kappa'
  | 'doc_percent'
  | 'doc_alpha'
  | 'segments'
  | 'cmoc_matched_share'
  | 'cmoc_mean_similarity';

export interface AgreementReport {
  coders: AgreementCoder[];
  available: AgreementCoder[];
  /** True for exactly two coders: disagreements and reconciliation apply. */
  isPair: boolean;
  options: { overlap: number; cmocThreshold: number };
  scope: { documents: number; codes: number; characters: number; spans: number[] };
  /** Segment and CMOC figures are here for a pair only (for more coders, see `cmoc.pairs`). */
  overall: Array<{ key: OverallKey; figure: Figure }>;
  codes: CodeRow[];
  documents: DocumentRow[];
  heatmap: AgreementHeatmap;
  /** Largest first; at most `DISAGREEMENT_LIMIT` (the count says how many there are). */
  disagreements: Disagreement[];
  disagreementCount: { total: number; reconciled: number; listed: number; agreedPassages: number };
  cmoc: { pairs: CmocPairFigures[]; items: CmocItem[]; reconciled: number };
  /** Code names and colours by id, for everything above that names codes by id. */
  codeNames: Record<string, { name: string; kind: string; color: string }>;
}
